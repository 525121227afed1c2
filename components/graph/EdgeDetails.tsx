import { effectiveMtlsShare, graphLookup } from '@/lib/graph/lookup';
import type { EdgeReporter, GraphEdge, MeshGraph } from '@/lib/graph/model';
import { Badge, type Tone } from '@/components/ui/Badge';
import { DefinitionList } from '@/components/ui/Panel';
import { EdgeAuthorization } from './EdgeAuthorization';
import { formatBytesPerSec, formatMs, formatRate, formatShare } from './format';
import { mtlsBadge, mtlsState, mtlsStateWords, edgeAdvice, nodeName, transportWords, type MtlsState } from './names';
import { Identity } from '@/components/ui/Identity';

/** Who reported an edge, in the mesh's words. */
const REPORTER_NAMES: Record<EdgeReporter, string> = { 'server-sidecar': "server's sidecar", 'client-sidecar': "client's sidecar", 'ztunnel-l4': 'ztunnel', waypoint: 'waypoint' };

const tone: Record<MtlsState, Tone> = { full: 'good', partial: 'warn', none: 'bad', unknown: 'neutral' };

function Principals({ label, values }: { label: string; values: string[] }) {
  return (
    <div>
      <h5 className="text-xs text-slate-500">{label}</h5>
      {values.length === 0 ? (
        <p className="text-sm text-slate-500 italic">none (no peer identity)</p>
      ) : (
        <ul className="space-y-0.5">
          {values.map((p) => (
            <li key={p}>
              <Identity value={p} className="text-xs" />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Advice({ advice }: { advice: { reason: string; fix?: string } }) {
  return (
    <div className="space-y-1 text-sm">
      <p data-testid="plaintext-reason" className="break-words">{advice.reason}</p>
      {advice.fix && <p data-testid="plaintext-fix" className="break-words"><span className="font-medium">Fix: </span>{advice.fix}</p>}
    </div>
  );
}

export function EdgeDetails({ edge, graph, onSelect }: { edge: GraphEdge; graph: MeshGraph; onSelect: (id: string) => void }) {
  const nodes = graphLookup(graph);
  const source = nodes.node(edge.source);
  const target = nodes.node(edge.target);
  const state = mtlsState(edge.security);
  const share = effectiveMtlsShare(edge.security);
  const tcp: [string, React.ReactNode][] = edge.tcp
    ? [
        ['Client → server', formatBytesPerSec(edge.tcp.clientToServerBps)],
        ['Server → client', formatBytesPerSec(edge.tcp.serverToClientBps)],
        ['Connections', `${formatRate(edge.tcp.connectionsOpenedPerSec, 'opened/s')}, ${formatRate(edge.tcp.connectionsClosedPerSec, 'closed/s')}`],
        ['Denied by policy', <span key="d" className={edge.tcp.deniedPerSec > 0 ? 'font-medium text-red-700 dark:text-red-400' : undefined}>{formatRate(edge.tcp.deniedPerSec, 'conn/s')}</span>],
        ['Failed to connect', <span key="f" className={edge.tcp.connectFailedPerSec > 0 ? 'font-medium text-red-700 dark:text-red-400' : undefined}>{formatRate(edge.tcp.connectFailedPerSec, 'conn/s')}</span>],
      ]
    : [];
  const http: [string, React.ReactNode][] = edge.http
    ? [
        ['Requests', formatRate(edge.http.requestsPerSec, 'rps')],
        ['Errors', formatShare(edge.http.errorShare)],
        ['By class', Object.entries(edge.http.byClass).filter(([, v]) => v > 0).map(([k, v]) => `${k === 'noResponse' ? 'no response' : k}: ${formatRate(v, 'rps')}`).join(' · ') || 'none'],
        ...(edge.http.latencyMs ? ([['Latency p50 / p95 / p99', [edge.http.latencyMs.p50, edge.http.latencyMs.p95, edge.http.latencyMs.p99].map(formatMs).join(' / ')]] as [string, string][]) : []),
      ]
    : [];

  const denied = edge.tcp?.deniedPerSec ?? 0;
  return (
    <div className="space-y-4">
      {denied > 0 && (
        <p role="status" data-testid="denied-lead" className="rounded-md border border-fuchsia-300 bg-fuchsia-50 px-3 py-2 text-sm font-semibold text-fuchsia-900 dark:border-fuchsia-800 dark:bg-fuchsia-950/60 dark:text-fuchsia-100">
          Denied by policy: {formatRate(denied, 'connections/s')}
        </p>
      )}
      <div>
        <p className="text-xs text-slate-500 uppercase">{edge.protocol.toUpperCase()} edge{edge.tcp && edge.http ? ' · L4 and L7' : ''}</p>
        <h3 className="text-base font-semibold">
          <button type="button" className="hover:underline" onClick={() => onSelect(edge.source)}>{source ? nodeName(source) : edge.source}</button>
          <span aria-label="to" className="mx-1.5 text-slate-400">→</span>
          <button type="button" className="hover:underline" onClick={() => onSelect(edge.target)}>{target ? nodeName(target) : edge.target}</button>
        </h3>
        {edge.waypoint && <p className="text-xs text-slate-500">through waypoint {edge.waypoint}</p>}
        {edge.reporters && edge.reporters.length > 0 && (
          <p className="text-xs text-slate-500" data-testid="edge-reporters">
            reported by {edge.reporters.map((r) => REPORTER_NAMES[r]).join(', ')}
            {edge.reporters.length > 1 ? ' (counted once, from the first)' : ''}
          </p>
        )}
        {edge.sourceCluster !== edge.destinationCluster && <p className="text-xs text-slate-500">{edge.sourceCluster} → {edge.destinationCluster}</p>}
      </div>

      <section aria-label="Security" className="space-y-2 rounded-md border border-slate-200 p-3 dark:border-slate-700">
        <div className="flex items-center justify-between gap-2">
          <h4 className="text-sm font-semibold">Security</h4>
          <Badge tone={tone[state]}>
            <span aria-hidden>{mtlsBadge[state] ?? '·'}</span> {mtlsStateWords[state]}
          </Badge>
        </div>
        <DefinitionList
          items={[
            ['Transport', <span key="t" data-testid="edge-transport">{transportWords(state, edge.waypoint, edge.reporters?.[0] === 'server-sidecar' || edge.reporters?.[0] === 'client-sidecar')}</span>],
            ['mTLS share (bytes)', share === null ? 'n/a' : formatShare(share)],
            ['mTLS share (connections)', edge.security.mtlsShareByConnections === null ? 'n/a' : formatShare(edge.security.mtlsShareByConnections)],
          ]}
        />
        {state !== 'full' && <Advice advice={edgeAdvice(edge, graph)} />}
        <Principals label="Source identity" values={edge.security.sourcePrincipals} />
        <Principals label="Destination identity" values={edge.security.destinationPrincipals} />
      </section>

      {tcp.length > 0 && (
        <section aria-label="TCP traffic">
          <h4 className="mb-1 text-sm font-semibold">L4 traffic (ztunnel)</h4>
          <DefinitionList items={tcp} />
        </section>
      )}
      {http.length > 0 && (
        <section aria-label="HTTP traffic">
          <h4 className="mb-1 text-sm font-semibold">{edge.protocol === 'grpc' ? 'gRPC' : 'HTTP'} ({edge.reporters?.[0] && edge.reporters[0] !== 'waypoint' ? REPORTER_NAMES[edge.reporters[0]] : 'waypoint'})</h4>
          <DefinitionList items={http} />
        </section>
      )}
      <EdgeAuthorization edge={edge} graph={graph} />
    </div>
  );
}
