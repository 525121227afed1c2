import type { Overview } from '@/lib/posture/overview';
import { formatBytesPerSec, formatRate, formatShare } from '@/components/graph/format';
import { gapsText, protectedText } from '@/lib/posture/pod-counts';
import { Stat } from '@/components/ui/Stat';
import type { Tone } from '@/components/ui/Badge';
import { AuthorizationStat } from './AuthorizationStat';

const cpTone: Record<string, Tone> = { healthy: 'good', degraded: 'warn', down: 'bad', unknown: 'neutral' };

/** The mesh-wide figures across the top of the overview. */
export function Headline({ overview }: { overview: Overview }) {
  const { traffic, pods, ztunnels, controlPlane } = overview.headline;
  const share = traffic?.mtlsShare ?? null;
  return (
    <section aria-label="Mesh-wide figures" className="mb-5 grid grid-cols-2 gap-3 md:grid-cols-4 xl:grid-cols-7">
      <Stat
        label="mTLS share of bytes"
        value={traffic ? (share === null ? '—' : formatShare(share)) : 'n/a'}
        tone={!traffic || share === null ? 'neutral' : share >= 0.999 ? 'good' : share >= 0.8 ? 'warn' : 'bad'}
        detail={traffic ? (traffic.mtlsShareByConnections === null ? 'no connections' : `${formatShare(traffic.mtlsShareByConnections)} of connections · ${formatBytesPerSec(traffic.bytesPerSec)}`) : 'traffic unavailable'}
        href="/security"
      />
      <Stat
        label="Plaintext edges"
        value={traffic ? traffic.plaintextEdges : 'n/a'}
        tone={!traffic ? 'neutral' : traffic.plaintextEdges > 0 ? 'warn' : 'good'}
        detail={traffic ? `of ${traffic.edges} edges with traffic` : 'traffic unavailable'}
        href="/security#plaintext"
      />
      <Stat
        label="Denied connections"
        value={traffic ? formatRate(traffic.deniedPerSec, '/s') : 'n/a'}
        tone={!traffic ? 'neutral' : traffic.deniedPerSec > 0 ? 'warn' : 'good'}
        detail="closed by an authorization policy (DENY)"
        href="/security#denied"
      />
      <Stat
        label="Pods protected"
        value={<span data-testid="pods-protected">{pods.protected} of {pods.application}</span>}
        tone={pods.notProtected > 0 ? 'warn' : pods.protected > 0 ? 'good' : 'neutral'}
        detail={<span title={gapsText(pods)}><span data-testid="pods-protected-text">{protectedText(pods)}</span> · apart: {pods.proxies} waypoint/gateway, {pods.meshInfrastructure} mesh pods</span>}
        href="/security#pods"
      />
      <Stat
        label="ztunnels ready"
        value={`${ztunnels.ready}/${ztunnels.total}`}
        tone={ztunnels.total === 0 ? 'neutral' : ztunnels.ready < ztunnels.total ? 'bad' : 'good'}
        detail={ztunnels.total === 0 ? 'no ztunnel pod found' : ztunnels.ready < ztunnels.total ? `${ztunnels.total - ztunnels.ready} not ready` : 'one per node'}
        href="/ztunnel"
      />
      <Stat
        label="Control plane"
        value={controlPlane ? controlPlane.summary : 'n/a'}
        tone={controlPlane ? (cpTone[controlPlane.state] ?? 'neutral') : 'neutral'}
        detail={controlPlane ? (controlPlane.issues[0] ?? (controlPlane.sail ? 'Sail Operator: Istio, IstioCNI, ZTunnel' : 'Installed without the Sail Operator')) : 'could not be read'}
        href="/control-plane"
      />
      <AuthorizationStat />
    </section>
  );
}
