// The value kept for a key, made on first use: passes resolve each distinct label set, endpoint or
// object once and look it up for every sample after.

export function cached<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}
