'use client';

import { useQuery } from '@tanstack/react-query';
import { securityQueryOptions } from '@/lib/api-client/security';
import { DEFAULT_WINDOW_SECONDS } from '@/lib/posture/query';
import { formatRate, formatShare } from '@/components/graph/format';
import { Notice } from '@/components/ui/States';
import { gapsText, protectedText } from '@/lib/posture/pod-counts';
import { Stat } from '@/components/ui/Stat';
import { errorAdvice } from '../common/error-advice';
import { formatWindow } from '../common/format';
import { PageHeader } from '../common/PageHeader';
import { QueryView } from '../common/QueryView';
import { searchState, useUrlState } from '../common/use-url-state';
import { parseWindow, WindowSelect } from '../common/WindowSelect';
import { AuthorizationFindings } from './AuthorizationFindings';
import { CertificateTable, DeniedTable, NamespaceTable, PlaintextTable, PodTable, Section } from './Sections';

const defaults = { duration: String(DEFAULT_WINDOW_SECONDS) } as const;
const viewUrl = searchState(defaults);
const shareTone = (s: number | null | undefined) => (s === null || s === undefined ? 'neutral' : s >= 0.999 ? 'good' : s >= 0.8 ? 'warn' : 'bad');

export function SecurityView() {
  const [state, update] = useUrlState(viewUrl);
  const duration = parseWindow(state.duration, DEFAULT_WINDOW_SECONDS);
  const query = useQuery(securityQueryOptions({ duration }));
  return (
    <div className="p-6">
      <PageHeader title="Security posture" description="What the ambient mesh does not protect, and why: plaintext traffic, denied connections, pods left out, namespaces istiod ignores and certificates about to expire. Each item links to where to fix it." query={query}>
        <WindowSelect value={duration} onChange={(d) => update({ duration: String(d) })} />
      </PageHeader>
      <QueryView query={query} what="the security posture" loadingRows={8}>
        {(data) => {
          const p = data.posture;
          const t = p.traffic;
          const unprotected = p.podCounts.notProtected;
          const others = p.unprotectedPods.filter((f) => f.gap !== 'not-redirected' && f.gap !== 'ztunnel-not-ready' && f.gap !== 'opted-out');
          const now = new Date(data.generatedAt);
          return (
            <div className="space-y-4">
              {!data.trafficStatus.ok && (
                <Notice><span className="font-medium">{errorAdvice(data.trafficStatus.code).title}:</span> mTLS shares, plaintext edges and denied connections are missing. {data.trafficStatus.message}</Notice>
              )}
              {!data.ztunnelStatus.ok && <Notice><span className="font-medium">{errorAdvice(data.ztunnelStatus.code).title}:</span> certificates are missing. {data.ztunnelStatus.message}</Notice>}
              {p.unansweredZtunnels.length > 0 && (
                <Notice>Certificates of pods on these nodes are unknown, their ztunnel did not answer: {p.unansweredZtunnels.map((z) => `${z.node ?? z.pod} (${z.message ?? 'no answer'})`).join('; ')}</Notice>
              )}
              {data.graphWarnings.map((w) => <Notice key={w}>{w}</Notice>)}
              <section aria-label="Posture figures" className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6">
                <Stat label="mTLS share of bytes" value={t ? (t.mtlsShare === null ? '—' : formatShare(t.mtlsShare)) : 'n/a'} tone={t ? shareTone(t.mtlsShare) : 'neutral'} detail={`last ${formatWindow(duration)}`} />
                <Stat label="mTLS share of connections" value={t ? (t.mtlsShareByConnections === null ? '—' : formatShare(t.mtlsShareByConnections)) : 'n/a'} tone={t ? shareTone(t.mtlsShareByConnections) : 'neutral'} detail="connections opened" />
                <Stat label="Plaintext edges" value={t ? p.plaintextEdges.length : 'n/a'} tone={!t ? 'neutral' : p.plaintextEdges.length > 0 ? 'warn' : 'good'} href="#plaintext" />
                <Stat label="Denied connections" value={t ? formatRate(t.deniedPerSec, '/s') : 'n/a'} tone={!t ? 'neutral' : t.deniedPerSec > 0 ? 'warn' : 'good'} detail={`${p.deniedEdges.length} source → destination pairs`} href="#denied" />
                <Stat label="Pods not protected" value={<span data-testid="pods-not-protected">{unprotected} of {p.podCounts.application}</span>} tone={unprotected > 0 ? 'bad' : 'good'} detail={<><span data-testid="pods-protected-text">{protectedText(p.podCounts)}</span> protected{unprotected > 0 ? ` · ${gapsText(p.podCounts)}` : ''}</>} href="#pods" />
                <Stat label="Certificates" value={p.certificates.length} tone={p.certificates.some((c) => c.health === 'expired') ? 'bad' : p.certificates.length > 0 ? 'warn' : 'good'} detail="expired or expiring" href="#certificates" />
              </section>
              <Section id="plaintext" title="Plaintext edges" count={p.plaintextEdges.length} clear={t ? 'Every connection in the window was mTLS.' : 'Unknown: traffic could not be read.'} hint="traffic that ztunnel did not carry as mTLS, biggest first">
                <PlaintextTable edges={p.plaintextEdges} />
              </Section>
              <Section id="denied" title="Denied connections (DENY)" count={p.deniedEdges.length} clear={t ? 'No connection was denied by an authorization policy.' : 'Unknown: traffic could not be read.'} hint="closed by an authorization policy">
                <DeniedTable edges={p.deniedEdges} />
              </Section>
              <AuthorizationFindings />
              <div id="pods" className="grid scroll-mt-4 gap-4 xl:grid-cols-2">
                <Section id="not-redirected" title="Labelled for ambient, not redirected" count={p.notRedirected.length} tone="bad" clear="Every labelled pod is redirected to ztunnel." hint="istio-cni did not set ambient.istio.io/redirection">
                  <PodTable pods={p.notRedirected} />
                </Section>
                <Section id="no-ztunnel" title="On a node without a ready ztunnel" count={p.noReadyZtunnel.length} tone="bad" clear="Every redirected pod has a ready ztunnel on its node.">
                  <PodTable pods={p.noReadyZtunnel} nodeLink />
                </Section>
              </div>
              <Section id="opted-out" title="Opted out" count={p.optedOut.length} tone="info" clear="No pod opted out." hint="the pod label istio.io/dataplane-mode=none">
                <PodTable pods={p.optedOut} />
              </Section>
              <Section id="not-enrolled" title="Other pods not protected" count={others.length} tone="info" clear="Every other application pod is in the mesh." hint="not enrolled, outside the discovery selectors, sidecar or host network">
                <PodTable pods={others} />
              </Section>
              <Section id="discovery" title="Namespaces outside the discovery selectors" count={p.undiscoveredNamespaces.length} clear={p.discoverySelectorsSet ? 'Every namespace is discovered by istiod.' : 'No discovery selectors are set: istiod watches every namespace.'}>
                <NamespaceTable namespaces={p.undiscoveredNamespaces} />
              </Section>
              <Section id="certificates" title="Certificates expired or expiring" count={p.certificates.length} tone={p.certificates.some((c) => c.health === 'expired') ? 'bad' : 'warn'} clear="Every workload certificate is valid and rotating." hint="leaf certificates from every ztunnel">
                <CertificateTable certificates={p.certificates} now={now} />
              </Section>
            </div>
          );
        }}
      </QueryView>
    </div>
  );
}
