type NumberArray = Uint32Array | Float64Array;

/**
 * An append-only typed array that doubles its capacity: a few bytes per element, no per-element object.
 * `allocate` lives on the prototype, so an instance (one per stream in the index) carries only its array and length.
 */
abstract class GrowableArray<A extends NumberArray> {
  private items: A;
  length = 0;

  constructor(initialCapacity: number) {
    this.items = this.allocate(initialCapacity);
  }

  protected abstract allocate(capacity: number): A;

  push(value: number): void {
    if (this.length === this.items.length) {
      const grown = this.allocate(this.items.length * 2);
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

/** Revisions, lengths and other values below 2^32. */
export class GrowableUint32Array extends GrowableArray<Uint32Array> {
  constructor(initialCapacity = 4) {
    super(initialCapacity);
  }

  protected allocate(capacity: number): Uint32Array {
    return new Uint32Array(capacity);
  }
}

/** Byte offsets, which may pass 4 GiB. */
export class GrowableFloat64Array extends GrowableArray<Float64Array> {
  constructor(initialCapacity = 1024) {
    super(initialCapacity);
  }

  protected allocate(capacity: number): Float64Array {
    return new Float64Array(capacity);
  }
}
