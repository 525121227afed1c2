// Policies used by the evaluator and findings tests, as users write them.

export const ap = (name: string, spec: string, namespace = 'bookinfo') => `---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
${spec.replace(/^/gm, '  ')}
`;

export const pa = (name: string, spec: string, namespace = 'bookinfo', created = '2025-01-01T00:00:00Z') => `---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: ${name}
  namespace: ${namespace}
  creationTimestamp: "${created}"
spec:
${spec.replace(/^/gm, '  ')}
`;

/** Istio getting-started: reviews only from productpage (an L4 ALLOW on the pods). */
export const REVIEWS_VIEWER = ap(
  'reviews-viewer',
  `selector:
  matchLabels: {app: reviews}
action: ALLOW
rules:
- from:
  - source:
      principals: [cluster.local/ns/bookinfo/sa/bookinfo-productpage]`,
);

/** The same, with the waypoint's principal added (the getting-started fix). */
export const REVIEWS_VIEWER_WITH_WAYPOINT = ap(
  'reviews-viewer',
  `selector:
  matchLabels: {app: reviews}
action: ALLOW
rules:
- from:
  - source:
      principals:
      - cluster.local/ns/bookinfo/sa/bookinfo-productpage
      - cluster.local/ns/bookinfo/sa/waypoint`,
);

/** An L7 policy attached to the reviews Service: productpage may GET. */
export const REVIEWS_GET = ap(
  'reviews-get',
  `targetRefs:
- kind: Service
  group: ""
  name: reviews
action: ALLOW
rules:
- from:
  - source:
      principals: [cluster.local/ns/bookinfo/sa/bookinfo-productpage]
  to:
  - operation:
      methods: [GET]`,
);

/** An ALLOW policy with HTTP rules on the pods: ztunnel drops rules[0], keeps rules[1]. */
export const REVIEWS_HTTP_AT_ZTUNNEL = ap(
  'reviews-http',
  `selector:
  matchLabels: {app: reviews}
rules:
- from:
  - source:
      principals: [cluster.local/ns/bookinfo/sa/bookinfo-productpage]
  to:
  - operation:
      methods: [GET]
- from:
  - source:
      principals: [cluster.local/ns/bookinfo/sa/bookinfo-ratings]`,
);

export const STRICT_BOOKINFO = pa('default', 'mtls:\n  mode: STRICT');
