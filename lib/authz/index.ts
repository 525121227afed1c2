// The public face of the authorization core: parse the policies, evaluate a connection, lint the mesh.
export type { AuthorizationPolicy, PeerAuthentication, RequestAuthentication, SecurityPolicy, AuthorizationAction, MtlsMode, PolicyTargetRef } from './model';
export { parseAuthorizationPolicy, parsePeerAuthentication, parseRequestAuthentication, parseSecurityPolicies, type ParsedPolicies, type UnreadablePolicy } from './parse';
export * from './input';
export { meshIndex, principalOf, spiffeOf, type MeshIndex } from './mesh';
export { evaluate, type AuthzQuery, type AuthzSource, type AuthzDestination, type Decision, type Evaluation, type EvaluationResult } from './evaluate';
export type { EnforcementPoint, SeenIdentity, UnenforcedPolicy, Conversion } from './points';
export type { Deciding, Step, StepCheck, PointDecision } from './decide';
export type { HttpRequest } from './l7';
export type { EvaluateOptions } from './rules';
export { effectiveMtls, type EffectiveMtls } from './peer-authentication';
export { serviceWaypoint, workloadWaypoint, type WaypointBinding } from './path';
export { convertForZtunnel } from './ztunnel';
export { expectedZtunnelPolicies, compareZtunnelPolicies, type ExpectedZtunnelPolicy, type HeldZtunnelPolicy, type ZtunnelPolicyDiff } from './ztunnel-view';
export { scopeOf, selectedWorkloads, type Scope } from './attachment';
export { lint, findingLine, type Finding, type FindingObject, type LintOptions } from './findings';
export { FINDING_CODES, type FindingCode, type Severity } from './codes';
