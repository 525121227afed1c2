// What istiod generates for a Gateway API Gateway: a ServiceAccount, Deployment (+ReplicaSet, pods)
// and Service, shaped like istio's waypoint-generated-resources testdata (and the ingress variant).

import type { KubeObject } from '../store';
import type { BuildContext } from '../scenarios/objects';
import { ownerRef } from '../scenarios/objects';

export const WAYPOINT_CLASS = 'istio-waypoint';
export const MANAGED_LABEL = 'gateway.istio.io/managed';
export const GATEWAY_NAME_LABEL = 'gateway.networking.k8s.io/gateway-name';
export const ISTIO_VERSION = '1.24.0';
export const PROXY_IMAGE = `docker.io/istio/proxyv2:${ISTIO_VERSION}`;

export function isWaypointGateway(gateway: KubeObject): boolean {
  return (gateway.spec as { gatewayClassName?: string } | undefined)?.gatewayClassName === WAYPOINT_CLASS;
}

/** Name of the generated Deployment/Service/ServiceAccount. */
export function generatedName(gateway: KubeObject): string {
  return isWaypointGateway(gateway) ? gateway.metadata.name : `${gateway.metadata.name}-istio`;
}

export function gatewayWithStatus(gateway: KubeObject, address: string, created: string): KubeObject {
  const listeners = ((gateway.spec as { listeners?: { name: string }[] }).listeners ?? []).map((l) => ({
    name: l.name,
    attachedRoutes: 0,
    supportedKinds: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute' }, { group: 'gateway.networking.k8s.io', kind: 'GRPCRoute' }],
    conditions: ['Accepted', 'Programmed', 'ResolvedRefs'].map((type) => ({ type, status: 'True', reason: type, message: '', lastTransitionTime: created, observedGeneration: 1 })),
  }));
  return {
    ...gateway,
    status: {
      addresses: [{ type: 'IPAddress', value: address }],
      conditions: [
        { type: 'Accepted', status: 'True', reason: 'Accepted', message: 'Resource accepted', lastTransitionTime: created, observedGeneration: 1 },
        { type: 'Programmed', status: 'True', reason: 'Programmed', message: 'Resource programmed, assigned to service(s)', lastTransitionTime: created, observedGeneration: 1 },
      ],
      listeners,
    },
  };
}

/** Adds the generated objects to the context; returns the Gateway with its status filled in. */
export function generateGatewayResources(ctx: BuildContext, gateway: KubeObject, nodes: string[]): KubeObject {
  const waypoint = isWaypointGateway(gateway);
  const namespace = gateway.metadata.namespace ?? 'default';
  const name = generatedName(gateway);
  const managed = waypoint ? 'istio.io-mesh-controller' : 'istio.io-gateway-controller';
  const labels = { [MANAGED_LABEL]: managed, [GATEWAY_NAME_LABEL]: gateway.metadata.name };
  const owner: KubeObject = { ...gateway, apiVersion: 'gateway.networking.k8s.io/v1beta1' };

  const sa = ctx.serviceAccount(namespace, name, labels);
  sa.metadata.ownerReferences = [ownerRef(owner, false)];

  const ports = waypoint
    ? [{ containerPort: 15020, name: 'metrics', protocol: 'TCP' }, { containerPort: 15021, name: 'status-port', protocol: 'TCP' }, { containerPort: 15090, name: 'http-envoy-prom', protocol: 'TCP' }]
    : [{ containerPort: 15020, name: 'metrics', protocol: 'TCP' }, { containerPort: 15021, name: 'status-port', protocol: 'TCP' }, { containerPort: 15090, name: 'http-envoy-prom', protocol: 'TCP' }, { containerPort: 80, name: 'http', protocol: 'TCP' }];
  ctx.deployment({
    namespace,
    name,
    labels,
    owner,
    selector: { [GATEWAY_NAME_LABEL]: gateway.metadata.name },
    podLabels: {
      ...labels,
      'istio.io/dataplane-mode': 'none',
      'service.istio.io/canonical-name': name,
      'service.istio.io/canonical-revision': 'latest',
      'sidecar.istio.io/inject': 'false',
    },
    podAnnotations: { 'istio.io/rev': 'default', 'prometheus.io/path': '/stats/prometheus', 'prometheus.io/port': '15020', 'prometheus.io/scrape': 'true' },
    podSpec: {
      serviceAccountName: name,
      terminationGracePeriodSeconds: 2,
      containers: [{
        name: 'istio-proxy',
        image: PROXY_IMAGE,
        args: waypoint
          ? ['proxy', 'waypoint', '--domain', '$(POD_NAMESPACE).svc.cluster.local', '--serviceCluster', `${name}.$(POD_NAMESPACE)`, '--proxyLogLevel', 'warning', '--proxyComponentLogLevel', 'misc:error', '--log_output_level', 'default:info']
          : ['proxy', 'router', '--domain', '$(POD_NAMESPACE).svc.cluster.local', '--proxyLogLevel', 'warning', '--proxyComponentLogLevel', 'misc:error', '--log_output_level', 'default:info'],
        env: [
          { name: 'ISTIO_META_SERVICE_ACCOUNT', valueFrom: { fieldRef: { fieldPath: 'spec.serviceAccountName' } } },
          { name: 'ISTIO_META_NODE_NAME', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
          { name: 'CA_ADDR', value: 'istiod.istio-system.svc:15012' },
          { name: 'ISTIO_META_CLUSTER_ID', value: 'Kubernetes' },
          { name: 'ISTIO_META_WORKLOAD_NAME', value: name },
          { name: 'ISTIO_META_OWNER', value: `kubernetes://apis/apps/v1/namespaces/${namespace}/deployments/${name}` },
          { name: 'ISTIO_META_MESH_ID', value: 'cluster.local' },
        ],
        ports,
        readinessProbe: { failureThreshold: 4, httpGet: { path: '/healthz/ready', port: 15021, scheme: 'HTTP' }, initialDelaySeconds: 0, periodSeconds: 15, successThreshold: 1, timeoutSeconds: 1 },
        securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, privileged: false, readOnlyRootFilesystem: true, runAsGroup: 1337, runAsNonRoot: true, runAsUser: 1337 },
      }],
    },
    nodes,
  });

  const servicePorts = waypoint
    ? [{ appProtocol: 'tcp', name: 'status-port', port: 15021, protocol: 'TCP' }, { appProtocol: 'all', name: 'mesh', port: 15008, protocol: 'TCP' }]
    : [{ appProtocol: 'tcp', name: 'status-port', port: 15021, protocol: 'TCP' }, { appProtocol: 'http', name: 'http', port: 80, protocol: 'TCP' }];
  const service = ctx.service(namespace, name, {
    labels,
    annotations: waypoint ? { 'networking.istio.io/traffic-distribution': 'PreferClose' } : {},
    selector: { [GATEWAY_NAME_LABEL]: gateway.metadata.name },
    ports: servicePorts,
    extraSpec: { ipFamilyPolicy: waypoint ? 'PreferDualStack' : 'SingleStack' },
    owner,
  });
  if (!waypoint) {
    (service.spec as Record<string, unknown>).type = 'LoadBalancer';
    service.status = { loadBalancer: { ingress: [{ ip: '172.18.255.200', ipMode: 'VIP' }] } };
  }
  const address = waypoint ? String((service.spec as { clusterIP: string }).clusterIP) : '172.18.255.200';
  return gatewayWithStatus(gateway, address, ctx.created);
}
