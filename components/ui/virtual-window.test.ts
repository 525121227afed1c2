import { describe, expect, it } from 'vitest';
import { scrollToShow, visibleWindow, VIRTUAL_FROM } from './virtual-window';

describe('the rows a long list renders', () => {
  it('renders every row of a short list', () => {
    expect(visibleWindow({ count: VIRTUAL_FROM - 1, rowHeight: 30, scrollTop: 500, viewport: 300 })).toEqual({ start: 0, end: VIRTUAL_FROM - 1 });
  });

  it('renders the rows in view and a few either side', () => {
    const w = visibleWindow({ count: 1000, rowHeight: 30, scrollTop: 3000, viewport: 300, overscan: 5 });
    expect(w.start).toBe(95);
    expect(w.end).toBe(116);
    expect(w.end - w.start).toBeLessThan(30);
  });

  it('stays inside the list at both ends', () => {
    expect(visibleWindow({ count: 1000, rowHeight: 30, scrollTop: 0, viewport: 300 }).start).toBe(0);
    const last = visibleWindow({ count: 1000, rowHeight: 30, scrollTop: 29_700, viewport: 300 });
    expect(last.end).toBe(1000);
    expect(last.start).toBeLessThan(990);
  });

  it('scrolls a row into view only when it is out of view', () => {
    expect(scrollToShow(5, 30, 0, 300)).toBeNull();
    expect(scrollToShow(50, 30, 0, 300)).toBe(50 * 30 + 30 - 300);
    expect(scrollToShow(2, 30, 600, 300)).toBe(60);
  });
});
