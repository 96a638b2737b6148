type NumberArray = Uint8Array | Int32Array | Uint32Array | Float64Array;

/** An append-only typed array that doubles its capacity: a few bytes per element, no per-element object. */
export class GrowableArray<A extends NumberArray> {
  private items: A;
  length = 0;

  /** `kind`: the typed array to hold the values in (its element type bounds them: Int32Array for -1..2^31 - 1, ...). */
  constructor(
    private readonly kind: new (capacity: number) => A,
    initialCapacity = 1024,
  ) {
    this.items = new kind(initialCapacity);
  }

  push(value: number): void {
    if (this.length === this.items.length) {
      const grown = new this.kind(this.items.length * 2);
      grown.set(this.items);
      this.items = grown;
    }
    this.items[this.length++] = value;
  }

  at(index: number): number {
    this.check(index);
    return this.items[index] as number;
  }

  set(index: number, value: number): void {
    this.check(index);
    this.items[index] = value;
  }

  private check(index: number): void {
    if (index < 0 || index >= this.length)
      throw new RangeError(`index ${index} out of 0..${this.length - 1}`);
  }
}
