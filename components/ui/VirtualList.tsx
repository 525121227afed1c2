'use client';

import { useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { scrollToShow, visibleWindow, VIRTUAL_FROM } from './virtual-window';

export interface VirtualListProps<T> {
  items: readonly T[];
  /** The list's accessible name. */
  label: string;
  rowKey: (item: T) => string;
  /** One row's content (its button); in a long list rows have a fixed height and do not wrap. */
  row: (item: T) => ReactNode;
  /** Row kept in view (the selection). */
  current?: number;
  rowHeight?: number;
  /** On the list itself. */
  testId?: string;
  /** On the scroll box around the list (its height limit goes here). */
  className?: string;
}

/**
 * A list that puts only the rows in view in the DOM (thousands of nodes and edges), keeping list
 * semantics (aria-setsize / aria-posinset) and the keyboard: arrow keys, Home and End move between
 * rows, scrolling the next one in.
 */
export function VirtualList<T>({ items, label, rowKey, row, current = -1, rowHeight = 30, testId, className }: VirtualListProps<T>) {
  // The scroll box holds the list; the list carries the spacers (padding for the rows not drawn). Not
  // one element: the box is border-box with a max-height, and padding larger than that height grew
  // it to the whole list's (~27k px for 900 rows), so the side panel scrolled instead of the list.
  const box = useRef<HTMLDivElement>(null);
  const [scroll, setScroll] = useState({ top: 0, viewport: 288 });
  const [focusAt, setFocusAt] = useState<number | null>(null);
  const virtual = items.length >= VIRTUAL_FROM;
  const { start, end } = visibleWindow({ count: items.length, rowHeight, scrollTop: scroll.top, viewport: scroll.viewport });

  const show = (index: number) => {
    const el = box.current;
    if (!el) return;
    const top = scrollToShow(index, rowHeight, el.scrollTop, el.clientHeight);
    if (top !== null) el.scrollTop = top;
    setScroll({ top: el.scrollTop, viewport: el.clientHeight });
  };

  // The selection (from the canvas, or a link) is scrolled into the list's view.
  useLayoutEffect(() => {
    if (current >= 0) show(current);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the selection moves
  }, [current]);

  // A layout effect, so the next key press already finds the focus on the new row.
  useLayoutEffect(() => {
    if (focusAt === null) return;
    box.current?.querySelector<HTMLElement>(`[data-index="${focusAt}"] button`)?.focus();
    setFocusAt(null);
  }, [focusAt, start, end]);

  const onKeyDown = (e: KeyboardEvent<HTMLUListElement>) => {
    const at = Number((e.target as HTMLElement).closest('[data-index]')?.getAttribute('data-index') ?? NaN);
    if (Number.isNaN(at)) return;
    const next = e.key === 'ArrowDown' ? at + 1 : e.key === 'ArrowUp' ? at - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? items.length - 1 : null;
    if (next === null || next < 0 || next >= items.length) return;
    e.preventDefault();
    show(next);
    setFocusAt(next);
  };

  return (
    <div ref={box} className={className} onScroll={(e) => setScroll({ top: e.currentTarget.scrollTop, viewport: e.currentTarget.clientHeight })}>
      <ul aria-label={label} data-testid={testId} onKeyDown={onKeyDown} style={{ paddingTop: start * rowHeight, paddingBottom: (items.length - end) * rowHeight }}>
        {items.slice(start, end).map((item, i) => (
          <li key={rowKey(item)} data-index={start + i} aria-setsize={items.length} aria-posinset={start + i + 1} className={virtual ? 'flex items-center gap-1 overflow-hidden whitespace-nowrap [&>button]:truncate' : 'flex items-center gap-1'} style={virtual ? { height: rowHeight } : undefined}>
            {row(item)}
          </li>
        ))}
      </ul>
    </div>
  );
}
