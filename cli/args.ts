import { parseGraphParams, type GraphParams } from '@/lib/graph/query';

// Command line -> a command and the same GraphParams the API uses. Pure: no process, no I/O.

export const USAGE = `Usage:
  ambient-lens edges -n <namespace>[,<namespace>...] [-o wide|json] [--duration 5m] [--graph-type workload|app|versionedApp|service] [--waypoints show|merge]
  ambient-lens check mtls -n <namespace>[,<namespace>...] [--duration 5m] [--waypoints show|merge]
  ambient-lens migrate plan -n <namespace> [-o json] [--duration 5m]

Reads the same environment as the server: PROMETHEUS_URL (PROMETHEUS_TOKEN, PROMETHEUS_TOKEN_FILE,
PROMETHEUS_CA_FILE, PROMETHEUS_HEADERS) or SIMULATOR_METRICS_URL; KUBECONFIG for waypoints and enrollment.
Exit codes: 0 ok; 1 check failed (an edge is not fully mTLS, or something blocks the migration); 2 usage or configuration error;
3 Prometheus or Kubernetes failed.`;

export type Output = 'table' | 'wide' | 'json';
export type Command =
  | { name: 'help' }
  | { name: 'edges'; query: GraphParams; output: Output }
  | { name: 'check-mtls'; query: GraphParams }
  | { name: 'migrate-plan'; query: GraphParams & { namespaces: [string] }; output: 'table' | 'json' };
export type Parsed = { ok: true; command: Command } | { ok: false; message: string };

const flags: Record<string, string> = {
  '-n': 'namespaces', '--namespace': 'namespaces', '--namespaces': 'namespaces',
  '-o': 'output', '--output': 'output',
  '--duration': 'duration', '--graph-type': 'graphType', '--waypoints': 'waypoints', '--query-time': 'queryTime',
};

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
