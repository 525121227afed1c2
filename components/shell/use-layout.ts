'use client';
// Screen-size and remembered layout choices (navigation and side panel collapsed or open).
import { useCallback, useSyncExternalStore } from 'react';

/** True while the media query matches; false on the server and before hydration. */
export function useMediaQuery(query: string): boolean {
  const subscribe = useCallback(
    (notify: () => void) => {
      const list = window.matchMedia(query);
      list.addEventListener('change', notify);
      return () => list.removeEventListener('change', notify);
    },
    [query],
  );
  return useSyncExternalStore(subscribe, () => window.matchMedia(query).matches, () => false);
}

const listeners = new Set<() => void>();

function readStored(key: string, fallback: boolean): boolean {
  try {
    const value = window.localStorage.getItem(key);
    return value === null ? fallback : value === 'true';
  } catch {
    return fallback; // storage blocked (private mode): the default, not remembered
  }
}

/** A boolean remembered in localStorage under `key`, shared by every component that reads it. */
export function useRemembered(key: string, fallback: boolean): [boolean, (value: boolean) => void] {
  const subscribe = useCallback((notify: () => void) => {
    listeners.add(notify);
    window.addEventListener('storage', notify);
    return () => {
      listeners.delete(notify);
      window.removeEventListener('storage', notify);
    };
  }, []);
  const value = useSyncExternalStore(subscribe, () => readStored(key, fallback), () => fallback);
  const set = useCallback(
    (next: boolean) => {
      try {
        window.localStorage.setItem(key, String(next));
      } catch {
        // storage blocked: nothing to remember it in
      }
      listeners.forEach((l) => l());
    },
    [key],
  );
  return [value, set];
}

/** The side panel becomes an overlay drawer at this width and below. */
export const DRAWER_QUERY = '(max-width: 1024px)';
/** Phones: navigation as a drawer, graph toolbar folded into a menu. */
export const PHONE_QUERY = '(max-width: 767px)';
