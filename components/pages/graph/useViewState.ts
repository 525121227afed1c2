'use client';

import { useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { parseViewState, serializeViewState, type GraphViewState } from '@/components/graph/viewState';

/**
 * The graph view as the URL says. `update` pushes a history entry (Back undoes it) with the
 * History API, which Next's router follows without a server round trip. It starts from the
 * URL as it is now, not from the last render, so two quick changes do not undo each other.
 * The new state is also set locally at once, so a controlled checkbox shows its click right away.
 */
export function useViewState() {
  const search = useSearchParams();
  const fromUrl = search.toString();
  const [query, setQuery] = useState(fromUrl);
  // Back / Forward and links change the URL from outside.
  useEffect(() => setQuery(fromUrl), [fromUrl]);
  const parsed = useMemo(() => parseViewState(new URLSearchParams(query)), [query]);

  const update = useCallback(
    (patch: Partial<GraphViewState>, options: { replace?: boolean } = {}) => {
      const current = parseViewState(new URLSearchParams(window.location.search)).state;
      const qs = serializeViewState({ ...current, ...patch }).toString();
      if (`?${qs}` === window.location.search || (qs === '' && window.location.search === '')) return;
      // window.location.pathname keeps BASE_PATH, which usePathname leaves out.
      const url = qs ? `${window.location.pathname}?${qs}` : window.location.pathname;
      setQuery(qs);
      if (options.replace) window.history.replaceState(null, '', url);
      else window.history.pushState(null, '', url);
    },
    [],
  );

  return { state: parsed.state, problems: parsed.problems, update };
}
