// The Bookinfo sample (istio release-1.24 samples/bookinfo/platform/kube/bookinfo.yaml and
// bookinfo-versions.yaml): Services, ServiceAccounts and Deployments exactly as applied.

import type { BuildContext } from './objects';

export interface BookinfoApp {
  app: 'details' | 'ratings' | 'reviews' | 'productpage';
  versions: string[];
  /** Node of each version's single pod. */
  nodes: string[];
}

export const BOOKINFO_APPS: BookinfoApp[] = [
  { app: 'details', versions: ['v1'], nodes: ['ambient-control-plane'] },
  { app: 'ratings', versions: ['v1'], nodes: ['ambient-worker'] },
  { app: 'reviews', versions: ['v1', 'v2', 'v3'], nodes: ['ambient-worker2', 'ambient-worker', 'ambient-worker2'] },
  { app: 'productpage', versions: ['v1'], nodes: ['ambient-worker'] },
];

const tmp = { name: 'tmp', mountPath: '/tmp' };

function podSpec(app: BookinfoApp['app'], version: string): Record<string, unknown> & { containers: ({ name: string; image: string } & Record<string, unknown>)[] } {
  const container: Record<string, unknown> & { name: string; image: string } = {
    name: app,
    image: `docker.io/istio/examples-bookinfo-${app}-${version}:1.20.2`,
    imagePullPolicy: 'IfNotPresent',
  };
  const spec: Record<string, unknown> & { containers: ({ name: string; image: string } & Record<string, unknown>)[] } = { serviceAccountName: `bookinfo-${app}`, containers: [container] };
  if (app === 'reviews') {
    container.env = [{ name: 'LOG_DIR', value: '/tmp/logs' }];
    container.ports = [{ containerPort: 9080 }];
    container.volumeMounts = [tmp, { name: 'wlp-output', mountPath: '/opt/ibm/wlp/output' }];
    spec.volumes = [{ name: 'wlp-output', emptyDir: {} }, { name: 'tmp', emptyDir: {} }];
  } else if (app === 'productpage') {
    container.ports = [{ containerPort: 9080 }];
    container.volumeMounts = [tmp];
    spec.volumes = [{ name: 'tmp', emptyDir: {} }];
  } else {
    container.ports = [{ containerPort: 9080 }];
  }
  return spec;
}

export function bookinfoApp(ctx: BuildContext, { app, versions, nodes }: BookinfoApp): void {
  const ns = 'bookinfo';
  ctx.service(ns, app, { labels: { app, service: app }, selector: { app }, ports: [{ port: 9080, name: 'http' }] });
  ctx.serviceAccount(ns, `bookinfo-${app}`, { account: app });
  versions.forEach((version, i) => {
    ctx.deployment({
      namespace: ns,
      name: `${app}-${version}`,
      labels: { app, version },
      selector: { app, version },
      podLabels: { app, version },
      ...(app === 'productpage' ? { podAnnotations: { 'prometheus.io/scrape': 'true', 'prometheus.io/port': '9080', 'prometheus.io/path': '/metrics' } } : {}),
      podSpec: podSpec(app, version),
      nodes: [nodes[i] ?? 'ambient-worker'],
    });
    // bookinfo-versions.yaml: one Service per version.
    ctx.service(ns, `${app}-${version}`, { selector: { app, version }, ports: [{ port: 9080, name: 'http' }] });
  });
  if (app === 'reviews') {
    const reviews = ctx.objects.find((o) => o.type === 'services' && o.object.metadata.name === 'reviews' && o.object.metadata.namespace === ns);
    if (reviews) reviews.object.metadata.labels = { ...reviews.object.metadata.labels, 'istio.io/use-waypoint': 'waypoint' };
  }
}
