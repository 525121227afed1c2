// The review endpoints: TokenReview, SelfSubjectReview, SelfSubjectAccessReview and
// SelfSubjectRulesReview. Any authenticated caller may create them; nothing is stored.
import { z } from 'zod';
import type { MeshHooks, SimUser } from '../contracts';
import { authorize, rulesFor, userGroups } from './auth';
import { statusErrors } from './status';

const tokenReviewSpec = z.object({ spec: z.object({ token: z.string().default(''), audiences: z.array(z.string()).optional() }) });
const accessReviewSpec = z.object({
  spec: z.object({
    resourceAttributes: z
      .object({
        namespace: z.string().optional(),
        verb: z.string().default(''),
        group: z.string().default(''),
        version: z.string().optional(),
        resource: z.string().default(''),
        subresource: z.string().optional(),
        name: z.string().optional(),
      })
      .optional(),
    nonResourceAttributes: z.object({ path: z.string(), verb: z.string() }).optional(),
  }),
});
const rulesReviewSpec = z.object({ spec: z.object({ namespace: z.string().default('') }) });

function parse<T>(schema: z.ZodType<T>, body: unknown, kind: string): T {
  const result = schema.safeParse(body);
  if (!result.success) throw statusErrors.badRequest(`${kind} in version "v1" cannot be handled: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return result.data;
}

const userInfo = (user: SimUser) => ({ username: user.username, groups: userGroups(user) });

function withMeta(body: unknown, apiVersion: string, kind: string): { apiVersion: string; kind: string; metadata: Record<string, unknown> } {
  const metadata = typeof body === 'object' && body !== null && 'metadata' in body ? (body as { metadata: unknown }).metadata : undefined;
  return { apiVersion, kind, metadata: { ...(typeof metadata === 'object' && metadata !== null ? metadata : {}), creationTimestamp: null } };
}

/** The response body for a POST to a review endpoint. */
export function createReview(plural: string, body: unknown, caller: SimUser, hooks: MeshHooks): unknown {
  switch (plural) {
    case 'tokenreviews': {
      const { spec } = parse(tokenReviewSpec, body, 'TokenReview');
      const reviewed = spec.token ? hooks.authenticate(spec.token) : undefined;
      const status = reviewed
        ? { authenticated: true, user: userInfo(reviewed), audiences: spec.audiences ?? ['https://kubernetes.default.svc.cluster.local'] }
        : { user: {}, error: '[invalid bearer token, token lookup failed]' };
      return { ...withMeta(body, 'authentication.k8s.io/v1', 'TokenReview'), spec, status };
    }
    case 'selfsubjectreviews':
      return { ...withMeta(body, 'authentication.k8s.io/v1', 'SelfSubjectReview'), status: { userInfo: userInfo(caller) } };
    case 'selfsubjectaccessreviews': {
      const { spec } = parse(accessReviewSpec, body, 'SelfSubjectAccessReview');
      const attrs = spec.resourceAttributes;
      let status: { allowed: boolean; reason?: string };
      if (attrs) {
        const decision = authorize(caller, {
          verb: attrs.verb,
          group: attrs.group,
          resource: attrs.resource,
          ...(attrs.subresource ? { subresource: attrs.subresource } : {}),
          ...(attrs.namespace ? { namespace: attrs.namespace } : {}),
          ...(attrs.name ? { name: attrs.name } : {}),
        });
        status = decision.allowed ? { allowed: true, reason: decision.reason } : { allowed: false };
      } else if (spec.nonResourceAttributes) {
        status = { allowed: caller.namespaces === '*' || spec.nonResourceAttributes.verb === 'get' };
      } else {
        throw statusErrors.unprocessable('SelfSubjectAccessReview.authorization.k8s.io "" is invalid: spec.resourceAttributes: Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified');
      }
      return { ...withMeta(body, 'authorization.k8s.io/v1', 'SelfSubjectAccessReview'), spec, status };
    }
    case 'selfsubjectrulesreviews': {
      const { spec } = parse(rulesReviewSpec, body, 'SelfSubjectRulesReview');
      if (!spec.namespace) throw statusErrors.badRequest('no namespace on request');
      return { ...withMeta(body, 'authorization.k8s.io/v1', 'SelfSubjectRulesReview'), spec, status: { ...rulesFor(caller, spec.namespace), incomplete: false } };
    }
    default:
      throw statusErrors.methodNotAllowed();
  }
}
