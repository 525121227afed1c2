import type { MigrationPlan } from '@/lib/migration/plan';

// `ambient-lens migrate plan` output: the same content as the Migration page, as text.

const MARK = { blocker: 'BLOCKER', change: 'CHANGE ', info: 'INFO   ' } as const;

export function formatPlan(plan: MigrationPlan): string {
  const c = plan.counts;
  const lines = [
    `Namespace ${plan.namespace}: ${plan.state} (${c.sidecar} sidecar, ${c.ambient} ambient, ${c.none} neither)${plan.needsWaypoint ? '; needs a waypoint' : ''}`,
  ];
  for (const item of plan.items) {
    const object = item.object ? ` ${item.object.kind} ${item.object.namespace}/${item.object.name}:` : '';
    lines.push(`${MARK[item.severity]}${object} ${item.message}`);
    if (item.change) lines.push(`         change: ${item.change}`);
  }
  if (plan.items.length === 0) lines.push('Nothing to change: no workload of this namespace runs a sidecar.');
  lines.push(plan.blocked ? `${plan.items.filter((i) => i.severity === 'blocker').length} item(s) block the move.` : 'Nothing blocks the move.');
  return lines.join('\n') + '\n';
}
