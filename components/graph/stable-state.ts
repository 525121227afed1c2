// Every URL change parses a new view state, with new arrays and objects for parts that did not
// change (badges, collapse, namespaces...). Memos and effects keyed on those parts would then run
// again on a mere click: a selection re-collapsed the graph and restyled every element. Pure.

function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  return keysA.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** `next`, with each top-level part that equals its counterpart in `previous` taken from `previous`. */
export function keepUnchangedParts<T extends object>(previous: T | undefined, next: T): T {
  if (previous === undefined) return next;
  let changed = false;
  const out = { ...next };
  for (const key of Object.keys(next) as (keyof T)[]) {
    if (sameValue(previous[key], next[key])) out[key] = previous[key];
    else changed = true;
  }
  return changed ? out : previous;
}
