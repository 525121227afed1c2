// Wire shapes and parameters of GET /api/ztunnel/logs (docs/api-kube.md), shared by the route,
// lib/kube and the browser.
import { z } from 'zod';
import { dnsLabel, objectName } from './names';

// Numbers arrive as strings from the URL (decimal digits only: "0x10" or "1e3" are refused); the
// browser may hand numbers in (hence the input type).
const count = (min: number, max: number) =>
  z
    .union([z.number(), z.string().regex(/^\d{1,9}$/, 'must be a whole number').transform(Number)])
    .pipe(z.number().int().min(min).max(max));

export const ZtunnelLogParams = z
  .object({
    namespace: dnsLabel.optional(),
    workload: objectName.optional(),
    direction: z.enum(['inbound', 'outbound']).optional(),
    errors: z.enum(['true', 'false', '1', '0']).optional().transform((v) => v === 'true' || v === '1'),
    /** Lines read from each ztunnel. */
    tail: count(1, 10_000).default(500),
    /** Only lines newer than this many seconds. */
    since: count(1, 7 * 86_400).optional(),
    /** Records returned after filtering. */
    limit: count(1, 5000).default(1000),
  })
  .strict();

/** The pod that holds an address ztunnel could not name, from the Kubernetes API's pod IPs. */
export interface PodByAddress {
  namespace: string;
  pod: string;
  workload: string;
}

export interface AccessLogRecord {
  kind: 'access';
  time: string;
  level: string;
  message: string;
  direction?: string;
  /** A side in a namespace the user may not see keeps only its namespace, with redacted set (lib/graph/redaction.ts). */
  src: { addr?: string; workload?: string; namespace?: string; identity?: string; redacted?: true; byAddress?: PodByAddress };
  dst: { addr?: string; hboneAddr?: string; service?: string; workload?: string; namespace?: string; identity?: string; redacted?: true };
  bytesSent?: number;
  bytesRecv?: number;
  durationMs?: number;
  error?: string;
  /** The ztunnel pod (and node) whose log held the line. */
  ztunnel?: string;
  node?: string;
}

/** A line that is not an access record, kept as text rather than dropped. */
export interface RawLogLine {
  kind: 'raw';
  text: string;
  time?: string;
  level?: string;
  ztunnel?: string;
  node?: string;
}

export type ZtunnelLogLine = AccessLogRecord | RawLogLine;

export interface ZtunnelLogStatus {
  namespace: string;
  pod: string;
  node?: string;
  ok: boolean;
  message?: string;
  /** Lines the ztunnel gave before filtering. */
  lines: number;
}

export interface ZtunnelLogs {
  ztunnels: ZtunnelLogStatus[];
  lines: ZtunnelLogLine[];
}
