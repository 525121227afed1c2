// POST, PUT, PATCH and DELETE. Every write goes through store.upsert/delete so the simulated
// mesh's controllers (store.subscribe) react as they would to a real change.
import { randomBytes } from 'node:crypto';
import { typeKey, type KubeObject, type ObjectStore } from '../store';
import { asKubeObject } from './body';
import { present, presentListItem, type ServedType } from './catalog';
import { applyPatch, type PatchMediaType } from './patch';
import { listObjects, objectKey } from './reads';
import { apiVersionOf, hasSubresource } from './resources';
import { refOf, statusErrors, successStatus } from './status';

export interface WriteTarget {
  store: ObjectStore;
  served: ServedType;
  namespace: string | undefined;
  dryRun: boolean;
}

const nsKey = typeKey({ group: '', version: 'v1', plural: 'namespaces' });
/** Types whose DELETE answers with the deleted object rather than a Status (pods, and CRDs). */
const returnsDeletedObject = (served: ServedType): boolean => !served.builtin || (served.type.group === '' && served.type.plural === 'pods');

function checkTypeMeta(served: ServedType, obj: KubeObject): void {
  const expected = apiVersionOf(served.type);
  if (obj.apiVersion !== undefined && obj.apiVersion !== expected) {
    throw statusErrors.badRequest(`the API version in the data (${String(obj.apiVersion)}) does not match the expected API version (${expected})`);
  }
  if (obj.kind !== undefined && obj.kind !== served.type.kind) {
    throw statusErrors.badRequest(`the kind in the data (${String(obj.kind)}) does not match the expected kind (${served.type.kind})`);
  }
}

function store(target: WriteTarget, obj: KubeObject): KubeObject {
  const stored: KubeObject = { ...obj, apiVersion: apiVersionOf(storageType(target)), kind: target.served.type.kind };
  if (target.dryRun) return present(target.served, stored);
  return present(target.served, target.store.upsert(target.served.storageKey, stored));
}

function storageType(target: WriteTarget): { group: string; version: string } {
  const [group = '', version = ''] = target.served.storageKey.split('/');
  return { group, version };
}

export function createObject(target: WriteTarget, body: unknown): KubeObject {
  const { served, namespace } = target;
  const obj = asKubeObject(body);
  checkTypeMeta(served, obj);
  if (served.type.namespaced) {
    if (obj.metadata.namespace && obj.metadata.namespace !== namespace) {
      throw statusErrors.badRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
    obj.metadata.namespace = namespace;
    if (namespace && target.store.type(nsKey) && !target.store.get(nsKey, undefined, namespace)) {
      throw statusErrors.notFound({ group: '', plural: 'namespaces' }, namespace);
    }
  } else {
    delete obj.metadata.namespace;
  }
  if (!obj.metadata.name && typeof obj.metadata.generateName === 'string' && obj.metadata.generateName) {
    obj.metadata.name = `${obj.metadata.generateName}${randomBytes(4).toString('hex').slice(0, 5)}`;
  }
  if (typeof obj.metadata.name !== 'string' || obj.metadata.name === '') {
    throw statusErrors.invalid(served.type.kind, '', 'metadata.name: Required value: name or generateName is required');
  }
  if (obj.metadata.resourceVersion) throw statusErrors.badRequest('resourceVersion should not be set on objects to be created');
  if (target.store.get(served.storageKey, obj.metadata.namespace, obj.metadata.name)) {
    throw statusErrors.alreadyExists(refOf(served.type), obj.metadata.name);
  }
  if (obj.spec !== undefined) obj.metadata.generation = 1;
  return store(target, obj);
}

function existingOr404(target: WriteTarget, name: string): KubeObject {
  const existing = target.store.get(target.served.storageKey, target.namespace, name);
  if (!existing) throw statusErrors.notFound(refOf(target.served.type), name);
  return present(target.served, existing);
}

/** Merges an updated object onto the existing one with the rules of the main resource or /status. */
function finishUpdate(target: WriteTarget, existing: KubeObject, updated: KubeObject, subresource: string | undefined): KubeObject {
  const { served } = target;
  const name = existing.metadata.name;
  if (updated.metadata.name !== undefined && updated.metadata.name !== name) {
    throw statusErrors.badRequest(`the name of the object (${String(updated.metadata.name)}) does not match the name on the URL (${name})`);
  }
  if (served.type.namespaced && updated.metadata.namespace !== undefined && updated.metadata.namespace !== target.namespace) {
    throw statusErrors.badRequest('the namespace of the provided object does not match the namespace sent on the request');
  }
  const rv = updated.metadata.resourceVersion;
  if (rv !== undefined && rv !== '' && rv !== existing.metadata.resourceVersion) throw statusErrors.conflict(refOf(served.type), name);
  checkTypeMeta(served, updated);
  let next: KubeObject;
  if (subresource === 'status') {
    next = { ...existing, status: updated.status };
  } else {
    next = { ...updated, metadata: { ...updated.metadata, name, namespace: existing.metadata.namespace } };
    if (hasSubresource(served.type, 'status')) next.status = existing.status;
    if (next.status === undefined) delete next.status;
    const specChanged = JSON.stringify(next.spec) !== JSON.stringify(existing.spec);
    const generation = typeof existing.metadata.generation === 'number' ? existing.metadata.generation : next.spec === undefined ? undefined : 1;
    if (generation !== undefined) next.metadata.generation = specChanged ? generation + 1 : generation;
  }
  if (!served.type.namespaced) delete next.metadata.namespace;
  return store(target, next);
}

export function replaceObject(target: WriteTarget, name: string, subresource: string | undefined, body: unknown): KubeObject {
  const existing = existingOr404(target, name);
  return finishUpdate(target, existing, asKubeObject(body), subresource);
}

export function patchObject(target: WriteTarget, name: string, subresource: string | undefined, mediaType: PatchMediaType, body: unknown): { object: KubeObject; created: boolean } {
  const current = target.store.get(target.served.storageKey, target.namespace, name);
  if (!current && mediaType === 'application/apply-patch+yaml' && !subresource) {
    const seed = asKubeObject(body);
    return { object: createObject(target, { ...seed, metadata: { ...seed.metadata, name } }), created: true };
  }
  const existing = existingOr404(target, name);
  const patched = applyPatch(mediaType, existing, body);
  const updated = asKubeObject(patched);
  if (mediaType === 'application/json-patch+json' && updated.metadata.resourceVersion === existing.metadata.resourceVersion) {
    delete updated.metadata.resourceVersion;
  }
  return { object: finishUpdate(target, existing, updated, subresource), created: false };
}

function deleteOne(target: WriteTarget, obj: KubeObject): KubeObject {
  const name = obj.metadata.name;
  if (target.dryRun) return obj;
  const deleted = target.store.delete(target.served.storageKey, obj.metadata.namespace, name);
  if (!deleted) throw statusErrors.notFound(refOf(target.served.type), name);
  if (target.served.storageKey === nsKey) deleteNamespaceContents(target.store, name);
  return present(target.served, deleted);
}

/** A namespace takes its objects with it (the namespace controller's job, done at once here). */
function deleteNamespaceContents(store: ObjectStore, namespace: string): void {
  for (const type of store.types().filter((t) => t.namespaced)) {
    const key = typeKey(type);
    for (const obj of store.list(key, namespace)) store.delete(key, namespace, obj.metadata.name);
  }
}

export function deleteObject(target: WriteTarget, name: string): unknown {
  const existing = existingOr404(target, name);
  const deleted = deleteOne(target, existing);
  if (returnsDeletedObject(target.served)) return deleted;
  return successStatus({
    name,
    ...(target.served.type.group ? { group: target.served.type.group } : {}),
    kind: target.served.type.plural,
    ...(deleted.metadata.uid ? { uid: deleted.metadata.uid } : {}),
  });
}

export function deleteCollection(target: WriteTarget, params: URLSearchParams): unknown {
  const list = listObjects(target.store, target.served, target.namespace, params);
  const chosen = new Set(list.items.map((i) => `${i.metadata.namespace ?? ''}/${i.metadata.name}`));
  const deleted = target.store
    .list(target.served.storageKey, target.namespace)
    .filter((o) => chosen.has(objectKey(o)))
    .map((o) => deleteOne(target, o));
  return { ...list, items: deleted.map((o) => presentListItem(target.served, o)) };
}
