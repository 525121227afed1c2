// Stable finding codes. A code never changes meaning; retired codes are not reused.
// README.md in this folder explains each one with an example.

export type Severity = 'error' | 'warning' | 'info';

export interface FindingCodeInfo {
  slug: string;
  /** The usual severity; a finding may raise or lower it (e.g. a policy left allowing nothing). */
  severity: Severity;
  title: string;
}

export const FINDING_CODES = {
  AUTHZ001: { slug: 'waypoint-identity-denied', severity: 'error', title: "A ztunnel-enforced policy refuses the waypoint's identity, so all traffic through the waypoint is denied" },
  AUTHZ002: { slug: 'deny-misses-waypoint-traffic', severity: 'warning', title: "A DENY policy names clients that reach the pod through a waypoint, where ztunnel only sees the waypoint's identity" },
  AUTHZ003: { slug: 'http-rules-dropped-at-ztunnel', severity: 'warning', title: 'ALLOW rules with HTTP attributes are dropped whole for ztunnel' },
  AUTHZ004: { slug: 'http-conditions-stripped-at-ztunnel', severity: 'warning', title: 'HTTP conditions of a DENY policy are stripped for ztunnel' },
  AUTHZ005: { slug: 'target-without-waypoint', severity: 'error', title: 'A targetRefs policy has no working waypoint: it is not enforced' },
  AUTHZ006: { slug: 'target-not-found', severity: 'warning', title: 'A targetRefs entry names nothing that exists, or something Istio ignores' },
  AUTHZ007: { slug: 'custom-at-ztunnel', severity: 'error', title: 'A CUSTOM policy selects ambient pods: ztunnel does not enforce it' },
  AUTHZ008: { slug: 'allow-nothing', severity: 'info', title: 'An ALLOW policy without rules: every caller of the selected pods is refused' },
  AUTHZ009: { slug: 'unknown-principal', severity: 'warning', title: 'A policy names a principal no workload or waypoint has' },
  AUTHZ010: { slug: 'unknown-namespace', severity: 'warning', title: 'A policy names a namespace that does not exist' },
  AUTHZ011: { slug: 'selector-matches-nothing', severity: 'warning', title: 'A policy selector selects no workload' },
  AUTHZ012: { slug: 'invalid-policy', severity: 'error', title: 'A policy could not be read as written' },
  AUTHZ013: { slug: 'request-authentication-at-ztunnel', severity: 'warning', title: 'A RequestAuthentication selects ambient pods: ztunnel does not validate JWTs' },
  AUTHZ020: { slug: 'namespace-accepts-plaintext', severity: 'warning', title: 'Ambient workloads accept plaintext: no STRICT PeerAuthentication applies' },
  AUTHZ021: { slug: 'workload-relaxes-strict', severity: 'warning', title: 'A workload-level PeerAuthentication relaxes a STRICT namespace or mesh' },
  AUTHZ022: { slug: 'port-level-mtls-ignored', severity: 'warning', title: 'portLevelMtls is not honoured for ambient pods' },
  AUTHZ023: { slug: 'mtls-disable-ambient', severity: 'info', title: 'mtls.mode DISABLE is not meaningful for ambient pods' },
  AUTHZ024: { slug: 'conflicting-peer-authentications', severity: 'warning', title: 'Several PeerAuthentications at one level: only the oldest counts' },
  AUTHZ030: { slug: 'observed-denied', severity: 'warning', title: 'Observed connections were denied by policy' },
  AUTHZ031: { slug: 'observed-contradicts-policy', severity: 'warning', title: 'Observed traffic disagrees with what the policies say' },
  AUTHZ032: { slug: 'plaintext-into-strict', severity: 'error', title: 'Plaintext traffic reached a workload whose PeerAuthentication is STRICT' },
} as const satisfies Record<string, FindingCodeInfo>;

export type FindingCode = keyof typeof FINDING_CODES;

export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
