// Paths whose percent-encoding is broken (%E0%A4%A, a lone %) make Next's parameter decoding throw
// deep inside the router, which answers a bare 500. The proxy checks first; pages decode their
// parameters once with decodeSegment. Pure.

/** Whether every segment of a path decodes (the check Next's router would otherwise fail). */
export function hasValidEncoding(pathname: string): boolean {
  return pathname.split('/').every((segment) => decodeSegment(segment) !== undefined);
}

/** A URL segment decoded once; undefined when its percent-encoding is malformed. */
export function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
