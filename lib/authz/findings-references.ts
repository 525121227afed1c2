// Findings about what policies name: principals and namespaces that do not exist, selectors that
// select nothing, and fields that could not be read (a typo or an unreadable value can widen a rule).
import type { AuthorizationPolicy } from './model';
import { selects, type MeshIndex } from './mesh';
import { matchesPattern, parseBlock } from './match';
import { selectedWorkloads } from './attachment';
import { finding, type Finding } from './finding';

const objectOf = (p: { kind: string; namespace: string; name: string }) => ({ kind: p.kind, namespace: p.namespace, name: p.name });

function valuesOf(p: AuthorizationPolicy, fields: ('principals' | 'notPrincipals' | 'namespaces' | 'notNamespaces')[], whenKey: string): string[] {
  const out = new Set<string>();
  for (const r of p.rules) {
    for (const s of r.from ?? []) for (const f of fields) for (const v of s[f] ?? []) out.add(v);
    for (const c of r.when ?? []) if (c.key === whenKey) for (const v of [...(c.values ?? []), ...(c.notValues ?? [])]) out.add(v);
  }
  out.delete('*');
  return [...out];
}

function blocksOf(p: AuthorizationPolicy): string[] {
  const out: string[] = [];
  for (const r of p.rules) {
    for (const s of r.from ?? []) out.push(...(s.ipBlocks ?? []), ...(s.notIpBlocks ?? []), ...(s.remoteIpBlocks ?? []), ...(s.notRemoteIpBlocks ?? []));
    for (const c of r.when ?? []) if (['source.ip', 'destination.ip', 'remote.ip'].includes(c.key)) out.push(...(c.values ?? []), ...(c.notValues ?? []));
  }
  return out;
}

function unknownNames(index: MeshIndex): Finding[] {
  const out: Finding[] = [];
  const namespaces = new Set([...index.input.namespaces.map((n) => n.name), ...index.input.workloads.map((w) => w.namespace)]);
  for (const p of index.input.authorizationPolicies) {
    const known = (v: string) => (v.includes('*') ? [...index.principals].some((id) => matchesPattern(v, id)) : index.principals.has(v));
    const principals = valuesOf(p, ['principals', 'notPrincipals'], 'source.principal').filter((v) => !known(v));
    if (principals.length > 0) {
      out.push(
        finding('AUTHZ009', objectOf(p), `It names ${principals.join(', ')}, which no workload or waypoint in the mesh has (principals are "<trust domain>/ns/<namespace>/sa/<service account>", without spiffe://; this mesh's trust domain is ${index.input.trustDomain}).`, 'Fix the principal (namespace, service account, trust domain), or remove it if the client is gone.', { related: principals }),
      );
    }
    const missing = valuesOf(p, ['namespaces', 'notNamespaces'], 'source.namespace').filter((v) => (v.includes('*') ? ![...namespaces].some((n) => matchesPattern(v, n)) : !namespaces.has(v)));
    if (missing.length > 0) {
      out.push(finding('AUTHZ010', objectOf(p), `It names namespace(s) ${missing.join(', ')}, which do not exist.`, 'Fix the namespace name, or remove it.', { related: missing }));
    }
  }
  return out;
}

function emptySelectors(index: MeshIndex): Finding[] {
  const out: Finding[] = [];
  const root = index.input.rootNamespace;
  for (const p of [...index.input.authorizationPolicies, ...index.input.peerAuthentications, ...index.input.requestAuthentications]) {
    if (!p.selector) continue;
    // A PeerAuthentication selects in its own namespace only; root-namespace authorization selectors reach every namespace.
    const meshWide = p.namespace === root && p.kind !== 'PeerAuthentication';
    const selected = meshWide ? selectedWorkloads(index, p) : index.workloadsIn(p.namespace).filter((w) => selects(p.selector, w.labels));
    if (selected.length > 0) continue;
    const scope = meshWide ? 'in any namespace (it is in the root namespace)' : `in namespace ${p.namespace}`;
    const labels = Object.entries(p.selector).map(([k, v]) => `${k}=${v}`).join(', ');
    out.push(finding('AUTHZ011', objectOf(p), `Its selector (${labels}) selects no workload ${scope}: it applies to nothing.`, 'Fix the labels to match the pods (kubectl get pods --show-labels), or delete the policy.'));
  }
  return out;
}

function unreadable(index: MeshIndex): Finding[] {
  const out: Finding[] = [];
  for (const u of index.input.unreadable ?? []) {
    out.push(finding('AUTHZ012', { kind: u.kind, ...(u.namespace ? { namespace: u.namespace } : {}), name: u.name ?? '(unnamed)' }, `It could not be read, so Ambient Lens leaves it out of every answer: ${u.issues.join('; ')}.`, 'Fix the fields named (istiod rejects or ignores them too).'));
  }
  for (const p of [...index.input.authorizationPolicies, ...index.input.peerAuthentications, ...index.input.requestAuthentications]) {
    const issues = [...p.issues];
    if (p.kind === 'AuthorizationPolicy') for (const b of blocksOf(p)) if (!parseBlock(b)) issues.push(`"${b}" is not an IP address or CIDR block and never matches`);
    if (issues.length === 0) continue;
    out.push(finding('AUTHZ012', objectOf(p), `Parts of it could not be taken as written: ${issues.join('; ')}.`, 'Fix the fields named; Ambient Lens evaluates the policy without them, which may not be what ztunnel or the waypoint does.', { severity: 'warning' }));
  }
  return out;
}

export function referenceFindings(index: MeshIndex): Finding[] {
  return [...unknownNames(index), ...emptySelectors(index), ...unreadable(index)];
}
