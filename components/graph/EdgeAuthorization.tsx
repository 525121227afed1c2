'use client';

import { useQuery } from '@tanstack/react-query';
import { authzCheckQueryOptions, type AuthzCheckInput } from '@/lib/api-client/authz';
import { graphLookup } from '@/lib/graph/lookup';
import type { GraphEdge, GraphNode, MeshGraph } from '@/lib/graph/model';
import { ApiError } from '@/lib/api-client/fetch-json';
import { DecidingPolicy, DecisionBadge, EnforcementPath, EvaluationSteps } from '@/components/pages/policies/EvaluationSteps';

// The edge panel's "Authorization" section: what the evaluator says of this edge's connection, the
// policies on its path, where they are enforced and the identity each point sees.

/** The question this edge asks, or why it cannot be asked (aggregates, egress). */
export function edgeCheck(source: GraphNode | undefined, target: GraphNode | undefined): AuthzCheckInput | string {
  if (!source || !target) return 'one end of this edge is not in the graph';
  const from = source.kind === 'workload' ? `${source.namespace}/${source.workload}` : source.kind === 'unknown' ? `plaintext:${target.namespace}` : undefined;
  if (!from) return 'policies are evaluated between workloads: switch to the workload graph';
  if (target.kind === 'workload') return { from, to: `${target.namespace}/${target.workload}`, addressed: 'service' };
  if (target.kind === 'service') return { from, to: `${target.namespace}/service:${target.service}` };
  return target.kind === 'external' ? 'the destination is outside the mesh: no policy applies' : 'policies are evaluated between workloads: switch to the workload graph';
}

export function EdgeAuthorization({ edge, graph }: { edge: GraphEdge; graph: MeshGraph }) {
  const nodes = graphLookup(graph);
  const check = edgeCheck(nodes.node(edge.source), nodes.node(edge.target));
  const asked = typeof check === 'string' ? undefined : check;
  const query = useQuery({ ...authzCheckQueryOptions(asked ?? { from: '', to: '' }), enabled: !!asked });
  const denied = (edge.tcp?.deniedPerSec ?? 0) > 0;
  return (
    <section aria-label="Authorization" className="space-y-2 rounded-md border border-slate-200 p-3 dark:border-slate-700">
      <div className="flex items-center justify-between gap-2">
        <h4 className="text-sm font-semibold">Authorization</h4>
        {query.data && <DecisionBadge decision={query.data.evaluation.decision} />}
      </div>
      {typeof check === 'string' && <p className="text-xs text-slate-500">{check}</p>}
      {query.isPending && asked && <p className="text-xs text-slate-500">Evaluating the policies…</p>}
      {query.isError && (
        <p className="text-xs text-red-700 dark:text-red-400">
          {query.error instanceof ApiError && query.error.code === 'forbidden' ? 'You cannot see the policies of one end of this edge.' : `Could not evaluate: ${query.error.message}`}
        </p>
      )}
      {query.data && (
        <>
          <p className="text-xs text-slate-500">port {query.data.port}{query.data.destination.kind === 'service' ? ` via service ${query.data.destination.name}` : ''}</p>
          <EnforcementPath evaluation={query.data.evaluation} />
          <DecidingPolicy evaluation={query.data.evaluation} />
          {denied && query.data.evaluation.decision === 'allowed' && (
            <p className="text-xs text-amber-700 dark:text-amber-400">Connections on this edge were denied although the policies allow them: compare with ztunnel&apos;s config_dump policies.</p>
          )}
          <EvaluationSteps evaluation={query.data.evaluation} />
        </>
      )}
    </section>
  );
}
