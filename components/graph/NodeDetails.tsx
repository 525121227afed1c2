import Link from 'next/link';
import { graphLookup } from '@/lib/graph/lookup';
import type { GraphNode, MeshGraph } from '@/lib/graph/model';
import { Badge, type Tone } from '@/components/ui/Badge';
import { DefinitionList } from '@/components/ui/Panel';
import { formatBytesPerSec, formatRate } from './format';
import { enrollmentWords, kindWords, nodeName } from './names';
import type { Enrollment } from '@/lib/graph/model';
import { Identity } from '@/components/ui/Identity';

const enrollmentTone: Record<Enrollment, Tone> = { ambient: 'good', 'ambient-pending': 'warn', sidecar: 'info', none: 'bad', unknown: 'neutral' };

function Mono({ children }: { children: string }) {
  return <code className="font-mono text-xs break-all">{children}</code>;
}

function identityOf(node: GraphNode): string[] {
  if (node.kind === 'workload') return node.principal ? [node.principal] : [];
  if (node.kind === 'app') return node.principals;
  return [];
}

export function NodeDetails({ node, graph, onSelect }: { node: GraphNode; graph: MeshGraph; onSelect: (id: string) => void }) {
  const inbound = graphLookup(graph).inbound(node.id);
  const outbound = graphLookup(graph).outbound(node.id);
  const items: [string, React.ReactNode][] = [['Kind', kindWords[node.kind] + (node.flags.waypoint ? ' (waypoint)' : node.flags.ingressGateway ? ' (ingress gateway)' : '')]];
  if (node.kind !== 'unknown' && node.kind !== 'external') items.push(['Namespace', node.namespace]);
  if (node.cluster && node.cluster !== 'unknown') items.push(['Cluster', node.cluster]);
  if (node.kind === 'workload') {
    items.push(['Workload', node.workload]);
    if (node.app) items.push(['App / version', `${node.app}${node.version ? ` / ${node.version}` : ''}`]);
    if (node.serviceAccount) items.push(['Service account', node.serviceAccount]);
  }
  if (node.kind === 'app') {
    items.push(['App / version', `${node.app}${node.version ? ` / ${node.version}` : ''}`]);
    items.push(['Workloads', node.workloads.join(', ') || 'none']);
  }
  if (node.kind === 'service' && node.hostname) items.push(['Hostname', <Mono key="h">{node.hostname}</Mono>]);
  if (node.kind === 'external') items.push(['Destination', node.address]);
  if (node.kind === 'aggregate') items.push([node.aggregateBy === 'namespace' ? 'Collapsed namespace' : 'Collapsed app', `${node.members.length} nodes`]);
  const identities = identityOf(node);
  if (identities.length > 0) items.push(['Identity', <div key="id" className="space-y-0.5">{identities.map((p) => <Identity key={p} value={p} className="block text-xs" />)}</div>]);
  if (node.kind === 'workload' || node.kind === 'app') {
    items.push(['Enrollment', <Badge key="e" tone={enrollmentTone[node.enrollment]}>{enrollmentWords[node.enrollment]}</Badge>]);
  }
  if (node.kind === 'workload' && node.protocol) {
    items.push(['Protocol', <Badge key="p" tone={node.protocol === 'HBONE' ? 'good' : 'warn'} title={node.protocol === 'HBONE' ? 'ztunnel carries its traffic in HBONE (mTLS)' : 'ztunnel passes its traffic as plain TCP'}>{node.protocol}</Badge>]);
  }
  const waypoint = node.kind === 'workload' || node.kind === 'service' ? node.usesWaypoint : undefined;
  items.push(['Waypoint', waypoint ?? (node.flags.waypoint ? 'is a waypoint' : 'none')]);
  items.push(['Inbound', `${formatBytesPerSec(node.traffic.tcpInBps)}${node.traffic.httpInRps > 0 ? ` · ${formatRate(node.traffic.httpInRps, 'rps')}` : ''}`]);
  items.push(['Outbound', `${formatBytesPerSec(node.traffic.tcpOutBps)}${node.traffic.httpOutRps > 0 ? ` · ${formatRate(node.traffic.httpOutRps, 'rps')}` : ''}`]);

  const flags = [
    node.flags.outside && 'in a namespace that is not selected',
    node.flags.inaccessible && 'in a namespace you may not see',
    node.flags.idle && 'no traffic in the window',
    node.kind === 'workload' && node.notInInventory && 'seen in metrics but not found in the cluster',
  ].filter((f): f is string => typeof f === 'string');

  return (
    <div className="space-y-4">
      <div>
        <p className="text-xs text-slate-500 uppercase">{kindWords[node.kind]}</p>
        <h3 className="text-lg font-semibold break-all">{nodeName(node)}</h3>
        {flags.length > 0 && <p className="mt-1 text-xs text-amber-700 dark:text-amber-300">{flags.join('; ')}</p>}
      </div>
      <DefinitionList items={items} />
      {node.kind === 'workload' && !node.flags.inaccessible && (
        <div className="flex flex-wrap gap-2 text-sm">
          <Link className="text-indigo-600 hover:underline dark:text-indigo-400" href={`/workloads/${encodeURIComponent(node.namespace)}/${encodeURIComponent(node.workload)}`}>
            Workload page →
          </Link>
          <Link className="text-indigo-600 hover:underline dark:text-indigo-400" href={`/ztunnel?${new URLSearchParams({ tab: 'logs', namespace: node.namespace, workload: node.workload }).toString()}`}>
            ztunnel logs →
          </Link>
        </div>
      )}
      <EdgeLinks title="Inbound" edges={inbound.map((e) => ({ id: e.id, other: e.source }))} graph={graph} onSelect={onSelect} />
      <EdgeLinks title="Outbound" edges={outbound.map((e) => ({ id: e.id, other: e.target }))} graph={graph} onSelect={onSelect} />
    </div>
  );
}

function EdgeLinks({ title, edges, graph, onSelect }: { title: string; edges: { id: string; other: string }[]; graph: MeshGraph; onSelect: (id: string) => void }) {
  if (edges.length === 0) return null;
  const name = (id: string) => {
    const n = graphLookup(graph).node(id);
    return n ? nodeName(n) : id;
  };
  return (
    <div>
      <h4 className="mb-1 text-xs font-semibold text-slate-500 uppercase">{title} edges</h4>
      <ul className="space-y-0.5 text-sm">
        {edges.map((e) => (
          <li key={e.id}>
            <button type="button" onClick={() => onSelect(e.id)} className="text-left text-indigo-600 hover:underline dark:text-indigo-400">
              {title === 'Inbound' ? `from ${name(e.other)}` : `to ${name(e.other)}`}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
