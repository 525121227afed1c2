'use client';

import { useQuery } from '@tanstack/react-query';
import { authzPoliciesQueryOptions, type AuthzPoliciesResponse } from '@/lib/api-client/authz';
import { Notice } from '@/components/ui/States';
import { Stat } from '@/components/ui/Stat';
import { PageHeader } from '../common/PageHeader';
import { QueryView } from '../common/QueryView';
import { searchState, useUrlState } from '../common/use-url-state';
import { Section } from '../security/Sections';
import { CheckForm } from './CheckForm';
import { FindingList } from './FindingList';
import { AuthorizationPolicyTable, PeerAuthenticationTable } from './PolicyTables';

const viewUrl = searchState({ namespace: '', from: '', to: '', port: '' });

function ZtunnelDiff({ ztunnel }: { ztunnel: AuthzPoliciesResponse['ztunnel'] }) {
  if (!ztunnel.ok) return <Notice>ztunnel&apos;s policies are unknown: {ztunnel.message}</Notice>;
  const { missing, unexpected, differing } = ztunnel.diff;
  const count = missing.length + unexpected.length + differing.length;
  return (
    <Section id="ztunnel-view" title="Cluster vs ztunnel" count={count} tone="bad" clear="Every ztunnel holds the policies the cluster says it should." hint="what istiod should have sent to ztunnel against each ztunnel's config_dump">
      <ul aria-label="Cluster vs ztunnel" className="divide-y divide-slate-100 text-sm dark:divide-slate-800">
        {missing.map((m) => <li key={`m-${m.namespace}/${m.name}`} className="px-4 py-1.5"><span className="font-mono text-xs">{m.namespace}/{m.name}</span>: in the cluster, held by no ztunnel</li>)}
        {unexpected.map((u) => <li key={`u-${u.namespace}/${u.name}`} className="px-4 py-1.5"><span className="font-mono text-xs">{u.namespace}/{u.name}</span>: held by ztunnel, not in the cluster</li>)}
        {differing.map((d) => <li key={`d-${d.policy}-${d.field}`} className="px-4 py-1.5"><span className="font-mono text-xs">{d.policy}</span>: {d.field} is {d.held} in ztunnel, {d.expected} in the cluster</li>)}
      </ul>
    </Section>
  );
}

export function PoliciesView() {
  const [state, update] = useUrlState(viewUrl);
  const query = useQuery(authzPoliciesQueryOptions(state.namespace || undefined));
  const port = Number(state.port);
  const initial = state.from && state.to ? { from: state.from, to: state.to, ...(state.port && Number.isFinite(port) ? { port } : {}) } : undefined;
  return (
    <div className="space-y-4 p-6">
      <PageHeader title="Policies" description="Every AuthorizationPolicy and PeerAuthentication, where it is enforced (waypoint or ztunnel), what it selects, what goes wrong with it, and whether each ztunnel holds what the cluster says." query={query}>
        <label className="flex items-center gap-1.5 text-xs text-slate-600 dark:text-slate-400">
          Namespace
          <input aria-label="Namespace" className="h-8 w-40 rounded-md border border-slate-300 bg-white px-2 text-sm dark:border-slate-700 dark:bg-slate-900" defaultValue={state.namespace} placeholder="all" onKeyDown={(e) => { if (e.key === 'Enter') update({ namespace: e.currentTarget.value.trim() }); }} />
        </label>
      </PageHeader>
      <CheckForm key={`${state.from}|${state.to}|${state.port}`} initial={initial} />
      <QueryView query={query} what="the policies" loadingRows={8}>
        {(data) => (
          <div className="space-y-4">
            {!data.policiesInstalled && <Notice tone="info">This cluster serves no security.istio.io policies (the CRDs are not installed): nothing restricts who may reach whom.</Notice>}
            <section aria-label="Policy figures" className="grid grid-cols-2 gap-3 md:grid-cols-4">
              <Stat label="AuthorizationPolicies" value={data.authorizationPolicies.length} detail={`${data.authorizationPolicies.filter((p) => p.enforcedBy.some((e) => e.kind === 'none')).length} not enforced`} />
              <Stat label="PeerAuthentications" value={data.peerAuthentications.length} />
              <Stat label="Errors" value={data.counts.error} tone={data.counts.error > 0 ? 'bad' : 'good'} href="#findings" />
              <Stat label="Warnings" value={data.counts.warning} tone={data.counts.warning > 0 ? 'warn' : 'good'} href="#findings" />
            </section>
            <Section id="authorization-policies" title="AuthorizationPolicies" count={data.authorizationPolicies.length} tone="info" clear="No AuthorizationPolicy: every connection is allowed.">
              <AuthorizationPolicyTable rows={data.authorizationPolicies} />
            </Section>
            <Section id="peer-authentications" title="PeerAuthentications" count={data.peerAuthentications.length} tone="info" clear="No PeerAuthentication: every ambient pod accepts plaintext (PERMISSIVE).">
              <PeerAuthenticationTable rows={data.peerAuthentications} />
            </Section>
            <ZtunnelDiff ztunnel={data.ztunnel} />
            <Section id="findings" title="Findings" count={data.findings.length} tone={data.counts.error > 0 ? 'bad' : 'warn'} clear="No authorization findings.">
              <FindingList findings={data.findings} />
            </Section>
          </div>
        )}
      </QueryView>
    </div>
  );
}
