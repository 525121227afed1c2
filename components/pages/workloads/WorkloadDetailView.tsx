'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { workloadDetailQueryOptions, type WorkloadDetail } from '@/lib/api-client/workloads';
import { graphHref, workloadsHref, ztunnelHref } from '@/lib/posture/links';
import { Badge } from '@/components/ui/Badge';
import { DefinitionList, Panel } from '@/components/ui/Panel';
import { Table, Td, Th } from '@/components/ui/Table';
import { podStateWords, workloadEnrollmentWords } from '../common/enrollment';
import { PageHeader } from '../common/PageHeader';
import { QueryView } from '../common/QueryView';
import { WorkloadLogs } from './WorkloadLogs';
import { WorkloadTraffic } from './WorkloadTraffic';
import { Identity } from '@/components/ui/Identity';

function waypointText(w: WorkloadDetail): string {
  if (w.waypointOptedOut) return 'Opted out (istio.io/use-waypoint=none)';
  if (!w.waypoint) return 'None: L4 only (ztunnel)';
  return `${w.waypoint} (from the ${w.waypointSource ?? 'pod'} label)`;
}

export function WorkloadDetailView({ namespace, name }: { namespace: string; name: string }) {
  const query = useQuery(workloadDetailQueryOptions(namespace, name));
  return (
    <div className="p-6">
      <nav aria-label="Breadcrumb" className="mb-2 text-xs text-slate-500 dark:text-slate-400">
        <Link href="/workloads" className="hover:underline">Workloads</Link> / <Link href={workloadsHref({ namespace })} className="hover:underline">{namespace}</Link> / {name}
      </nav>
      <PageHeader title={name} description={`${namespace} · as the Kubernetes API, ztunnel and the traffic metrics see it`} query={query}>
        <Link href={graphHref([namespace])} className="text-sm text-indigo-600 hover:underline dark:text-indigo-400">Traffic graph</Link>
      </PageHeader>
      <QueryView query={query} what="the workload">
        {({ workload: w }) => {
          const words = workloadEnrollmentWords[w.enrollment];
          return (
            <div className="space-y-4">
              <div className="grid gap-4 lg:grid-cols-2">
                <Panel title="Enrollment">
                  <div className="space-y-2 px-4 py-3 text-sm">
                    <div className="flex flex-wrap items-center gap-2">
                      <Badge tone={w.unprotectedPods > 0 ? 'warn' : words.tone}>{words.label}</Badge>
                      {w.isWaypoint && <Badge tone="info">Waypoint proxy</Badge>}
                      {w.isIngressGateway && <Badge tone="info">Ingress gateway</Badge>}
                      {w.ztunnelProtocol && <Badge tone={w.ztunnelProtocol === 'HBONE' ? 'good' : 'neutral'} title="What ztunnel reports for its pods">ztunnel: {w.ztunnelProtocol}</Badge>}
                    </div>
                    <p data-testid="enrollment-reason">{w.enrollmentReason}</p>
                    {w.unprotectedPods > 0 && (
                      <p className="text-amber-700 dark:text-amber-300">{w.unprotectedPods} of {w.podCount} pods are enrolled but their traffic is not protected.</p>
                    )}
                  </div>
                </Panel>
                <Panel title="Identity and mesh">
                  <div className="px-4 py-3">
                    <DefinitionList
                      items={[
                        ['Identity', <Identity key="p" value={w.principal} full className="text-xs" />],
                        ['Service account', w.serviceAccount],
                        ['Kind', w.kind],
                        ['App / version', `${w.app} / ${w.versionLabelled ? w.version : `${w.version} (not labelled)`}`],
                        ['Waypoint', waypointText(w)],
                        ['Services', w.services.length > 0 ? w.services.join(', ') : 'None'],
                        ['Nodes', w.nodes.length > 0 ? w.nodes.map((n, i) => <span key={n}>{i > 0 && ', '}<Link href={ztunnelHref({ node: n })} className="text-indigo-600 hover:underline dark:text-indigo-400">{n}</Link></span>) : '—'],
                      ]}
                    />
                  </div>
                </Panel>
              </div>
              <Panel title={`Pods (${w.readyPods}/${w.podCount} ready)`}>
                <Table caption="Pods of the workload">
                  <thead>
                    <tr>
                      <Th>Pod</Th>
                      <Th>Node (its ztunnel)</Th>
                      <Th>Address</Th>
                      <Th>Ready</Th>
                      <Th className="text-right">Restarts</Th>
                      <Th>Enrollment</Th>
                      <Th>ztunnel says</Th>
                    </tr>
                  </thead>
                  <tbody>
                    {w.pods.map((p) => (
                      <tr key={p.pod}>
                        <Td className="font-mono text-xs">{p.pod}</Td>
                        <Td className="text-xs">{p.node ? <Link href={ztunnelHref({ node: p.node })} className="text-indigo-600 hover:underline dark:text-indigo-400">{p.node}</Link> : '—'}</Td>
                        <Td className="font-mono text-xs">{p.ip ?? '—'}</Td>
                        <Td>{p.ready ? <Badge tone="good">Ready</Badge> : <Badge tone="bad">{p.phase ?? 'Not ready'}</Badge>}</Td>
                        <Td className="text-right tabular-nums">{p.restarts}</Td>
                        <Td>
                          <Badge tone={p.enrollment.unprotected ? 'warn' : podStateWords[p.enrollment.state].tone} title={p.enrollment.reason}>{podStateWords[p.enrollment.state].label}</Badge>
                          <div className="mt-0.5 max-w-96 text-xs text-slate-500 dark:text-slate-400">{p.enrollment.reason}</div>
                        </Td>
                        <Td>{p.ztunnelProtocol ? <Badge tone={p.ztunnelProtocol === 'HBONE' ? 'good' : 'neutral'}>{p.ztunnelProtocol}</Badge> : <span className="text-xs text-slate-500">not fetched</span>}</Td>
                      </tr>
                    ))}
                    {w.pods.length === 0 && (
                      <tr>
                        <Td colSpan={7} className="py-6 text-center text-slate-500">No pod is running.</Td>
                      </tr>
                    )}
                  </tbody>
                </Table>
              </Panel>
              <WorkloadTraffic namespace={namespace} name={name} />
              <WorkloadLogs namespace={namespace} name={name} />
            </div>
          );
        }}
      </QueryView>
    </div>
  );
}
