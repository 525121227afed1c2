// One finding: a stable code, the object to change, what goes wrong and how to fix it.
import { FINDING_CODES, type FindingCode, type Severity } from './codes';

export interface FindingObject {
  kind: 'AuthorizationPolicy' | 'PeerAuthentication' | 'RequestAuthentication' | 'Namespace' | 'Workload' | string;
  namespace?: string;
  name: string;
}

export interface Finding {
  code: FindingCode;
  slug: string;
  severity: Severity;
  object: FindingObject;
  /** "namespace/name"; a Namespace (or anything unnamed) by its name alone. */
  ref: string;
  message: string;
  /** How to fix it, in words. */
  fix: string;
  /** The change to apply, as YAML (a fragment to merge or a whole object). */
  yaml?: string;
  /** Other objects involved ("namespace/name" of workloads, waypoints, policies). */
  related: string[];
}

export function finding(
  code: FindingCode,
  object: FindingObject,
  message: string,
  fix: string,
  extra: { yaml?: string; related?: string[]; severity?: Severity } = {},
): Finding {
  const info = FINDING_CODES[code];
  return {
    code,
    slug: info.slug,
    severity: extra.severity ?? info.severity,
    object,
    ref: object.namespace ? `${object.namespace}/${object.name}` : object.name,
    message,
    fix,
    ...(extra.yaml ? { yaml: extra.yaml } : {}),
    related: extra.related ?? [],
  };
}
