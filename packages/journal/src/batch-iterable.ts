/**
 * An async iterable fed one batch at a time: each `fill` is one asynchronous step (a large read), after which
 * items are handed out from memory without a generator resumption per item. `fill` returns null when done.
 */
export const batchIterable = <T>(
  fill: () => Promise<readonly T[] | null>,
  finish: () => Promise<void>,
): AsyncIterable<T> => ({
  [Symbol.asyncIterator]: (): AsyncIterator<T> => {
    let batch: readonly T[] = [];
    let next = 0;
    let done = false;
    const end = async (): Promise<IteratorResult<T>> => {
      if (!done) {
        done = true;
        await finish();
      }
      return { value: undefined, done: true };
    };
    const refill = async (): Promise<IteratorResult<T>> => {
      while (!done) {
        let filled: readonly T[] | null;
        try {
          filled = await fill();
        } catch (error) {
          await end();
          throw error;
        }
        if (filled === null) return end();
        if (filled.length > 0) {
          batch = filled;
          next = 1;
          return { value: filled[0] as T, done: false };
        }
      }
      return { value: undefined, done: true };
    };
    return {
      next: () =>
        next < batch.length ? Promise.resolve({ value: batch[next++] as T, done: false }) : refill(),
      return: end,
    };
  },
});

/** The batches themselves, one per `fill` (empty ones skipped), for readers that take arrays. */
export const batchArrays = <T>(
  fill: () => Promise<readonly T[] | null>,
  finish: () => Promise<void>,
): AsyncIterable<readonly T[]> => ({
  [Symbol.asyncIterator]: (): AsyncIterator<readonly T[]> => {
    let done = false;
    const end = async (): Promise<IteratorResult<readonly T[]>> => {
      if (!done) {
        done = true;
        await finish();
      }
      return { value: undefined, done: true };
    };
    return {
      next: async () => {
        while (!done) {
          let filled: readonly T[] | null;
          try {
            filled = await fill();
          } catch (error) {
            await end();
            throw error;
          }
          if (filled === null) return end();
          if (filled.length > 0) return { value: filled, done: false };
        }
        return { value: undefined, done: true };
      },
      return: end,
    };
  },
});
