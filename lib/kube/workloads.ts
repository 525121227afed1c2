// Pod -> workload, named exactly as istiod names it for ztunnel (workloadName in config_dump,
// source_workload/destination_workload in metrics): Istio's GetDeployMetaFromPod heuristic.
import type { OwnerReference, Pod } from './types';

export type WorkloadKind =
  | 'Deployment'
  | 'ReplicaSet'
  | 'StatefulSet'
  | 'DaemonSet'
  | 'Job'
  | 'CronJob'
  | 'Rollout'
  | 'DeploymentConfig'
  | 'ReplicationController'
  | 'Pod'
  | string;

export interface WorkloadRef {
  namespace: string;
  name: string;
  kind: WorkloadKind;
}

// A Job created by a CronJob is named "<cronjob>-<scheduled time in minutes>" (8 to 10 digits).
const cronJobName = /^(.+)-\d{8,10}$/;

function controllerOf(pod: Pod): OwnerReference | undefined {
  return pod.metadata.ownerReferences?.find((r) => r.controller === true);
}

/**
 * The workload a pod belongs to. Istio only looks at the pod itself (its controller reference and the
 * pod-template-hash label), never at the ReplicaSet, so this does the same: the name then matches
 * what ztunnel reports even when the ReplicaSet is not in the cache.
 * One leniency: Istio also requires metadata.generateName; every controller-made pod has one,
 * and hand-made test pods with an owner but no generateName are still grouped under their owner.
 */
export function workloadOfPod(pod: Pod): WorkloadRef {
  const namespace = pod.metadata.namespace ?? '';
  const labels = pod.metadata.labels ?? {};
  const owner = controllerOf(pod);
  if (!owner) return { namespace, name: pod.metadata.name, kind: 'Pod' };

  const templateHash = labels['pod-template-hash'];
  const rolloutHash = labels['rollouts-pod-template-hash'];
  if (owner.kind === 'ReplicaSet' && templateHash && owner.name.endsWith(templateHash)) {
    return { namespace, name: trimSuffix(owner.name, `-${templateHash}`), kind: 'Deployment' };
  }
  if (owner.kind === 'ReplicaSet' && rolloutHash && owner.name.endsWith(rolloutHash)) {
    return { namespace, name: trimSuffix(owner.name, `-${rolloutHash}`), kind: 'Rollout' };
  }
  if (owner.kind === 'ReplicationController' && labels['deploymentconfig']) {
    return { namespace, name: labels['deploymentconfig'], kind: 'DeploymentConfig' };
  }
  if (owner.kind === 'Job') {
    const m = cronJobName.exec(owner.name);
    if (m?.[1]) return { namespace, name: m[1], kind: 'CronJob' };
  }
  return { namespace, name: owner.name || pod.metadata.name, kind: owner.kind };
}

function trimSuffix(s: string, suffix: string): string {
  return s.endsWith(suffix) ? s.slice(0, -suffix.length) : s;
}

export interface CanonicalService {
  /** service.istio.io/canonical-name, else app.kubernetes.io/name, else app, else the workload name. */
  name: string;
  /** service.istio.io/canonical-revision, else app.kubernetes.io/version, else version, else "latest". */
  revision: string;
  /** True when revision came from a label (false: the "latest" default). */
  revisionLabelled: boolean;
}

const nameLabels = ['service.istio.io/canonical-name', 'app.kubernetes.io/name', 'app'];
const revisionLabels = ['service.istio.io/canonical-revision', 'app.kubernetes.io/version', 'version'];

function firstLabel(labels: Record<string, string>, keys: string[]): string | undefined {
  for (const k of keys) {
    const v = labels[k];
    if (v) return v;
  }
  return undefined;
}

/** Canonical service and revision as istiod computes them (the values ztunnel shows in config_dump). */
export function canonicalService(labels: Record<string, string>, workloadName: string): CanonicalService {
  const revision = firstLabel(labels, revisionLabels);
  return {
    name: firstLabel(labels, nameLabels) ?? workloadName,
    revision: revision ?? 'latest',
    revisionLabelled: revision !== undefined,
  };
}

/** SPIFFE identity of a service account: spiffe://<trustDomain>/ns/<namespace>/sa/<serviceAccount>. */
export function spiffeIdentity(trustDomain: string, namespace: string, serviceAccount: string): string {
  return `spiffe://${trustDomain}/ns/${namespace}/sa/${serviceAccount}`;
}

export function workloadKey(ref: { namespace: string; name: string }): string {
  return `${ref.namespace}/${ref.name}`;
}
