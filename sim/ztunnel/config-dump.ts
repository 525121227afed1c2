// A ztunnel pod's /config_dump (admin port 15000) in the modern array shape of ztunnel 1.24:
// every discovered workload, service and policy, but certificates only for the pods on its node.

import type { MeshPod, MeshView, ZtunnelPod } from '../mesh/view';
import { ztunnelPolicy } from '../mesh/policy';
import { hash32 } from '../scenarios/ids';
import type { IssuedCert, MeshCa } from './certs';

const LIFETIME = 86400;
const RENEW_EVERY = LIFETIME / 2;

export interface CertOptions {
  ca: MeshCa;
  /** Identities whose renewal is stuck: they expire at `stuckExpiry`. */
  nearExpiry: Set<string>;
  stuckExpiry: number;
}

const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

function certDump(c: IssuedCert): Record<string, string> {
  return { pem: Buffer.from(c.pem).toString('base64'), serialNumber: c.serialNumber.toString(10), validFrom: iso(c.validFrom), expirationTime: iso(c.expirationTime) };
}

/** Validity of an identity's current leaf at time t. */
export function leafWindow(identity: string, t: number, certs: Pick<CertOptions, 'nearExpiry' | 'stuckExpiry'>): [number, number] {
  if (certs.nearExpiry.has(identity)) return [certs.stuckExpiry - LIFETIME, certs.stuckExpiry];
  const now = Math.floor(t);
  const from = now - ((now + (hash32(identity) % RENEW_EVERY)) % RENEW_EVERY);
  return [from, from + LIFETIME];
}

function workload(p: MeshPod, clusterId: string): Record<string, unknown> {
  return {
    uid: p.uid,
    workloadIps: [p.ip],
    // A sidecar that terminates HBONE itself is reached over HBONE too (nativeTunnel), never captured.
    protocol: p.redirected || p.nativeTunnel ? 'HBONE' : 'TCP',
    name: p.name,
    namespace: p.namespace,
    serviceAccount: p.serviceAccount,
    workloadName: p.workloadName,
    workloadType: p.workloadType,
    canonicalName: p.canonicalName,
    canonicalRevision: p.canonicalRevision,
    clusterId,
    trustDomain: 'cluster.local',
    node: p.node,
    ...(p.nativeTunnel ? { nativeTunnel: true } : {}),
    networkMode: p.hostNetwork ? 'HostNetwork' : 'Standard',
    status: p.ready ? 'Healthy' : 'Unhealthy',
  };
}

export function buildConfigDump(view: MeshView, ztunnel: ZtunnelPod, t: number, certs: CertOptions): Record<string, unknown> {
  const discovered = view.pods.filter((p) => p.discovered);
  const servicesOf = new Map<string, string[]>();
  const services = [...view.services.values()].filter((s) => s.discovered).map((s) => {
    const endpoints: Record<string, unknown> = {};
    for (const ep of s.endpoints) {
      endpoints[ep.uid] = { workloadUid: ep.uid, service: '', port: Object.fromEntries(s.ports.map((p) => [String(p.port), p.targetPort])), status: ep.ready ? 'Healthy' : 'Unhealthy' };
      const list = servicesOf.get(ep.uid) ?? [];
      list.push(`${s.namespace}/${s.hostname}`);
      servicesOf.set(ep.uid, list);
    }
    return {
      name: s.name,
      namespace: s.namespace,
      hostname: s.hostname,
      vips: [`/${s.vip}`],
      ports: Object.fromEntries(s.ports.map((p) => [String(p.port), p.targetPort])),
      endpoints,
      subjectAltNames: [],
      ...(s.waypoint ? { waypoint: { destination: `${s.waypoint.namespace}/${s.waypoint.hostname}`, hboneMtlsPort: 15008 } } : {}),
      ipFamilies: 'IPv4',
    };
  });
  const workloads = discovered.map((p) => {
    const w = workload(p, view.clusterId);
    w.trustDomain = view.trustDomain;
    const svc = servicesOf.get(p.uid);
    return svc ? { ...w, services: svc } : w;
  });
  const local = discovered.filter((p) => p.node === ztunnel.node && p.redirected);
  const identities = [...new Set(local.map((p) => p.identity))].sort();
  const certificates = identities.map((identity) => {
    const [from, to] = leafWindow(identity, t, certs);
    return { identity, state: 'Available', certChain: [certDump(certs.ca.leaf(identity, from, to))], rootCerts: [certDump(certs.ca.root)] };
  });
  const workloadState = Object.fromEntries(local.map((p) => [p.podUid, { state: 'Up', connections: { inbound: [], outbound: [] }, info: { name: p.name, namespace: p.namespace, trustDomain: view.trustDomain, serviceAccount: p.serviceAccount } }]));
  return {
    workloads,
    services,
    policies: view.policies.map(ztunnelPolicy).filter((p) => p !== undefined),
    certificates,
    workloadState,
    version: { buildProfile: 'release', buildStatus: 'Clean', gitRevision: '4c7cdf1b62ddcc786402499c03eff0d5172c95ef', gitTag: '1.24.0', istioVersion: 'unknown', rustVersion: '1.81.0', version: '4c7cdf1b62ddcc786402499c03eff0d5172c95ef' },
    config: ztunnelConfig(ztunnel.node, view.clusterId),
    staticConfig: { policies: [], services: [], workloads: [] },
    stagedServices: {},
  };
}

function ztunnelConfig(node: string, clusterId: string): Record<string, unknown> {
  return {
    adminAddr: { Localhost: [true, 15000] },
    caAddress: 'https://istiod.istio-system.svc:15012',
    caRootCert: { File: './var/run/secrets/istio/root-cert.pem' },
    clusterDomain: 'cluster.local',
    clusterId,
    dnsProxy: true,
    dnsProxyAddr: { Localhost: [true, 15053] },
    fakeCa: false,
    illegalPorts: [15001, 15006, 15008],
    inboundAddr: '[::]:15008',
    inboundPlaintextAddr: '[::]:15006',
    inpodUds: '/var/run/ztunnel/ztunnel.sock',
    localNode: node,
    network: '',
    numWorkerThreads: 2,
    outboundAddr: '[::]:15001',
    proxyMode: 'Shared',
    proxyMetadata: { CLUSTER_ID: clusterId, ENABLE_HBONE: 'true', ISTIO_VERSION: '1.24.0' },
    readinessAddr: { SocketAddr: '[::]:15021' },
    secretTtl: { nanos: 0, secs: LIFETIME },
    statsAddr: { SocketAddr: '[::]:15020' },
    xdsAddress: 'https://istiod.istio-system.svc:15012',
  };
}
