// Findings about PeerAuthentication in an ambient mesh: who still accepts plaintext, what relaxes
// STRICT, and the fields ztunnel does not honour.
import type { MeshWorkload } from './input';
import { refOf, type PeerAuthentication } from './model';
import { selects, type MeshIndex } from './mesh';
import { effectiveMtls } from './peer-authentication';
import { removeFieldYaml, strictPeerAuthenticationYaml } from './fixes';
import { finding, type Finding } from './finding';

const objectOf = (p: PeerAuthentication) => ({ kind: p.kind, namespace: p.namespace, name: p.name });
const sample = (ws: MeshWorkload[]) => `${ws.slice(0, 5).map((w) => w.name).join(', ')}${ws.length > 5 ? ', ...' : ''}`;

/** The ambient workloads a PeerAuthentication covers (mesh, namespace, or its selector). */
function covered(index: MeshIndex, p: PeerAuthentication): MeshWorkload[] {
  const root = index.input.rootNamespace;
  if (p.namespace === root && p.selector) return [];
  const pool = p.namespace === root ? index.input.workloads : index.workloadsIn(p.namespace);
  return pool.filter((w) => w.ambient && selects(p.selector, w.labels));
}

/** AUTHZ020 and AUTHZ021: ambient workloads that accept plaintext. */
function plaintextFindings(index: MeshIndex): Finding[] {
  const out: Finding[] = [];
  const relaxing = new Map<string, { policy: string; namespace: string; workloads: MeshWorkload[] }>();
  const namespaces = [...new Set(index.input.workloads.filter((w) => w.ambient).map((w) => w.namespace))].sort();
  for (const ns of namespaces) {
    const ambient = index.workloadsIn(ns).filter((w) => w.ambient);
    const nsMtls = effectiveMtls(index, ns);
    const open = ambient.filter((w) => !effectiveMtls(index, ns, w.labels).strict);
    if (open.length === 0) continue;
    if (!nsMtls.strict) {
      const why = nsMtls.decidedBy ? `${nsMtls.decidedBy.level}-level PeerAuthentication ${nsMtls.decidedBy.policy} sets ${nsMtls.decidedBy.mode}` : 'no PeerAuthentication applies (PERMISSIVE by default)';
      out.push(
        finding('AUTHZ020', { kind: 'Namespace', name: ns }, `${open.length} of ${ambient.length} ambient workload(s) in ${ns} accept plaintext from clients outside the mesh (${sample(open)}): ${why}. ztunnel speaks mTLS between enrolled pods, but only STRICT makes it refuse plaintext.`, `Add a STRICT PeerAuthentication to namespace ${ns} (or mesh-wide in ${index.input.rootNamespace}) once no legitimate plaintext client is left.`, {
          yaml: strictPeerAuthenticationYaml(ns),
          related: open.map(refOf),
        }),
      );
      continue;
    }
    for (const w of open) {
      const by = effectiveMtls(index, ns, w.labels).decidedBy;
      if (by?.level !== 'workload') continue;
      const entry = relaxing.get(by.policy) ?? { policy: by.policy, namespace: ns, workloads: [] };
      entry.workloads.push(w);
      relaxing.set(by.policy, entry);
    }
  }
  for (const { policy, workloads } of relaxing.values()) {
    const p = index.input.peerAuthentications.find((x) => refOf(x) === policy);
    if (!p) continue;
    out.push(finding('AUTHZ021', objectOf(p), `It sets ${p.mode} for ${sample(workloads)}, overriding STRICT above it: these workloads accept plaintext.`, 'Remove the override (or set STRICT) unless a plaintext client still needs these workloads.', { yaml: strictPeerAuthenticationYaml(p.namespace, p.name), related: workloads.map(refOf) }));
  }
  return out;
}

/** AUTHZ022, AUTHZ023: fields that mean nothing to ztunnel. */
function ignoredFieldFindings(index: MeshIndex): Finding[] {
  const out: Finding[] = [];
  for (const p of index.input.peerAuthentications) {
    const ambient = covered(index, p);
    if (ambient.length === 0) continue;
    const ports = Object.keys(p.portLevelMtls);
    if (ports.length > 0) {
      out.push(finding('AUTHZ022', objectOf(p), `portLevelMtls (ports ${ports.join(', ')}) is not honoured for ambient pods (${sample(ambient)}): ztunnel applies the workload's mode to every port.`, 'Remove portLevelMtls; to treat a port differently, move the workload out of ambient or accept the workload-wide mode.', { yaml: removeFieldYaml('PeerAuthentication', p.namespace, p.name, 'portLevelMtls'), related: ambient.map(refOf) }));
    }
    if (p.mode === 'DISABLE') {
      out.push(finding('AUTHZ023', objectOf(p), `mtls.mode DISABLE is not meaningful for ambient pods (${sample(ambient)}): ztunnel still speaks mTLS between enrolled pods and accepts plaintext as with PERMISSIVE.`, 'Use PERMISSIVE (or STRICT) to say what is meant.'));
    }
  }
  return out;
}

/** AUTHZ024: two policies at one level; the oldest wins. */
function conflictFindings(index: MeshIndex): Finding[] {
  const lost = new Map<string, string>();
  const scopes = [...new Set([index.input.rootNamespace, ...index.input.peerAuthentications.map((p) => p.namespace)])];
  for (const ns of scopes) for (const i of effectiveMtls(index, ns).ignored) lost.set(i.policy, i.reason);
  for (const w of index.input.workloads) for (const i of effectiveMtls(index, w.namespace, w.labels).ignored) lost.set(i.policy, i.reason);
  const out: Finding[] = [];
  for (const [ref, reason] of lost) {
    const p = index.input.peerAuthentications.find((x) => refOf(x) === ref);
    if (p) out.push(finding('AUTHZ024', objectOf(p), `This PeerAuthentication has no effect: ${reason}.`, 'Keep one PeerAuthentication per level (mesh, namespace, workload selector); delete or merge the other.'));
  }
  return out;
}

export function peerFindings(index: MeshIndex): Finding[] {
  return [...plaintextFindings(index), ...ignoredFieldFindings(index), ...conflictFindings(index)];
}
