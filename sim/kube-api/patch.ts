// PATCH bodies: JSON merge patch (RFC 7386), strategic merge patch (applied as a merge patch:
// our objects carry no patch-strategy metadata) and JSON patch (RFC 6902).
import { statusErrors } from './status';

export const patchMediaTypes = [
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
  'application/apply-patch+yaml',
] as const;
export type PatchMediaType = (typeof patchMediaTypes)[number];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isObject = (v: unknown): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function mergePatch(target: unknown, patch: unknown): Json {
  if (!isObject(patch)) return structuredClone(patch as Json);
  const result: Record<string, Json> = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (key === '$patch' || key.startsWith('$setElementOrder/') || key.startsWith('$deleteFromPrimitiveList/')) continue;
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value);
  }
  return result;
}

interface JsonPatchOp {
  op: 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';
  path: string;
  value?: Json;
  from?: string;
}

function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw statusErrors.badRequest(`JSON pointer must be empty or start with a "/": ${pointer}`);
  return pointer
    .slice(1)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function decodeOps(body: unknown): JsonPatchOp[] {
  if (!Array.isArray(body)) throw statusErrors.badRequest('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  return body.map((raw) => {
    if (!isObject(raw) || typeof raw.op !== 'string' || typeof raw.path !== 'string') {
      throw statusErrors.badRequest('invalid JSON patch operation: each needs "op" and "path"');
    }
    if (!['add', 'remove', 'replace', 'move', 'copy', 'test'].includes(raw.op)) throw statusErrors.badRequest(`Unexpected kind: ${raw.op}`);
    if (['add', 'replace', 'test'].includes(raw.op) && !('value' in raw)) throw statusErrors.unprocessable(`doc is missing value for ${raw.op} operation`);
    return { op: raw.op as JsonPatchOp['op'], path: raw.path, value: raw.value, from: typeof raw.from === 'string' ? raw.from : undefined };
  });
}

/** The container addressed by all but the last token, and that last token. */
function locate(doc: Json, tokens: string[], pointer: string): { parent: Json; key: string } {
  let parent = doc;
  for (const token of tokens.slice(0, -1)) {
    const next = Array.isArray(parent) ? parent[Number(token)] : isObject(parent) ? parent[token] : undefined;
    if (next === undefined) throw statusErrors.unprocessable(`doc is missing path: "${pointer}": missing value`);
    parent = next;
  }
  return { parent, key: tokens[tokens.length - 1] ?? '' };
}

function getAt(doc: Json, pointer: string): Json {
  const tokens = parsePointer(pointer);
  if (tokens.length === 0) return doc;
  const { parent, key } = locate(doc, tokens, pointer);
  const value = Array.isArray(parent) ? parent[Number(key)] : isObject(parent) ? parent[key] : undefined;
  if (value === undefined) throw statusErrors.unprocessable(`doc is missing path: "${pointer}": missing value`);
  return value;
}

function removeAt(doc: Json, pointer: string): void {
  const { parent, key } = locate(doc, parsePointer(pointer), pointer);
  if (Array.isArray(parent) && /^\d+$/.test(key) && Number(key) < parent.length) parent.splice(Number(key), 1);
  else if (isObject(parent) && key in parent) delete parent[key];
  else throw statusErrors.unprocessable(`doc is missing path: "${pointer}": missing value`);
}

function addAt(doc: Json, pointer: string, value: Json, replace: boolean): Json {
  const tokens = parsePointer(pointer);
  if (tokens.length === 0) return structuredClone(value);
  const { parent, key } = locate(doc, tokens, pointer);
  if (Array.isArray(parent)) {
    const index = key === '-' ? parent.length : Number(key);
    if (!/^(\d+|-)$/.test(key) || index > parent.length || (replace && index >= parent.length)) {
      throw statusErrors.unprocessable(`unable to ${replace ? 'replace' : 'add'} at index ${key}: out of bounds`);
    }
    parent.splice(index, replace ? 1 : 0, structuredClone(value));
  } else if (isObject(parent)) {
    if (replace && !(key in parent)) throw statusErrors.unprocessable(`replace operation does not apply: doc is missing key: ${pointer}: missing value`);
    parent[key] = structuredClone(value);
  } else {
    throw statusErrors.unprocessable(`doc is missing path: "${pointer}": missing value`);
  }
  return doc;
}

export function jsonPatch(target: unknown, body: unknown): Json {
  let doc = structuredClone(target as Json);
  for (const op of decodeOps(body)) {
    const value = op.value ?? null;
    switch (op.op) {
      case 'add':
        doc = addAt(doc, op.path, value, false);
        break;
      case 'replace':
        doc = addAt(doc, op.path, value, true);
        break;
      case 'remove':
        removeAt(doc, op.path);
        break;
      case 'test':
        if (JSON.stringify(getAt(doc, op.path)) !== JSON.stringify(value)) throw statusErrors.unprocessable(`testing value ${op.path} failed: test failed`);
        break;
      case 'move':
      case 'copy': {
        if (op.from === undefined) throw statusErrors.unprocessable(`${op.op} operation missing from`);
        const moved = structuredClone(getAt(doc, op.from));
        if (op.op === 'move') removeAt(doc, op.from);
        doc = addAt(doc, op.path, moved, false);
        break;
      }
    }
  }
  return doc;
}

export function applyPatch(mediaType: PatchMediaType, target: unknown, body: unknown): Json {
  return mediaType === 'application/json-patch+json' ? jsonPatch(target, body) : mergePatch(target, body);
}

export function patchMediaType(contentType: string | undefined): PatchMediaType {
  const base = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const match = patchMediaTypes.find((t) => t === base);
  if (!match) throw statusErrors.unsupportedMediaType([...patchMediaTypes]);
  return match;
}
