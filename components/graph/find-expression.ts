// The Find / Hide language: `namespace=bookinfo`, `mtls<100`, `protocol=tcp and not idle`,
// `(enrollment=none or enrollment=sidecar) and namespace!=kube-*`. Pure parser; evaluation is in
// findSubjects.ts.

export type Target = 'node' | 'edge';
export type Op = '=' | '!=' | '<' | '<=' | '>' | '>=';

interface AttributeDef {
  targets: readonly Target[];
  type: 'string' | 'number';
  help: string;
}

/** Attribute names, lower case. `protocol` and `waypoint` mean something on both nodes and edges. */
export const attributes: Record<string, AttributeDef> = {
  namespace: { targets: ['node'], type: 'string', help: 'namespace of the node' },
  name: { targets: ['node'], type: 'string', help: 'workload, app or service name' },
  workload: { targets: ['node'], type: 'string', help: 'workload name' },
  app: { targets: ['node'], type: 'string', help: 'app label' },
  version: { targets: ['node'], type: 'string', help: 'version label' },
  service: { targets: ['node'], type: 'string', help: 'service name' },
  kind: { targets: ['node'], type: 'string', help: 'workload, app, service, unknown, external, aggregate' },
  cluster: { targets: ['node'], type: 'string', help: 'cluster of the node' },
  enrollment: { targets: ['node'], type: 'string', help: 'ambient, ambient-pending, sidecar, none, unknown' },
  principal: { targets: ['node'], type: 'string', help: 'SPIFFE identity of the node' },
  protocol: { targets: ['node', 'edge'], type: 'string', help: 'edge: tcp, http, grpc; node: HBONE, TCP' },
  waypoint: { targets: ['node', 'edge'], type: 'string', help: 'waypoint used, as namespace/name' },
  tcpin: { targets: ['node'], type: 'number', help: 'bytes/s received' },
  tcpout: { targets: ['node'], type: 'number', help: 'bytes/s sent' },
  httpin: { targets: ['node'], type: 'number', help: 'requests/s received' },
  httpout: { targets: ['node'], type: 'number', help: 'requests/s sent' },
  mtls: { targets: ['edge'], type: 'number', help: 'percent of bytes that were mTLS (0-100)' },
  throughput: { targets: ['edge'], type: 'number', help: 'bytes/s both ways' },
  connections: { targets: ['edge'], type: 'number', help: 'connections opened/s' },
  denied: { targets: ['edge'], type: 'number', help: 'connections denied by policy/s' },
  failed: { targets: ['edge'], type: 'number', help: 'failed connects/s' },
  rps: { targets: ['edge'], type: 'number', help: 'requests/s' },
  errors: { targets: ['edge'], type: 'number', help: 'percent of requests that failed' },
  latency: { targets: ['edge'], type: 'number', help: 'p95 latency, ms' },
  sourceprincipal: { targets: ['edge'], type: 'string', help: 'client SPIFFE identity' },
  destprincipal: { targets: ['edge'], type: 'string', help: 'server SPIFFE identity' },
  reason: { targets: ['edge'], type: 'string', help: 'why not mTLS: non-mesh-client, non-mesh-destination, external-destination, partial, not-mtls' },
};

const aliases: Record<string, string> = { ns: 'namespace', node: 'kind', security: 'mtls', srcprincipal: 'sourceprincipal', dstprincipal: 'destprincipal' };

/** Words that stand alone: `idle`, `not plaintext`. */
export const flags: Record<string, readonly Target[]> = {
  idle: ['node'],
  outside: ['node'],
  inaccessible: ['node'],
  gateway: ['node'],
  unknown: ['node'],
  external: ['node'],
  aggregate: ['node'],
  notininventory: ['node'],
  waypoint: ['node', 'edge'],
  plaintext: ['edge'],
  partial: ['edge'],
  mtls: ['edge'],
  denied: ['edge'],
  failed: ['edge'],
};

export type FindExpr =
  | { type: 'and' | 'or'; left: FindExpr; right: FindExpr }
  | { type: 'not'; operand: FindExpr }
  | { type: 'compare'; attribute: string; op: Op; value: string | number; text: string }
  | { type: 'flag'; flag: string; text: string };

export type ParseResult = { ok: true; expr: FindExpr; targets: readonly Target[] } | { ok: false; error: string };

type Token = { kind: 'word' | 'op' | '(' | ')'; text: string; pos: number };

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  const re = /\s*(?:(\()|(\))|(!=|<=|>=|=|<|>|!)|"([^"]*)"|([^\s()!=<>"]+))/y;
  let match: RegExpExecArray | null;
  while (re.lastIndex < input.length && (match = re.exec(input)) !== null) {
    const pos = match.index + match[0].length - match[0].trimStart().length;
    if (match[1]) tokens.push({ kind: '(', text: '(', pos });
    else if (match[2]) tokens.push({ kind: ')', text: ')', pos });
    else if (match[3]) tokens.push({ kind: 'op', text: match[3], pos });
    else if (match[4] !== undefined) tokens.push({ kind: 'word', text: match[4], pos });
    else if (match[5]) tokens.push({ kind: 'word', text: match[5], pos });
    else break;
  }
  if (input.slice(re.lastIndex).trim() !== '') throw new SyntaxError(`cannot read "${input.slice(re.lastIndex).trim()}" (unclosed quote?)`);
  return tokens;
}

const multipliers: Record<string, number> = { '': 1, k: 1e3, m: 1e6, g: 1e9, '%': 1 };

function parseNumber(text: string): number | null {
  const m = /^(-?\d+(?:\.\d+)?)\s*(k|m|g|%)?$/i.exec(text);
  if (!m || m[1] === undefined) return null;
  return Number(m[1]) * (multipliers[(m[2] ?? '').toLowerCase()] ?? 1);
}

const intersect = (a: readonly Target[], b: readonly Target[]) => a.filter((t) => b.includes(t));
const union = (a: readonly Target[], b: readonly Target[]) => [...new Set([...a, ...b])];
const describe = (e: FindExpr): string => (e.type === 'compare' || e.type === 'flag' ? e.text : 'this part');

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token | undefined {
    return this.tokens[this.i];
  }
  private isWord(word: string, alt?: string): boolean {
    const t = this.peek();
    return t !== undefined && ((t.kind === 'word' && t.text.toLowerCase() === word) || (alt !== undefined && t.text === alt));
  }

  parse(): { expr: FindExpr; targets: readonly Target[] } {
    const result = this.or();
    const extra = this.peek();
    if (extra) throw new SyntaxError(`unexpected "${extra.text}" at ${extra.pos + 1}: join conditions with and / or`);
    return result;
  }

  private or(): { expr: FindExpr; targets: readonly Target[] } {
    let left = this.and();
    while (this.isWord('or', '||')) {
      this.i += 1;
      const right = this.and();
      left = { expr: { type: 'or', left: left.expr, right: right.expr }, targets: union(left.targets, right.targets) };
    }
    return left;
  }

  private and(): { expr: FindExpr; targets: readonly Target[] } {
    let left = this.unary();
    while (this.isWord('and', '&&')) {
      this.i += 1;
      const right = this.unary();
      const targets = intersect(left.targets, right.targets);
      if (targets.length === 0) {
        throw new SyntaxError(
          `"${describe(left.expr)}" applies to ${left.targets.join('/')}s and "${describe(right.expr)}" to ${right.targets.join('/')}s: nothing is both; use or`,
        );
      }
      left = { expr: { type: 'and', left: left.expr, right: right.expr }, targets };
    }
    return left;
  }

  private unary(): { expr: FindExpr; targets: readonly Target[] } {
    if (this.isWord('not', '!')) {
      this.i += 1;
      const operand = this.unary();
      return { expr: { type: 'not', operand: operand.expr }, targets: operand.targets };
    }
    return this.primary();
  }

  private primary(): { expr: FindExpr; targets: readonly Target[] } {
    const t = this.peek();
    if (!t) throw new SyntaxError('the expression ends too early');
    if (t.kind === '(') {
      this.i += 1;
      const inner = this.or();
      if (this.peek()?.kind !== ')') throw new SyntaxError(`missing ")" for the "(" at ${t.pos + 1}`);
      this.i += 1;
      return inner;
    }
    if (t.kind !== 'word') throw new SyntaxError(`unexpected "${t.text}" at ${t.pos + 1}`);
    this.i += 1;
    const name = t.text.toLowerCase();
    const op = this.peek();
    if (op?.kind === 'op' && op.text !== '!') return this.compare(name, t, op.text as Op);
    const flagTargets = flags[name];
    if (!flagTargets) {
      throw new SyntaxError(`"${t.text}" is not a flag; write a condition like namespace=${t.text} (flags: ${Object.keys(flags).join(', ')})`);
    }
    return { expr: { type: 'flag', flag: name, text: t.text }, targets: flagTargets };
  }

  private compare(rawName: string, nameToken: Token, op: Op): { expr: FindExpr; targets: readonly Target[] } {
    this.i += 1;
    const attribute = aliases[rawName] ?? rawName;
    const def = attributes[attribute];
    if (!def) throw new SyntaxError(`unknown attribute "${nameToken.text}" (known: ${Object.keys(attributes).join(', ')})`);
    const valueToken = this.peek();
    if (valueToken?.kind !== 'word') throw new SyntaxError(`"${nameToken.text}${op}" needs a value`);
    this.i += 1;
    const text = `${nameToken.text}${op}${valueToken.text}`;
    if (def.type === 'number') {
      const value = parseNumber(valueToken.text);
      if (value === null) throw new SyntaxError(`"${text}": ${attribute} is a number (${def.help})`);
      return { expr: { type: 'compare', attribute, op, value, text }, targets: def.targets };
    }
    if (op !== '=' && op !== '!=') throw new SyntaxError(`"${text}": ${attribute} is text; use = or != (with * as a wildcard)`);
    return { expr: { type: 'compare', attribute, op, value: valueToken.text, text }, targets: def.targets };
  }
}

/** Parses a Find or Hide expression. An empty expression is not an error: callers treat it as "nothing". */
export function parseFindExpression(input: string): ParseResult {
  try {
    const tokens = tokenize(input);
    if (tokens.length === 0) return { ok: false, error: 'empty expression' };
    const { expr, targets } = new Parser(tokens).parse();
    return { ok: true, expr, targets };
  } catch (err) {
    if (err instanceof SyntaxError) return { ok: false, error: err.message };
    throw err;
  }
}
