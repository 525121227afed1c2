// A kubeconfig for the simulated cluster: its https address and the CA that signed the API
// server's certificate (certificate-authority-data), so kubectl and client-node verify the server.
import { writeFile } from 'node:fs/promises';

export interface KubeconfigOptions {
  clusterName?: string;
  userName?: string;
  contextName?: string;
  namespace?: string;
}

const quote = (s: string): string => JSON.stringify(s);

/** Where the API server answers and the PEM of its CA. */
export interface ClusterEndpoint {
  server: string;
  caPem: string;
}

export function kubeconfigYaml(endpoint: ClusterEndpoint, token: string, options: KubeconfigOptions = {}): string {
  const cluster = options.clusterName ?? 'ambient-sim';
  const user = options.userName ?? 'ambient-sim-user';
  const context = options.contextName ?? 'ambient-sim';
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    `- name: ${quote(cluster)}`,
    '  cluster:',
    `    server: ${quote(endpoint.server)}`,
    `    certificate-authority-data: ${quote(Buffer.from(endpoint.caPem).toString('base64'))}`,
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
export async function writeKubeconfig(path: string, endpoint: ClusterEndpoint, token: string, options: KubeconfigOptions = {}): Promise<void> {
  await writeFile(path, kubeconfigYaml(endpoint, token, options), { mode: 0o600 });
}
