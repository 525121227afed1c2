'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { ztunnelTableQueryOptions } from '@/lib/api-client/ztunnel';
import type { ZtunnelPolicy, ZtunnelService, ZtunnelWorkload } from '@/lib/api-client/ztunnel';
import { workloadHref } from '@/lib/posture/links';
import { Badge } from '@/components/ui/Badge';
import { Panel } from '@/components/ui/Panel';
import { EmptyState } from '@/components/ui/States';
import { Table, Td, Th } from '@/components/ui/Table';
import { QueryView } from '../common/QueryView';
import { CountLine } from '../common/Toolbar';
import { ZtunnelStatuses } from './ZtunnelStatuses';
import { Identity } from '@/components/ui/Identity';

const has = (q: string, ...values: (string | undefined)[]) => !q || values.some((v) => v?.toLowerCase().includes(q.toLowerCase()));

function Shell({ count, total, noun, children }: { count: number; total: number; noun: string; children: React.ReactNode }) {
  if (total === 0) return <EmptyState title={`No ${noun}`}>The ztunnels that answered report no {noun} in the namespaces you may see.</EmptyState>;
  return (
    <Panel>
      {children}
      <div className="border-t border-slate-200 px-3 py-2 dark:border-slate-800">
        <CountLine shown={count} total={total} noun={noun} />
      </div>
    </Panel>
  );
}

export function ZtunnelWorkloads({ q, namespace }: { q: string; namespace: string }) {
  const query = useQuery(ztunnelTableQueryOptions('workloads', { namespace: namespace || undefined }));
  return (
    <QueryView query={query} what="ztunnel workloads">
      {(data) => {
        const rows = data.workloads.filter((w: ZtunnelWorkload) => has(q, w.pod, w.namespace, w.node, w.waypoint, w.protocol, ...w.addresses));
        return (
          <>
            <ZtunnelStatuses ztunnels={data.ztunnels} />
            <Shell count={rows.length} total={data.workloads.length} noun="workloads">
              <Table caption="ztunnel workloads">
                <thead>
                  <tr><Th>Namespace</Th><Th>Pod name</Th><Th>Address</Th><Th>Node</Th><Th>Waypoint</Th><Th>Protocol</Th><Th>Identity</Th></tr>
                </thead>
                <tbody>
                  {rows.map((w) => (
                    <tr key={w.uid}>
                      <Td>{w.namespace}</Td>
                      <Td className="font-mono text-xs">{w.workloadName ? <Link href={workloadHref(w.namespace, w.workloadName)} className="hover:underline">{w.pod}</Link> : w.pod}</Td>
                      <Td className="font-mono text-xs">{w.addresses.join(', ') || '—'}</Td>
                      <Td className="text-xs whitespace-nowrap">{w.node ?? '—'}</Td>
                      <Td className="font-mono text-xs">{w.waypoint ?? 'None'}</Td>
                      <Td><Badge tone={w.protocol === 'HBONE' ? 'good' : 'neutral'}>{w.protocol}</Badge></Td>
                      <Td className="text-[11px] text-slate-600 dark:text-slate-400"><Identity value={w.identity} /></Td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            </Shell>
          </>
        );
      }}
    </QueryView>
  );
}

export function ZtunnelServices({ q, namespace }: { q: string; namespace: string }) {
  const query = useQuery(ztunnelTableQueryOptions('services', { namespace: namespace || undefined }));
  return (
    <QueryView query={query} what="ztunnel services">
      {(data) => {
        const rows = data.services.filter((s: ZtunnelService) => has(q, s.name, s.namespace, s.hostname, s.waypoint, ...s.vips));
        return (
          <>
            <ZtunnelStatuses ztunnels={data.ztunnels} />
            <Shell count={rows.length} total={data.services.length} noun="services">
              <Table caption="ztunnel services">
                <thead>
                  <tr><Th>Namespace</Th><Th>Service name</Th><Th>Service VIP</Th><Th>Waypoint</Th><Th className="text-right">Endpoints</Th></tr>
                </thead>
                <tbody>
                  {rows.map((s) => (
                    <tr key={`${s.namespace}/${s.hostname ?? s.name}`}>
                      <Td>{s.namespace}</Td>
                      <Td className="font-mono text-xs">{s.name}</Td>
                      <Td className="font-mono text-xs">{s.vips.join(', ') || '—'}</Td>
                      <Td className="font-mono text-xs">{s.waypoint ?? 'None'}</Td>
                      <Td className={`text-right tabular-nums ${s.endpointsHealthy < s.endpointsTotal ? 'text-amber-700 dark:text-amber-300' : ''}`}>{s.endpointsHealthy}/{s.endpointsTotal}</Td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            </Shell>
          </>
        );
      }}
    </QueryView>
  );
}

export function ZtunnelPolicies({ q, namespace }: { q: string; namespace: string }) {
  const query = useQuery(ztunnelTableQueryOptions('policies', { namespace: namespace || undefined }));
  return (
    <QueryView query={query} what="ztunnel policies">
      {(data) => {
        const rows = data.policies.filter((p: ZtunnelPolicy) => has(q, p.name, p.namespace, p.action, p.scope));
        return (
          <>
            <ZtunnelStatuses ztunnels={data.ztunnels} />
            <Shell count={rows.length} total={data.policies.length} noun="policies">
              <Table caption="ztunnel authorization policies">
                <thead>
                  <tr><Th>Namespace</Th><Th>Policy name</Th><Th>Action</Th><Th>Scope</Th><Th className="text-right">Rules</Th></tr>
                </thead>
                <tbody>
                  {rows.map((p) => (
                    <tr key={`${p.namespace}/${p.name}`}>
                      <Td>{p.namespace}</Td>
                      <Td className="font-mono text-xs">{p.name}</Td>
                      <Td><Badge tone={p.action.toLowerCase() === 'deny' ? 'bad' : 'good'}>{p.action}</Badge></Td>
                      <Td>{p.scope}</Td>
                      <Td className="text-right tabular-nums">{p.ruleCount}</Td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            </Shell>
          </>
        );
      }}
    </QueryView>
  );
}
