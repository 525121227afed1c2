import { describe, expect, it } from 'vitest';
import { stylesheet } from './stylesheet';

const on = { security: true, waypoint: true, enrollment: true };
const off = { security: false, waypoint: false, enrollment: false };
type Block = { selector: string; style: Record<string, unknown> };
const blocks = (s: ReturnType<typeof stylesheet>) => s as unknown as Block[];

describe('stylesheet', () => {
  it('draws the lock, open lock and warning on mTLS, plaintext and partial edges when the Security badge is on', () => {
    const sheet = blocks(stylesheet({ dark: false, badges: on, large: false }));
    const label = (sel: string) => sheet.find((b) => b.selector === sel)?.style['source-label'];
    expect(label('edge[mtls = "full"]')).toBe('🔒');
    expect(label('edge[mtls = "none"]')).toBe('🔓');
    expect(label('edge[mtls = "partial"]')).toBe('⚠');
    expect(sheet.some((b) => b.selector.includes('unknown') && 'source-label' in b.style)).toBe(false);
  });

  it('draws no lock at all when the Security badge is off', () => {
    const sheet = blocks(stylesheet({ dark: false, badges: off, large: false }));
    expect(sheet.some((b) => 'source-label' in b.style)).toBe(false);
    expect(sheet.some((b) => b.selector.startsWith('node[enrollment'))).toBe(false);
  });

  it('selects on data fields and classes only, never on ids', () => {
    for (const b of blocks(stylesheet({ dark: true, badges: on, large: true }))) {
      expect(b.selector).toMatch(/^(node|edge|\.)/);
      expect(b.selector).not.toContain('#');
    }
  });

  it('has a dark variant with other colours for the same selectors', () => {
    const light = blocks(stylesheet({ dark: false, badges: on, large: false }));
    const dark = blocks(stylesheet({ dark: true, badges: on, large: false }));
    expect(dark.map((b) => b.selector)).toEqual(light.map((b) => b.selector));
    expect(dark.find((b) => b.selector === 'node')?.style.color).not.toBe(light.find((b) => b.selector === 'node')?.style.color);
  });

  it('uses straight edges for large graphs', () => {
    const edge = blocks(stylesheet({ dark: false, badges: on, large: true })).find((b) => b.selector === 'edge');
    expect(edge?.style['curve-style']).toBe('straight');
  });
});
