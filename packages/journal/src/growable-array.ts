/** An append-only typed array that doubles its capacity: a few bytes per element, no per-element object. */
export class GrowableUint32Array {
  private items: Uint32Array;
  length = 0;

  constructor(initialCapacity = 4) {
    this.items = new Uint32Array(initialCapacity);
  }

  push(value: number): void {
    if (this.length === this.items.length) {
      const grown = new Uint32Array(this.items.length * 2);
      grown.set(this.items);
      this.items = grown;
    }
    this.items[this.length++] = value;
  }

  at(index: number): number {
    if (index < 0 || index >= this.length)
      throw new RangeError(`index ${index} out of 0..${this.length - 1}`);
    return this.items[index] as number;
  }
}

/** Like GrowableUint32Array, for byte offsets past 4 GiB. */
export class GrowableFloat64Array {
  private items: Float64Array;
  length = 0;

  constructor(initialCapacity = 1024) {
    this.items = new Float64Array(initialCapacity);
  }

  push(value: number): void {
    if (this.length === this.items.length) {
      const grown = new Float64Array(this.items.length * 2);
      grown.set(this.items);
      this.items = grown;
    }
    this.items[this.length++] = value;
  }

  at(index: number): number {
    if (index < 0 || index >= this.length)
      throw new RangeError(`index ${index} out of 0..${this.length - 1}`);
    return this.items[index] as number;
  }
}
