import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { resourceSpecs } from '@/lib/kube/cache/resources';

// The kustomize tree under deploy/: every file parses, every kustomization's resources and patches
// exist, and the objects that matter (Route, RBAC, probes, security context) say what they must.

const root = __dirname;
type Obj = { apiVersion?: string; kind?: string; metadata?: { name?: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> }; [k: string]: unknown };

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return yamlFiles(full);
    return /\.ya?ml$/.test(entry) ? [full] : [];
  });
}

function docs(file: string): Obj[] {
  return parseAllDocuments(readFileSync(file, 'utf8')).map((d) => {
    if (d.errors.length) throw new Error(`${file}: ${d.errors.map((e) => e.message).join('; ')}`);
    return d.toJS() as Obj;
  });
}

const one = (file: string): Obj => {
  const all = docs(path.join(root, file));
  expect(all).toHaveLength(1);
  return all[0] as Obj;
};

const kustomizations = yamlFiles(root).filter((f) => path.basename(f) === 'kustomization.yaml');

describe('deploy/ manifests', () => {
  it('parses every YAML file', () => {
    const files = yamlFiles(root);
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) expect(() => docs(f), f).not.toThrow();
  });

  it.each(kustomizations.map((k) => [path.relative(root, k)]))('%s: every resource and patch exists', (rel) => {
    const file = path.join(root, rel);
    const k = one(rel) as { resources?: string[]; patches?: Array<{ path?: string; patch?: string }> };
    const dir = path.dirname(file);
    for (const r of k.resources ?? []) {
      const target = path.join(dir, r);
      expect(existsSync(target), `${rel}: resource ${r}`).toBe(true);
      if (statSync(target).isDirectory()) expect(existsSync(path.join(target, 'kustomization.yaml')), `${r}/kustomization.yaml`).toBe(true);
    }
    for (const p of k.patches ?? []) if (p.path) expect(existsSync(path.join(dir, p.path)), `${rel}: patch ${p.path}`).toBe(true);
  });

  it('base Deployment: probes, resources, restricted security context without a fixed UID', () => {
    const d = one('base/deployment.yaml') as Obj & { spec: { template: { spec: PodSpec } } };
    const pod = d.spec.template.spec;
    expect(pod.securityContext.runAsNonRoot).toBe(true);
    expect(pod.securityContext.seccompProfile?.type).toBe('RuntimeDefault');
    expect(pod.securityContext.runAsUser).toBeUndefined();
    const c = pod.containers[0];
    expect(c).toBeDefined();
    if (!c) return;
    expect(c.livenessProbe.httpGet.path).toBe('/healthz');
    expect(c.readinessProbe.httpGet.path).toBe('/readyz');
    expect(c.resources.requests.cpu).toBeTruthy();
    expect(c.resources.requests.memory).toBeTruthy();
    expect(c.resources.limits.memory).toBeTruthy();
    expect(c.securityContext.readOnlyRootFilesystem).toBe(true);
    expect(c.securityContext.allowPrivilegeEscalation).toBe(false);
    expect(c.securityContext.capabilities.drop).toEqual(['ALL']);
    expect(c.securityContext.runAsUser).toBeUndefined();
    // A read-only root needs writable mounts where Next.js and Node write.
    expect(c.volumeMounts.map((m) => m.mountPath)).toEqual(expect.arrayContaining(['/app/.next/cache', '/tmp']));
  });

  it('base is namespace-agnostic', () => {
    for (const f of yamlFiles(path.join(root, 'base'))) {
      for (const o of docs(f)) if (o.kind !== 'Kustomization' && o.kind !== 'ClusterRoleBinding') expect(o.metadata?.namespace, f).toBeUndefined();
    }
  });

  it('ClusterRoles: the cache reads cluster-wide; pods/log and pods/portforward are bound in ztunnel\'s namespace only', () => {
    type Role = Obj & { rules: Array<{ apiGroups: string[]; resources: string[]; verbs: string[] }> };
    const roles = docs(path.join(root, 'base/clusterrole.yaml')) as Role[];
    const allows = (role: Role | undefined, resource: string, verb: string) =>
      (role?.rules ?? []).some((r) => r.apiGroups.includes('') && r.resources.includes(resource) && (r.verbs.includes(verb) || r.verbs.includes('*')));
    const main = roles.find((r) => r.metadata?.name === 'ambient-lens');
    const ztunnel = roles.find((r) => r.metadata?.name === 'ambient-lens-ztunnel');
    expect(main?.kind).toBe('ClusterRole');
    for (const verb of ['list', 'watch']) expect(allows(main, 'pods', verb)).toBe(true);
    expect(allows(main, 'namespaces', 'list')).toBe(true);
    expect(allows(main, 'pods/portforward', 'create')).toBe(false);
    expect(allows(ztunnel, 'pods/log', 'get')).toBe(true);
    expect(allows(ztunnel, 'pods/portforward', 'create')).toBe(true);
    // Every resource the informer cache watches, in the group of each version it may read.
    for (const spec of Object.values(resourceSpecs('istio-system'))) {
      for (const v of spec.versions) {
        const granted = (main?.rules ?? []).some((r) => r.apiGroups.includes(v.group) && r.resources.includes(spec.plural) && r.verbs.includes('watch'));
        expect(granted, `${v.group}/${spec.plural}`).toBe(true);
      }
    }
    const binding = one('base/clusterrolebinding.yaml') as Obj & { roleRef: { name: string }; subjects: Array<{ kind: string; name: string }> };
    expect(binding.roleRef.name).toBe('ambient-lens');
    expect(binding.subjects[0]).toMatchObject({ kind: 'ServiceAccount', name: one('base/serviceaccount.yaml').metadata?.name });
    for (const file of ['overlays/openshift/ztunnel/rolebinding.yaml', 'overlays/kubernetes/rolebinding-ztunnel.yaml']) {
      const rb = one(file) as Obj & { roleRef: { kind: string; name: string } };
      expect(rb.kind, file).toBe('RoleBinding');
      expect(rb.roleRef).toMatchObject({ kind: 'ClusterRole', name: 'ambient-lens-ztunnel' });
    }
  });

  it('OpenShift Route: labelled, reencrypt, http redirected, to the serving-cert Service', () => {
    const route = one('overlays/openshift/app/route.yaml') as Obj & { spec: { tls: Record<string, string>; to: { name: string }; port: { targetPort: string } } };
    expect(route.kind).toBe('Route');
    expect(route.metadata?.labels?.['app.kubernetes.io/name']).toBe('ambient-lens');
    expect(route.spec.tls.termination).toBe('reencrypt');
    expect(route.spec.tls.insecureEdgeTerminationPolicy).toBe('Redirect');
    expect(route.spec.to.name).toBe('ambient-lens');
    expect(route.spec.port.targetPort).toBe('https');
  });

  it('OpenShift: Thanos Querier with the SA token and service CA, ztunnel PodMonitor on 15020', () => {
    const config = one('overlays/openshift/app/config.yaml') as Obj & { data: Record<string, string> };
    expect(config.data.PROMETHEUS_URL).toBe('https://thanos-querier.openshift-monitoring.svc.cluster.local:9091');
    expect(config.data.PROMETHEUS_TOKEN_FILE).toBe('/var/run/secrets/kubernetes.io/serviceaccount/token');
    expect(config.data.PROMETHEUS_CA_FILE).toMatch(/service-ca\.crt$/);
    expect(config.data.AUTH_STRATEGY).toBe('openshift');
    const monitor = one('overlays/openshift/ztunnel/ztunnel-podmonitor.yaml') as Obj & { spec: { podMetricsEndpoints: Array<Record<string, unknown>> } };
    expect(monitor.apiVersion).toBe('monitoring.coreos.com/v1');
    expect(monitor.kind).toBe('PodMonitor');
    expect(monitor.spec.podMetricsEndpoints[0]).toMatchObject({ targetPort: 15020, path: '/stats/prometheus' });
    const client = one('overlays/openshift/cluster/oauthclient.yaml') as Obj & { redirectURIs: string[] };
    expect(client.kind).toBe('OAuthClient');
    expect(client.metadata?.name).toBe('ambient-lens');
    expect(client.redirectURIs[0]).toMatch(/\/api\/auth\/callback$/);
  });

  it('kubernetes overlay: Ingress to the Service, in-mesh Prometheus', () => {
    const ingress = one('overlays/kubernetes/ingress.yaml') as Obj & { spec: { rules: Array<{ http: { paths: Array<{ backend: { service: { name: string } } }> } }> } };
    expect(ingress.kind).toBe('Ingress');
    expect(ingress.spec.rules[0]?.http.paths[0]?.backend.service.name).toBe('ambient-lens');
    const config = one('overlays/kubernetes/config.yaml') as Obj & { data: Record<string, string> };
    expect(config.data.PROMETHEUS_URL).toBe('http://prometheus.istio-system:9090');
  });
});

interface Probe { httpGet: { path: string; port: string; scheme?: string } }
interface PodSpec {
  securityContext: { runAsNonRoot?: boolean; runAsUser?: number; seccompProfile?: { type: string } };
  containers: Array<{
    livenessProbe: Probe; readinessProbe: Probe; startupProbe?: Probe;
    resources: { requests: Record<string, string>; limits: Record<string, string> };
    securityContext: { readOnlyRootFilesystem?: boolean; allowPrivilegeEscalation?: boolean; runAsUser?: number; capabilities: { drop: string[] } };
    volumeMounts: Array<{ mountPath: string }>;
    ports: Array<{ name: string; containerPort: number }>;
  }>;
}

// `kubectl kustomize` (Debian package kubectl) renders the overlays as `oc apply -k` would.
const kubectl = (() => {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!kubectl)('rendered overlays (kubectl kustomize)', () => {
  const render = (overlay: string): Obj[] =>
    parseAllDocuments(execFileSync('kubectl', ['kustomize', path.join(root, 'overlays', overlay)], { encoding: 'utf8' })).map((d) => d.toJS() as Obj);

  it('openshift: namespaced objects in istio-system, PodMonitor in ztunnel, cluster objects without a namespace', () => {
    const objs = render('openshift');
    const byKind = (kind: string) => objs.filter((o) => o.kind === kind);
    for (const kind of ['Deployment', 'Service', 'ServiceAccount', 'ConfigMap', 'Route']) {
      for (const o of byKind(kind)) expect(o.metadata?.namespace, `${kind} ${o.metadata?.name}`).toBe('istio-system');
    }
    expect(byKind('PodMonitor')[0]?.metadata?.namespace).toBe('ztunnel');
    expect(byKind('RoleBinding')[0]?.metadata?.namespace).toBe('ztunnel');
    for (const kind of ['OAuthClient', 'ClusterRole', 'ClusterRoleBinding']) for (const o of byKind(kind)) expect(o.metadata?.namespace).toBeUndefined();
    for (const b of byKind('ClusterRoleBinding') as Array<Obj & { subjects: Array<{ namespace: string }> }>) expect(b.subjects[0]?.namespace).toBe('istio-system');

    const service = byKind('Service')[0] as Obj & { spec: { ports: Array<{ name: string; port: number }> } };
    expect(service.metadata?.annotations?.['service.beta.openshift.io/serving-cert-secret-name']).toBe('ambient-lens-tls');
    expect(service.spec.ports.map((p) => p.name)).toEqual(['https']);

    const deployment = byKind('Deployment')[0] as Obj & { spec: { template: { spec: PodSpec & { volumes: Array<{ name: string; secret?: { secretName: string } }> } } } };
    const pod = deployment.spec.template.spec;
    const c = pod.containers[0];
    if (!c) throw new Error('no container');
    expect(c.ports.map((p) => p.containerPort)).toEqual([8443]);
    for (const probe of [c.livenessProbe, c.readinessProbe]) expect(probe.httpGet).toMatchObject({ port: 'https', scheme: 'HTTPS' });
    expect(pod.volumes.find((v) => v.name === 'tls')?.secret?.secretName).toBe('ambient-lens-tls');
  });

  it('kubernetes: everything namespaced in istio-system, Ingress on the http port', () => {
    const objs = render('kubernetes');
    const ingress = objs.find((o) => o.kind === 'Ingress');
    expect(ingress?.metadata?.namespace).toBe('istio-system');
    expect(objs.find((o) => o.kind === 'RoleBinding')?.metadata?.namespace).toBe('istio-system');
    const binding = objs.find((o) => o.kind === 'ClusterRoleBinding') as Obj & { subjects: Array<{ namespace: string }> };
    expect(binding.subjects[0]?.namespace).toBe('istio-system');
  });
});
