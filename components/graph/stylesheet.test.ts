import { describe, expect, it } from 'vitest';
import { stylesheet } from './stylesheet';

const on = { security: true, waypoint: true, enrollment: true };
const off = { security: false, waypoint: false, enrollment: false };
type Block = { selector: string; style: Record<string, unknown> };
const blocks = (s: ReturnType<typeof stylesheet>) => s as unknown as Block[];

describe('stylesheet', () => {
  it('draws a lock only on fully mTLS edges; partial and plaintext get their own mark, colour and line pattern', () => {
    const sheet = blocks(stylesheet({ dark: false, badges: on, large: false }));
    const style = (sel: string) => sheet.filter((b) => b.selector === sel).reduce<Record<string, unknown>>((all, b) => ({ ...all, ...b.style }), {});
    expect(style('edge[mtls = "full"]')['source-label']).toBe('🔒');
    expect(sheet.filter((b) => b.style['source-label'] === '🔒').map((b) => b.selector)).toEqual(['edge[mtls = "full"]']);
    expect(style('edge[mtls = "partial"]')['source-label']).toBe('◐');
    const plaintext = style('edge[mtls = "none"]');
    expect(plaintext['source-label']).toBe('✕');
    expect(plaintext['line-style']).toBe('dashed');
    expect(plaintext['source-arrow-shape']).toBe('square');
    expect(plaintext['line-color']).not.toBe(style('edge')['line-color']);
    expect(style('edge[mtls = "partial"]')['line-dash-pattern']).not.toEqual(plaintext['line-dash-pattern']);
    expect(style('edge[?denied]')['target-arrow-shape']).toBe('tee');
    expect(sheet.some((b) => b.selector.includes('unknown') && 'source-label' in b.style)).toBe(false);
  });

  it('fades labels with the given opacity', () => {
    const sheet = blocks(stylesheet({ dark: false, badges: on, large: false, labelOpacity: 0.5 }));
    expect(sheet.find((b) => b.selector === 'edge')?.style['text-opacity']).toBe(0.5);
    expect(sheet.find((b) => b.selector === 'node')?.style['text-opacity']).toBe(0.5);
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
