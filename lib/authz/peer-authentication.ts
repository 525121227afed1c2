// What the destination ztunnel accepts from plaintext clients. ztunnel always speaks mTLS between
// enrolled pods; PeerAuthentication STRICT makes it refuse plaintext, PERMISSIVE (the default)
// accepts it. Precedence: workload (selector) > namespace > mesh (root namespace); UNSET inherits.
// Of two policies at one level the oldest wins. portLevelMtls is not honoured for ambient pods.
import type { MtlsMode, PeerAuthentication } from './model';
import { refOf } from './model';
import { selects, type MeshIndex } from './mesh';

export type MtlsLevel = 'workload' | 'namespace' | 'mesh';

export interface MtlsDecider {
  policy: string;
  level: MtlsLevel;
  mode: MtlsMode;
}

export interface EffectiveMtls {
  /** Plaintext is refused. */
  strict: boolean;
  /** The effective mode: PERMISSIVE when nothing says otherwise. */
  mode: 'STRICT' | 'PERMISSIVE' | 'DISABLE';
  /** The policy whose mode won; absent when none applies (the PERMISSIVE default). */
  decidedBy?: MtlsDecider;
  /** The policy taken at each level, mesh first. */
  levels: MtlsDecider[];
  /** Policies that lost to an older one at the same level, or that istiod ignores for ambient. */
  ignored: { policy: string; reason: string }[];
}

const oldestFirst = (a: PeerAuthentication, b: PeerAuthentication) =>
  (a.createdAt ?? '').localeCompare(b.createdAt ?? '') || refOf(a).localeCompare(refOf(b));

/** The policies that could apply to a workload (or to a whole namespace when labels is undefined), by level. */
export function peerAuthenticationsFor(index: MeshIndex, namespace: string, labels?: Record<string, string>): { level: MtlsLevel; policies: PeerAuthentication[] }[] {
  const root = index.input.rootNamespace;
  const mesh = index.peerAuthenticationsIn(root).filter((p) => !p.selector);
  const own = namespace === root ? [] : index.peerAuthenticationsIn(namespace);
  const ns = own.filter((p) => !p.selector);
  const workload = labels === undefined ? [] : own.filter((p) => p.selector && selects(p.selector, labels));
  return [
    { level: 'mesh' as const, policies: [...mesh].sort(oldestFirst) },
    { level: 'namespace' as const, policies: [...ns].sort(oldestFirst) },
    { level: 'workload' as const, policies: [...workload].sort(oldestFirst) },
  ];
}

/** Effective mTLS mode for a workload's labels in a namespace; without labels, for the namespace as a whole. */
export function effectiveMtls(index: MeshIndex, namespace: string, labels?: Record<string, string>): EffectiveMtls {
  const levels: MtlsDecider[] = [];
  const ignored: EffectiveMtls['ignored'] = [];
  let decidedBy: MtlsDecider | undefined;
  for (const { level, policies } of peerAuthenticationsFor(index, namespace, labels)) {
    const [winner, ...losers] = policies;
    for (const l of losers) ignored.push({ policy: refOf(l), reason: `an older ${level}-level PeerAuthentication (${winner ? refOf(winner) : ''}) takes precedence` });
    if (!winner) continue;
    const d: MtlsDecider = { policy: refOf(winner), level, mode: winner.mode };
    levels.push(d);
    // The mesh level decides even when UNSET (it means PERMISSIVE there); lower levels only when set.
    if (level === 'mesh' || winner.mode !== 'UNSET') decidedBy = d;
  }
  const mode = decidedBy?.mode === 'STRICT' ? 'STRICT' : decidedBy?.mode === 'DISABLE' ? 'DISABLE' : 'PERMISSIVE';
  return { strict: mode === 'STRICT', mode, ...(decidedBy ? { decidedBy } : {}), levels, ignored };
}

export function describeMtls(m: EffectiveMtls): string {
  if (!m.decidedBy) return 'no PeerAuthentication applies: PERMISSIVE by default, plaintext is accepted';
  const { policy, level, mode } = m.decidedBy;
  const effect = m.strict ? 'plaintext is refused' : 'plaintext is accepted';
  return `${level}-level PeerAuthentication ${policy} sets ${mode === 'UNSET' ? 'UNSET (PERMISSIVE)' : mode}: ${effect}`;
}
