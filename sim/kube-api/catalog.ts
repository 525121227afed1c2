// Which registered type a request addresses, and where its objects are stored. A CRD served at
// several versions (ZTunnel v1alpha1 and v1) keeps one copy of each object under its preferred
// (storage) version; the other versions are the same objects with apiVersion rewritten, as a real
// API server does for a CRD with conversion strategy None.
import { typeKey, type KubeObject, type ObjectStore, type ResourceType } from '../store';
import { apiVersionOf, builtinGroups, compareVersions } from './resources';

export interface ServedType {
  type: ResourceType;
  /** The store key holding the objects (the preferred version's key). */
  storageKey: string;
  /** Built-in types omit apiVersion/kind on list items; CRD lists keep them. */
  builtin: boolean;
}

export function servedType(store: ObjectStore, group: string, version: string, plural: string): ServedType | undefined {
  const type = store.type(typeKey({ group, version, plural }));
  if (!type) return undefined;
  return { type, storageKey: storageKeyOf(store, type), builtin: builtinGroups.has(group) };
}

/** Served type by plural in a group/version, also matching singular and short names. */
export function servedTypeByAnyName(store: ObjectStore, group: string, version: string, name: string): ServedType | undefined {
  const type = store.types().find(
    (t) => t.group === group && t.version === version && (t.plural === name || t.singular === name || t.shortNames?.includes(name)),
  );
  return type ? servedType(store, type.group, type.version, type.plural) : undefined;
}

export function storageKeyOf(store: ObjectStore, type: ResourceType): string {
  const versions = store.types().filter((t) => t.group === type.group && t.plural === type.plural).map((t) => t.version);
  const preferred = versions.sort(compareVersions)[0] ?? type.version;
  return typeKey({ group: type.group, version: preferred, plural: type.plural });
}

/** Versions of each registered group, preferred first. */
export function groupVersions(store: ObjectStore): Map<string, string[]> {
  const byGroup = new Map<string, Set<string>>();
  for (const t of store.types()) {
    const set = byGroup.get(t.group) ?? new Set<string>();
    set.add(t.version);
    byGroup.set(t.group, set);
  }
  return new Map([...byGroup].map(([g, vs]) => [g, [...vs].sort(compareVersions)]));
}

/** The object as the requested version presents it. */
export function present(served: ServedType, obj: KubeObject): KubeObject {
  return { ...obj, apiVersion: apiVersionOf(served.type), kind: served.type.kind };
}

/** A list item: built-in lists drop apiVersion/kind on items like the real server. */
export function presentListItem(served: ServedType, obj: KubeObject): Record<string, unknown> {
  if (!served.builtin) return present(served, obj);
  const { apiVersion: _apiVersion, kind: _kind, ...rest } = obj;
  return rest;
}
