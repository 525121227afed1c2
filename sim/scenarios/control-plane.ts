// Istio ambient as the Sail Operator guide installs it: Istio/IstioRevision/IstioCNI/ZTunnel CRs,
// istiod in istio-system, the ztunnel DaemonSet in `ztunnel`, istio-cni-node in `istio-cni`.

import type { KubeObject } from '../store';
import type { BuildContext } from './objects';
import { ISTIO_VERSION } from '../mesh/gateway-resources';

const VERSION = `v${ISTIO_VERSION}`;
export const ZTUNNEL_NAMESPACE = 'ztunnel';
export const DISCOVERY = { 'istio-discovery': 'enabled' };

type Condition = { type: string; status: 'True' | 'False'; reason?: string; message?: string; lastTransitionTime: string };

function conditions(created: string, ready: boolean, notReadyReason: string, notReadyMessage: string, extra: string[] = []): Condition[] {
  const list: Condition[] = [{ type: 'Reconciled', status: 'True', lastTransitionTime: created }];
  list.push(ready ? { type: 'Ready', status: 'True', lastTransitionTime: created } : { type: 'Ready', status: 'False', reason: notReadyReason, message: notReadyMessage, lastTransitionTime: created });
  for (const type of extra) list.push({ type, status: 'True', lastTransitionTime: created });
  return list;
}

/** Status of IstioCNI / ZTunnel given how many DaemonSet pods are ready. */
export function daemonSetCrStatus(ready: number, desired: number, since: string): Record<string, unknown> {
  const ok = ready >= desired;
  const what = 'not all pods of the DaemonSet are ready';
  return { observedGeneration: 1, state: ok ? 'Healthy' : 'DaemonSetNotReady', conditions: conditions(since, ok, 'DaemonSetNotReady', what) };
}

function sail(kind: string, apiVersion: string, ctx: BuildContext, spec: Record<string, unknown>, status: Record<string, unknown>): KubeObject {
  return { apiVersion, kind, metadata: { ...ctx.meta(kind, undefined, 'default'), generation: 1 }, spec, status };
}

export function buildControlPlane(ctx: BuildContext, nodes: string[]): void {
  const { created } = ctx;
  const values = { pilot: { trustedZtunnelNamespace: ZTUNNEL_NAMESPACE }, meshConfig: { discoverySelectors: [{ matchLabels: DISCOVERY }] } };
  ctx.add('istios', sail('Istio', 'sailoperator.io/v1', ctx, { version: VERSION, namespace: 'istio-system', updateStrategy: { type: 'InPlace' }, profile: 'ambient', values }, {
    observedGeneration: 1, state: 'Healthy', activeRevisionName: 'default', revisions: { total: 1, ready: 1, inUse: 1 }, conditions: conditions(created, true, 'IstiodNotReady', ''),
  }));
  const revision = sail('IstioRevision', 'sailoperator.io/v1', ctx, { type: 'Local', version: VERSION, namespace: 'istio-system', values: { ...values, profile: 'ambient' } }, {
    observedGeneration: 1, state: 'Healthy', conditions: conditions(created, true, 'IstiodNotReady', '', ['InUse', 'DependenciesHealthy']),
  });
  revision.metadata.ownerReferences = [{ apiVersion: 'sailoperator.io/v1', kind: 'Istio', name: 'default', uid: ctx.uid('Istio', undefined, 'default'), controller: true }];
  ctx.add('istioRevisions', revision);
  ctx.add('istioCNIs', sail('IstioCNI', 'sailoperator.io/v1', ctx, { profile: 'ambient', version: VERSION, namespace: 'istio-cni' }, daemonSetCrStatus(nodes.length, nodes.length, created)));
  ctx.add('ztunnels', sail('ZTunnel', 'sailoperator.io/v1alpha1', ctx, { profile: 'ambient', version: VERSION, namespace: ZTUNNEL_NAMESPACE }, daemonSetCrStatus(nodes.length, nodes.length, created)));

  ctx.namespace('istio-system', DISCOVERY);
  ctx.namespace(ZTUNNEL_NAMESPACE, DISCOVERY);
  ctx.namespace('istio-cni');

  const istiodLabels = { app: 'istiod', istio: 'pilot', 'istio.io/rev': 'default', 'install.operator.istio.io/owning-resource': 'unknown', 'operator.istio.io/component': 'Pilot' };
  ctx.serviceAccount('istio-system', 'istiod', { app: 'istiod', release: 'istiod' });
  ctx.deployment({
    namespace: 'istio-system',
    name: 'istiod',
    labels: istiodLabels,
    selector: { istio: 'pilot' },
    podLabels: { app: 'istiod', istio: 'pilot', 'istio.io/rev': 'default', 'istio.io/dataplane-mode': 'none', 'sidecar.istio.io/inject': 'false', 'operator.istio.io/component': 'Pilot' },
    podAnnotations: { 'prometheus.io/port': '15014', 'prometheus.io/scrape': 'true', 'sidecar.istio.io/inject': 'false' },
    podSpec: {
      serviceAccountName: 'istiod',
      containers: [{ name: 'discovery', image: `docker.io/istio/pilot:${ISTIO_VERSION}`, args: ['discovery', '--monitoringAddr=:15014', '--log_output_level=default:info', '--domain', 'cluster.local', '--keepaliveMaxServerConnectionAge', '30m'], ports: [{ containerPort: 8080, protocol: 'TCP' }, { containerPort: 15010, protocol: 'TCP' }, { containerPort: 15017, protocol: 'TCP' }] }],
    },
    nodes: [nodes[0] ?? 'node-0'],
  });
  ctx.service('istio-system', 'istiod', {
    labels: { app: 'istiod', istio: 'pilot', 'istio.io/rev': 'default' },
    selector: { app: 'istiod', istio: 'pilot' },
    ports: [{ name: 'grpc-xds', port: 15010 }, { name: 'https-dns', port: 15012 }, { name: 'https-webhook', port: 443, targetPort: 15017 }, { name: 'http-monitoring', port: 15014 }],
  });

  ctx.serviceAccount(ZTUNNEL_NAMESPACE, 'ztunnel', { app: 'ztunnel' });
  ctx.daemonSet({
    namespace: ZTUNNEL_NAMESPACE,
    name: 'ztunnel',
    labels: { app: 'ztunnel', 'app.kubernetes.io/name': 'ztunnel', 'app.kubernetes.io/managed-by': 'sail-operator', 'istio.io/rev': 'default' },
    selector: { app: 'ztunnel' },
    podLabels: { app: 'ztunnel', 'app.kubernetes.io/name': 'ztunnel', 'istio.io/dataplane-mode': 'none', 'sidecar.istio.io/inject': 'false' },
    podAnnotations: { 'prometheus.io/port': '15020', 'prometheus.io/scrape': 'true', 'sidecar.istio.io/inject': 'false' },
    podSpec: {
      serviceAccountName: 'ztunnel',
      priorityClassName: 'system-node-critical',
      containers: [{
        name: 'istio-proxy',
        image: `docker.io/istio/ztunnel:${ISTIO_VERSION}`,
        args: ['proxy', 'ztunnel'],
        ports: [{ containerPort: 15020, name: 'ztunnel-stats', protocol: 'TCP' }],
        readinessProbe: { httpGet: { path: '/healthz/ready', port: 15021, scheme: 'HTTP' } },
      }],
    },
    nodes,
  });

  ctx.serviceAccount('istio-cni', 'istio-cni', { app: 'istio-cni' });
  ctx.daemonSet({
    namespace: 'istio-cni',
    name: 'istio-cni-node',
    labels: { 'k8s-app': 'istio-cni-node', 'app.kubernetes.io/name': 'istio-cni', 'istio.io/rev': 'default' },
    selector: { 'k8s-app': 'istio-cni-node' },
    podLabels: { 'k8s-app': 'istio-cni-node', 'sidecar.istio.io/inject': 'false', 'istio.io/dataplane-mode': 'none' },
    podAnnotations: { 'prometheus.io/port': '15014', 'prometheus.io/path': '/metrics', 'prometheus.io/scrape': 'true', 'sidecar.istio.io/inject': 'false' },
    podSpec: {
      serviceAccountName: 'istio-cni',
      priorityClassName: 'system-node-critical',
      containers: [{ name: 'install-cni', image: `docker.io/istio/install-cni:${ISTIO_VERSION}`, command: ['install-cni'], ports: [{ containerPort: 15014, name: 'metrics', protocol: 'TCP' }] }],
    },
    nodes,
    hostNetwork: true,
  });
}
