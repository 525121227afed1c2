import { describe, expect, it } from 'vitest';
import { metricsSourceNote } from './metrics-source-note';

describe('metricsSourceNote', () => {
  it('says which queries answered', () => {
    expect(metricsSourceNote({})).toBeNull();
    expect(metricsSourceNote({ metricsQueries: { tcp: 'recording-rules', http: 'recording-rules' } })).toBe('Traffic from Ambient Lens recording rules.');
    expect(metricsSourceNote({ metricsQueries: { tcp: 'raw', http: 'raw' } })).toContain('raw Istio metrics');
    expect(metricsSourceNote({ metricsQueries: { tcp: 'recording-rules', http: 'raw' } })).toBe('Traffic: ztunnel TCP from recording rules; waypoint HTTP from raw Istio metrics.');
    expect(metricsSourceNote({ metricsQueries: { tcp: 'recording-rules', http: 'raw', skipped: ['sidecar', 'waypoint'] } })).toBe(
      'Traffic: ztunnel TCP from recording rules; waypoint HTTP from raw Istio metrics. No series from Envoy sidecars or waypoints in this window: not queried.',
    );
  });
});
