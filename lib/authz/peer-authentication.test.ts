import { describe, expect, it } from 'vitest';
import { meshIndex } from './mesh';
import { describeMtls, effectiveMtls } from './peer-authentication';
import { bookinfo } from '@/testing/fixtures/authz-mesh';
import { pa } from '@/testing/fixtures/authz-policies';

const reviews = { app: 'reviews', version: 'v1' };
const mtls = (policies: string, labels: Record<string, string> | null = reviews) => effectiveMtls(meshIndex(bookinfo({ policies })), 'bookinfo', labels ?? undefined);

describe('effectiveMtls: workload > namespace > mesh, UNSET inherits, oldest wins', () => {
  it('PERMISSIVE when nothing applies', () => {
    expect(mtls('')).toEqual({ strict: false, mode: 'PERMISSIVE', levels: [], ignored: [] });
    expect(describeMtls(mtls(''))).toContain('PERMISSIVE by default');
  });
  it('lists the policy taken at each level and the one that decided', () => {
    const m = mtls(pa('mesh', 'mtls: {mode: STRICT}', 'istio-system') + pa('ns', 'mtls: {mode: UNSET}') + pa('wl', 'selector:\n  matchLabels: {app: reviews}\nmtls: {mode: PERMISSIVE}'));
    expect(m.levels.map((l) => `${l.level}:${l.policy}:${l.mode}`)).toEqual(['mesh:istio-system/mesh:STRICT', 'namespace:bookinfo/ns:UNSET', 'workload:bookinfo/wl:PERMISSIVE']);
    expect(m).toMatchObject({ strict: false, mode: 'PERMISSIVE', decidedBy: { policy: 'bookinfo/wl', level: 'workload' } });
  });
  it('a namespace-wide view ignores workload selectors', () => {
    const m = mtls(pa('ns', 'mtls: {mode: STRICT}') + pa('wl', 'selector:\n  matchLabels: {app: reviews}\nmtls: {mode: PERMISSIVE}'), null);
    expect(m).toMatchObject({ strict: true, decidedBy: { level: 'namespace' } });
  });
  it('DISABLE is reported as such (and is not STRICT)', () => {
    expect(mtls(pa('ns', 'mtls: {mode: DISABLE}'))).toMatchObject({ strict: false, mode: 'DISABLE' });
  });
  it('a selector in the root namespace is not a mesh-wide policy', () => {
    expect(mtls(pa('root-sel', 'selector:\n  matchLabels: {app: reviews}\nmtls: {mode: STRICT}', 'istio-system'))).toMatchObject({ strict: false, levels: [] });
  });
  it('of two policies at one level the oldest wins; the other is ignored', () => {
    const m = mtls(pa('new', 'mtls: {mode: STRICT}', 'bookinfo', '2025-06-01T00:00:00Z') + pa('old', 'mtls: {mode: PERMISSIVE}', 'bookinfo', '2024-01-01T00:00:00Z'));
    expect(m).toMatchObject({ strict: false, decidedBy: { policy: 'bookinfo/old' } });
    expect(m.ignored).toEqual([{ policy: 'bookinfo/new', reason: 'an older namespace-level PeerAuthentication (bookinfo/old) takes precedence' }]);
  });
  it('portLevelMtls does not change the mode for ambient pods', () => {
    expect(mtls(pa('ns', 'mtls: {mode: STRICT}\nportLevelMtls:\n  "9080": {mode: PERMISSIVE}'))).toMatchObject({ strict: true });
  });
});
