// React Query options for GET /api/authz/policies and /api/authz/check.
import type { AuthzCheckResponse, AuthzPoliciesResponse } from '@/lib/kube/wire/authz';
import { apiQueryOptions, live, type ApiQueryOptions } from './resource';

// Components read the wire types from here (they do not import lib/kube).
export type { AuthorizationPolicyRow, AuthzCheckResponse, AuthzPoliciesResponse, PeerAuthenticationRow, PolicyEnforcement, ZtunnelAgreement } from '@/lib/kube/wire/authz';

/** The connection asked about, as the URL carries it: from=NS/WORKLOAD|plaintext:NS, to=NS/WORKLOAD|NS/service:NAME. */
export interface AuthzCheckInput {
  from: string;
  to: string;
  port?: number;
  /** With a workload destination: the Service the client addressed (a graph edge's destination_service). */
  service?: string;
  /** `service`: the workload was reached through the Service in front of it (graph edges between workloads). */
  addressed?: 'service' | 'workload';
  /** The HTTP request, for the rules a waypoint evaluates. */
  method?: string;
  path?: string;
}

export const authzPoliciesQueryOptions = (namespace?: string, options: ApiQueryOptions = {}) =>
  apiQueryOptions<AuthzPoliciesResponse>('/api/authz/policies', { namespace }, live(options));

export const authzCheckQueryOptions = (input: AuthzCheckInput, options: ApiQueryOptions = {}) =>
  apiQueryOptions<AuthzCheckResponse>('/api/authz/check', { from: input.from, to: input.to, port: input.port, service: input.service, addressed: input.addressed, method: input.method, path: input.path }, options);
