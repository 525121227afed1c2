// ztunnel /config_dump -> our rows. Accepts both shapes real ztunnels emit: arrays (1.23+) and the
// older maps keyed "network/ip" (workloads) and "network/vip" (services). Pure.
import { z } from 'zod';
import { KubeLayerError } from '../errors';
import { spiffeIdentity } from '../workloads';
import type { ZtunnelCertificate, ZtunnelPolicy, ZtunnelService, ZtunnelWorkload } from '../wire/ztunnel';
import { certificateRows } from './certificates';

const waypointSchema = z.object({ destination: z.string() }).loose();
const workloadSchema = z
  .object({
    uid: z.string().optional(),
    name: z.string(),
    namespace: z.string(),
    workloadIps: z.array(z.string()).optional(),
    waypoint: waypointSchema.optional(),
    protocol: z.string().optional(),
    serviceAccount: z.string().optional(),
    trustDomain: z.string().optional(),
    workloadName: z.string().optional(),
    canonicalName: z.string().optional(),
    canonicalRevision: z.string().optional(),
    node: z.string().optional(),
    status: z.string().optional(),
    network: z.string().optional(),
    networkMode: z.string().optional(),
    services: z.array(z.string()).optional(),
  })
  .loose();
const serviceSchema = z
  .object({
    name: z.string(),
    namespace: z.string(),
    hostname: z.string().optional(),
    vips: z.array(z.string()).optional(),
    ports: z.record(z.string(), z.number()).optional(),
    endpoints: z.record(z.string(), z.object({ status: z.string().optional() }).loose()).optional(),
    waypoint: waypointSchema.optional(),
  })
  .loose();
const policySchema = z
  .object({ name: z.string(), namespace: z.string(), scope: z.string().optional(), action: z.string().optional(), rules: z.array(z.unknown()).optional() })
  .loose();

export interface ZtunnelConfig {
  shape: 'array' | 'map';
  /** ztunnel build (gitTag or version), when the dump says. */
  version?: string;
  workloads: ZtunnelWorkload[];
  services: ZtunnelService[];
  policies: ZtunnelPolicy[];
  certificates: ZtunnelCertificate[];
  /** Entries that did not have the fields every row needs. */
  skipped: number;
}

function entries(raw: unknown): { values: unknown[]; shape: 'array' | 'map' } | undefined {
  if (Array.isArray(raw)) return { values: raw, shape: 'array' };
  if (typeof raw === 'object' && raw !== null) return { values: Object.values(raw), shape: 'map' };
  return undefined;
}

/** "network/ip" or "/ip" -> "ip" for the default network, else kept whole. */
export function displayAddress(address: string): string {
  return address.startsWith('/') ? address.slice(1) : address;
}

function versionOf(raw: Record<string, unknown>): string | undefined {
  const v = raw['version'];
  if (typeof v !== 'object' || v === null) return undefined;
  const { gitTag, version } = v as { gitTag?: unknown; version?: unknown };
  return typeof gitTag === 'string' ? gitTag : typeof version === 'string' ? version : undefined;
}

export function parseConfigDump(raw: unknown, now: Date = new Date()): ZtunnelConfig {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new KubeLayerError('unsupported_ztunnel_config', 'ztunnel config_dump is not a JSON object');
  }
  const dump = raw as Record<string, unknown>;
  const ws = entries(dump['workloads']);
  const ss = entries(dump['services']);
  if (!ws || !ss) {
    const keys = Object.keys(dump).slice(0, 8).join(', ') || 'none';
    throw new KubeLayerError(
      'unsupported_ztunnel_config',
      `ztunnel config_dump has no workloads/services list or map (top-level keys: ${keys}); this ztunnel version's format is not supported`,
    );
  }
  let skipped = 0;
  const services: ZtunnelService[] = [];
  const serviceByAddress = new Map<string, ZtunnelService>();
  for (const value of ss.values) {
    const parsed = serviceSchema.safeParse(value);
    if (!parsed.success) { skipped += 1; continue; }
    const s = parsed.data;
    const endpoints = Object.values(s.endpoints ?? {});
    const row: ZtunnelService = {
      namespace: s.namespace,
      name: s.name,
      hostname: s.hostname,
      vips: (s.vips ?? []).map(displayAddress),
      waypoint: s.waypoint?.destination,
      endpointsHealthy: endpoints.filter((e) => e.status === undefined || e.status === 'Healthy').length,
      endpointsTotal: endpoints.length,
      ports: s.ports ?? {},
    };
    services.push(row);
    for (const vip of s.vips ?? []) serviceByAddress.set(vip, row);
    if (s.hostname) serviceByAddress.set(`${s.namespace}/${s.hostname}`, row);
  }
  // A waypoint is named by "namespace/hostname" (array shape) or by its VIP "network/ip" (map shape).
  const resolve = (destination: string | undefined): string | undefined => {
    if (!destination) return undefined;
    const svc = serviceByAddress.get(destination);
    return svc ? `${svc.namespace}/${svc.name}` : displayAddress(destination);
  };
  for (const s of services) s.waypoint = resolve(s.waypoint);

  const workloads: ZtunnelWorkload[] = [];
  for (const value of ws.values) {
    const parsed = workloadSchema.safeParse(value);
    if (!parsed.success) { skipped += 1; continue; }
    const w = parsed.data;
    workloads.push({
      uid: w.uid ?? `${w.namespace}/${w.name}`,
      namespace: w.namespace,
      pod: w.name,
      workloadName: w.workloadName,
      canonicalName: w.canonicalName,
      canonicalRevision: w.canonicalRevision,
      serviceAccount: w.serviceAccount,
      identity: w.serviceAccount ? spiffeIdentity(w.trustDomain ?? 'cluster.local', w.namespace, w.serviceAccount) : undefined,
      addresses: w.workloadIps ?? [],
      node: w.node,
      waypoint: resolve(w.waypoint?.destination),
      protocol: w.protocol ?? 'TCP',
      status: w.status,
      networkMode: w.networkMode,
    });
  }

  const policies: ZtunnelPolicy[] = [];
  for (const value of entries(dump['policies'])?.values ?? []) {
    const parsed = policySchema.safeParse(value);
    if (!parsed.success) { skipped += 1; continue; }
    const p = parsed.data;
    policies.push({ namespace: p.namespace, name: p.name, action: p.action ?? 'Allow', scope: p.scope ?? 'Unknown', ruleCount: p.rules?.length ?? 0, rules: p.rules ?? [] });
  }

  return { shape: ws.shape, version: versionOf(dump), workloads, services, policies, certificates: certificateRows(dump['certificates'], now), skipped };
}
