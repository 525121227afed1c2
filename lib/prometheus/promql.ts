import { isDnsLabel } from '@/lib/graph/kube-names';

// Pure PromQL builders. Label values are always escaped for a double-quoted string literal; values
// inside a regex matcher are also escaped for RE2. Namespace names are checked before they get here
// and checked again here: nothing user-typed reaches a query unvalidated.

/** A namespace name (DNS-1123 label), the only kind of value a namespace matcher accepts. */
export const isNamespaceName = isDnsLabel;

export function assertNamespaces(names: readonly string[]): void {
  const bad = names.find((n) => !isNamespaceName(n));
  if (bad !== undefined) throw new RangeError(`not a namespace name: ${JSON.stringify(bad)}`);
}

/** Escapes a value for a PromQL double-quoted string literal. */
export function escapeString(value: string): string {
  return value.replace(/[\\"\n\r\t]/g, (c) => ({ '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t' })[c] ?? c);
}

/** Escapes RE2 metacharacters so the value matches itself literally. */
export function escapeRegex(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A regex alternation matching exactly these values (PromQL anchors regex matchers). */
export function alternation(values: readonly string[]): string {
  return [...values].sort().map(escapeRegex).join('|');
}

export type MatchOp = '=' | '!=' | '=~' | '!~';
export type Matcher = [label: string, op: MatchOp, value: string];

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export function selector(metric: string, matchers: readonly Matcher[]): string {
  for (const name of [metric, ...matchers.map((m) => m[0])]) {
    if (!/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(name) || (name !== metric && !LABEL_NAME.test(name))) throw new RangeError(`bad name ${name}`);
  }
  return `${metric}{${matchers.map(([label, op, value]) => `${label}${op}"${escapeString(value)}"`).join(',')}}`;
}

/** Matches a label against a set of values; one value uses plain equality. */
export function inSet(label: string, values: readonly string[], negate = false): Matcher {
  if (values.length === 1) return [label, negate ? '!=' : '=', values[0] as string];
  return [label, negate ? '!~' : '=~', alternation(values)];
}

export function sumRateBy(labels: readonly string[], metricSelector: string, durationSeconds: number): string {
  if (!Number.isInteger(durationSeconds) || durationSeconds <= 0) throw new RangeError(`bad duration ${durationSeconds}`);
  return `sum by (${labels.join(',')}) (rate(${metricSelector}[${durationSeconds}s]))`;
}

/** `a or b or c`, parenthesised. PromQL `or` keeps the left-hand series when label sets are equal. */
export function or(parts: readonly string[]): string {
  return parts.length === 1 ? (parts[0] as string) : `(${parts.join(' or ')})`;
}
