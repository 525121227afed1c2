import { parseGraphParams, type GraphParams } from '@/lib/graph/query';
import { AuthzCheckParams } from '@/lib/kube/wire/authz';
import { dnsLabel } from '@/lib/kube/wire/names';

// Command line -> a command and the same GraphParams the API uses. Pure: no process, no I/O.

export const USAGE = `Usage:
  ambient-lens edges -n <namespace>[,<namespace>...] [-o wide|json] [--duration 5m] [--graph-type workload|app|versionedApp|service] [--waypoints show|merge]
  ambient-lens check mtls -n <namespace>[,<namespace>...] [--duration 5m] [--waypoints show|merge]
  ambient-lens authz check --from NS/WORKLOAD|plaintext:NS --to NS/WORKLOAD|NS/service:NAME [--port N] [--method M] [--path P]
  ambient-lens authz lint [-n <namespace>]...
  ambient-lens migrate plan -n <namespace> [-o json] [--duration 5m]

Reads the same environment as the server: PROMETHEUS_URL (PROMETHEUS_TOKEN, PROMETHEUS_TOKEN_FILE,
PROMETHEUS_CA_FILE, PROMETHEUS_HEADERS) or SIMULATOR_METRICS_URL; KUBECONFIG for waypoints and enrollment.
The authz commands need only KUBECONFIG (or the pod's service account).
Exit codes: 0 ok; 1 check failed (an edge is not fully mTLS; authz check: denied; authz lint: a
warning or error; migrate plan: something blocks the migration); 2 usage or configuration error;
3 Prometheus or Kubernetes failed; 4 authz check: conditional (the answer depends on HTTP attributes,
an external authorizer, or which backend is picked). authz check exits 0 for allowed-unenforced (the
connection gets through) and names the policies not enforced on stderr.`;

export type Output = 'table' | 'wide' | 'json';
export type Command =
  | { name: 'help' }
  | { name: 'edges'; query: GraphParams; output: Output }
  | { name: 'check-mtls'; query: GraphParams }
  | { name: 'authz-check'; params: AuthzCheckParams }
  | { name: 'authz-lint'; namespaces: string[] }
  | { name: 'migrate-plan'; query: GraphParams & { namespaces: [string] }; output: 'table' | 'json' };
export type Parsed = { ok: true; command: Command } | { ok: false; message: string };

const flags: Record<string, string> = {
  '-n': 'namespaces', '--namespace': 'namespaces', '--namespaces': 'namespaces',
  '-o': 'output', '--output': 'output',
  '--duration': 'duration', '--graph-type': 'graphType', '--waypoints': 'waypoints', '--query-time': 'queryTime',
  '--from': 'from', '--to': 'to', '--port': 'port', '--method': 'method', '--path': 'path',
};

const GRAPH_FLAGS = ['namespaces', 'output', 'duration', 'graphType', 'waypoints', 'queryTime'];

function authzCommand(command: 'authz check' | 'authz lint', values: Record<string, string>): Parsed {
  const allowed = command === 'authz check' ? ['from', 'to', 'port', 'method', 'path'] : ['namespaces'];
  const extra = Object.keys(values).find((k) => !allowed.includes(k));
  if (extra) return { ok: false, message: `${command} does not take --${extra === 'namespaces' ? 'namespace' : extra}` };
  if (command === 'authz lint') {
    const namespaces = values.namespaces ? values.namespaces.split(',') : [];
    const bad = namespaces.find((n) => !dnsLabel.safeParse(n).success);
    return bad === undefined ? { ok: true, command: { name: 'authz-lint', namespaces } } : { ok: false, message: `namespace: "${bad}" is not a valid namespace name` };
  }
  if (!values.from) return { ok: false, message: '--from NS/WORKLOAD|plaintext:NS is required' };
  if (!values.to) return { ok: false, message: '--to NS/WORKLOAD is required' };
  const parsed = AuthzCheckParams.safeParse({ from: values.from, to: values.to, ...(values.port ? { port: values.port } : {}), ...(values.method ? { method: values.method } : {}), ...(values.path ? { path: values.path } : {}) });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, message: `${String(issue?.path[0] ?? 'argument')}: ${issue?.message ?? 'invalid'}` };
  }
  return { ok: true, command: { name: 'authz-check', params: parsed.data } };
}

export function parseArgs(argv: readonly string[], now?: () => number): Parsed {
  const positional: string[] = [];
  const values: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '-h' || arg === '--help') return { ok: true, command: { name: 'help' } };
    const [flag, inline] = arg.startsWith('-') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const key = flags[flag];
    if (arg.startsWith('-') && !key) return { ok: false, message: `unknown flag ${flag}` };
    if (!key) {
      positional.push(arg);
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || value === '') return { ok: false, message: `${flag} needs a value` };
    values[key] = key === 'namespaces' && values.namespaces ? `${values.namespaces},${value}` : value;
  }

  const command = positional.join(' ');
  if (command === 'authz check' || command === 'authz lint') return authzCommand(command, values);
  const authzFlag = Object.keys(values).find((k) => !GRAPH_FLAGS.includes(k));
  if (authzFlag) return { ok: false, message: `--${authzFlag} is only for authz check` };
  if (command !== 'edges' && command !== 'check mtls' && command !== 'migrate plan') {
    return { ok: false, message: command ? `unknown command "${command}"` : 'a command is required' };
  }
  const output = values.output ?? 'table';
  if (command === 'check mtls' && values.output) return { ok: false, message: '-o is not used by check mtls' };
  if (output !== 'table' && output !== 'wide' && output !== 'json') return { ok: false, message: `-o must be wide or json, not "${output}"` };
  if (!values.namespaces) return { ok: false, message: '-n <namespace> is required' };

  const parsed = parseGraphParams({ namespaces: values.namespaces, duration: values.duration, graphType: values.graphType, waypoints: values.waypoints, queryTime: values.queryTime }, now);
  if (!parsed.ok) return { ok: false, message: parsed.message };
  if (command === 'migrate plan') {
    const [namespace, ...more] = parsed.query.namespaces;
    if (namespace === undefined || more.length > 0) return { ok: false, message: 'migrate plan takes one namespace' };
    if (output === 'wide') return { ok: false, message: '-o must be json for migrate plan' };
    return { ok: true, command: { name: 'migrate-plan', query: { ...parsed.query, namespaces: [namespace] }, output } };
  }
  return { ok: true, command: command === 'edges' ? { name: 'edges', query: parsed.query, output } : { name: 'check-mtls', query: parsed.query } };
}
