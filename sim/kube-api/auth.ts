// Authentication (bearer token -> MeshHooks.authenticate) and a small RBAC: a user with
// namespaces '*' may do everything; a restricted user may get/list/watch/patch namespaced
// resources (plus pods/log and pods/portforward) in their namespaces and get those namespaces.
import type { IncomingMessage } from 'node:http';
import type { MeshHooks, SimUser } from '../contracts';
import { statusErrors, type KubeStatusError } from './status';

export interface ResourceAttributes {
  verb: string;
  group: string;
  resource: string;
  subresource?: string;
  namespace?: string;
  name?: string;
}

export interface Decision {
  allowed: boolean;
  reason: string;
}

/** The bearer token of a request, or undefined when none is sent. */
export function bearerToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  if (!header) return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m?.[1];
}

/** The caller, or a 401 Status error; with Impersonate-User (kubectl --as) the user named, when the caller may impersonate. */
export function authenticate(req: IncomingMessage, hooks: MeshHooks): SimUser | KubeStatusError {
  const token = bearerToken(req);
  const user = token ? hooks.authenticate(token) : undefined;
  if (!user) return statusErrors.unauthorized();
  const impersonated = req.headers['impersonate-user'];
  if (typeof impersonated !== 'string' || impersonated === '') return user;
  if (user.namespaces !== '*') {
    return forbidden(user, { verb: 'impersonate', group: '', resource: 'users', name: impersonated });
  }
  const groups = req.headers['impersonate-group'];
  const asGroups = (Array.isArray(groups) ? groups : groups ? groups.split(',') : []).map((g) => g.trim()).filter(Boolean);
  const known = hooks.userNamed?.(impersonated);
  return known ? { ...known, ...(asGroups.length ? { groups: asGroups } : {}) } : { username: impersonated, groups: asGroups, namespaces: [] };
}

const restrictedVerbs = new Set(['get', 'list', 'watch', 'patch']);
const restrictedSubresources: Record<string, string[]> = { log: ['get'], portforward: ['get', 'create'], status: ['get', 'patch'] };

export function authorize(user: SimUser, attrs: ResourceAttributes): Decision {
  if (user.namespaces === '*') {
    return { allowed: true, reason: `RBAC: allowed by ClusterRoleBinding "sim-cluster-admin" of ClusterRole "cluster-admin" to User "${user.username}"` };
  }
  const mine = user.namespaces;
  if (attrs.group === '' && attrs.resource === 'namespaces') {
    // Namespaces are cluster-scoped: a restricted user may only read their own, by name.
    const own = !attrs.subresource && attrs.verb === 'get' && attrs.name !== undefined && mine.includes(attrs.name);
    return own ? { allowed: true, reason: `RBAC: allowed by ClusterRole "sim-namespace-reader" to User "${user.username}" for namespace "${attrs.name}"` } : { allowed: false, reason: '' };
  }
  if (!attrs.namespace || !mine.includes(attrs.namespace)) return { allowed: false, reason: '' };
  const verbOk = attrs.subresource ? (restrictedSubresources[attrs.subresource] ?? []).includes(attrs.verb) : restrictedVerbs.has(attrs.verb);
  if (!verbOk) return { allowed: false, reason: '' };
  return {
    allowed: true,
    reason: `RBAC: allowed by RoleBinding "sim-viewer/${attrs.namespace}" of ClusterRole "sim-viewer" to User "${user.username}"`,
  };
}

/** The 403 a real RBAC-denied request gets, word for word. */
export function forbidden(user: SimUser, attrs: ResourceAttributes): KubeStatusError {
  const qualified = attrs.group ? `${attrs.resource}.${attrs.group}` : attrs.resource;
  const subject = attrs.name ? `${qualified} "${attrs.name}"` : qualified;
  const resource = attrs.subresource ? `${attrs.resource}/${attrs.subresource}` : attrs.resource;
  const scope = attrs.namespace ? `in the namespace "${attrs.namespace}"` : 'at the cluster scope';
  return statusErrors.forbidden(`${subject} is forbidden: User "${user.username}" cannot ${attrs.verb} resource "${resource}" in API group "${attrs.group}" ${scope}`, {
    ...(attrs.name ? { name: attrs.name } : {}),
    ...(attrs.group ? { group: attrs.group } : {}),
    kind: attrs.resource,
  });
}

/** Throws the 403 unless the user may do this. */
export function requireAllowed(user: SimUser, attrs: ResourceAttributes): void {
  if (!authorize(user, attrs).allowed) throw forbidden(user, attrs);
}

/** Groups as the API server reports them: every authenticated user is in system:authenticated. */
export function userGroups(user: SimUser): string[] {
  return user.groups.includes('system:authenticated') ? user.groups : [...user.groups, 'system:authenticated'];
}

export interface ResourceRule {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
  resourceNames?: string[];
}

/** What SelfSubjectRulesReview reports for a namespace. */
export function rulesFor(user: SimUser, namespace: string): { resourceRules: ResourceRule[]; nonResourceRules: { verbs: string[]; nonResourceURLs: string[] }[] } {
  const selfReviews: ResourceRule = {
    verbs: ['create'],
    apiGroups: ['authorization.k8s.io'],
    resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'],
  };
  const discovery = { verbs: ['get'], nonResourceURLs: ['/api', '/api/*', '/apis', '/apis/*', '/healthz', '/livez', '/readyz', '/version', '/version/'] };
  if (user.namespaces === '*') {
    return { resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }, selfReviews], nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }, discovery] };
  }
  const rules: ResourceRule[] = [selfReviews];
  if (user.namespaces.includes(namespace)) {
    rules.push(
      { verbs: [...restrictedVerbs], apiGroups: ['*'], resources: ['*'] },
      { verbs: ['get'], apiGroups: [''], resources: ['pods/log'] },
      { verbs: ['get', 'create'], apiGroups: [''], resources: ['pods/portforward'] },
    );
  }
  rules.push({ verbs: ['get'], apiGroups: [''], resources: ['namespaces'], resourceNames: [...user.namespaces] });
  return { resourceRules: rules, nonResourceRules: [discovery] };
}
