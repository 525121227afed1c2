// A set of a few values: an edge's principals, reporters and plaintext hints, which mostly hold one
// or two. A Set allocates a hash table per instance; an edge being built has four of them and a
// 10k-workload graph ~30k edges. This one allocates nothing until its first value, then an exact-size
// array. Same contract as the Set methods it has: insertion order, SameValueZero equality.

export class SmallSet<T> implements Iterable<T> {
  private items: T[] | undefined;

  constructor(values?: Iterable<T>) {
    if (values) for (const v of values) this.add(v);
  }

  add(value: T): this {
    if (!this.items) this.items = [value];
    else if (!this.items.includes(value)) this.items.push(value);
    return this;
  }

  has(value: T): boolean {
    return this.items !== undefined && this.items.includes(value);
  }

  get size(): number {
    return this.items?.length ?? 0;
  }

  forEach(fn: (value: T) => void): void {
    if (this.items) for (const v of this.items) fn(v);
  }

  [Symbol.iterator](): Iterator<T> {
    return (this.items ?? []).values();
  }
}
