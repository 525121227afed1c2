import type { ComponentRow, IstioRow, SailConditionRow } from '@/lib/api-client/control-plane';
import { Badge } from '@/components/ui/Badge';
import { Panel } from '@/components/ui/Panel';
import { Table, Td, Th } from '@/components/ui/Table';
import { formatAge } from '../common/format';

const stateTone = (s: string | undefined) => (s === 'Healthy' ? 'good' : s ? 'warn' : 'neutral');
const boolTone = (s: string | undefined) => (s === 'True' ? 'good' : s === 'False' ? 'bad' : 'neutral');

function Conditions({ conditions, colSpan }: { conditions: SailConditionRow[]; colSpan: number }) {
  if (conditions.length === 0) return null;
  return (
    <tr>
      <Td colSpan={colSpan} className="bg-slate-50/70 pt-1 dark:bg-slate-800/30">
        <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs">
          {conditions.map((c) => (
            <li key={c.type} title={c.message} className="flex items-center gap-1">
              <Badge tone={c.status === 'True' ? (c.type === 'InUse' ? 'info' : 'good') : 'warn'}>{c.type}={c.status}</Badge>
              {c.reason && <span className="text-slate-600 dark:text-slate-400">{c.reason}</span>}
              {c.message && c.status !== 'True' && <span className="text-amber-800 dark:text-amber-200">{c.message}</span>}
            </li>
          ))}
        </ul>
      </Td>
    </tr>
  );
}

/** `kubectl get istio`: NAME REVISIONS READY IN USE ACTIVE REVISION STATUS VERSION AGE, with conditions. */
export function IstioTable({ rows }: { rows: IstioRow[] }) {
  return (
    <Panel title="Istio">
      <Table caption="Istio resources">
        <thead>
          <tr><Th>Name</Th><Th>Revisions</Th><Th>Ready</Th><Th>In use</Th><Th>Active revision</Th><Th>Status</Th><Th>Version</Th><Th>Age</Th></tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <Rows key={r.name}>
              <tr>
                <Td className="font-medium">{r.name}</Td>
                <Td className="tabular-nums">{r.revisions.total ?? '—'}</Td>
                <Td className="tabular-nums">{r.revisions.ready ?? '—'}</Td>
                <Td className="tabular-nums">{r.revisions.inUse ?? '—'}</Td>
                <Td className="font-mono text-xs">{r.activeRevision ?? '—'}</Td>
                <Td><Badge tone={stateTone(r.status)}>{r.status ?? 'unknown'}</Badge></Td>
                <Td className="font-mono text-xs">{r.version ?? '—'}</Td>
                <Td className="tabular-nums">{formatAge(r.ageSeconds)}</Td>
              </tr>
              <Conditions conditions={r.conditions} colSpan={8} />
            </Rows>
          ))}
        </tbody>
      </Table>
    </Panel>
  );
}

/** `kubectl get istiocni|ztunnel|istiorevision`: NAME READY STATUS VERSION AGE (revisions add IN USE). */
export function ComponentTable({ title, rows, inUse }: { title: string; rows: ComponentRow[]; inUse?: boolean }) {
  const cols = inUse ? 6 : 5;
  return (
    <Panel title={title}>
      {rows.length === 0 ? (
        <p className="px-4 py-3 text-sm text-slate-500">No {title} resource.</p>
      ) : (
        <Table caption={`${title} resources`}>
          <thead>
            <tr><Th>Name</Th><Th>Ready</Th>{inUse && <Th>In use</Th>}<Th>Status</Th><Th>Version</Th><Th>Age</Th></tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <Rows key={r.name}>
                <tr>
                  <Td className="font-medium">{r.name}{r.apiVersion && <span className="ml-2 font-mono text-[11px] text-slate-500">{r.apiVersion}</span>}</Td>
                  <Td><Badge tone={boolTone(r.ready)}>{r.ready ?? 'Unknown'}</Badge></Td>
                  {inUse && <Td><Badge tone={r.inUse === 'True' ? 'info' : 'neutral'}>{r.inUse ?? 'Unknown'}</Badge></Td>}
                  <Td><Badge tone={stateTone(r.status)}>{r.status ?? 'unknown'}</Badge></Td>
                  <Td className="font-mono text-xs">{r.version ?? '—'}</Td>
                  <Td className="tabular-nums">{formatAge(r.ageSeconds)}</Td>
                </tr>
                <Conditions conditions={r.conditions} colSpan={cols} />
              </Rows>
            ))}
          </tbody>
        </Table>
      )}
    </Panel>
  );
}

function Rows({ children }: { children: React.ReactNode }) {
  return <>{children}</>;
}
