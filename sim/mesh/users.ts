// Who may call the simulated API server: bearer token -> user with the namespaces it may read.

import type { SimUser } from '../contracts';

export interface SimUserEntry {
  token: string;
  user: SimUser;
}

export function defaultUsers(adminToken: string): SimUserEntry[] {
  return [
    { token: adminToken, user: { username: 'admin', groups: ['system:masters', 'system:authenticated'], namespaces: '*' } },
    { token: 'alice-token', user: { username: 'alice', groups: ['system:authenticated'], namespaces: ['bookinfo'] } },
    { token: 'bob-token', user: { username: 'bob', groups: ['system:authenticated'], namespaces: ['legacy'] } },
  ];
}

export function authenticator(users: SimUserEntry[]): (token: string) => SimUser | undefined {
  const byToken = new Map(users.map((u) => [u.token, u.user]));
  return (token) => {
    const user = byToken.get(token);
    return user ? structuredClone(user) : undefined;
  };
}

export function userLookup(users: SimUserEntry[]): (username: string) => SimUser | undefined {
  return (username) => {
    const entry = users.find((u) => u.user.username === username);
    return entry ? structuredClone(entry.user) : undefined;
  };
}
