// The columns kube-apiserver's printers give each kind when kubectl asks for a Table
// (k8s.io/kubernetes/pkg/printers/internalversion), and the Sail CRDs' additionalPrinterColumns
// (reference: sail-operator CRDs, release 1.0). Cells are what the real printers compute.
import type { KubeObject, ResourceType } from '../store';

export interface TableColumn {
  name: string;
  type: 'string' | 'integer' | 'date';
  /** 0: always shown; 1: only with -o wide. */
  priority: 0 | 1;
  description: string;
  cell: (o: KubeObject, now: number) => string | number;
}

type Json = Record<string, unknown>;
const field = (o: unknown, path: string[]): unknown => path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Json)[k] : undefined), o);
const str = (v: unknown, none = '<none>'): string => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : none);
const arr = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);
const num = (v: unknown): number => (typeof v === 'number' ? v : 0);

/** Go's duration.HumanDuration, as the Age column prints it. */
export function humanDuration(seconds: number): string {
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  const s = Math.floor(seconds);
  if (s < 120) return `${s}s`;
  const minutes = Math.floor(s / 60);
  if (minutes < 10) return s % 60 === 0 ? `${minutes}m` : `${minutes}m${s % 60}s`;
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(s / 3600);
  if (hours < 8) return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`;
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) return hours % 24 === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${hours % 24}h`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  const years = Math.floor(hours / 24 / 365);
  if (hours < 24 * 365 * 8) {
    const days = Math.floor(hours / 24) % 365;
    return days === 0 ? `${years}y` : `${years}y${days}d`;
  }
  return `${years}y`;
}

const since = (timestamp: unknown, now: number): string => {
  if (typeof timestamp !== 'string') return '<unknown>';
  return humanDuration(now - Date.parse(timestamp) / 1000);
};

const nameColumn: TableColumn = { name: 'Name', type: 'string', priority: 0, description: 'Name must be unique within a namespace.', cell: (o) => o.metadata.name };
const ageColumn: TableColumn = { name: 'Age', type: 'string', priority: 0, description: 'CreationTimestamp is a timestamp representing the server time when this object was created.', cell: (o, now) => since(o.metadata.creationTimestamp, now) };
const col = (name: string, priority: 0 | 1, cell: TableColumn['cell'], type: TableColumn['type'] = 'string'): TableColumn => ({ name, type, priority, description: name, cell });

const labelSelector = (selector: unknown): string => {
  const labels = (field(selector, ['matchLabels']) ?? selector) as Json | undefined;
  const pairs = Object.entries(labels ?? {}).filter(([, v]) => typeof v === 'string').map(([k, v]) => `${k}=${v as string}`);
  return pairs.length ? pairs.join(',') : '<none>';
};
const containers = (o: KubeObject): Json[] => arr(field(o, ['spec', 'template', 'spec', 'containers']));

function podStatus(o: KubeObject): string {
  if (o.metadata.deletionTimestamp) return 'Terminating';
  for (const cs of arr(field(o, ['status', 'containerStatuses']))) {
    const reason = field(cs, ['state', 'waiting', 'reason']) ?? field(cs, ['state', 'terminated', 'reason']);
    if (typeof reason === 'string') return reason;
  }
  return str(field(o, ['status', 'reason']), str(field(o, ['status', 'phase']), 'Unknown'));
}

function nodeAddress(o: KubeObject, type: string): string {
  return str(arr(field(o, ['status', 'addresses'])).find((a) => a.type === type)?.address);
}

function servicePorts(o: KubeObject): string {
  const ports = arr(field(o, ['spec', 'ports'])).map((p) => `${num(p.port)}${p.nodePort ? `:${num(p.nodePort)}` : ''}/${str(p.protocol, 'TCP')}`);
  return ports.length ? ports.join(',') : '<none>';
}

const builtinColumns: Record<string, TableColumn[]> = {
  '/pods': [
    nameColumn,
    col('Ready', 0, (o) => {
      const statuses = arr(field(o, ['status', 'containerStatuses']));
      return `${statuses.filter((c) => c.ready === true).length}/${arr(field(o, ['spec', 'containers'])).length}`;
    }),
    col('Status', 0, podStatus),
    col('Restarts', 0, (o) => arr(field(o, ['status', 'containerStatuses'])).reduce((n, c) => n + num(c.restartCount), 0), 'integer'),
    ageColumn,
    col('IP', 1, (o) => str(field(o, ['status', 'podIP']))),
    col('Node', 1, (o) => str(field(o, ['spec', 'nodeName']))),
    col('Nominated Node', 1, (o) => str(field(o, ['status', 'nominatedNodeName']))),
    col('Readiness Gates', 1, (o) => {
      const gates = arr(field(o, ['spec', 'readinessGates']));
      return gates.length ? `0/${gates.length}` : '<none>';
    }),
  ],
  '/namespaces': [nameColumn, col('Status', 0, (o) => str(field(o, ['status', 'phase']), 'Active')), ageColumn],
  '/nodes': [
    nameColumn,
    col('Status', 0, (o) => (arr(field(o, ['status', 'conditions'])).find((c) => c.type === 'Ready')?.status === 'True' ? 'Ready' : 'NotReady')),
    col('Roles', 0, (o) => {
      const roles = Object.keys(o.metadata.labels ?? {}).filter((k) => k.startsWith('node-role.kubernetes.io/')).map((k) => k.slice('node-role.kubernetes.io/'.length));
      return roles.length ? roles.sort().join(',') : '<none>';
    }),
    ageColumn,
    col('Version', 0, (o) => str(field(o, ['status', 'nodeInfo', 'kubeletVersion']), '')),
    col('Internal-IP', 1, (o) => nodeAddress(o, 'InternalIP')),
    col('External-IP', 1, (o) => nodeAddress(o, 'ExternalIP')),
    col('OS-Image', 1, (o) => str(field(o, ['status', 'nodeInfo', 'osImage']), '<unknown>')),
    col('Kernel-Version', 1, (o) => str(field(o, ['status', 'nodeInfo', 'kernelVersion']), '<unknown>')),
    col('Container-Runtime', 1, (o) => str(field(o, ['status', 'nodeInfo', 'containerRuntimeVersion']), '<unknown>')),
  ],
  'apps/deployments': [
    nameColumn,
    col('Ready', 0, (o) => `${num(field(o, ['status', 'readyReplicas']))}/${num(field(o, ['spec', 'replicas']))}`),
    col('Up-to-date', 0, (o) => num(field(o, ['status', 'updatedReplicas'])), 'integer'),
    col('Available', 0, (o) => num(field(o, ['status', 'availableReplicas'])), 'integer'),
    ageColumn,
    col('Containers', 1, (o) => containers(o).map((c) => str(c.name)).join(',')),
    col('Images', 1, (o) => containers(o).map((c) => str(c.image)).join(',')),
    col('Selector', 1, (o) => labelSelector(field(o, ['spec', 'selector']))),
  ],
  '/services': [
    nameColumn,
    col('Type', 0, (o) => str(field(o, ['spec', 'type']), 'ClusterIP')),
    col('Cluster-IP', 0, (o) => str(field(o, ['spec', 'clusterIP']))),
    col('External-IP', 0, (o) => {
      const ingress = arr(field(o, ['status', 'loadBalancer', 'ingress'])).map((i) => str(i.ip ?? i.hostname, ''));
      return ingress.filter(Boolean).join(',') || '<none>';
    }),
    col('Port(s)', 0, servicePorts),
    ageColumn,
    col('Selector', 1, (o) => labelSelector(field(o, ['spec', 'selector']))),
  ],
  'apps/daemonsets': [
    nameColumn,
    col('Desired', 0, (o) => num(field(o, ['status', 'desiredNumberScheduled'])), 'integer'),
    col('Current', 0, (o) => num(field(o, ['status', 'currentNumberScheduled'])), 'integer'),
    col('Ready', 0, (o) => num(field(o, ['status', 'numberReady'])), 'integer'),
    col('Up-to-date', 0, (o) => num(field(o, ['status', 'updatedNumberScheduled'])), 'integer'),
    col('Available', 0, (o) => num(field(o, ['status', 'numberAvailable'])), 'integer'),
    col('Node Selector', 0, (o) => labelSelector(field(o, ['spec', 'template', 'spec', 'nodeSelector']))),
    ageColumn,
    col('Containers', 1, (o) => containers(o).map((c) => str(c.name)).join(',')),
    col('Images', 1, (o) => containers(o).map((c) => str(c.image)).join(',')),
    col('Selector', 1, (o) => labelSelector(field(o, ['spec', 'selector']))),
  ],
};

/** A CRD printer column's JSONPath: dotted fields and the `[?(@.type=="X")]` filter the Sail CRDs use. */
export function jsonPathValue(o: unknown, path: string): unknown {
  let value: unknown = o;
  for (const part of path.replace(/^\./, '').match(/[^.[\]]+|\[\?\(@\.\w+=="[^"]*"\)\]/g) ?? []) {
    const filter = /^\[\?\(@\.(\w+)=="([^"]*)"\)\]$/.exec(part);
    value = filter ? arr(value).find((item) => item[filter[1]!] === filter[2]) : field(value, [part]);
  }
  return value;
}

const crdColumn = (name: string, jsonPath: string, type: TableColumn['type'] = 'string'): TableColumn => ({
  name,
  type,
  priority: 0,
  description: name,
  cell: (o, now) => {
    const v = jsonPathValue(o, jsonPath);
    if (type === 'date') return since(v, now);
    return typeof v === 'string' || typeof v === 'number' ? v : '';
  },
});
const ready = '.status.conditions[?(@.type=="Ready")].status';
const crdAge = crdColumn('Age', '.metadata.creationTimestamp', 'date');

const sailColumns: Record<string, TableColumn[]> = {
  Istio: [crdColumn('Revisions', '.status.revisions.total'), crdColumn('Ready', '.status.revisions.ready'), crdColumn('In use', '.status.revisions.inUse'), crdColumn('Active Revision', '.status.activeRevisionName'), crdColumn('Status', '.status.state'), crdColumn('Version', '.spec.version'), crdAge],
  IstioCNI: [crdColumn('Ready', ready), crdColumn('Status', '.status.state'), crdColumn('Version', '.spec.version'), crdAge],
  ZTunnel: [crdColumn('Ready', ready), crdColumn('Status', '.status.state'), crdColumn('Version', '.spec.version'), crdAge],
  IstioRevision: [crdColumn('Type', '.spec.type'), crdColumn('Ready', ready), crdColumn('Status', '.status.state'), crdColumn('In use', '.status.conditions[?(@.type=="InUse")].status'), crdColumn('Version', '.spec.version'), crdAge],
};

/** The columns of a kind's Table: its printer, the CRD's printer columns after Name, or Name and Age. */
export function columnsFor(type: ResourceType): TableColumn[] {
  const builtin = builtinColumns[`${type.group}/${type.plural}`];
  if (builtin) return builtin;
  const crd = type.group === 'sailoperator.io' ? sailColumns[type.kind] : undefined;
  return crd ? [nameColumn, ...crd] : [nameColumn, ageColumn];
}
