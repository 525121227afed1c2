// Who is asking. The user's bearer token rides along for Kubernetes calls made on their behalf;
// it is non-enumerable so JSON.stringify, spreads and structured logs never carry it.

export type AuthStrategy = 'anonymous' | 'token' | 'openshift' | 'header';

export interface User {
  readonly name: string;
  readonly groups: readonly string[];
  readonly strategy: AuthStrategy;
  /** The user's own Kubernetes bearer token; undefined for anonymous (the service account is used). */
  readonly token?: string;
}

export function makeUser(identity: { name: string; groups: readonly string[] }, strategy: AuthStrategy, token?: string): User {
  const user = { name: identity.name, groups: [...identity.groups], strategy };
  if (token !== undefined) Object.defineProperty(user, 'token', { value: token, enumerable: false });
  return Object.freeze(user) as User;
}

export const ANONYMOUS_USER: User = makeUser({ name: 'Anonymous (demo)', groups: [] }, 'anonymous');

/** What the browser may see about a user (the header's user menu, /api/auth/me). */
export interface UserSummary {
  name: string;
  strategy: AuthStrategy;
  canLogOut: boolean;
}

export function summarize(user: User): UserSummary {
  return { name: user.name, strategy: user.strategy, canLogOut: user.strategy === 'token' || user.strategy === 'openshift' };
}
