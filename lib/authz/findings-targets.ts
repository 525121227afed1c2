// Findings about targetRefs: a policy attached to a Service, ServiceEntry or waypoint Gateway is
// enforced only by a working waypoint (labelled, existing, Programmed, serving that traffic).
// Without one, ztunnel sends the traffic straight to the pod and the policy does nothing.
import { GATEWAY_GROUP, ISTIO_NETWORKING_GROUP, type PolicyTargetRef } from './model';
import type { MeshIndex } from './mesh';
import { serviceWaypoint } from './path';
import { waypointLabelYaml } from './fixes';
import { finding, type Finding, type FindingObject } from './finding';

const GATEWAY_NAME_LABEL = 'gateway.networking.k8s.io/gateway-name';
const SERVICE_GROUPS = new Set(['', 'core']);

function checkRef(index: MeshIndex, object: FindingObject & { namespace: string }, ref: PolicyTargetRef): Finding | undefined {
  const what = `targetRefs ${ref.kind} ${ref.name}`;
  const notFound = (why: string, fix: string) => finding('AUTHZ006', object, `${what} ${why}: the policy does nothing for it.`, fix);
  if (ref.namespace && ref.namespace !== object.namespace) {
    return notFound(`is in namespace ${ref.namespace}; istiod only accepts targets in the policy's own namespace`, `Create the policy in namespace ${ref.namespace}, or target an object in ${object.namespace}.`);
  }
  if (ref.kind === 'Service' || ref.kind === 'ServiceEntry') {
    const wantGroup = ref.kind === 'Service' ? SERVICE_GROUPS.has(ref.group) : ref.group === ISTIO_NETWORKING_GROUP;
    if (!wantGroup) return notFound(`has group "${ref.group}", which is not the group of a ${ref.kind}`, `Set group to "${ref.kind === 'Service' ? '' : ISTIO_NETWORKING_GROUP}".`);
    const service = index.service(object.namespace, ref.name, ref.kind);
    if (!service) return notFound(`does not exist in namespace ${object.namespace}`, `Fix the name, or create the ${ref.kind}.`);
    const binding = serviceWaypoint(index, service);
    if (binding.state === 'ok') return undefined;
    const waypoint = binding.ref && binding.ref !== 'none' ? binding.ref : index.input.waypoints.find((w) => w.namespace === object.namespace && w.programmed)?.name ?? 'waypoint';
    return finding(
      'AUTHZ005',
      object,
      `${what} has no working waypoint: ${binding.reason}. ztunnel sends the traffic straight to the pods, so this policy is not enforced at all.`,
      binding.state === 'missing' || binding.state === 'not-programmed'
        ? `Deploy the waypoint ${binding.ref} and wait for it to be Programmed (istioctl waypoint apply), or point ${ref.kind} ${ref.name} at a working one.`
        : binding.state === 'wrong-traffic-type'
          ? `Make the waypoint serve service traffic (label istio.io/waypoint-for=service or all on the Gateway).`
          : `Label ${ref.kind} ${ref.name} (or its namespace) with istio.io/use-waypoint.`,
      { yaml: waypointLabelYaml(ref.kind, object.namespace, ref.name, waypoint), related: [`${object.namespace}/${ref.name}`, ...(binding.ref && binding.ref !== 'none' ? [binding.ref] : [])] },
    );
  }
  if (ref.kind === 'Gateway') {
    if (ref.group !== GATEWAY_GROUP) return notFound(`has group "${ref.group}", not ${GATEWAY_GROUP}`, `Set group to ${GATEWAY_GROUP}.`);
    const waypoint = index.waypoint(object.namespace, ref.name);
    if (!waypoint) {
      // An ingress Gateway enforces targetRefs policies itself: nothing to say.
      const ingress = index.workloadsIn(object.namespace).some((w) => w.gateway === 'ingress' && w.labels[GATEWAY_NAME_LABEL] === ref.name);
      return ingress ? undefined : notFound(`is neither a waypoint nor an ingress Gateway in namespace ${object.namespace}`, 'Fix the name, or deploy the waypoint (istioctl waypoint apply).');
    }
    if (waypoint.programmed && waypoint.trafficType !== 'none') return undefined;
    const why = waypoint.programmed ? 'serves no traffic (istio.io/waypoint-for=none)' : 'is not Programmed';
    return finding('AUTHZ005', object, `${what} is a waypoint that ${why}: nothing enforces this policy.`, 'Fix the waypoint (its Gateway status says why), or attach the policy to a working one.', { related: [`${object.namespace}/${ref.name}`] });
  }
  return notFound(`is a kind ambient waypoints do not enforce policies for (Istio 1.24: Service, ServiceEntry, Gateway)`, 'Target the Service, ServiceEntry or waypoint Gateway instead.');
}

export function targetFindings(index: MeshIndex): Finding[] {
  const out: Finding[] = [];
  for (const p of [...index.input.authorizationPolicies, ...index.input.requestAuthentications]) {
    const object = { kind: p.kind, namespace: p.namespace, name: p.name };
    for (const ref of p.targetRefs) {
      const f = checkRef(index, object, ref);
      if (f) out.push(f);
    }
  }
  return out;
}
