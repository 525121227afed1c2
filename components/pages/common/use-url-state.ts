'use client';

import { useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useMemo, useState } from 'react';

export type HistoryMode = 'push' | 'replace';

/**
 * How one page keeps its view in the URL's query, so every view is a link. Declare it once per page
 * at module level: useUrlState reads it again only when the URL changes.
 */
export interface UrlState<State, Patch> {
  read(params: URLSearchParams): State;
  /** The query after a change; current is the URL's query as it is now. */
  write(current: URLSearchParams, patch: Patch): URLSearchParams;
  /** push: Back undoes the change (the graph view, tabs). replace: no history entry (filters as one types). */
  history: HistoryMode;
}

/**
 * A page's view state as the URL says, and a way to change it. Changes go through the History API,
 * which Next's router follows without a server round trip, and are written from the URL as it is now,
 * not from the last render, so two quick changes do not undo each other. The new query is also set
 * locally at once, so a controlled input shows its change before the router catches up. A change
 * that leaves the URL as it is adds no history entry.
 */
export function useUrlState<State, Patch>(url: UrlState<State, Patch>) {
  const search = useSearchParams();
  const fromUrl = search.toString();
  const [query, setQuery] = useState(fromUrl);
  // Back / Forward and links change the URL from outside.
  useEffect(() => setQuery(fromUrl), [fromUrl]);
  const state = useMemo(() => url.read(new URLSearchParams(query)), [url, query]);

  const update = useCallback(
    (patch: Patch, options: { history?: HistoryMode } = {}) => {
      const now = window.location.search.replace(/^\?/, '');
      const qs = url.write(new URLSearchParams(now), patch).toString();
      if (qs === now) return;
      // window.location.pathname keeps BASE_PATH, which usePathname leaves out.
      const href = qs ? `${window.location.pathname}?${qs}` : window.location.pathname;
      setQuery(qs);
      if ((options.history ?? url.history) === 'push') window.history.pushState(null, '', href);
      else window.history.replaceState(null, '', href);
    },
    [url],
  );

  return [state, update] as const;
}

/**
 * Plain string parameters with defaults (filters, tab, sort). A value equal to its default is left
 * out of the URL; parameters the page does not know are kept. Filters replace the history entry.
 */
export function searchState<K extends string>(defaults: Readonly<Record<K, string>>, history: HistoryMode = 'replace'): UrlState<Record<K, string>, Partial<Record<K, string>>> {
  return {
    read(params) {
      const out = {} as Record<K, string>;
      for (const key of Object.keys(defaults) as K[]) out[key] = params.get(key) ?? defaults[key];
      return out;
    },
    write(params, patch) {
      for (const [key, value] of Object.entries(patch) as [K, string | undefined][]) {
        if (value === undefined || value === '' || value === defaults[key]) params.delete(key);
        else params.set(key, value);
      }
      return params;
    },
    history,
  };
}

export type SortDirection = 'asc' | 'desc';

/** "name" / "-name" <-> { key, direction }. */
export function parseSort<K extends string>(raw: string, keys: readonly K[], fallback: K): { key: K; direction: SortDirection } {
  const direction: SortDirection = raw.startsWith('-') ? 'desc' : 'asc';
  const key = raw.replace(/^-/, '') as K;
  return { key: keys.includes(key) ? key : fallback, direction };
}

export function sortParam(key: string, direction: SortDirection): string {
  return direction === 'desc' ? `-${key}` : key;
}
