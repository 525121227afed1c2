import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../store';
import { standardResourceTypes } from './resources';
import { toTable, wantsTable } from './table';
import { humanDuration, jsonPathValue } from './table-columns';

const served = (plural: string, group = '') => {
  const type = standardResourceTypes.find((t) => t.plural === plural && t.group === group);
  if (!type) throw new Error(plural);
  return { type, storageKey: '', builtin: group === '' || group === 'apps' };
};

describe('server-side Table printing', () => {
  it('prints ages as kubectl does (Go HumanDuration)', () => {
    expect([59, 119, 120, 610, 3 * 3600 + 120, 7 * 3600 + 5 * 60, 47 * 3600, 3 * 86400 + 4 * 3600, 30 * 86400, 800 * 86400, 9 * 365 * 86400].map(humanDuration)).toEqual([
      '59s', '119s', '2m', '10m', '3h2m', '7h5m', '47h', '3d4h', '30d', '2y70d', '9y',
    ]);
    expect(humanDuration(-5)).toBe('<invalid>');
  });

  it('reads the CRD printer-column JSONPath with a condition filter', () => {
    const o = { status: { conditions: [{ type: 'Reconciled', status: 'True' }, { type: 'Ready', status: 'False' }] } };
    expect(jsonPathValue(o, '.status.conditions[?(@.type=="Ready")].status')).toBe('False');
    expect(jsonPathValue(o, '.status.missing.deeper')).toBeUndefined();
  });

  it('asks for Table only when Accept names it first', () => {
    expect(wantsTable('application/json;as=Table;v=v1;g=meta.k8s.io,application/json')).toBe(true);
    expect(wantsTable('application/json, */*')).toBe(false);
    expect(wantsTable(undefined)).toBe(false);
  });

  it('builds pod rows with wide columns at priority 1 and the object as PartialObjectMetadata', () => {
    const pod: KubeObject = {
      apiVersion: 'v1', kind: 'Pod',
      metadata: { name: 'p', namespace: 'n', creationTimestamp: '2025-01-01T00:00:00Z', labels: { app: 'p' } },
      spec: { nodeName: 'node-a', containers: [{ name: 'c' }, { name: 'd' }] },
      status: { phase: 'Running', podIP: '10.0.0.1', containerStatuses: [{ ready: true, restartCount: 2 }, { ready: false, restartCount: 1, state: { waiting: { reason: 'CrashLoopBackOff' } } }] },
    };
    const table = toTable(served('pods'), [pod], { resourceVersion: '7' }, new URLSearchParams(), Date.parse('2025-01-01T00:05:00Z') / 1000) as {
      columnDefinitions: { name: string; priority: number }[];
      rows: { cells: unknown[]; object: { kind: string; metadata: { labels: Record<string, string> } } }[];
    };
    expect(table.columnDefinitions.filter((c) => c.priority === 0).map((c) => c.name)).toEqual(['Name', 'Ready', 'Status', 'Restarts', 'Age']);
    expect(table.rows[0]?.cells).toEqual(['p', '1/2', 'CrashLoopBackOff', 3, '5m', '10.0.0.1', 'node-a', '<none>', '<none>']);
    expect(table.rows[0]?.object).toMatchObject({ kind: 'PartialObjectMetadata', metadata: { labels: { app: 'p' } } });
    expect(() => toTable(served('pods'), [pod], {}, new URLSearchParams('includeObject=All'))).toThrow(/includeObject/);
  });
});
