// The YAML changes findings propose. Written by hand (no YAML library in the production bundle):
// plain objects, arrays, strings, numbers and booleans are all a policy needs.
import type { AuthorizationPolicy, AuthorizationRule } from './model';
import { USE_WAYPOINT, USE_WAYPOINT_NAMESPACE } from './input';

type Yaml = string | number | boolean | Yaml[] | { [key: string]: Yaml | undefined };

function scalar(v: string | number | boolean): string {
  if (typeof v !== 'string') return String(v);
  const plain = /^[A-Za-z_/][A-Za-z0-9._/-]*$/.test(v) && !/^(true|false|null|yes|no|on|off|~)$/i.test(v);
  return plain ? v : JSON.stringify(v);
}

export function toYaml(value: Yaml, indent = ''): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return `${indent}[]`;
    return value
      .map((item) => {
        if (typeof item !== 'object') return `${indent}- ${scalar(item)}`;
        const body = toYaml(item, `${indent}  `);
        return `${indent}- ${body.slice(indent.length + 2)}`;
      })
      .join('\n');
  }
  if (typeof value !== 'object') return `${indent}${scalar(value)}`;
  const lines: string[] = [];
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined) continue;
    if (typeof v !== 'object') lines.push(`${indent}${k}: ${scalar(v)}`);
    else if (Array.isArray(v) && v.length === 0) lines.push(`${indent}${k}: []`);
    else if (!Array.isArray(v) && Object.keys(v).length === 0) lines.push(`${indent}${k}: {}`);
    else lines.push(`${indent}${k}:`, toYaml(v, Array.isArray(v) ? indent : `${indent}  `));
  }
  return lines.join('\n');
}

/** Our rule back into the spec's shape (from[].source, to[].operation, ports as strings). */
export function ruleSpec(rule: AuthorizationRule): Yaml {
  const out: Record<string, Yaml> = {};
  if (rule.from) out.from = rule.from.map((source) => ({ source: { ...source } }));
  if (rule.to) {
    out.to = rule.to.map((o) => {
      const { ports, notPorts, ...rest } = o;
      return { operation: { ...rest, ...(ports ? { ports: ports.map(String) } : {}), ...(notPorts ? { notPorts: notPorts.map(String) } : {}) } };
    });
  }
  if (rule.when) out.when = rule.when.map((c) => ({ ...c }));
  return out;
}

const header = (kind: string, namespace: string, name: string) => ({ apiVersion: 'security.istio.io/v1', kind, metadata: { name, namespace } });

/** Adds a rule that allows the waypoint's principal, as Istio's getting-started guide does. */
export function allowPrincipalYaml(p: AuthorizationPolicy, principals: string[]): string {
  const note = `# Keep the existing ${p.rules.length} rule(s) of ${p.namespace}/${p.name} and add:`;
  return `${note}\n${toYaml({ ...header('AuthorizationPolicy', p.namespace, p.name), spec: { rules: [{ from: [{ source: { principals } }] }] } })}`;
}

/** The same policy attached to a Service, for its waypoint to enforce (HTTP attributes and client identities work there). */
export function targetRefsYaml(p: AuthorizationPolicy, services: string[]): string {
  const targetRefs = (services.length > 0 ? services : ['<service>']).map((name) => ({ kind: 'Service', group: '', name }));
  const spec: Record<string, Yaml> = { targetRefs, action: p.action, rules: p.rules.map(ruleSpec) };
  return `# Attach to the Service (its waypoint enforces it) instead of selecting pods; spec.selector removed\n${toYaml({ ...header('AuthorizationPolicy', p.namespace, p.name), spec })}`;
}

export function waypointLabelYaml(kind: string, namespace: string, name: string, waypoint: string): string {
  const [wpNamespace, wpName = waypoint] = waypoint.includes('/') ? waypoint.split('/') : [namespace, waypoint];
  const labels: Record<string, string> = { [USE_WAYPOINT]: wpName };
  if (wpNamespace && wpNamespace !== namespace) labels[USE_WAYPOINT_NAMESPACE] = wpNamespace;
  const apiVersion = kind === 'ServiceEntry' ? 'networking.istio.io/v1' : 'v1';
  return `# The waypoint must exist and be Programmed (istioctl waypoint apply -n ${wpNamespace})\n${toYaml({ apiVersion, kind, metadata: { name, namespace, labels } })}`;
}

export function strictPeerAuthenticationYaml(namespace: string, name = 'default'): string {
  return toYaml({ ...header('PeerAuthentication', namespace, name), spec: { mtls: { mode: 'STRICT' } } });
}

/** A merge patch (kubectl patch --type merge) that removes one spec field. */
export function removeFieldYaml(kind: string, namespace: string, name: string, field: string): string {
  return `# kubectl patch ${kind.toLowerCase()} ${name} -n ${namespace} --type merge -p ...\nspec:\n  ${field}: null`;
}
