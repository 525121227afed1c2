// Bogus tokens must not drive the API server: a token whose review failed is refused from memory
// for a while, and a client whose reviews keep failing is refused before any review is made.
// Keys are token digests and client addresses; tokens themselves are never held.

export interface ReviewGuardOptions {
  /** How long a failed token is refused without asking the cluster again. */
  failedTtlMs: number;
  /** Failed reviews a client may cause within windowMs before it is refused outright. */
  maxFailuresPerClient: number;
  windowMs: number;
  now?: () => number;
  /** Bounds memory whatever the traffic. */
  maxEntries?: number;
}

export type ReviewVerdict = { ok: true } | { ok: false; reason: 'token-failed-recently' | 'client-rate-limited'; retryAfterSeconds: number };

export class ReviewGuard {
  private readonly failedTokens = new Map<string, { until: number; error: unknown }>();
  private readonly clientFailures = new Map<string, number[]>();
  private readonly now: () => number;
  private readonly maxEntries: number;

  constructor(private readonly options: ReviewGuardOptions) {
    this.now = options.now ?? Date.now;
    this.maxEntries = options.maxEntries ?? 10_000;
  }

  /** The error a recently failed token got, replayed without a new review. */
  recentFailure(tokenDigest: string): unknown {
    const hit = this.failedTokens.get(tokenDigest);
    if (!hit) return undefined;
    if (hit.until > this.now()) return hit.error;
    this.failedTokens.delete(tokenDigest);
    return undefined;
  }

  /** Whether this client may cause another review now. */
  admit(client: string): ReviewVerdict {
    const recent = this.recentFailures(client);
    if (recent.length < this.options.maxFailuresPerClient) return { ok: true };
    const oldest = recent[0] ?? this.now();
    return { ok: false, reason: 'client-rate-limited', retryAfterSeconds: Math.max(1, Math.ceil((oldest + this.options.windowMs - this.now()) / 1000)) };
  }

  recordFailure(tokenDigest: string, client: string, error: unknown): void {
    const at = this.now();
    this.bound(this.failedTokens);
    this.failedTokens.set(tokenDigest, { until: at + this.options.failedTtlMs, error });
    this.bound(this.clientFailures);
    this.clientFailures.set(client, [...this.recentFailures(client), at]);
  }

  private recentFailures(client: string): number[] {
    const since = this.now() - this.options.windowMs;
    return (this.clientFailures.get(client) ?? []).filter((t) => t > since);
  }

  private bound(map: Map<string, unknown>): void {
    if (map.size < this.maxEntries) return;
    const first = map.keys().next().value;
    if (first !== undefined) map.delete(first);
  }
}
