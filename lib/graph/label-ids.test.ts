import { describe, expect, it } from 'vitest';
import { LabelIds } from './label-ids';
import { withFields } from './copy';
import type { DestinationLabels, PeerLabels } from './samples';

const peer: PeerLabels = {
  cluster: 'Kubernetes', namespace: 'bookinfo', workload: 'reviews-v1', canonicalService: 'reviews', canonicalRevision: 'v1',
  app: 'reviews', version: 'v1', principal: 'spiffe://cluster.local/ns/bookinfo/sa/bookinfo-reviews',
};
const destination: DestinationLabels = { ...peer, service: 'reviews.bookinfo.svc.cluster.local', serviceName: 'reviews', serviceNamespace: 'bookinfo' };

describe('LabelIds', () => {
  it('gives equal labels one id, whether or not the objects are shared', () => {
    const ids = new LabelIds();
    const id = ids.peer(peer);
    expect(ids.peer(peer)).toBe(id);
    expect(ids.peer({ ...peer })).toBe(id);
    expect(ids.peer({ ...peer, version: 'v2' })).not.toBe(id);
    const d = ids.destination(destination);
    expect(ids.destination({ ...destination })).toBe(d);
    expect(ids.destination({ ...destination, serviceName: 'ratings' })).not.toBe(d);
    // A destination's id is not its peer labels' id alone.
    expect(ids.pair({ source: peer, destination })).toBe(ids.pair({ source: { ...peer }, destination: { ...destination } }));
  });
});

describe('withFields', () => {
  it('copies with fields added or replaced, leaving the base as it was', () => {
    const copy = withFields(destination, { workload: 'unknown', views: 'both' as const });
    expect(copy).toEqual({ ...destination, workload: 'unknown', views: 'both' });
    expect(destination.workload).toBe('reviews-v1');
  });
});
