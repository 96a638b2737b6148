/**
 * A small integer per stream (a candidate's residence, a company's channel, ...). In memory a Map: event data
 * strings are not internalised, and a Map hashes them directly where an object would first internalise every
 * new key. In a checkpoint a plain object (`toJSON`), turned back into a Map on first use after loading.
 */
export class KeyedFacts extends Map<string, number> {
  toJSON(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [k, v] of this) out[k] = v;
    return out;
  }
}

/** What a projection's state holds: facts as applied, or as read back from a checkpoint. */
export type FactsState = KeyedFacts | Readonly<Record<string, number>>;

/** The facts held in `holder[key]`, converting (once) what a checkpoint restored. */
export const factsIn = <K extends string>(holder: Record<K, FactsState>, key: K): KeyedFacts => {
  const value = holder[key];
  if (value instanceof KeyedFacts) return value;
  const facts = new KeyedFacts(Object.entries(value));
  holder[key] = facts;
  return facts;
};
