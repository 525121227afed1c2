import { describe, expect, it } from 'vitest';
import type { DestinationLabels } from '@/lib/graph/samples';
import { destinationEndpoint } from './endpoints';

// destination_service names a service in several spellings; when destination_service_name and
// _namespace are unknown, the endpoint reads them from the host (only a *.svc* host is in-cluster).
const labels = (service: string): DestinationLabels => ({
  cluster: 'Kubernetes', namespace: 'unknown', workload: 'unknown', canonicalService: 'unknown', canonicalRevision: 'unknown',
  app: 'unknown', version: 'unknown', principal: 'unknown', service, serviceName: 'unknown', serviceNamespace: 'unknown',
});

describe('destinationEndpoint reads the host', () => {
  const cases: [string, { kind: string; serviceName: string; serviceNamespace: string; address: string }][] = [
    ['details.bookinfo.svc.cluster.local', { kind: 'service', serviceName: 'details', serviceNamespace: 'bookinfo', address: 'unknown' }],
    ['details.bookinfo.svc.cluster.local:9080', { kind: 'service', serviceName: 'details', serviceNamespace: 'bookinfo', address: 'unknown' }],
    ['details.bookinfo.svc', { kind: 'service', serviceName: 'details', serviceNamespace: 'bookinfo', address: 'unknown' }],
    ['details.bookinfo', { kind: 'external', serviceName: 'unknown', serviceNamespace: 'unknown', address: 'details.bookinfo' }],
    ['details:9080', { kind: 'external', serviceName: 'unknown', serviceNamespace: 'unknown', address: 'details:9080' }],
    ['api.example.com', { kind: 'external', serviceName: 'unknown', serviceNamespace: 'unknown', address: 'api.example.com' }],
    ['a.b.svcx.example', { kind: 'external', serviceName: 'unknown', serviceNamespace: 'unknown', address: 'a.b.svcx.example' }],
    ['.b.svc', { kind: 'external', serviceName: 'unknown', serviceNamespace: 'b', address: '.b.svc' }],
    ['unknown', { kind: 'external', serviceName: 'unknown', serviceNamespace: 'unknown', address: 'unknown' }],
  ];
  for (const [host, want] of cases) {
    it(host, () => {
      const e = destinationEndpoint(labels(host));
      expect({ kind: e.kind, serviceName: e.serviceName, serviceNamespace: e.serviceNamespace, address: e.address }).toEqual(want);
    });
  }
});
