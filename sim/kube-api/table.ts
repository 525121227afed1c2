// Server-side printing: the meta.k8s.io/v1 Table a real API server returns when the client asks
// for it in Accept (kubectl get sends `application/json;as=Table;v=v1;g=meta.k8s.io`). Each row
// carries the object as PartialObjectMetadata (kubectl reads namespace and labels from it) unless
// includeObject says Object or None.
import type { KubeObject } from '../store';
import type { ServedType } from './catalog';
import { apiVersionOf } from './resources';
import { statusErrors } from './status';
import { columnsFor } from './table-columns';

/** True when Accept asks for a Table (v1 or v1beta1) before any plain JSON. */
export function wantsTable(accept: string | undefined): boolean {
  const first = (accept ?? '').split(',')[0] ?? '';
  return /;\s*as=Table/.test(first) && /;\s*g=meta\.k8s\.io/.test(first);
}

function rowObject(served: ServedType, o: KubeObject, include: string): Record<string, unknown> | undefined {
  if (include === 'None') return undefined;
  if (include === 'Object') return { ...o, apiVersion: apiVersionOf(served.type), kind: served.type.kind };
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata };
}

export function toTable(served: ServedType, objects: KubeObject[], listMeta: Record<string, unknown>, params: URLSearchParams, now = Date.now() / 1000): Record<string, unknown> {
  const include = params.get('includeObject') ?? 'PartialObjectMetadata';
  if (!['None', 'Object', 'PartialObjectMetadata'].includes(include)) {
    throw statusErrors.badRequest(`includeObject: Unsupported value: "${include}": supported values: "None", "Object", "PartialObjectMetadata"`);
  }
  const columns = columnsFor(served.type);
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: listMeta,
    columnDefinitions: columns.map((c, i) => ({
      name: c.name,
      type: c.type === 'date' ? 'string' : c.type,
      format: i === 0 ? 'name' : '',
      description: c.description,
      priority: c.priority,
    })),
    rows: objects.map((o) => {
      const object = rowObject(served, o, include);
      return { cells: columns.map((c) => c.cell(o, now)), ...(object ? { object } : {}) };
    }),
  };
}
