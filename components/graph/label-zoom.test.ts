import { describe, expect, it } from 'vitest';
import { labelOpacityAt, READABLE_PX, READABLE_ZOOM, readableFitZoom } from './label-zoom';
import { EDGE_FONT, NAMESPACE_FONT, NODE_FONT } from './stylesheet';

describe('label-zoom', () => {
  it('draws labels at 11 px or more at the readable zoom', () => {
    expect(Math.min(EDGE_FONT, NODE_FONT) * READABLE_ZOOM).toBeGreaterThanOrEqual(READABLE_PX - 1e-9);
  });
  it('keeps small graphs at a readable zoom when fitting, and large graphs as fitted', () => {
    expect(readableFitZoom(0.4, 14)).toBe(READABLE_ZOOM);
    expect(readableFitZoom(1.5, 14)).toBe(1.5);
    expect(readableFitZoom(0.4, 51)).toBe(0.4);
  });
  it('fades labels in quarter steps as the graph is zoomed out', () => {
    expect(labelOpacityAt(READABLE_ZOOM)).toBe(1);
    expect(labelOpacityAt(2)).toBe(1);
    expect(labelOpacityAt(0.1)).toBe(0);
    const mid = labelOpacityAt(0.65);
    expect(mid).toBeGreaterThan(0);
    expect(mid).toBeLessThan(1);
    expect((mid * 4) % 1).toBe(0);
  });

  it('keeps the larger namespace labels of the map readable further out', () => {
    expect(labelOpacityAt(0.62)).toBeLessThan(1);
    expect(labelOpacityAt(0.62, NAMESPACE_FONT)).toBe(1);
  });

  it('fits a small namespace map whole at the zoom its larger labels allow', () => {
    expect(readableFitZoom(0.5, 20, NAMESPACE_FONT)).toBeCloseTo(READABLE_PX / NAMESPACE_FONT);
    expect(readableFitZoom(0.5, 20, NAMESPACE_FONT)).toBeLessThan(readableFitZoom(0.5, 20));
  });
});
