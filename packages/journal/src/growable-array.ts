type NumberArray = Uint8Array | Int32Array | Uint32Array | Float64Array;

/** An append-only typed array that doubles its capacity: a few bytes per element, no per-element object. */
abstract class GrowableArray<A extends NumberArray> {
  private items: A;
  length = 0;

  constructor(initialCapacity = 1024) {
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

/** Flags. */
export class GrowableUint8Array extends GrowableArray<Uint8Array> {
  protected allocate(capacity: number): Uint8Array {
    return new Uint8Array(capacity);
  }
}

/** Positions below 2^31, with -1 for none. */
export class GrowableInt32Array extends GrowableArray<Int32Array> {
  protected allocate(capacity: number): Int32Array {
    return new Int32Array(capacity);
  }
}

/** Counts and other values below 2^32. */
export class GrowableUint32Array extends GrowableArray<Uint32Array> {
  protected allocate(capacity: number): Uint32Array {
    return new Uint32Array(capacity);
  }
}

/** Byte offsets, which may pass 4 GiB. */
export class GrowableFloat64Array extends GrowableArray<Float64Array> {
  protected allocate(capacity: number): Float64Array {
    return new Float64Array(capacity);
  }
}
