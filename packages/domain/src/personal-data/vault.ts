import { secureRandomBytes } from "./random-pool.js";

/**
 * Holds one data key per person. Destroying a key is the erasure: sealed personal data stays in the events,
 * unreadable for ever, while every event still decodes and every statistic is unchanged.
 */
export interface PersonalDataVault {
  /** The person's key, created on first use. */
  keyFor(personId: string): Promise<Uint8Array>;
  /** The person's key, or null when it never existed or was destroyed. */
  existingKey(personId: string): Promise<Uint8Array | null>;
  /** Destroys the key (idempotent). */
  destroy(personId: string): Promise<void>;
}

export const newDataKey = (): Uint8Array => secureRandomBytes(32);

export class InMemoryPersonalDataVault implements PersonalDataVault {
  private readonly keys = new Map<string, Uint8Array>();

  async keyFor(personId: string): Promise<Uint8Array> {
    let key = this.keys.get(personId);
    if (key === undefined) {
      key = newDataKey();
      this.keys.set(personId, key);
    }
    return key;
  }

  async existingKey(personId: string): Promise<Uint8Array | null> {
    return this.keys.get(personId) ?? null;
  }

  async destroy(personId: string): Promise<void> {
    this.keys.get(personId)?.fill(0);
    this.keys.delete(personId);
  }
}
