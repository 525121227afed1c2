// Builders for the Kubernetes objects a scenario starts with, shaped as the API server returns them:
// Deployment -> ReplicaSet -> Pod owner chains, pod-template-hash names, IPs and node placement.

import type { KubeObject } from '../store';
import type { ScenarioObject } from './types';
import { AddressPlan, podSuffix, podTemplateHash, uidFor } from './ids';

type Labels = Record<string, string>;

export class BuildContext {
  readonly addresses: AddressPlan;
  readonly objects: ScenarioObject[] = [];
  private readonly nodeIndexes = new Map<string, number>();

  constructor(
    readonly seed: string,
    /** ISO timestamp for creationTimestamp. */
    readonly created: string,
    addresses?: AddressPlan,
  ) {
    this.addresses = addresses ?? new AddressPlan();
  }

  uid(kind: string, namespace: string | undefined, name: string): string {
    return uidFor(this.seed, kind, namespace, name);
  }

  meta(kind: string, namespace: string | undefined, name: string, labels?: Labels, annotations?: Labels): KubeObject['metadata'] {
    return {
      name,
      ...(namespace ? { namespace } : {}),
      uid: this.uid(kind, namespace, name),
      creationTimestamp: this.created,
      ...(labels && Object.keys(labels).length ? { labels: { ...labels } } : {}),
      ...(annotations && Object.keys(annotations).length ? { annotations: { ...annotations } } : {}),
    };
  }

  add(type: ScenarioObject['type'], object: KubeObject): KubeObject {
    this.objects.push({ type, object });
    return object;
  }

  node(name: string, labels: Labels = {}): KubeObject {
    const index = this.nodeIndexes.size;
    this.nodeIndexes.set(name, index);
    return this.add('nodes', {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: this.meta('Node', undefined, name, { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64', ...labels }),
      spec: { podCIDR: `10.244.${index}.0/24` },
      status: {
        addresses: [
          { type: 'InternalIP', address: this.addresses.nodeIp(index) },
          { type: 'Hostname', address: name },
        ],
        conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastTransitionTime: this.created }],
        nodeInfo: { kubeletVersion: 'v1.31.0', containerRuntimeVersion: 'containerd://1.7.18', osImage: 'Debian GNU/Linux 12 (bookworm)' },
      },
    });
  }

  /** Makes a node known (for host IPs) without creating it, for controllers working on an existing store. */
  knowNode(name: string): void {
    if (!this.nodeIndexes.has(name)) this.nodeIndexes.set(name, this.nodeIndexes.size);
  }

  nodeIp(name: string): string {
    return this.addresses.nodeIp(this.nodeIndexes.get(name) ?? 0);
  }

  namespace(name: string, labels: Labels = {}): KubeObject {
    return this.add('namespaces', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: this.meta('Namespace', undefined, name, { 'kubernetes.io/metadata.name': name, ...labels }),
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
  }

  serviceAccount(namespace: string, name: string, labels: Labels = {}): KubeObject {
    return this.add('serviceAccounts', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: this.meta('ServiceAccount', namespace, name, labels) });
  }

  service(namespace: string, name: string, input: { labels?: Labels; annotations?: Labels; selector: Labels; ports: Record<string, unknown>[]; extraSpec?: Record<string, unknown>; owner?: KubeObject }): KubeObject {
    const vip = this.addresses.serviceVip();
    const metadata = this.meta('Service', namespace, name, input.labels, input.annotations);
    if (input.owner) metadata.ownerReferences = [ownerRef(input.owner, false)];
    return this.add('services', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata,
      spec: {
        ...input.extraSpec,
        clusterIP: vip,
        clusterIPs: [vip],
        ipFamilies: ['IPv4'],
        ipFamilyPolicy: (input.extraSpec?.ipFamilyPolicy as string | undefined) ?? 'SingleStack',
        ports: input.ports.map((p) => ({ protocol: 'TCP', targetPort: p.port, ...p })),
        selector: input.selector,
        sessionAffinity: 'None',
        type: 'ClusterIP',
      },
      status: { loadBalancer: {} },
    });
  }

  /** A Deployment with its ReplicaSet and one pod per entry of `nodes`. */
  deployment(input: WorkloadInput): { deployment: KubeObject; replicaSet: KubeObject; pods: KubeObject[] } {
    const { namespace, name } = input;
    const hash = podTemplateHash(this.seed, namespace, name);
    const template = podTemplate(input);
    const deploymentMeta = this.meta('Deployment', namespace, name, input.labels, { 'deployment.kubernetes.io/revision': '1', ...input.annotations });
    if (input.owner) deploymentMeta.ownerReferences = [ownerRef(input.owner, true)];
    const replicas = input.nodes.length;
    const deployment = this.add('deployments', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { ...deploymentMeta, generation: 1 },
      spec: { replicas, selector: { matchLabels: input.selector }, template, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } }, revisionHistoryLimit: 10, progressDeadlineSeconds: 600 },
      status: readyStatus(replicas, { updatedReplicas: replicas, observedGeneration: 1, conditions: [{ type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable' }, { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable' }] }),
    });
    const { replicaSet, pods } = this.replicaSet(deployment, input.selector, template, hash, 1, input.nodes);
    return { deployment, replicaSet, pods };
  }

  /**
   * A Deployment's ReplicaSet for one pod template (labelled with its pod-template-hash) at a
   * revision, with one pod per entry of `nodes`.
   */
  replicaSet(deployment: KubeObject, selector: Labels, template: PodTemplate, hash: string, revision: number, nodes: string[]): { replicaSet: KubeObject; pods: KubeObject[] } {
    const namespace = deployment.metadata.namespace ?? 'default';
    const rsName = `${deployment.metadata.name}-${hash}`;
    const rsTemplate = withHash(template, hash);
    const replicas = nodes.length;
    const replicaSet = this.add('replicaSets', {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        ...this.meta('ReplicaSet', namespace, rsName, { ...rsTemplate.metadata.labels }, { 'deployment.kubernetes.io/desired-replicas': String(replicas), 'deployment.kubernetes.io/max-replicas': String(replicas + 1), 'deployment.kubernetes.io/revision': String(revision) }),
        ownerReferences: [ownerRef(deployment, true)],
        generation: 1,
      },
      spec: { replicas, selector: { matchLabels: { ...selector, 'pod-template-hash': hash } }, template: rsTemplate },
      status: readyStatus(replicas, { fullyLabeledReplicas: replicas, observedGeneration: 1 }),
    });
    const pods = nodes.map((node, i) => this.pod(rsTemplate, namespace, `${rsName}-${podSuffix(this.seed, namespace, rsName, i)}`, node, replicaSet));
    return { replicaSet, pods };
  }

  /** A DaemonSet with one pod on every node. */
  daemonSet(input: Omit<WorkloadInput, 'selector'> & { selector: Labels; hostNetwork?: boolean }): { daemonSet: KubeObject; pods: KubeObject[] } {
    const template = podTemplate(input);
    const n = input.nodes.length;
    const daemonSet = this.add('daemonSets', {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { ...this.meta('DaemonSet', input.namespace, input.name, input.labels, { 'deprecated.daemonset.template.generation': '1' }), generation: 1 },
      spec: { selector: { matchLabels: input.selector }, template, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } } },
      status: { currentNumberScheduled: n, desiredNumberScheduled: n, numberAvailable: n, numberMisscheduled: 0, numberReady: n, observedGeneration: 1, updatedNumberScheduled: n },
    });
    const pods = input.nodes.map((node, i) => {
      const hashed = withHash(template, 'controller-revision-hash', podTemplateHash(this.seed, input.namespace, `${input.name}-ds`));
      return this.pod(hashed, input.namespace, `${input.name}-${podSuffix(this.seed, input.namespace, input.name, i)}`, node, daemonSet, input.hostNetwork);
    });
    return { daemonSet, pods };
  }

  /** A pod of `owner` from its template, on `node`, Running and Ready. */
  pod(template: PodTemplate, namespace: string, name: string, node: string, owner: KubeObject, hostNetwork = false): KubeObject {
    const ip = hostNetwork ? this.nodeIp(node) : this.addresses.podIp();
    const spec = template.spec as Record<string, unknown> & { containers: { name: string; image: string }[]; serviceAccountName?: string };
    return this.add('pods', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        ...this.meta('Pod', namespace, name, template.metadata.labels, template.metadata.annotations),
        generateName: name.slice(0, name.lastIndexOf('-') + 1),
        ownerReferences: [ownerRef(owner, true)],
      },
      spec: {
        ...spec,
        nodeName: node,
        ...(spec.serviceAccountName ? { serviceAccount: spec.serviceAccountName } : {}),
        ...(hostNetwork ? { hostNetwork: true } : {}),
        restartPolicy: 'Always',
        dnsPolicy: 'ClusterFirst',
        schedulerName: 'default-scheduler',
      },
      status: {
        phase: 'Running',
        hostIP: this.nodeIp(node),
        hostIPs: [{ ip: this.nodeIp(node) }],
        podIP: ip,
        podIPs: [{ ip }],
        startTime: this.created,
        qosClass: 'BestEffort',
        conditions: ['Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map((type) => ({ type, status: 'True', lastTransitionTime: this.created })),
        containerStatuses: spec.containers.map((c) => ({ name: c.name, image: c.image, imageID: `${c.image}@sha256:${'0'.repeat(64)}`, ready: true, started: true, restartCount: 0, state: { running: { startedAt: this.created } } })),
      },
    });
  }
}

export interface WorkloadInput {
  namespace: string;
  name: string;
  labels?: Labels;
  annotations?: Labels;
  selector: Labels;
  podLabels: Labels;
  podAnnotations?: Labels;
  /** The pod spec (containers, serviceAccountName, volumes...). */
  podSpec: Record<string, unknown> & { containers: ({ name: string; image: string } & Record<string, unknown>)[] };
  /** One pod per entry, on that node. */
  nodes: string[];
  owner?: KubeObject;
}

export interface PodTemplate {
  metadata: { labels: Labels; annotations?: Labels };
  spec: Record<string, unknown>;
}

function podTemplate(input: Pick<WorkloadInput, 'podLabels' | 'podAnnotations' | 'podSpec'>): PodTemplate {
  return {
    metadata: { labels: { ...input.podLabels }, ...(input.podAnnotations ? { annotations: { ...input.podAnnotations } } : {}) },
    spec: structuredClone(input.podSpec),
  };
}

function withHash(template: PodTemplate, keyOrHash: string, value?: string): PodTemplate {
  const [key, hash] = value === undefined ? ['pod-template-hash', keyOrHash] : [keyOrHash, value];
  return { ...template, metadata: { ...template.metadata, labels: { ...template.metadata.labels, [key]: hash } } };
}

export function ownerRef(owner: KubeObject, controller: boolean): NonNullable<KubeObject['metadata']['ownerReferences']>[number] {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name,
    uid: owner.metadata.uid ?? '',
    ...(controller ? { controller: true } : {}),
  };
}

function readyStatus(replicas: number, extra: Record<string, unknown>): Record<string, unknown> {
  return { replicas, readyReplicas: replicas, availableReplicas: replicas, ...extra };
}
