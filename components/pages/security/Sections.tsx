import Link from 'next/link';
import type { ReactNode } from 'react';
import type { CertificateFinding, DeniedEdge, NamespaceFinding, Peer, PlaintextEdge, PodFinding } from '@/lib/posture/findings';
import { ztunnelHref } from '@/lib/posture/links';
import { certificateStatusText } from '@/lib/posture/certificates';
import { formatBytesPerSec, formatRate, formatShare } from '@/components/graph/format';
import { Badge } from '@/components/ui/Badge';
import { Table, Td, Th } from '@/components/ui/Table';
import { Identity } from '@/components/ui/Identity';
import { Breakable } from '@/components/ui/Breakable';

const link = 'text-indigo-600 hover:underline dark:text-indigo-400';

/** A titled section with a count; an empty list reads as "all clear". */
export function Section({ id, title, count, tone = 'warn', clear, children, hint }: { id: string; title: string; count: number; tone?: 'warn' | 'bad' | 'info'; clear: string; children: ReactNode; hint?: ReactNode }) {
  return (
    <section id={id} aria-labelledby={`${id}-title`} className="scroll-mt-4 rounded-lg border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <header className="flex flex-wrap items-center gap-2 border-b border-slate-200 px-4 py-2.5 dark:border-slate-800">
        <h2 id={`${id}-title`} className="text-sm font-semibold">{title}</h2>
        <Badge tone={count === 0 ? 'good' : tone}>{count}</Badge>
        {hint && <span className="text-xs text-slate-500 dark:text-slate-400">{hint}</span>}
      </header>
      {count === 0 ? <p className="px-4 py-3 text-sm text-green-700 dark:text-green-400">✓ {clear}</p> : children}
    </section>
  );
}

function PeerCell({ peer }: { peer: Peer }) {
  const name = `${peer.namespace ? `${peer.namespace}/` : ''}${peer.name}`;
  return (
    <div>
      {peer.href ? <Link href={peer.href} className={`font-mono text-xs ${link}`}>{name}</Link> : <span className="font-mono text-xs">{name}</span>}
      <div className="text-[11px] text-slate-500 dark:text-slate-400">{peer.principals.length > 0 ? peer.principals.map((p) => <Identity key={p} value={p} className="mr-2" />) : peer.kind === 'external' ? 'outside the cluster' : 'no identity'}</div>
    </div>
  );
}

export function PlaintextTable({ edges }: { edges: PlaintextEdge[] }) {
  return (
    <Table caption="Plaintext edges">
      <thead>
        <tr><Th>Source</Th><Th>Destination</Th><Th>Why not mTLS</Th><Th className="text-right">Bytes</Th><Th className="text-right">mTLS</Th><Th><span className="sr-only">Fix</span></Th></tr>
      </thead>
      <tbody>
        {edges.map((e) => (
          <tr key={e.id} data-testid="plaintext-edge">
            <Td><PeerCell peer={e.source} /></Td>
            <Td><PeerCell peer={e.destination} /></Td>
            <Td className="max-w-md text-xs">
              <Badge tone={e.reason === 'partial' ? 'warn' : 'bad'}>{e.reason}</Badge>
              <div className="mt-0.5 text-slate-600 dark:text-slate-400" data-testid="plaintext-reason">{e.explanation}</div>
              <div className="mt-0.5 text-slate-700 dark:text-slate-300" data-testid="plaintext-fix"><span className="font-medium">Fix: </span>{e.fix}</div>
            </Td>
            <Td className="text-right text-xs whitespace-nowrap tabular-nums">{formatBytesPerSec(e.bytesPerSec)}</Td>
            <Td className="text-right text-xs tabular-nums">{e.mtlsShare === null ? '—' : formatShare(e.mtlsShare)}</Td>
            <Td className="text-right text-xs whitespace-nowrap"><Link href={e.graphHref} className={link}>Show in graph</Link></Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

export function DeniedTable({ edges }: { edges: DeniedEdge[] }) {
  return (
    <Table caption="Denied connections">
      <thead>
        <tr><Th>Source</Th><Th>Destination</Th><Th className="text-right">Denied</Th><Th><span className="sr-only">Fix</span></Th></tr>
      </thead>
      <tbody>
        {edges.map((e) => (
          <tr key={e.id} data-testid="denied-edge">
            <Td><PeerCell peer={e.source} /></Td>
            <Td><PeerCell peer={e.destination} /></Td>
            <Td className="text-right text-xs tabular-nums">{formatRate(e.deniedPerSec, 'conn/s')}</Td>
            <Td className="text-right text-xs whitespace-nowrap">
              <Link href={e.graphHref} className={link}>Show in graph</Link>
              <span className="mx-1.5 text-slate-300 dark:text-slate-600">·</span>
              <Link href={ztunnelHref({ tab: 'policies', namespace: e.destination.namespace })} className={link}>Policies</Link>
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

export function PodTable({ pods, nodeLink }: { pods: PodFinding[]; nodeLink?: boolean }) {
  return (
    <Table caption="Pods">
      <thead>
        <tr><Th>Pod</Th><Th>Workload</Th><Th>Node</Th><Th>Why</Th><Th>Fix</Th></tr>
      </thead>
      <tbody>
        {pods.map((p) => (
          <tr key={`${p.namespace}/${p.pod}`} data-testid="pod-finding">
            <Td className="font-mono text-xs"><Breakable text={`${p.namespace}/${p.pod}`} /></Td>
            <Td><Link href={p.href} className={`text-xs ${link}`}>{p.workload}</Link></Td>
            <Td className="text-xs whitespace-nowrap">{p.node ? nodeLink ? <Link href={ztunnelHref({ node: p.node })} className={link}>{p.node}</Link> : p.node : '—'}</Td>
            {/* Labels and commands are long unbroken words: let them break anywhere rather than widen the table. */}
            <Td className="text-xs wrap-anywhere text-slate-600 dark:text-slate-400" data-testid="pod-reason">{p.reason}</Td>
            <Td className="text-xs wrap-anywhere" data-testid="pod-fix">{p.fix}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

export function NamespaceTable({ namespaces }: { namespaces: NamespaceFinding[] }) {
  return (
    <ul className="divide-y divide-slate-100 dark:divide-slate-800">
      {namespaces.map((n) => (
        <li key={n.name} data-testid="undiscovered-namespace" className="flex items-center gap-3 px-4 py-2 text-sm">
          <Link href={n.href} className={`font-medium ${link}`}>{n.name}</Link>
          {n.ambient && <Badge tone="bad">labelled ambient</Badge>}
          <span className="text-xs text-slate-500 dark:text-slate-400">{n.pods} pods · istiod ignores it, so ztunnel gets no workloads or certificates from it</span>
        </li>
      ))}
    </ul>
  );
}

export function CertificateTable({ certificates, now }: { certificates: CertificateFinding[]; now: Date }) {
  return (
    <Table caption="Certificates needing attention">
      <thead>
        <tr><Th>Identity</Th><Th>Node</Th><Th>Status</Th><Th>Not after</Th><Th><span className="sr-only">Fix</span></Th></tr>
      </thead>
      <tbody>
        {certificates.map((c) => (
          <tr key={`${c.ztunnel}/${c.identity}/${c.serial ?? ''}`} data-testid="certificate-finding">
            <Td className="text-xs"><Identity value={c.identity} /></Td>
            <Td className="text-xs whitespace-nowrap">{c.node ?? c.ztunnel}</Td>
            <Td><Badge tone={c.health === 'expired' ? 'bad' : 'warn'}>{certificateStatusText(c.health, c.notAfter, now)}</Badge></Td>
            <Td className="font-mono text-[11px] whitespace-nowrap">{c.notAfter ?? '—'}</Td>
            <Td className="text-right text-xs whitespace-nowrap"><Link href={c.href} className={link}>Certificates</Link></Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
