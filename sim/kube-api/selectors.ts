// labelSelector and fieldSelector as kube-apiserver parses them (k8s.io/apimachinery/pkg/labels
// and fields): comma-separated requirements that must all hold.
import type { KubeObject, ResourceType } from '../store';
import { statusErrors } from './status';

type LabelOp = 'exists' | '!exists' | '=' | '!=' | 'in' | 'notin' | 'gt' | 'lt';
interface LabelRequirement {
  key: string;
  op: LabelOp;
  values: string[];
}
export type LabelSelector = LabelRequirement[];

const keyPattern = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const valuePattern = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** Splits on commas outside parentheses. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts;
}

function checkKey(key: string, raw: string): string {
  if (!keyPattern.test(key) || key.length > 316) {
    throw statusErrors.badRequest(`unable to parse requirement: <nil>: Invalid value: "${key}": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (in "${raw}")`);
  }
  return key;
}

function checkValue(value: string, key: string): string {
  if (!valuePattern.test(value) || value.length > 63) {
    throw statusErrors.badRequest(`unable to parse requirement: values[0][${key}]: Invalid value: "${value}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`);
  }
  return value;
}

function parseRequirement(raw: string): LabelRequirement {
  const text = raw.trim();
  const setMatch = /^(\S+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(text);
  if (setMatch) {
    const key = checkKey(setMatch[1] ?? '', text);
    const values = (setMatch[3] ?? '').split(',').map((v) => checkValue(v.trim(), key));
    return { key, op: setMatch[2] === 'in' ? 'in' : 'notin', values };
  }
  const cmp = /^([^=!<>\s]+)\s*(==|!=|=|>|<)\s*(.*)$/.exec(text);
  if (cmp) {
    const key = checkKey(cmp[1] ?? '', text);
    const value = (cmp[3] ?? '').trim();
    const op = cmp[2] ?? '=';
    if (op === '>' || op === '<') {
      if (!/^-?\d+$/.test(value)) throw statusErrors.badRequest(`unable to parse requirement: for 'Gt', 'Lt' operators, the value must be an integer: "${value}"`);
      return { key, op: op === '>' ? 'gt' : 'lt', values: [value] };
    }
    return { key, op: op === '!=' ? '!=' : '=', values: [checkValue(value, key)] };
  }
  if (text.startsWith('!')) return { key: checkKey(text.slice(1).trim(), text), op: '!exists', values: [] };
  if (text === '') throw statusErrors.badRequest('unable to parse requirement: found \'\', expected: identifier');
  return { key: checkKey(text, text), op: 'exists', values: [] };
}

export function parseLabelSelector(text: string | null): LabelSelector {
  if (!text || text.trim() === '') return [];
  return splitTopLevel(text).map(parseRequirement);
}

export function matchesLabels(selector: LabelSelector, labels: Record<string, string> | undefined): boolean {
  return selector.every(({ key, op, values }) => {
    const value = labels?.[key];
    switch (op) {
      case 'exists':
        return value !== undefined;
      case '!exists':
        return value === undefined;
      case '=':
      case 'in':
        return value !== undefined && values.includes(value);
      case '!=':
      case 'notin':
        return value === undefined || !values.includes(value);
      case 'gt':
      case 'lt': {
        if (value === undefined || !/^-?\d+$/.test(value)) return false;
        const diff = Number(value) - Number(values[0]);
        return op === 'gt' ? diff > 0 : diff < 0;
      }
    }
  });
}

interface FieldRequirement {
  field: string;
  equal: boolean;
  value: string;
}
export type FieldSelector = FieldRequirement[];

/** Field selectors each kind supports beyond metadata.name and metadata.namespace. */
const extraFields: Record<string, string[]> = {
  '/pods': ['spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName', 'spec.hostNetwork', 'status.phase', 'status.podIP', 'status.nominatedNodeName'],
  '/namespaces': ['status.phase'],
  '/nodes': ['spec.unschedulable'],
  '/secrets': ['type'],
  '/events': ['involvedObject.kind', 'involvedObject.namespace', 'involvedObject.name', 'involvedObject.uid', 'involvedObject.apiVersion', 'involvedObject.resourceVersion', 'involvedObject.fieldPath', 'reason', 'reportingComponent', 'source', 'type'],
  'apps/replicasets': ['status.replicas'],
  'batch/jobs': ['status.successful'],
};

export function parseFieldSelector(text: string | null, type: ResourceType): FieldSelector {
  if (!text || text.trim() === '') return [];
  const allowed = new Set(['metadata.name', 'metadata.namespace', ...(extraFields[`${type.group}/${type.plural}`] ?? [])]);
  return text.split(',').map((raw) => {
    const m = /^\s*([^=!\s]+)\s*(==|=|!=)\s*(.*?)\s*$/.exec(raw);
    if (!m) throw statusErrors.badRequest(`invalid selector: '${text}'; can't understand '${raw}'`);
    const field = m[1] ?? '';
    if (!allowed.has(field)) throw statusErrors.badRequest(`field label not supported: ${field}`);
    return { field, equal: m[2] !== '!=', value: m[3] ?? '' };
  });
}

function fieldValue(obj: KubeObject, path: string): string {
  let current: unknown = obj;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object') return '';
    current = (current as Record<string, unknown>)[part];
  }
  if (current === undefined || current === null) return path === 'spec.hostNetwork' || path === 'spec.unschedulable' ? 'false' : '';
  return String(current);
}

export function matchesFields(selector: FieldSelector, obj: KubeObject): boolean {
  return selector.every(({ field, equal, value }) => (fieldValue(obj, field) === value) === equal);
}

export interface ObjectFilter {
  labels: LabelSelector;
  fields: FieldSelector;
}

export function parseFilter(params: URLSearchParams, type: ResourceType): ObjectFilter {
  return { labels: parseLabelSelector(params.get('labelSelector')), fields: parseFieldSelector(params.get('fieldSelector'), type) };
}

export function matchesFilter(filter: ObjectFilter, obj: KubeObject): boolean {
  return matchesLabels(filter.labels, obj.metadata.labels) && matchesFields(filter.fields, obj);
}

export function isEmptyFilter(filter: ObjectFilter): boolean {
  return filter.labels.length === 0 && filter.fields.length === 0;
}
