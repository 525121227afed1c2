// Istio's sidecar injector (the istio-sidecar-injector mutating webhook) as the simulator plays it,
// pure: which pods get an Envoy sidecar, and the pod it returns. Shaped like istio's 1.24
// injection template under the Sail ambient profile: istio-cni present (so the init container is
// istio-validation), ISTIO_META_ENABLE_HBONE=true (so the pod is labelled
// networking.istio.io/tunnel=http and ztunnel reaches it over HBONE), Prometheus merge on.

import type { KubeObject } from '../store';
import { PROXY_IMAGE } from './gateway-resources';
import { SIDECAR_STATUS } from './enrollment';

export const INJECTION_LABEL = 'istio-injection';
export const REVISION_LABEL = 'istio.io/rev';
export const INJECT_POD_LABEL = 'sidecar.istio.io/inject';
export const TUNNEL_LABEL = 'networking.istio.io/tunnel';
export const SIDECAR_CONTAINER = 'istio-proxy';

const STATUS_VALUE = JSON.stringify({
  initContainers: ['istio-validation'],
  containers: [SIDECAR_CONTAINER],
  volumes: ['workload-socket', 'credential-socket', 'workload-certs', 'istio-envoy', 'istio-data', 'istio-podinfo', 'istio-token', 'istiod-ca-cert'],
  imagePullSecrets: null,
  revision: 'default',
});

type Labels = Record<string, string>;
interface Container { name: string; image: string; ports?: Record<string, unknown>[]; [key: string]: unknown }
interface PodSpec { containers: Container[]; initContainers?: Container[]; volumes?: Record<string, unknown>[]; serviceAccountName?: string; hostNetwork?: boolean; [key: string]: unknown }

/**
 * The webhook's namespace and object selectors: `istio-injection=enabled` (or an `istio.io/rev`
 * label) on the namespace, or `sidecar.istio.io/inject=true` on the pod; the pod label `false`
 * and `istio-injection=disabled` always win. An ambient label does not stop injection: a pod that
 * gets a sidecar is simply never captured by ztunnel.
 */
export function wantsSidecar(pod: KubeObject, namespace: KubeObject | undefined): boolean {
  const podLabel = pod.metadata.labels?.[INJECT_POD_LABEL];
  const nsLabels = namespace?.metadata.labels ?? {};
  if (podLabel === 'false' || nsLabels[INJECTION_LABEL] === 'disabled') return false;
  if ((pod.spec as PodSpec | undefined)?.hostNetwork) return false;
  if (nsLabels[INJECTION_LABEL] === 'enabled' || nsLabels[REVISION_LABEL]) return true;
  return podLabel === 'true';
}

export function hasSidecar(pod: KubeObject): boolean {
  return pod.metadata.annotations?.[SIDECAR_STATUS] !== undefined;
}

export interface InjectionContext {
  clusterId: string;
  trustDomain: string;
  /** The pod's Deployment, for ISTIO_META_WORKLOAD_NAME and ISTIO_META_OWNER. */
  workloadName: string;
}

/** The pod with its sidecar, as the webhook returns it; status gets the containers' states too. */
export function injectSidecar(pod: KubeObject, ctx: InjectionContext): KubeObject {
  if (hasSidecar(pod)) return pod;
  const namespace = pod.metadata.namespace ?? 'default';
  const labels: Labels = pod.metadata.labels ?? {};
  const original: Labels = pod.metadata.annotations ?? {};
  const spec = structuredClone(pod.spec) as PodSpec;
  const appContainers = spec.containers.map((c) => c.name);
  const promAnnotations = ['prometheus.io/scrape', 'prometheus.io/port', 'prometheus.io/path'].filter((k) => original[k] !== undefined);

  const injectedLabels: Labels = {
    ...labels,
    'security.istio.io/tlsMode': labels['security.istio.io/tlsMode'] ?? 'istio',
    [TUNNEL_LABEL]: labels[TUNNEL_LABEL] ?? 'http',
    'service.istio.io/canonical-name': labels['service.istio.io/canonical-name'] ?? labels['app.kubernetes.io/name'] ?? labels.app ?? ctx.workloadName,
    'service.istio.io/canonical-revision': labels['service.istio.io/canonical-revision'] ?? labels['app.kubernetes.io/version'] ?? labels.version ?? 'latest',
  };
  const annotations: Labels = {
    ...original,
    [REVISION_LABEL]: 'default',
    'kubectl.kubernetes.io/default-container': original['kubectl.kubernetes.io/default-container'] ?? appContainers[0] ?? SIDECAR_CONTAINER,
    'kubectl.kubernetes.io/default-logs-container': original['kubectl.kubernetes.io/default-logs-container'] ?? appContainers[0] ?? SIDECAR_CONTAINER,
    'sidecar.istio.io/interceptionMode': 'REDIRECT',
    'traffic.sidecar.istio.io/excludeInboundPorts': '15020',
    'traffic.sidecar.istio.io/includeInboundPorts': '*',
    'traffic.sidecar.istio.io/includeOutboundIPRanges': '*',
    // Prometheus merge: the agent serves app + Envoy metrics on 15020; the app's own annotations move to an env var.
    'prometheus.io/path': '/stats/prometheus',
    'prometheus.io/port': '15020',
    'prometheus.io/scrape': 'true',
    [SIDECAR_STATUS]: STATUS_VALUE,
  };

  const hbone = { name: 'ISTIO_META_ENABLE_HBONE', value: 'true' };
  spec.initContainers = [...(spec.initContainers ?? []), {
    name: 'istio-validation',
    image: PROXY_IMAGE,
    args: ['istio-iptables', '-p', '15001', '-z', '15006', '-u', '1337', '-m', 'REDIRECT', '-i', '*', '-x', '', '-b', '*', '-d', '15090,15021,15020', '--log_output_level=default:info', '--run-validation', '--skip-rule-apply'],
    env: [hbone],
    securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, privileged: false, readOnlyRootFilesystem: true, runAsGroup: 1337, runAsNonRoot: true, runAsUser: 1337 },
  }];
  const ports = spec.containers.flatMap((c) => c.ports ?? []);
  spec.containers = [...spec.containers, {
    name: SIDECAR_CONTAINER,
    image: PROXY_IMAGE,
    ports: [{ containerPort: 15090, protocol: 'TCP', name: 'http-envoy-prom' }],
    args: ['proxy', 'sidecar', '--domain', '$(POD_NAMESPACE).svc.cluster.local', '--proxyLogLevel=warning', '--proxyComponentLogLevel=misc:error', '--log_output_level=default:info'],
    env: [
      { name: 'PILOT_CERT_PROVIDER', value: 'istiod' },
      { name: 'CA_ADDR', value: 'istiod.istio-system.svc:15012' },
      { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
      { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
      { name: 'INSTANCE_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
      { name: 'SERVICE_ACCOUNT', valueFrom: { fieldRef: { fieldPath: 'spec.serviceAccountName' } } },
      { name: 'ISTIO_META_POD_PORTS', value: JSON.stringify(ports) },
      { name: 'ISTIO_META_APP_CONTAINERS', value: appContainers.join(',') },
      { name: 'ISTIO_META_CLUSTER_ID', value: ctx.clusterId },
      { name: 'ISTIO_META_WORKLOAD_NAME', value: ctx.workloadName },
      { name: 'ISTIO_META_OWNER', value: `kubernetes://apis/apps/v1/namespaces/${namespace}/deployments/${ctx.workloadName}` },
      { name: 'ISTIO_META_MESH_ID', value: ctx.trustDomain },
      { name: 'TRUST_DOMAIN', value: ctx.trustDomain },
      hbone,
      ...(promAnnotations.length ? [{ name: 'ISTIO_PROMETHEUS_ANNOTATIONS', value: JSON.stringify(Object.fromEntries(promAnnotations.map((k) => [k.replace('prometheus.io/', ''), original[k]]))) }] : []),
    ],
    readinessProbe: { httpGet: { path: '/healthz/ready', port: 15021 }, initialDelaySeconds: 0, periodSeconds: 15, timeoutSeconds: 3, failureThreshold: 4 },
    securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, privileged: false, readOnlyRootFilesystem: true, runAsGroup: 1337, runAsNonRoot: true, runAsUser: 1337 },
  }];
  spec.volumes = [
    ...(spec.volumes ?? []),
    { name: 'workload-socket', emptyDir: {} },
    { name: 'credential-socket', emptyDir: {} },
    { name: 'workload-certs', emptyDir: {} },
    { name: 'istio-envoy', emptyDir: { medium: 'Memory' } },
    { name: 'istio-data', emptyDir: {} },
    { name: 'istio-podinfo', downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }, { path: 'annotations', fieldRef: { fieldPath: 'metadata.annotations' } }] } },
    { name: 'istio-token', projected: { sources: [{ serviceAccountToken: { audience: 'istio-ca', expirationSeconds: 43200, path: 'istio-token' } }] } },
    { name: 'istiod-ca-cert', configMap: { name: 'istio-ca-root-cert' } },
  ];
  return { ...pod, metadata: { ...pod.metadata, labels: injectedLabels, annotations }, spec, status: withSidecarStatus(pod.status) };
}

function withSidecarStatus(status: unknown): unknown {
  const s = structuredClone(status ?? {}) as { containerStatuses?: Record<string, unknown>[]; startTime?: string };
  if (!s.containerStatuses) return s;
  const started = s.startTime ?? '';
  const state = (image: string) => ({ image, imageID: `${image}@sha256:${'0'.repeat(64)}`, restartCount: 0 });
  s.containerStatuses = [...s.containerStatuses, { name: SIDECAR_CONTAINER, ...state(PROXY_IMAGE), ready: true, started: true, state: { running: { startedAt: started } } }];
  return { ...s, initContainerStatuses: [{ name: 'istio-validation', ...state(PROXY_IMAGE), ready: true, started: false, state: { terminated: { exitCode: 0, reason: 'Completed', startedAt: started, finishedAt: started } } }] };
}
