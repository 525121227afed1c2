'use client';

import { useQuery } from '@tanstack/react-query';
import { authzPoliciesQueryOptions } from '@/lib/api-client/authz';
import { Stat } from '@/components/ui/Stat';

/** The overview's count of authorization findings (errors and warnings), linking to the Policies page. */
export function AuthorizationStat() {
  const query = useQuery(authzPoliciesQueryOptions());
  const counts = query.data?.counts;
  const problems = counts ? counts.error + counts.warning : undefined;
  return (
    <Stat
      label="Authorization findings"
      value={problems ?? (query.isError ? 'n/a' : '…')}
      tone={!counts ? 'neutral' : counts.error > 0 ? 'bad' : counts.warning > 0 ? 'warn' : 'good'}
      detail={counts ? `${counts.error} errors · ${counts.warning} warnings · ${query.data?.authorizationPolicies.length ?? 0} policies` : query.isError ? 'policies could not be read' : 'reading policies'}
      href="/policies#findings"
    />
  );
}
