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

/**
 * A short list of numbers per stream (a candidate's interviews, a company's membership facts, ...): bounded by the
 * stream's facts, never by the log. A Map in memory, a plain object in a checkpoint (`toJSON`).
 */
export class KeyedLists extends Map<string, number[]> {
  toJSON(): Record<string, number[]> {
    const out: Record<string, number[]> = {};
    for (const [k, v] of this) out[k] = v;
    return out;
  }
}

/** What a projection's state holds: lists as applied, or as read back from a checkpoint. */
export type ListsState = KeyedLists | Readonly<Record<string, number[]>>;

/** The lists held in `holder[key]`, converting (once) what a checkpoint restored. */
export const listsIn = <K extends string>(holder: Record<K, ListsState>, key: K): KeyedLists => {
  const value = holder[key];
  if (value instanceof KeyedLists) return value;
  const lists = new KeyedLists(Object.entries(value));
  holder[key] = lists;
  return lists;
};

/**
 * In a list of (revision, value) pairs ordered by revision, sets the value of `revision` (inserted in order), or
 * removes the pair when `value` is null. Returns the list.
 */
export const setAtRevision = (list: number[], revision: number, value: number | null): number[] => {
  let i = 0;
  while (i < list.length && (list[i] as number) < revision) i += 2;
  const present = i < list.length && list[i] === revision;
  if (value === null) {
    if (present) list.splice(i, 2);
  } else if (present) list[i + 1] = value;
  else list.splice(i, 0, revision, value);
  return list;
};
