// Dense indexes for pairs of small non-negative integers (two label ids: a series' source and
// destination), in an open-addressing table of typed arrays. A Map keyed by the pair needs either a
// Map per first id (a 5,000-workload graph made ~10k of them per build) or one number key above the
// small-integer range, which V8 boxes on every lookup; this allocates nothing per lookup, and its
// arrays only when it grows. Pure.

export class PairIndex {
  private mask = 1023;
  private firsts = new Int32Array(1024);
  private seconds = new Int32Array(1024);
  /** Index + 1 of the pair in each slot; 0 is an empty slot. */
  private slots = new Int32Array(1024);
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** The pair's index (0, 1, 2, ... in the order pairs were added), or -1. */
  get(first: number, second: number): number {
    return this.slots[this.slotOf(first, second)]! - 1;
  }

  /** The pair's index, the next one when the pair is new. */
  add(first: number, second: number): number {
    let slot = this.slotOf(first, second);
    if (this.slots[slot] !== 0) return this.slots[slot]! - 1;
    if ((this.count + 1) * 2 > this.mask) {
      this.grow();
      slot = this.slotOf(first, second);
    }
    this.firsts[slot] = first;
    this.seconds[slot] = second;
    this.slots[slot] = ++this.count;
    return this.count - 1;
  }

  /** Where the pair is, or the empty slot where it goes. */
  private slotOf(first: number, second: number): number {
    let at = (Math.imul(first, 0x9e3779b1) ^ Math.imul(second, 0x85ebca6b)) & this.mask;
    while (this.slots[at] !== 0 && (this.firsts[at] !== first || this.seconds[at] !== second)) at = (at + 1) & this.mask;
    return at;
  }

  private grow(): void {
    const { firsts, seconds, slots } = this;
    this.mask = this.mask * 2 + 1;
    this.firsts = new Int32Array(this.mask + 1);
    this.seconds = new Int32Array(this.mask + 1);
    this.slots = new Int32Array(this.mask + 1);
    for (let i = 0; i < slots.length; i++) {
      if (slots[i] === 0) continue;
      const at = this.slotOf(firsts[i]!, seconds[i]!);
      this.firsts[at] = firsts[i]!;
      this.seconds[at] = seconds[i]!;
      this.slots[at] = slots[i]!;
    }
  }
}
