'use client';

import { useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useMemo, useState } from 'react';

/**
 * Page view state (filters, tab, sort) kept in the URL so every view is a link. Values equal to
 * their default are left out of the URL. Filters replace the history entry; tabs may push one.
 */
export function useSearchState<K extends string>(defaults: Readonly<Record<K, string>>) {
  const search = useSearchParams();
  const fromUrl = search.toString();
  // Set at once on update, so a controlled input shows its change before Next's router catches up
  // with the History API; Back / Forward and links change the URL from outside.
  const [query, setQuery] = useState(fromUrl);
  useEffect(() => setQuery(fromUrl), [fromUrl]);
  const values = useMemo(() => {
    const params = new URLSearchParams(query);
    const out = {} as Record<K, string>;
    for (const key of Object.keys(defaults) as K[]) out[key] = params.get(key) ?? defaults[key];
    return out;
    // defaults is a module-level constant in every caller
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [query]);

  const update = useCallback(
    (patch: Partial<Record<K, string>>, options: { push?: boolean } = {}) => {
      const params = new URLSearchParams(window.location.search);
      for (const [key, value] of Object.entries(patch) as [K, string | undefined][]) {
        if (value === undefined || value === '' || value === defaults[key]) params.delete(key);
        else params.set(key, value);
      }
      const qs = params.toString();
      // window.location.pathname keeps BASE_PATH, which usePathname leaves out.
      const url = `${window.location.pathname}${qs ? `?${qs}` : ''}`;
      setQuery(qs);
      // The native history API updates useSearchParams without a server round trip.
      if (options.push) window.history.pushState(null, '', url);
      else window.history.replaceState(null, '', url);
    },
    [defaults],
  );

  return [values, update] as const;
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
