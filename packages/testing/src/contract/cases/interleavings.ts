import type { ExpectedRevision } from "@insieme/kernel";
import fc from "fast-check";
import * as E from "fp-ts/lib/Either.js";
import { checkEqual } from "../assert.js";
import type { ContractCase } from "../contract-case.js";
import { collect, newEvents, readAllOf, uniqueStream } from "../fixtures.js";

type Op =
  | {
      readonly kind: "append";
      readonly stream: number;
      readonly count: number;
      readonly expected: "any" | "no_stream" | "stream_exists" | "exact" | "off-by-one";
    }
  | {
      readonly kind: "readStream";
      readonly stream: number;
      readonly backwards: boolean;
      readonly maxCount: number;
    }
  | { readonly kind: "readAll" };

const opArbitrary: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant("append" as const),
    stream: fc.nat(3),
    count: fc.integer({ min: 1, max: 4 }),
    expected: fc.constantFrom(
      "any" as const,
      "no_stream" as const,
      "stream_exists" as const,
      "exact" as const,
      "off-by-one" as const,
    ),
  }),
  fc.record({
    kind: fc.constant("readStream" as const),
    stream: fc.nat(3),
    backwards: fc.boolean(),
    maxCount: fc.integer({ min: 1, max: 10 }),
  }),
  fc.constant({ kind: "readAll" as const }),
);

const expectedFor = (
  kind: Extract<Op, { kind: "append" }>["expected"],
  current: number | null,
): ExpectedRevision => {
  switch (kind) {
    case "exact":
      return current ?? 0;
    case "off-by-one":
      return (current ?? -1) + 2;
    default:
      return kind;
  }
};

const wouldAccept = (expected: ExpectedRevision, current: number | null): boolean =>
  expected === "any" ||
  (expected === "no_stream" && current === null) ||
  (expected === "stream_exists" && current !== null) ||
  expected === current;

export const interleavingCases: readonly ContractCase[] = [
  {
    group: "random interleavings (property)",
    name: "appends and reads in any order agree with a simple model of streams and the global log",
    run: async (make, options) => {
      await fc.assert(
        fc.asyncProperty(fc.array(opArbitrary, { minLength: 1, maxLength: 30 }), async (ops) => {
          const store = await make();
          try {
            const names = Array.from({ length: 4 }, () => uniqueStream("model"));
            const model = new Map<string, string[]>(names.map((n) => [n, []]));
            const globalModel: string[] = [];
            for (const op of ops) {
              if (op.kind === "append") {
                const name = names[op.stream] as string;
                const ids = model.get(name) as string[];
                const current = ids.length === 0 ? null : ids.length - 1;
                const expected = expectedFor(op.expected, current);
                const events = newEvents(op.count);
                const result = await store.append(name, events, expected);
                checkEqual(
                  E.isRight(result),
                  wouldAccept(expected, current),
                  `append ${String(expected)} at ${current}`,
                );
                if (E.isRight(result)) {
                  ids.push(...events.map((e) => e.eventId));
                  globalModel.push(...events.map((e) => e.eventId));
                  checkEqual(result.right.nextExpectedRevision, ids.length - 1, "next expected revision");
                }
              } else if (op.kind === "readStream") {
                const name = names[op.stream] as string;
                const ids = model.get(name) as string[];
                const got = await collect(
                  store.readStream(name, {
                    direction: op.backwards ? "backwards" : "forwards",
                    maxCount: op.maxCount,
                  }),
                );
                const want = (op.backwards ? [...ids].reverse() : ids).slice(0, op.maxCount);
                checkEqual(
                  got.map((e) => e.eventId),
                  want,
                  `readStream ${op.backwards ? "backwards" : "forwards"}`,
                );
              } else {
                const got = await readAllOf(store, new Set(names));
                checkEqual(
                  got.map((e) => e.eventId),
                  globalModel,
                  "readAll",
                );
              }
            }
          } finally {
            await store.close();
          }
        }),
        { numRuns: options.propertyRuns, endOnFailure: !options.shrinkFailures },
      );
    },
  },
  {
    group: "random interleavings (property)",
    name: "concurrent batches of appends keep each stream's order inside the one global order",
    run: async (make, options) => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.record({ stream: fc.nat(2), count: fc.integer({ min: 1, max: 3 }) }), {
            minLength: 1,
            maxLength: 20,
          }),
          async (batch) => {
            const store = await make();
            try {
              const names = Array.from({ length: 3 }, () => uniqueStream("race"));
              const sent = batch.map((b) => ({
                stream: names[b.stream] as string,
                events: newEvents(b.count),
              }));
              const results = await Promise.all(sent.map((s) => store.append(s.stream, s.events, "any")));
              checkEqual(results.every(E.isRight), true, "every append with any lands");
              const global = await readAllOf(store, new Set(names));
              checkEqual(
                global.length,
                sent.reduce((n, s) => n + s.events.length, 0),
                "events in the log",
              );
              for (const name of names) {
                const inStream = (await collect(store.readStream(name))).map((e) => e.eventId);
                checkEqual(
                  global.filter((e) => e.streamId === name).map((e) => e.eventId),
                  inStream,
                  `order of ${name}`,
                );
                checkEqual(
                  (await collect(store.readStream(name))).map((e) => e.revision),
                  inStream.map((_, i) => i),
                  "revisions",
                );
              }
              for (const s of sent) {
                const positions = global
                  .filter((e) => s.events.some((x) => x.eventId === e.eventId))
                  .map((e) => e.position);
                checkEqual(positions.length, s.events.length, "a batch lands whole");
              }
            } finally {
              await store.close();
            }
          },
        ),
        { numRuns: options.propertyRuns, endOnFailure: !options.shrinkFailures },
      );
    },
  },
];
