import type { AuthorizationPolicyRow, PeerAuthenticationRow, ZtunnelAgreement } from '@/lib/api-client/authz';
import { Badge, type Tone } from '@/components/ui/Badge';
import { Table, Td, Th } from '@/components/ui/Table';
import { severityTone } from './FindingList';

const actionTone: Record<string, Tone> = { ALLOW: 'good', DENY: 'bad', AUDIT: 'neutral', CUSTOM: 'info' };
const ztunnelText: Record<ZtunnelAgreement, [string, Tone]> = {
  held: ['held', 'good'],
  missing: ['missing from ztunnel', 'bad'],
  differs: ['differs', 'bad'],
  'not-for-ztunnel': ['not sent to ztunnel', 'neutral'],
  unknown: ['unknown', 'neutral'],
};

const labels = (l?: Record<string, string>) => (l ? Object.entries(l).map(([k, v]) => `${k}=${v}`).join(', ') : '');

function Findings({ findings }: { findings: AuthorizationPolicyRow['findings'] }) {
  if (findings.length === 0) return <span className="text-xs text-slate-400">none</span>;
  return (
    <div className="flex flex-wrap gap-1">
      {findings.map((f, i) => (
        <Badge key={`${f.code}-${i}`} tone={severityTone[f.severity]} title={`${f.message} Fix: ${f.fix}`}>{f.code}</Badge>
      ))}
    </div>
  );
}

function Selects({ refs }: { refs: string[] }) {
  if (refs.length === 0) return <span className="text-xs text-slate-400">no workload</span>;
  const shown = refs.slice(0, 4);
  return <span className="font-mono text-xs">{shown.join(', ')}{refs.length > shown.length ? ` +${refs.length - shown.length}` : ''}</span>;
}

export function AuthorizationPolicyTable({ rows }: { rows: AuthorizationPolicyRow[] }) {
  return (
    <Table caption="AuthorizationPolicies">
      <thead>
        <tr><Th>Policy</Th><Th>Action</Th><Th>Enforced by</Th><Th>Selects / targets</Th><Th>Rules</Th><Th>ztunnel</Th><Th>Findings</Th></tr>
      </thead>
      <tbody>
        {rows.map((p) => {
          const [zText, zTone] = ztunnelText[p.ztunnel];
          return (
            <tr key={`${p.namespace}/${p.name}`} data-policy={`${p.namespace}/${p.name}`}>
              <Td className="font-mono text-xs">{p.namespace}/{p.name}<div className="text-[11px] text-slate-500">{p.scope}</div></Td>
              <Td><Badge tone={actionTone[p.action] ?? 'neutral'}>{p.action}</Badge></Td>
              <Td>{p.enforcedBy.map((e) => <div key={e.label} className={e.kind === 'none' ? 'text-xs text-red-700 dark:text-red-400' : 'text-xs'}>{e.label}</div>)}</Td>
              <Td>
                {p.targets.length > 0 ? <span className="font-mono text-xs">{p.targets.join(', ')}</span> : <Selects refs={p.selects} />}
                {p.selector && <div className="font-mono text-[11px] text-slate-500">{labels(p.selector)}</div>}
              </Td>
              <Td className="tabular-nums">{p.rules}</Td>
              <Td><Badge tone={zTone}>{zText}</Badge></Td>
              <Td><Findings findings={p.findings} /></Td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}

export function PeerAuthenticationTable({ rows }: { rows: PeerAuthenticationRow[] }) {
  return (
    <Table caption="PeerAuthentications">
      <thead>
        <tr><Th>Policy</Th><Th>Mode</Th><Th>Level</Th><Th>Selects</Th><Th>Findings</Th></tr>
      </thead>
      <tbody>
        {rows.map((p) => (
          <tr key={`${p.namespace}/${p.name}`} data-policy={`${p.namespace}/${p.name}`}>
            <Td className="font-mono text-xs">{p.namespace}/{p.name}</Td>
            <Td><Badge tone={p.mode === 'STRICT' ? 'good' : p.mode === 'DISABLE' ? 'bad' : 'neutral'}>{p.mode}</Badge>{p.portLevel && <span className="ml-1 text-[11px] text-amber-700">portLevelMtls</span>}</Td>
            <Td className="text-xs">{p.level} <span className="text-slate-500">(enforced by ztunnel)</span></Td>
            <Td><Selects refs={p.selects} />{p.selector && <div className="font-mono text-[11px] text-slate-500">{labels(p.selector)}</div>}</Td>
            <Td><Findings findings={p.findings} /></Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
