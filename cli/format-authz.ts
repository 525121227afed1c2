// What `authz check` and `authz lint` print, and their exit codes. Pure.
import { findingLine, type Finding } from '@/lib/authz';
import type { AuthzCheckResponse } from '@/lib/kube/wire/authz';

const endpoint = (e: AuthzCheckResponse['source'] | AuthzCheckResponse['destination']): string => {
  if (e.kind === 'plaintext') return `plaintext client${e.namespace ? ` in ${e.namespace}` : ''}${e.ip ? ` (${e.ip})` : ''}`;
  if (e.kind === 'service') return `service ${e.namespace}/${e.name}${e.backend ? ` (backend ${e.backend})` : ''}`;
  return `${e.namespace}/${e.name}`;
};

/** 0 allowed (also allowed-unenforced: it gets through), 1 denied, 4 conditional. */
export function checkExitCode(r: AuthzCheckResponse): number {
  switch (r.evaluation.decision) {
    case 'allowed':
    case 'allowed-unenforced':
      return 0;
    case 'denied':
      return 1;
    case 'conditional':
      return 4;
  }
}

export function formatCheck(r: AuthzCheckResponse): { out: string; err: string } {
  const e = r.evaluation;
  const request = r.request ? ` (${[r.request.method ?? 'any method', r.request.path ?? 'any path'].join(' ')})` : '';
  const lines = [`${e.decision.toUpperCase()}: ${endpoint(r.source)} -> ${endpoint(r.destination)} port ${r.port}${request}`];
  lines.push('Enforcement points:');
  if (e.path.length === 0) lines.push('  (none: nothing on the path enforces policy)');
  e.path.forEach((p, i) => {
    const who = p.sees.principal ?? `no identity (plaintext${p.sees.ip ? ` from ${p.sees.ip}` : ''})`;
    const guarded = p.workload ? ` for ${p.workload}` : '';
    const policies = p.policies.length > 0 ? `; policies ${p.policies.join(', ')}` : '; no policies';
    lines.push(`  ${i + 1}. ${p.label}${guarded} sees ${who} (${p.sees.who}, ${p.sees.mtls ? 'mTLS' : 'plaintext'}) on port ${p.port}: ${p.decision}${policies}`);
  });
  const d = e.deciding;
  if (d?.policy) lines.push(`Deciding policy: ${d.policy}${d.rule === undefined ? '' : ` rules[${d.rule}]`} (${d.kind ?? 'AuthorizationPolicy'}, ${d.reason}) at ${d.point}`);
  else if (d) lines.push(`Decided by: ${d.reason}${d.candidates?.length ? ` (ALLOW policies that applied: ${d.candidates.join(', ')})` : ''} at ${d.point}`);
  lines.push('Steps:');
  for (const s of e.steps) lines.push(`  [${s.point}] ${s.check}: ${s.outcome}: ${s.text}`);
  const warnings = [
    ...e.unenforced.map((u) => `warning: ${u.policy} is not enforced on this path: ${u.reason}\n`),
    ...(r.policiesInstalled ? [] : ['warning: the cluster serves no security.istio.io policies (CRDs not installed)\n']),
  ];
  return { out: lines.join('\n') + '\n', err: warnings.join('') };
}

/** One line per finding; exit 1 when any is a warning or an error. */
export function formatLint(findings: Finding[]): { code: number; out: string } {
  if (findings.length === 0) return { code: 0, out: 'OK: no findings.\n' };
  const failing = findings.some((f) => f.severity !== 'info');
  return { code: failing ? 1 : 0, out: findings.map((f) => findingLine(f) + '\n').join('') };
}
