import Link from 'next/link';
import type { NamespaceCard } from '@/lib/posture/overview';
import { graphHref, namespaceHref, workloadsHref } from '@/lib/posture/links';
import { formatBytesPerSec, formatShare } from '@/components/graph/format';
import { gapsText, protectedText, waypointText } from '@/lib/posture/pod-counts';
import { Badge } from '@/components/ui/Badge';
import { Meter } from '@/components/ui/Meter';
import { namespaceStateWords } from '../common/enrollment';

/** One namespace on the overview: enrollment, waypoint, pods, mTLS share and throughput. */
export function NamespaceCardView({ card, duration }: { card: NamespaceCard; duration: number }) {
  const words = namespaceStateWords[card.enrollment];
  const t = card.traffic;
  const share = t?.mtlsShare ?? null;
  return (
    <article aria-labelledby={`ns-${card.name}`} data-testid={`card-${card.name}`} className="flex flex-col rounded-lg border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <header className="flex items-start justify-between gap-2 px-4 pt-3">
        <div className="min-w-0">
          <h3 id={`ns-${card.name}`} className="truncate font-semibold">
            <Link href={namespaceHref(card.name)} className="hover:underline">{card.name}</Link>
          </h3>
          <p className="truncate text-xs text-slate-500 dark:text-slate-400" data-testid="waypoints" title={card.waypoints.map(waypointText).join('\n') || card.enrollmentReason}>
            {card.waypoints.length === 0 ? 'No waypoint' : card.waypoints.map((w) => <span key={w.waypoint} className="mr-2 font-mono">{waypointText(w)}</span>)}
          </p>
        </div>
        <div className="flex shrink-0 flex-col items-end gap-1">
          <Badge tone={words.tone} title={card.enrollmentReason}>{words.label}</Badge>
          {!card.discovered && <Badge tone={card.ambient ? 'bad' : 'warn'} title="Outside meshConfig.discoverySelectors">Not discovered</Badge>}
        </div>
      </header>
      <dl className="grid grid-cols-3 gap-2 px-4 py-3 text-sm">
        <div>
          <dt className="text-xs text-slate-500 dark:text-slate-400">Workloads</dt>
          <dd className="font-medium tabular-nums">{card.workloads}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500 dark:text-slate-400" title="Application pods; waypoints, gateways and mesh pods are counted apart">App pods protected</dt>
          <dd className="font-medium tabular-nums">
            <span data-testid="protected-pods" title={`${protectedText(card.podCounts)}${card.podCounts.notProtected > 0 ? `; ${gapsText(card.podCounts)}` : ''}`}>{card.podCounts.protected} of {card.podCounts.application}</span>
            {card.podCounts.notProtected > 0 && <span className="ml-1 text-xs text-amber-700 dark:text-amber-300" title={gapsText(card.podCounts)}>({card.podCounts.notProtected} ⚠)</span>}
          </dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500 dark:text-slate-400">mTLS</dt>
          <dd className="font-medium tabular-nums">{!t ? 'n/a' : share === null ? '—' : formatShare(share)}</dd>
        </div>
      </dl>
      <div className="px-4">
        <Meter value={share} label={`mTLS share of ${card.name}'s bytes`} tone={share === null ? 'good' : undefined} className={share === null ? 'opacity-40' : undefined} />
      </div>
      <div className="flex items-center justify-between gap-2 px-4 py-2 text-xs text-slate-600 tabular-nums dark:text-slate-400">
        <span title="Bytes/s received by this namespace's workloads">↓ In {t ? formatBytesPerSec(t.inboundBps) : 'n/a'}</span>
        <span title="Bytes/s sent by this namespace's workloads">↑ Out {t ? formatBytesPerSec(t.outboundBps) : 'n/a'}</span>
        {t && t.plaintextEdges > 0 && <span className="text-amber-700 dark:text-amber-300">{t.plaintextEdges} plaintext</span>}
      </div>
      <footer className="mt-auto flex gap-3 border-t border-slate-100 px-4 py-2 text-xs dark:border-slate-800">
        <Link href={graphHref([card.name], { duration })} className="text-indigo-600 hover:underline dark:text-indigo-400">Traffic graph</Link>
        <Link href={workloadsHref({ namespace: card.name })} className="text-indigo-600 hover:underline dark:text-indigo-400">Workloads</Link>
      </footer>
    </article>
  );
}
