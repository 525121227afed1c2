import type { ControlPlane, DaemonSetRow } from '@/lib/api-client/control-plane';
import { ztunnelHref } from '@/lib/posture/links';
import Link from 'next/link';
import { Badge } from '@/components/ui/Badge';
import { Panel } from '@/components/ui/Panel';
import { Table, Td, Th } from '@/components/ui/Table';

function DaemonSetRows({ label, rows }: { label: string; rows: DaemonSetRow[] }) {
  return (
    <>
      {rows.map((d) => (
        <tr key={`${d.namespace}/${d.name}`} data-testid={`daemonset-${d.name}`}>
          <Td>
            <div className="font-medium">{label}</div>
            <div className="font-mono text-xs text-slate-500 dark:text-slate-400">{d.namespace}/{d.name}</div>
          </Td>
          <Td className="tabular-nums">
            <Badge tone={d.desired > 0 && d.ready >= d.desired ? 'good' : 'bad'}>{d.ready}/{d.desired} ready</Badge>
            <div className="mt-0.5 text-xs text-slate-500 dark:text-slate-400">{d.available} available · {d.updated} up to date</div>
          </Td>
          <Td>
            <ul className="flex flex-wrap gap-1.5">
              {d.pods.map((p) => (
                <li key={p.pod}>
                  <Link href={ztunnelHref({ node: p.node })} title={`${p.pod}: ${p.ready ? 'ready' : 'not ready'}, ${p.restarts} restarts`}>
                    <Badge tone={p.ready ? 'good' : 'bad'}>{p.ready ? '●' : '○'} {p.node ?? p.pod}{p.restarts > 0 ? ` ↻${p.restarts}` : ''}</Badge>
                  </Link>
                </li>
              ))}
            </ul>
          </Td>
        </tr>
      ))}
    </>
  );
}

/** istiod pods and the ztunnel / istio-cni DaemonSets, desired and ready per node. */
export function DataPlaneHealth({ view }: { view: ControlPlane }) {
  return (
    <div className="grid gap-4 xl:grid-cols-2">
      <Panel title="DaemonSets per node">
        {view.ztunnelDaemonSets.length + view.cniDaemonSets.length === 0 ? (
          <p className="px-4 py-3 text-sm text-slate-500">No ztunnel or istio-cni DaemonSet is visible: ambient mode may not be installed, or Ambient Lens may not read their namespaces.</p>
        ) : (
          <Table caption="ztunnel and istio-cni DaemonSets">
            <thead>
              <tr><Th>DaemonSet</Th><Th>Pods</Th><Th>Per node</Th></tr>
            </thead>
            <tbody>
              <DaemonSetRows label="ztunnel" rows={view.ztunnelDaemonSets} />
              <DaemonSetRows label="istio-cni" rows={view.cniDaemonSets} />
            </tbody>
          </Table>
        )}
      </Panel>
      <Panel title="istiod">
        {view.istiod.length === 0 ? (
          <p className="px-4 py-3 text-sm text-slate-500">No istiod pod (label app=istiod) is visible.</p>
        ) : (
          <Table caption="istiod pods">
            <thead>
              <tr><Th>Pod</Th><Th>Node</Th><Th>Ready</Th><Th className="text-right">Restarts</Th><Th>Version</Th><Th>Revision</Th></tr>
            </thead>
            <tbody>
              {view.istiod.map((p) => (
                <tr key={p.pod}>
                  <Td className="font-mono text-xs">{p.namespace}/{p.pod}</Td>
                  <Td className="text-xs">{p.node ?? '—'}</Td>
                  <Td><Badge tone={p.ready ? 'good' : 'bad'}>{p.ready ? 'Ready' : (p.phase ?? 'Not ready')}</Badge></Td>
                  <Td className="text-right tabular-nums">{p.restarts}</Td>
                  <Td className="font-mono text-xs">{p.version ?? '—'}</Td>
                  <Td className="font-mono text-xs">{p.revision ?? '—'}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </Panel>
    </div>
  );
}
