'use client';

import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { migrationQueryOptions, type MigrationPlan } from '@/lib/api-client/migration';
import { namespacesQueryOptions } from '@/lib/api-client/namespaces';
import { Badge } from '@/components/ui/Badge';
import { Notice } from '@/components/ui/States';
import { PageHeader } from '../common/PageHeader';
import { QueryView } from '../common/QueryView';
import { PlanItems } from './PlanItems';

/** Where the namespace's workloads stand, in the words of Istio's migration guide. */
const stateWords: Record<MigrationPlan['state'], string> = { sidecar: 'on sidecars', ambient: 'in ambient', mixed: 'part sidecar, part ambient', none: 'outside the mesh' };

export function MigrationView() {
  const namespaces = useQuery(namespacesQueryOptions());
  const [picked, setPicked] = useState<string | undefined>(undefined);
  const names = (namespaces.data?.namespaces ?? []).map((n) => n.name).sort();
  const namespace = picked ?? names[0];
  const plan = useQuery({ ...migrationQueryOptions(namespace ?? ''), enabled: namespace !== undefined });
  return (
    <div className="p-6">
      <PageHeader title="Sidecar to ambient" description="Per namespace: how many workloads run a sidecar, are in ambient, or neither, and what moving the namespace to ambient would change (Istio's migration guide, checked against its policies, routes and traffic)." query={plan}>
        <label className="flex items-center gap-2 text-sm">
          Namespace
          <select aria-label="Namespace" className="rounded border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900" value={namespace ?? ''} onChange={(e) => setPicked(e.target.value)}>
            {names.map((n) => <option key={n} value={n}>{n}</option>)}
          </select>
        </label>
      </PageHeader>
      {namespace === undefined ? (
        <Notice tone="info">No namespace to show.</Notice>
      ) : (
        <QueryView query={plan} what="the migration plan">
          {({ plan: p }) => (
            <div className="space-y-4" data-testid="migration-plan">
              {/* Three groups that wrap as wholes on a phone: name and state, the counts, the verdict. */}
              <section aria-label="Dataplane" className="flex flex-wrap items-center gap-x-4 gap-y-2 rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm shadow-sm dark:border-slate-800 dark:bg-slate-900">
                <span className="flex items-baseline gap-2">
                  <span className="font-medium">{p.namespace}</span>
                  <span data-testid="migration-state" className="text-slate-600 dark:text-slate-400">{stateWords[p.state]}</span>
                </span>
                <span className="flex flex-wrap items-center gap-2">
                  <Badge tone="info">{p.counts.sidecar} sidecar</Badge>
                  <Badge tone="good">{p.counts.ambient} ambient</Badge>
                  <Badge tone="neutral">{p.counts.none} neither</Badge>
                  {p.needsWaypoint && <Badge tone="warn">needs a waypoint</Badge>}
                </span>
                <span data-testid="migration-verdict" className={p.blocked ? 'text-red-700 dark:text-red-300' : 'text-green-700 dark:text-green-300'}>
                  {p.counts.sidecar === 0 ? 'No sidecars here: nothing to move.' : p.blocked ? 'Something blocks the move: see below.' : 'Nothing blocks the move.'}
                </span>
              </section>
              <PlanItems title="Blocks the move" items={p.items.filter((i) => i.severity === 'blocker')} />
              <PlanItems title="Steps" items={p.items.filter((i) => i.severity === 'change')} />
              <PlanItems title="Callers and callees" items={p.items.filter((i) => i.severity === 'info')} />
              {p.hiddenItems ? <Notice tone="info">{p.hiddenItems} item(s) name objects in namespaces you may not see.</Notice> : null}
            </div>
          )}
        </QueryView>
      )}
    </div>
  );
}
