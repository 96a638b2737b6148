import { readStreamBatches } from "@insieme/kernel";
import { check, checkEqual, right } from "../assert.js";
import { type ContractCase, withStore } from "../contract-case.js";
import { newEvents, uniqueStream } from "../fixtures.js";

export const largeStreamCases: readonly ContractCase[] = [
  {
    group: "large streams",
    name: "a stream of 100k+ events is written in batches and read back in order, both ways and in batches",
    run: (make, options) =>
      withStore(make, async (store) => {
        const s = uniqueStream("large");
        const size = options.largeStreamSize;
        const batch = 1000;
        for (let written = 0; written < size; written += batch) {
          const count = Math.min(batch, size - written);
          right(
            await store.append(s, newEvents(count), written === 0 ? "no_stream" : written - 1),
            `batch at ${written}`,
          );
        }
        let expected = 0;
        for await (const event of store.readStream(s)) {
          if (event.revision !== expected)
            check(false, `revision ${event.revision} read where ${expected} was expected`);
          expected++;
        }
        checkEqual(expected, size, "events read forwards");
        let first = true;
        let backwards = 0;
        for await (const event of store.readStream(s, { direction: "backwards" })) {
          if (first) checkEqual(event.revision, size - 1, "first event read backwards");
          first = false;
          backwards++;
        }
        checkEqual(backwards, size, "events read backwards");
        let batched = 0;
        let batches = 0;
        for await (const batch of readStreamBatches(store, s)) {
          for (const event of batch) {
            if (event.revision !== batched)
              check(false, `revision ${event.revision} batched where ${batched} was expected`);
            batched++;
          }
          batches++;
        }
        checkEqual(batched, size, "events read in batches");
        check(batches > 1, "a large stream is read in more than one batch");
        checkEqual((await store.streamState(s)).revision, size - 1, "stream revision");
      }),
  },
];
