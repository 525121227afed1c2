// A kubeconfig for the simulated cluster: plain http with insecure-skip-tls-verify, which
// @kubernetes/client-node requires before it will speak http:// to a server.
import { writeFile } from 'node:fs/promises';

export interface KubeconfigOptions {
  clusterName?: string;
  userName?: string;
  contextName?: string;
  namespace?: string;
}

const quote = (s: string): string => JSON.stringify(s);

export function kubeconfigYaml(baseUrl: string, token: string, options: KubeconfigOptions = {}): string {
  const cluster = options.clusterName ?? 'ambient-sim';
  const user = options.userName ?? 'ambient-sim-user';
  const context = options.contextName ?? 'ambient-sim';
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    `- name: ${quote(cluster)}`,
    '  cluster:',
    `    server: ${quote(baseUrl)}`,
    '    insecure-skip-tls-verify: true',
    'users:',
    `- name: ${quote(user)}`,
    '  user:',
    `    token: ${quote(token)}`,
    'contexts:',
    `- name: ${quote(context)}`,
    '  context:',
    `    cluster: ${quote(cluster)}`,
    `    user: ${quote(user)}`,
    ...(options.namespace ? [`    namespace: ${quote(options.namespace)}`] : []),
    `current-context: ${quote(context)}`,
    'preferences: {}',
    '',
  ].join('\n');
}

/** Writes the kubeconfig with owner-only permissions (it holds a bearer token). */
export async function writeKubeconfig(path: string, baseUrl: string, token: string, options: KubeconfigOptions = {}): Promise<void> {
  await writeFile(path, kubeconfigYaml(baseUrl, token, options), { mode: 0o600 });
}
