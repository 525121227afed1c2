// Findings from observed traffic: connections ztunnel denied (and which policy did it), traffic the
// policies say cannot happen, and plaintext into workloads that are STRICT.
import type { MeshWorkload, ObservedEdge } from './input';
import { refOf } from './model';
import type { MeshIndex } from './mesh';
import { effectiveMtls } from './peer-authentication';
import { evaluate, type AuthzDestination, type AuthzSource, type Evaluation } from './evaluate';
import type { EvaluateOptions } from './rules';
import { allowPrincipalYaml } from './fixes';
import { finding, type Finding, type FindingObject } from './finding';

function sourceText(e: ObservedEdge): string {
  if (e.source.kind === 'workload') return `${e.source.namespace}/${e.source.name}`;
  return `plaintext client${e.source.ip ? ` ${e.source.ip}` : ''}${e.source.namespace ? ` (${e.source.namespace})` : ''}`;
}

function evaluations(index: MeshIndex, e: ObservedEdge, dest: MeshWorkload, options: EvaluateOptions): Evaluation[] {
  const service = e.service ? index.service(e.service.namespace, e.service.name) : undefined;
  const destination: AuthzDestination = service ? { kind: 'service', namespace: service.namespace, name: service.name, backend: dest.name } : { kind: 'workload', namespace: dest.namespace, name: dest.name };
  const ports = e.port !== undefined ? [e.port] : service ? service.ports.map((p) => p.port) : [...new Set(index.servicesOf(dest).flatMap((s) => s.ports.map((p) => p.targetPort ?? p.port)))];
  const source: AuthzSource = e.source.kind === 'workload' ? e.source : { kind: 'plaintext', ...(e.source.ip ? { ip: e.source.ip } : {}), ...(e.source.namespace ? { namespace: e.source.namespace } : {}) };
  return ports.map((port) => evaluate(index.input, { source, destination, port }, options)).filter((r): r is Evaluation => r.ok);
}

function decidingObject(ev: Evaluation, dest: MeshWorkload): FindingObject {
  const d = ev.deciding;
  const ref = d?.policy ?? (d?.reason === 'no-allow-matched' ? d.candidates?.[0] : undefined);
  const [namespace, name] = ref?.split('/') ?? [];
  if (namespace && name) return { kind: d?.kind ?? 'AuthorizationPolicy', namespace, name };
  return { kind: 'Workload', namespace: dest.namespace, name: dest.name };
}

function whyDenied(ev: Evaluation): string {
  const d = ev.deciding;
  if (!d) return 'denied';
  const at = `at ${d.point}`;
  switch (d.reason) {
    case 'deny-policy':
      return `DENY policy ${d.policy} rules[${d.rule}] matched ${at}`;
    case 'no-allow-matched':
      return `ALLOW policies apply ${at} (${d.candidates?.join(', ')}) and none matched what it saw (${ev.path.find((p) => p.label === d.point)?.sees.principal ?? 'no identity'})`;
    case 'strict-mtls':
      return `PeerAuthentication ${d.policy ?? ''} is STRICT and the client is plaintext (${at})`;
    default:
      return `denied ${at}`;
  }
}

export function observedFindings(index: MeshIndex, edges: readonly ObservedEdge[], options: EvaluateOptions): Finding[] {
  const out: Finding[] = [];
  for (const e of edges) {
    const dest = index.workload(e.destination.namespace, e.destination.name);
    if (!dest) continue;
    const edge = `${sourceText(e)} -> ${refOf(dest)}`;
    const workload = { kind: 'Workload', namespace: dest.namespace, name: dest.name };
    const mtls = effectiveMtls(index, dest.namespace, dest.labels);
    const plaintextAccepted = e.mtlsShare !== null && e.mtlsShare < 1 && e.accepted > 0;
    if (plaintextAccepted && mtls.strict) {
      const cause = dest.ambient
        ? "ztunnel accepted it although STRICT applies: compare with the policies that workload's ztunnel holds (config_dump)"
        : 'the workload is not redirected to a ready ztunnel (not enrolled, or enrolled on paper only), so nothing enforces STRICT';
      out.push(finding('AUTHZ032', workload, `${edge}: ${Math.round((1 - e.mtlsShare!) * 100)}% of the traffic was plaintext although ${mtls.decidedBy?.policy ?? 'a PeerAuthentication'} is STRICT; ${cause}.`, dest.ambient ? 'Check that ztunnel on the node is ready and in sync with istiod.' : `Enroll ${refOf(dest)} in ambient (label the namespace istio.io/dataplane-mode=ambient and check the pod is redirected).`, { related: [refOf(dest)] }));
    }
    const source = e.source.kind === 'workload' ? index.workload(e.source.namespace, e.source.name) : undefined;
    if (e.source.kind === 'workload' && !source) continue;
    const results = evaluations(index, e, dest, options);
    if (e.denied > 0) {
      const denied = results.find((r) => r.decision === 'denied');
      if (denied) {
        const object = decidingObject(denied, dest);
        const principal = source && (source.ambient || source.sidecar || source.gateway) ? index.workloadPrincipal(source) : undefined;
        const allowPolicy = denied.deciding?.reason === 'no-allow-matched' ? index.input.authorizationPolicies.find((p) => refOf(p) === denied.deciding?.candidates?.[0]) : undefined;
        out.push(
          finding('AUTHZ030', object, `${edge}: connections were denied (${e.denied} with response_flags="DENY"): ${whyDenied(denied)}.`, 'Nothing if this client must not reach it; otherwise allow it in the policy named (or enroll a plaintext client in the mesh).', {
            ...(allowPolicy && principal ? { yaml: allowPrincipalYaml(allowPolicy, [principal]) } : {}),
            related: [refOf(dest), sourceText(e)],
          }),
        );
      } else if (results.length > 0) {
        out.push(finding('AUTHZ031', workload, `${edge}: ztunnel denied ${e.denied} connection(s), but the cluster's policies allow this traffic (${results.map((r) => r.decision).join(', ')}).`, "Compare the cluster's policies with those ztunnel holds (config_dump policies): a ztunnel out of sync with istiod, or a policy Ambient Lens could not read (AUTHZ012), explains the difference.", { related: [sourceText(e)] }));
      }
    }
    const allDenied = results.length > 0 && results.every((r) => r.decision === 'denied');
    if (e.accepted > 0 && allDenied && results[0]?.deciding?.reason !== 'strict-mtls') {
      const first = results[0]!;
      out.push(finding('AUTHZ031', decidingObject(first, dest), `${edge}: ${e.accepted} connection(s) were accepted, but the policies say they are denied (${whyDenied(first)}).`, "The policy is not enforced where Ambient Lens expects it: check the destination's enrollment, its ztunnel, and the policies ztunnel holds (config_dump).", { related: [refOf(dest), sourceText(e)] }));
    }
  }
  return out;
}
