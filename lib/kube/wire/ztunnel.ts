// Wire shapes and parameters of GET /api/ztunnel and /api/ztunnel/{workloads|services|policies|certificates}
// (docs/api-kube.md), shared by the routes, lib/kube and the browser.
import { z } from 'zod';
import { dnsLabel } from './names';
import type { NodePod } from './pods';

export interface ZtunnelPodRow extends NodePod {
  namespace: string;
}

/** GET /api/ztunnel: ztunnel pods per node, from the cache. */
export interface ZtunnelPodsResponse {
  ztunnels: ZtunnelPodRow[];
}

export const ZtunnelTableParams = z.object({ namespace: dnsLabel.optional() }).strict();

/** The tables of the merged config_dumps, each served at /api/ztunnel/{name}. */
export const ztunnelTableNames = ['workloads', 'services', 'policies', 'certificates'] as const;
export type ZtunnelTableName = (typeof ztunnelTableNames)[number];

/** Per-ztunnel status shown beside every merged table. */
export interface ZtunnelStatus {
  namespace: string;
  pod: string;
  node?: string;
  ok: boolean;
  message?: string;
  shape?: 'array' | 'map';
  version?: string;
  fetchedAt: string;
}

/** A mesh-wide row, with the nodes whose ztunnel reported it. */
export type Reported<T> = T & { reportedBy: string[] };

export interface ZtunnelWorkload {
  uid: string;
  namespace: string;
  /** The pod name (POD NAME in istioctl). */
  pod: string;
  workloadName?: string;
  canonicalName?: string;
  canonicalRevision?: string;
  serviceAccount?: string;
  identity?: string;
  addresses: string[];
  node?: string;
  /** "namespace/name" of the waypoint service when resolvable, else the raw address. */
  waypoint?: string;
  protocol: string;
  status?: string;
  networkMode?: string;
}

export interface ZtunnelService {
  namespace: string;
  name: string;
  hostname?: string;
  vips: string[];
  waypoint?: string;
  endpointsHealthy: number;
  endpointsTotal: number;
  ports: Record<string, number>;
}

export interface ZtunnelPolicy {
  namespace: string;
  name: string;
  action: string;
  scope: string;
  ruleCount: number;
  rules: unknown[];
}

/** One certificate of an identity's chain, as decoded from the PEM. */
export interface ZtunnelCertificate {
  identity: string;
  /** Available | Initializing | Unavailable: <why> */
  state: string;
  /** Leaf for the workload certificate, CA for issuers and roots; undefined when there is no certificate yet. */
  type?: 'Leaf' | 'CA';
  root: boolean;
  /** Serial number in hex, upper case, as istioctl prints it. */
  serial?: string;
  notBefore?: string;
  notAfter?: string;
  daysToExpiry?: number;
  /** Now within [notBefore, notAfter]. */
  valid?: boolean;
  /** Set when the PEM could not be decoded (dates then come from the JSON). */
  problem?: string;
}

/** Certificates are per node: each ztunnel holds only its own pods' certificates. */
export type ZtunnelHeldCertificate = ZtunnelCertificate & { node?: string; ztunnel: string };

/** Every ztunnel's config_dump merged; each table route answers one table of it. */
export interface ZtunnelClusterView {
  ztunnels: ZtunnelStatus[];
  workloads: Reported<ZtunnelWorkload>[];
  services: Reported<ZtunnelService>[];
  policies: Reported<ZtunnelPolicy>[];
  certificates: ZtunnelHeldCertificate[];
}

export type ZtunnelTableResponse<T extends ZtunnelTableName> = Pick<ZtunnelClusterView, 'ztunnels' | T>;
