// A set of a few values: an edge's principals, reporters and plaintext hints, which mostly hold one
// or two. A Set allocates a hash table per instance; an edge being built has four of them and a
// 10k-workload graph ~30k edges. This one allocates nothing for its first value (it is held in a
// field), and an array from its second. Same contract as the Set methods it has: insertion order,
// SameValueZero equality.

const sameValueZero = (a: unknown, b: unknown): boolean => a === b || (a !== a && b !== b);

export class SmallSet<T> implements Iterable<T> {
  private count = 0;
  private first: T | undefined = undefined;
  /** From the second value on: every value, the first included. */
  private items: T[] | undefined = undefined;

  constructor(values?: Iterable<T>) {
    if (values) for (const v of values) this.add(v);
  }

  add(value: T): this {
    if (this.count === 0) {
      this.first = value;
      this.count = 1;
    } else if (this.count === 1) {
      if (!sameValueZero(this.first, value)) {
        this.items = [this.first as T, value];
        this.count = 2;
      }
    } else if (!(this.items as T[]).includes(value)) {
      (this.items as T[]).push(value);
      this.count++;
    }
    return this;
  }

  has(value: T): boolean {
    if (this.count === 1) return sameValueZero(this.first, value);
    return this.count > 1 && (this.items as T[]).includes(value);
  }

  get size(): number {
    return this.count;
  }

  forEach(fn: (value: T) => void): void {
    if (this.count === 1) fn(this.first as T);
    else if (this.count > 1) for (const v of this.items as T[]) fn(v);
  }

  /** The values as a new array (no iterator: an edge's principals are copied this way ~60k times a build). */
  toArray(): T[] {
    return this.count === 0 ? [] : this.count === 1 ? [this.first as T] : (this.items as T[]).slice();
  }

  [Symbol.iterator](): Iterator<T> {
    return this.toArray().values();
  }
}
