'use client';

import Link from 'next/link';
import type { ZtunnelLogLine } from '@/lib/api-client/ztunnel';
import { ztunnelHref } from '@/lib/posture/links';
import { formatMs } from '@/components/graph/format';
import { Badge } from '@/components/ui/Badge';
import { Table, Td, Th } from '@/components/ui/Table';
import { shortIdentity } from './format';

function bytes(n: number | undefined): string {
  if (n === undefined) return '—';
  if (n >= 1_000_000) return `${(n / 1_000_000).toFixed(1)} MB`;
  if (n >= 1000) return `${(n / 1000).toFixed(1)} kB`;
  return `${n} B`;
}

function Side({ workload, namespace, identity, fallback, redacted }: { workload?: string; namespace?: string; identity?: string; fallback?: string; redacted?: boolean }) {
  if (redacted) {
    return (
      <div className="min-w-0">
        <div className="truncate font-mono text-xs">{namespace}</div>
        <div className="truncate text-[11px] text-slate-500 dark:text-slate-400">in a namespace you may not see</div>
      </div>
    );
  }
  return (
    <div className="min-w-0">
      <div className="truncate font-mono text-xs">{workload ? `${namespace ? `${namespace}/` : ''}${workload}` : (fallback ?? 'unknown')}</div>
      <div className="truncate text-[11px] text-slate-500 dark:text-slate-400" title={identity}>
        {identity ? <>🔐 {shortIdentity(identity)}</> : 'no identity (plaintext)'}
      </div>
    </div>
  );
}

/** ztunnel access-log records: time, direction, source and destination with their identities. */
export function AccessLogTable({ lines, caption }: { lines: ZtunnelLogLine[]; caption: string }) {
  return (
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
                <Side workload={l.src.workload} namespace={l.src.namespace} identity={l.src.identity} fallback={l.src.addr} redacted={l.src.redacted} />
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
  );
}
