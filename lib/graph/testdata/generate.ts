// Writes the golden inputs: `npx tsx lib/graph/testdata/generate.ts`. Expected outputs are written by
// `UPDATE_GOLDEN=1 npx vitest run lib/graph/golden.test.ts` and then reviewed by hand.
import { writeFileSync } from 'node:fs';
import type { TrafficSamples } from '@/lib/graph/samples';
import type { Inventory } from '@/lib/graph/inventory';
import { UNKNOWN_DESTINATION, UNKNOWN_PEER, bookinfo as b, bookinfoInventory, dest, http, latency, legacy, legacyWorkloads, peer, tcpFlow, inventoryWorkload } from './fixtures';

interface Case {
  description: string;
  options: { graphType: string; namespaces: string[]; waypoints: string; idle: boolean; accessibleNamespaces?: string[] };
  samples: TrafficSamples;
  inventory: Inventory;
}

const opts = (extra: Partial<Case['options']> = {}): Case['options'] => ({ graphType: 'workload', namespaces: ['bookinfo'], waypoints: 'show', idle: false, ...extra });
const samples = (tcp: TrafficSamples['tcp'], h: TrafficSamples['http'] = [], l: TrafficSamples['latency'] = []): TrafficSamples => ({ tcp, http: h, latency: l });
const both = ['source', 'destination'] as ('source' | 'destination')[];

// The bookinfo mesh without a waypoint: every hop mesh -> mesh, reported by both ztunnels.
const meshTcp = [
  ...tcpFlow({ source: b.gateway, destination: dest(b.productpage, 'productpage'), reporters: ['destination'], policy: 'unknown', bytes: [500, 5000], opened: 1 }),
  ...tcpFlow({ source: b.productpage, destination: dest(b.details, 'details'), reporters: both, bytes: [1000, 4000], opened: 2 }),
  ...tcpFlow({ source: b.productpage, destination: dest(b.reviewsV1, 'reviews'), reporters: both, bytes: [300, 900], opened: 1 }),
  ...tcpFlow({ source: b.productpage, destination: dest(b.reviewsV2, 'reviews'), reporters: both, bytes: [300, 1200], opened: 1 }),
  ...tcpFlow({ source: b.productpage, destination: dest(b.reviewsV3, 'reviews'), reporters: both, bytes: [300, 1500], opened: 1 }),
  ...tcpFlow({ source: b.reviewsV2, destination: dest(b.ratings, 'ratings'), reporters: both, bytes: [100, 200], opened: 0.5 }),
  ...tcpFlow({ source: b.reviewsV3, destination: dest(b.ratings, 'ratings'), reporters: both, bytes: [100, 200], opened: 0.5 }),
];

// Through bookinfo/waypoint: productpage -> waypoint (service reviews) and waypoint -> reviews-v1/v2/v3.
const waypointTcp = [
  ...tcpFlow({ source: b.productpage, destination: dest(b.waypoint, 'reviews'), reporters: both, bytes: [1200, 4800], opened: 3 }),
  ...tcpFlow({ source: b.waypoint, destination: dest(b.reviewsV1, 'reviews'), reporters: both, bytes: [200, 800], opened: 1 }),
  ...tcpFlow({ source: b.waypoint, destination: dest(b.reviewsV2, 'reviews'), reporters: both, bytes: [400, 1600], opened: 1 }),
  ...tcpFlow({ source: b.waypoint, destination: dest(b.reviewsV3, 'reviews'), reporters: both, bytes: [600, 2400], opened: 1 }),
];
const waypointHttp = [
  ...http(b.productpage, dest(b.reviewsV1, 'reviews'), { '200': 2 }),
  ...http(b.productpage, dest(b.reviewsV2, 'reviews'), { '200': 3.5, '503': 0.5 }),
  ...http(b.productpage, dest(b.reviewsV3, 'reviews'), { '200': 5, '404': 1, '0': 0.25 }),
];
const waypointLatency = [
  ...latency(b.productpage, b.reviewsV1, 4, 9.5, 12),
  ...latency(b.productpage, b.reviewsV2, 6, 20, 48),
  ...latency(b.productpage, b.reviewsV3, 5, 15, null),
];

const east = peer('bookinfo', 'productpage-v1', 'productpage', 'v1', 'bookinfo-productpage', 'east');
const westReviews = peer('bookinfo', 'reviews-v3', 'reviews', 'v3', 'bookinfo-reviews', 'west');
const frontendWeb = peer('frontend', 'web', 'web', 'v1', 'web');

const cases: Record<string, Case> = {
  'mesh-to-mesh': {
    description: 'mesh -> mesh reported by both ztunnels is counted once (destination view), fully mTLS with both principals',
    options: opts(), inventory: bookinfoInventory(), samples: samples(meshTcp.filter((s) => s.source.workload === 'productpage-v1')),
  },
  'non-mesh-client': {
    description: 'only the destination ztunnel reports: an unidentified client and a known out-of-mesh pod (legacy/curl)',
    options: opts({ namespaces: ['bookinfo'] }), inventory: bookinfoInventory({ extra: legacyWorkloads }),
    samples: samples([
      ...tcpFlow({ source: UNKNOWN_PEER, destination: dest(b.productpage, 'productpage'), reporters: ['destination'], policy: 'unknown', bytes: [50, 700], opened: 0.2 }),
      ...tcpFlow({ source: { ...legacy.curl, principal: 'unknown' }, destination: dest(b.details, 'details'), reporters: ['destination'], policy: 'unknown', bytes: [20, 80], opened: 0.1 }),
    ]),
  },
  'non-mesh-destination': {
    description: 'only the source ztunnel reports: an ambient pod calling an out-of-mesh pod, and a service with no workload reporting',
    options: opts(), inventory: bookinfoInventory({ extra: legacyWorkloads }),
    samples: samples([
      ...tcpFlow({ source: b.ratings, destination: dest(legacy.db, 'mysql'), reporters: ['source'], policy: 'unknown', bytes: [400, 1600], opened: 0.5 }),
      ...tcpFlow({ source: b.details, destination: { ...UNKNOWN_DESTINATION, service: 'cache.legacy.svc.cluster.local', serviceName: 'cache', serviceNamespace: 'legacy' }, reporters: ['source'], policy: 'unknown', bytes: [10, 30], opened: 0.1 }),
    ]),
  },
  'external-ip': {
    description: 'egress to an IP: every destination_* label is unknown, source reporter only',
    options: opts(), inventory: bookinfoInventory(),
    samples: samples(tcpFlow({ source: b.details, destination: UNKNOWN_DESTINATION, reporters: ['source'], policy: 'unknown', bytes: [120, 3000], opened: 0.3 })),
  },
  'waypoint-show': {
    description: 'waypoints=show: the waypoint node with its two L4 hops; L7 edges client -> backend remember the waypoint',
    options: opts(), inventory: bookinfoInventory({ waypoint: true }), samples: samples(waypointTcp, waypointHttp, waypointLatency),
  },
  'waypoint-merge': {
    description: 'waypoints=merge: client -> waypoint -> backend becomes client -> backend, bytes split by the waypoint\'s per-backend share',
    options: opts({ waypoints: 'merge' }), inventory: bookinfoInventory({ waypoint: true }), samples: samples(waypointTcp, waypointHttp, waypointLatency),
  },
  deny: {
    description: 'an AuthorizationPolicy DENY: connections opened and closed with DENY, no bytes',
    options: opts(), inventory: bookinfoInventory(),
    samples: samples(tcpFlow({ source: b.ratings, destination: dest(b.details, 'details'), reporters: ['destination'], bytes: [0, 0], opened: 0.4, closed: { DENY: 0.4 } })),
  },
  'connect-failure': {
    description: 'upstream connect failures: closed with CONNECT, reported by the client ztunnel only',
    options: opts(), inventory: bookinfoInventory(),
    samples: samples(tcpFlow({ source: b.productpage, destination: dest(b.details, 'details'), reporters: ['source'], bytes: [0, 0], opened: 0.2, closed: { CONNECT: 0.2 } })),
  },
  'partial-mtls': {
    description: 'part of the bytes mTLS, part plaintext on the same edge',
    options: opts(), inventory: bookinfoInventory(),
    samples: samples([
      ...tcpFlow({ source: b.productpage, destination: dest(b.details, 'details'), reporters: both, bytes: [300, 600], opened: 3 }),
      ...tcpFlow({ source: b.productpage, destination: dest(b.details, 'details'), reporters: both, policy: 'unknown', bytes: [100, 200], opened: 1 }),
    ]),
  },
  'multi-cluster': {
    description: 'productpage in cluster east calls reviews-v3 in cluster west; ids and edge keep both clusters',
    options: opts(), inventory: { ...bookinfoInventory(), workloads: [] },
    samples: samples(tcpFlow({ source: east, destination: dest(westReviews, 'reviews'), reporters: both, bytes: [300, 1500], opened: 1 })),
  },
  'outside-namespace': {
    description: 'frontend/web (not selected) calls productpage: outside flag; traffic between unselected namespaces is left out',
    options: opts(), inventory: bookinfoInventory({ extra: [inventoryWorkload(frontendWeb)] }),
    samples: samples([
      ...tcpFlow({ source: frontendWeb, destination: dest(b.productpage, 'productpage'), reporters: both, bytes: [500, 5000], opened: 1 }),
      ...tcpFlow({ source: frontendWeb, destination: dest(legacy.db, 'mysql'), reporters: ['source'], policy: 'unknown', bytes: [10, 10], opened: 0.1 }),
    ]),
  },
  idle: {
    description: 'idle=true adds inventory workloads of the selected namespaces that had no traffic',
    options: opts({ idle: true }), inventory: bookinfoInventory(),
    samples: samples(meshTcp.filter((s) => s.source.workload === 'productpage-v1' && s.destination.workload === 'details-v1')),
  },
  'graph-app': { description: 'graphType=app: reviews v1/v2/v3 fold into one app node', options: opts({ graphType: 'app' }), inventory: bookinfoInventory(), samples: samples(meshTcp) },
  'graph-versioned-app': { description: 'graphType=versionedApp', options: opts({ graphType: 'versionedApp' }), inventory: bookinfoInventory(), samples: samples(meshTcp) },
  'graph-service': { description: 'graphType=service: destinations by service, sources by the service that selects them', options: opts({ graphType: 'service' }), inventory: bookinfoInventory(), samples: samples(meshTcp) },
  inaccessible: {
    description: 'the user cannot see istio-ingress: its gateway becomes an opaque namespace node without names or principals',
    options: opts({ accessibleNamespaces: ['bookinfo'] }), inventory: bookinfoInventory(), samples: samples(meshTcp.filter((s) => s.destination.workload === 'productpage-v1')),
  },
};

/** One sample / workload per line: reviewable diffs, small files. */
function serialize(c: Case): string {
  const list = (items: unknown[]) => (items.length ? `[\n    ${items.map((i) => JSON.stringify(i)).join(',\n    ')}\n  ]` : '[]');
  return `{
 "description": ${JSON.stringify(c.description)},
 "options": ${JSON.stringify(c.options)},
 "samples": {
  "tcp": ${list(c.samples.tcp)},
  "http": ${list(c.samples.http)},
  "latency": ${list(c.samples.latency)}
 },
 "inventory": {
  "trustDomain": ${JSON.stringify(c.inventory.trustDomain)},
  "namespaces": ${list(c.inventory.namespaces)},
  "workloads": ${list(c.inventory.workloads)},
  "services": ${list(c.inventory.services)}
 }
}
`;
}

for (const [name, c] of Object.entries(cases)) {
  writeFileSync(new URL(`./${name}.input.json`, import.meta.url), serialize(c));
}
console.log(`wrote ${Object.keys(cases).length} inputs`);
