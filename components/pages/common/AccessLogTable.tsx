'use client';

import Link from 'next/link';
import { useState } from 'react';
import type { PodByAddress, ZtunnelLogLine } from '@/lib/api-client/ztunnel';
import { ztunnelHref } from '@/lib/posture/links';
import { formatMs } from '@/components/graph/format';
import { Badge } from '@/components/ui/Badge';
import { Breakable, LongName } from '@/components/ui/Breakable';
import { Table, Td, Th } from '@/components/ui/Table';
import { Identity } from '@/components/ui/Identity';

function bytes(n: number | undefined): string {
  if (n === undefined) return '—';
  if (n >= 1_000_000) return `${(n / 1_000_000).toFixed(1)} MB`;
  if (n >= 1000) return `${(n / 1000).toFixed(1)} kB`;
  return `${n} B`;
}

function Side({ workload, namespace, identity, fallback, redacted, byAddress }: { workload?: string; namespace?: string; identity?: string; fallback?: string; redacted?: boolean; byAddress?: PodByAddress }) {
  if (redacted) {
    return (
      <div className="min-w-0">
        <div className="truncate font-mono text-xs">{namespace}</div>
        <div className="truncate text-[11px] text-slate-500 dark:text-slate-400">in a namespace you may not see</div>
      </div>
    );
  }
  const name = workload ? `${namespace ? `${namespace}/` : ''}${workload}` : undefined;
  return (
    <div className="min-w-0">
      <div className="font-mono text-xs">
        {name ? <LongName value={name} /> : byAddress ? (
          <span data-testid="source-by-address" title={`ztunnel could not name ${fallback ?? 'this address'}; the Kubernetes API says pod ${byAddress.namespace}/${byAddress.pod} holds it`}>
            <Breakable text={`${byAddress.namespace}/${byAddress.pod}`} /> <span className="text-slate-500">({fallback}, by IP)</span>
          </span>
        ) : (fallback ?? 'unknown')}
      </div>
      <div className="text-[11px] text-slate-500 dark:text-slate-400">
        {identity ? <>🔐 <Identity value={identity} /></> : 'no identity (plaintext)'}
      </div>
    </div>
  );
}

const PAGE = 50;

/** ztunnel access-log records: time, direction, source and destination with their identities. */
export function AccessLogTable({ lines: all, caption }: { lines: ZtunnelLogLine[]; caption: string }) {
  const [page, setPage] = useState(0);
  const pages = Math.max(1, Math.ceil(all.length / PAGE));
  const current = Math.min(page, pages - 1);
  const lines = all.slice(current * PAGE, (current + 1) * PAGE);
  return (
    <>
    <Table caption={caption}>
      <thead>
        <tr>
          <Th>Time</Th>
          <Th>Direction</Th>
          <Th>Source</Th>
          <Th>Destination</Th>
          <Th className="text-right">Sent / received</Th>
          <Th className="text-right">Duration</Th>
          <Th>ztunnel</Th>
        </tr>
      </thead>
      <tbody>
        {lines.map((l, i) =>
          l.kind === 'access' ? (
            <tr key={i} className={l.error ? 'bg-red-50/60 dark:bg-red-950/20' : undefined}>
              <Td className="font-mono text-xs whitespace-nowrap">{l.time.replace('T', ' ').replace(/\.\d+Z$/, 'Z')}</Td>
              <Td>
                <Badge tone={l.direction === 'inbound' ? 'info' : 'neutral'}>{l.direction ?? '—'}</Badge>
              </Td>
              <Td className="max-w-64">
                <Side workload={l.src.workload} namespace={l.src.namespace} identity={l.src.identity} fallback={l.src.addr} redacted={l.src.redacted} byAddress={l.src.byAddress} />
              </Td>
              <Td className="max-w-72">
                <Side workload={l.dst.workload} namespace={l.dst.namespace} identity={l.dst.identity} fallback={l.dst.service ?? l.dst.addr} redacted={l.dst.redacted} />
                {l.error && <div className="mt-0.5 text-xs font-medium text-red-700 dark:text-red-300">error: {l.error}</div>}
              </Td>
              <Td className="text-right text-xs whitespace-nowrap tabular-nums">
                {bytes(l.bytesSent)} / {bytes(l.bytesRecv)}
              </Td>
              <Td className="text-right text-xs tabular-nums">{formatMs(l.durationMs)}</Td>
              <Td className="text-xs whitespace-nowrap">
                {l.node ? <Link href={ztunnelHref({ node: l.node })} className="hover:underline">{l.node}</Link> : (l.ztunnel ?? '—')}
              </Td>
            </tr>
          ) : (
            <tr key={i}>
              <Td className="font-mono text-xs whitespace-nowrap">{l.time ?? ''}</Td>
              <Td colSpan={5} className="font-mono text-xs break-all text-slate-600 dark:text-slate-400">{l.text}</Td>
              <Td className="text-xs">{l.node ?? l.ztunnel ?? '—'}</Td>
            </tr>
          ),
        )}
      </tbody>
    </Table>
    <nav aria-label="Access log pages" className="flex items-center justify-between gap-2 border-t border-slate-200 px-3 py-2 text-xs text-slate-600 dark:border-slate-800 dark:text-slate-400">
      <span data-testid="log-count">{all.length === 0 ? 'No lines' : `Lines ${current * PAGE + 1}–${current * PAGE + lines.length} of ${all.length}`}</span>
      {pages > 1 && (
        <span className="flex items-center gap-2">
          <button type="button" className="rounded border border-slate-300 px-2 py-0.5 disabled:opacity-40 dark:border-slate-700" disabled={current === 0} onClick={() => setPage(current - 1)}>Previous</button>
          <span>Page {current + 1} of {pages}</span>
          <button type="button" className="rounded border border-slate-300 px-2 py-0.5 disabled:opacity-40 dark:border-slate-700" disabled={current >= pages - 1} onClick={() => setPage(current + 1)}>Next</button>
        </span>
      )}
    </nav>
    </>
  );
}
