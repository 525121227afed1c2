'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { authzPoliciesQueryOptions } from '@/lib/api-client/authz';
import { FindingList } from '../policies/FindingList';
import { Section } from './Sections';

/** Authorization findings (AUTHZ codes) of the namespaces the user may see, on the Security page. */
export function AuthorizationFindings() {
  const query = useQuery(authzPoliciesQueryOptions());
  if (query.isError) return <p className="text-sm text-red-700 dark:text-red-400">Authorization findings could not be read: {query.error.message}</p>;
  if (!query.data) return <p className="text-sm text-slate-500">Reading the authorization policies…</p>;
  const { findings, counts } = query.data;
  return (
    <Section id="authorization" title="Authorization findings" count={findings.length} tone={counts.error > 0 ? 'bad' : 'warn'} clear="No authorization policy problem found." hint={<Link href="/policies" className="text-indigo-600 hover:underline dark:text-indigo-400">every policy on the Policies page</Link>}>
      <FindingList findings={findings} />
    </Section>
  );
}
