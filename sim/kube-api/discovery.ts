// Discovery documents: /version, /api, /api/v1, /apis, /apis/<group>, /apis/<group>/<version>.
// Only registered types appear, so a CRD the scenario did not install is a real 404.
import type { ObjectStore, ResourceType } from '../store';
import { groupVersions } from './catalog';
import { describeExtras } from './resources';
import { statusErrors } from './status';

export const versionInfo = {
  major: '1',
  minor: '31',
  gitVersion: 'v1.31.4',
  gitCommit: 'a78aa47129b8539636eb86a9d00e31b2720fe06b',
  gitTreeState: 'clean',
  buildDate: '2024-12-10T18:38:24Z',
  goVersion: 'go1.22.9',
  compiler: 'gc',
  platform: 'linux/amd64',
};

/** Types served by the API server itself rather than stored: the review endpoints. */
const reviewResources: Record<string, APIResource[]> = {
  'authentication.k8s.io/v1': [
    review('selfsubjectreviews', 'SelfSubjectReview', false),
    review('tokenreviews', 'TokenReview', false),
  ],
  'authorization.k8s.io/v1': [
    review('selfsubjectaccessreviews', 'SelfSubjectAccessReview', false),
    review('selfsubjectrulesreviews', 'SelfSubjectRulesReview', false),
  ],
};

interface APIResource {
  name: string;
  singularName: string;
  namespaced: boolean;
  kind: string;
  verbs: string[];
  shortNames?: string[];
  group?: string;
  version?: string;
}

function review(name: string, kind: string, namespaced: boolean): APIResource {
  return { name, singularName: name.replace(/s$/, ''), namespaced, kind, verbs: ['create'] };
}

const subresourceDocs: Record<string, (t: ResourceType) => APIResource> = {
  status: (t) => ({ name: `${t.plural}/status`, singularName: '', namespaced: t.namespaced, kind: t.kind, verbs: ['get', 'patch', 'update'] }),
  log: (t) => ({ name: `${t.plural}/log`, singularName: '', namespaced: t.namespaced, kind: t.kind, verbs: ['get'] }),
  portforward: (t) => ({ name: `${t.plural}/portforward`, singularName: '', namespaced: t.namespaced, kind: 'PodPortForwardOptions', verbs: ['create', 'get'] }),
  scale: (t) => ({ name: `${t.plural}/scale`, singularName: '', namespaced: t.namespaced, group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: ['get', 'patch', 'update'] }),
};

function resourceDocs(t: ResourceType): APIResource[] {
  const extras = describeExtras(t);
  const main: APIResource = {
    name: t.plural,
    singularName: t.singular,
    namespaced: t.namespaced,
    kind: t.kind,
    verbs: ['create', 'delete', ...extras.verbs, 'get', 'list', 'patch', 'update', 'watch'].sort(),
    ...(t.shortNames?.length ? { shortNames: t.shortNames } : {}),
  };
  const subs = extras.subresources.map((s) =>
    (subresourceDocs[s] ?? ((x: ResourceType) => ({ name: `${x.plural}/${s}`, singularName: '', namespaced: x.namespaced, kind: x.kind, verbs: ['get'] })))(t),
  );
  return [main, ...subs];
}

function versionsOf(store: ObjectStore): Map<string, string[]> {
  const all = groupVersions(store);
  for (const gv of Object.keys(reviewResources)) {
    const [group = '', version = ''] = gv.split('/');
    all.set(group, [...new Set([version, ...(all.get(group) ?? [])])]);
  }
  return all;
}

export function coreVersions(serverAddress: string): unknown {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] };
}

function groupDoc(name: string, versions: string[]): Record<string, unknown> {
  const docs = versions.map((version) => ({ groupVersion: `${name}/${version}`, version }));
  return { name, versions: docs, preferredVersion: docs[0] };
}

export function apiGroupList(store: ObjectStore): unknown {
  const groups = [...versionsOf(store)].filter(([g]) => g !== '').map(([g, vs]) => groupDoc(g, vs));
  return { kind: 'APIGroupList', apiVersion: 'v1', groups };
}

export function apiGroup(store: ObjectStore, group: string): unknown {
  const versions = versionsOf(store).get(group);
  if (!versions || group === '') throw statusErrors.noSuchPath();
  return { kind: 'APIGroup', apiVersion: 'v1', ...groupDoc(group, versions) };
}

export function apiResourceList(store: ObjectStore, group: string, version: string): unknown {
  const groupVersion = group ? `${group}/${version}` : version;
  const stored = store.types().filter((t) => t.group === group && t.version === version);
  const virtual = reviewResources[groupVersion] ?? [];
  if (stored.length === 0 && virtual.length === 0) throw statusErrors.noSuchPath();
  const resources = [...stored.flatMap(resourceDocs), ...virtual].sort((a, b) => a.name.localeCompare(b.name));
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion, resources };
}

export function isReviewEndpoint(group: string, version: string, plural: string): boolean {
  return (reviewResources[`${group}/${version}`] ?? []).some((r) => r.name === plural);
}
