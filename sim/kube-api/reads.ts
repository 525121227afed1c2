// GET of one object and of collections: selectors, limit/continue paging, list resourceVersion.
import type { KubeObject, ObjectStore } from '../store';
import { present, presentListItem, type ServedType } from './catalog';
import { isEmptyFilter, matchesFilter, parseFilter } from './selectors';
import { refOf, statusErrors } from './status';

interface ContinueToken {
  rv: number;
  start: string;
}

/** Objects sort like etcd keys: by namespace, then name. */
export const objectKey = (o: KubeObject): string => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;

function encodeContinue(token: ContinueToken): string {
  return Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', ...token })).toString('base64url');
}

function decodeContinue(text: string): ContinueToken {
  try {
    const parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Partial<ContinueToken> & { v?: string };
    if (parsed.v !== 'meta.k8s.io/v1' || typeof parsed.rv !== 'number' || typeof parsed.start !== 'string') throw new Error('bad token');
    return { rv: parsed.rv, start: parsed.start };
  } catch {
    throw statusErrors.badRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
  }
}

function parseNonNegativeInt(value: string | null, name: string): number | undefined {
  if (value === null || value === '') return undefined;
  if (!/^\d+$/.test(value)) throw statusErrors.badRequest(`${name}: Invalid value: "${value}": must be a non-negative integer`);
  return Number(value);
}

/** Checks a requested resourceVersion against what the store can serve. */
export function checkResourceVersion(store: ObjectStore, rv: string | null, match: string | null): void {
  if (rv === null || rv === '' || rv === '0') return;
  if (!/^\d+$/.test(rv)) throw statusErrors.badRequest(`invalid resource version "${rv}"`);
  const requested = Number(rv);
  const current = Number(store.currentResourceVersion());
  if (requested > current) throw statusErrors.timeout(`Too large resource version: ${requested}, current: ${current}`);
  if (match === 'Exact' && requested < store.oldestResumableVersion() - 1) {
    throw statusErrors.expired(`too old resource version: ${requested} (${store.oldestResumableVersion()})`);
  }
}

export interface ObjectList {
  kind: string;
  apiVersion: string;
  metadata: Record<string, unknown>;
  /** Built-in list items omit apiVersion and kind. */
  items: (Pick<KubeObject, 'metadata'> & Record<string, unknown>)[];
}

export function listObjects(store: ObjectStore, served: ServedType, namespace: string | undefined, params: URLSearchParams): ObjectList {
  const filter = parseFilter(params, served.type);
  const limit = parseNonNegativeInt(params.get('limit'), 'limit');
  const continueText = params.get('continue');
  const match = params.get('resourceVersionMatch');
  if (match !== null && !['Exact', 'NotOlderThan', ''].includes(match)) {
    throw statusErrors.badRequest(`resourceVersionMatch: Unsupported value: "${match}": supported values: "Exact", "NotOlderThan"`);
  }
  if (continueText && params.get('resourceVersion')) throw statusErrors.badRequest('specifying resource version is not allowed when using continue');
  checkResourceVersion(store, params.get('resourceVersion'), match);

  let listRv = Number(store.currentResourceVersion());
  let startAfter = '';
  if (continueText) {
    const token = decodeContinue(continueText);
    if (token.rv < store.oldestResumableVersion() - 1) {
      throw statusErrors.expired(
        'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.',
      );
    }
    listRv = token.rv;
    startAfter = token.start;
  }

  const matching = store
    .list(served.storageKey, namespace)
    .filter((o) => matchesFilter(filter, o))
    .sort((a, b) => (objectKey(a) < objectKey(b) ? -1 : objectKey(a) > objectKey(b) ? 1 : 0))
    .filter((o) => objectKey(o) > startAfter);
  const page = limit && limit > 0 ? matching.slice(0, limit) : matching;
  const remaining = matching.length - page.length;
  const last = page[page.length - 1];
  const metadata: Record<string, unknown> = { resourceVersion: String(listRv) };
  if (remaining > 0 && last) {
    metadata.continue = encodeContinue({ rv: listRv, start: objectKey(last) });
    if (isEmptyFilter(filter)) metadata.remainingItemCount = remaining;
  }
  return {
    kind: `${served.type.kind}List`,
    apiVersion: served.type.group ? `${served.type.group}/${served.type.version}` : served.type.version,
    metadata,
    items: page.map((o) => presentListItem(served, o) as Pick<KubeObject, 'metadata'> & Record<string, unknown>),
  };
}

export function getObject(store: ObjectStore, served: ServedType, namespace: string | undefined, name: string): KubeObject {
  const obj = store.get(served.storageKey, namespace, name);
  if (!obj) throw statusErrors.notFound(refOf(served.type), name);
  return present(served, obj);
}
