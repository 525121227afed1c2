// lint(): every authorization pitfall Ambient Lens knows, each as a finding with a stable code, the
// object to change, what goes wrong, and the change (YAML) that fixes it. Pure.
import { SEVERITY_ORDER } from './codes';
import type { Finding } from './finding';
import type { AuthzInput, ObservedEdge } from './input';
import { meshIndex } from './mesh';
import type { EvaluateOptions } from './rules';
import { policyFindings } from './findings-policies';
import { targetFindings } from './findings-targets';
import { referenceFindings } from './findings-references';
import { peerFindings } from './findings-peer';
import { observedFindings } from './findings-observed';

export type { Finding, FindingObject } from './finding';

export interface LintOptions extends EvaluateOptions {
  /** Only findings whose object is in these namespaces (all when absent). */
  namespaces?: string[];
}

export function lint(input: AuthzInput, observed: readonly ObservedEdge[] = [], options: LintOptions = {}): Finding[] {
  const index = meshIndex(input);
  const all = [
    ...policyFindings(index, options),
    ...targetFindings(index),
    ...referenceFindings(index),
    ...peerFindings(index),
    ...observedFindings(index, observed, options),
  ];
  const wanted = options.namespaces ? new Set(options.namespaces) : undefined;
  return all
    .filter((f) => !wanted || wanted.has(f.object.namespace ?? f.object.name))
    .sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.code.localeCompare(b.code) || a.ref.localeCompare(b.ref));
}

/** One line per finding, as the CLI prints it. */
export function findingLine(f: Finding): string {
  return `${f.code} ${f.severity} ${f.object.kind} ${f.ref}: ${f.message} Fix: ${f.fix}`;
}
