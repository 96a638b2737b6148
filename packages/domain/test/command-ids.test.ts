import { createInsieme, ILLUSTRATIVE_CONFIGURATION, type InsiemeError } from "@insieme/domain";
import { InMemoryEventStore, sequentialIds, tagOfEventId } from "@insieme/kernel";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { application, cmd, HMAC_KEY, joinBoard, makeWorld } from "./support/fixtures.js";
import { must } from "./support/outcomes.js";

const ruleOf = (r: E.Either<InsiemeError, unknown>): string | undefined =>
  E.isLeft(r) && r.left._tag === "DomainError" ? r.left.rule : undefined;

const note = (candidateId: string, i: number) =>
  cmd("RecordCaseNote", { candidateId, noteId: `n${i}`, text: `note ${i}` });

describe("command ids are unique across the whole store", () => {
  it("given a stream with 200 commands, when its first command comes again, then it is a duplicate and nothing is written", async () => {
    const w = makeWorld();
    const applied = application("c1", 1);
    await must(w.insieme.execute(applied));
    const notes = Array.from({ length: 200 }, (_, i) => note("c1", i));
    for (const n of notes) await must(w.insieme.execute(n));
    const head = await w.store.headPosition();
    for (const again of [applied, notes[0], notes[100], notes[199]]) {
      const outcome = await must(w.insieme.execute(again));
      expect(outcome.duplicate).toBe(true);
    }
    expect(await w.store.headPosition()).toBe(head);
  });

  it("given commands written before a restart, when they come again to a new instance, then they are duplicates", async () => {
    const w = makeWorld();
    const commands = [application("c1", 2), ...Array.from({ length: 100 }, (_, i) => note("c1", i))];
    for (const c of commands) await must(w.insieme.execute(c));
    const head = await w.store.headPosition();
    const restarted = createInsieme({
      store: w.store,
      ids: sequentialIds("after-restart"),
      personKey: HMAC_KEY,
      configuration: ILLUSTRATIVE_CONFIGURATION,
      vault: w.vault,
    });
    for (const c of commands) expect((await must(restarted.execute(c))).duplicate).toBe(true);
    expect(await w.store.headPosition()).toBe(head);
  });

  it("given a used command id, when a different command comes with it on the same stream, then it is refused command-id-reused", async () => {
    const w = makeWorld();
    await must(w.insieme.execute(application("c1", 3)));
    const first = note("c1", 1);
    await must(w.insieme.execute(first));
    const head = await w.store.headPosition();
    const different = { ...first, data: { ...first.data, noteId: "n2", text: "another note" } };
    expect(ruleOf(await w.insieme.execute(different))).toBe("command-id-reused");
    const otherTime = { ...first, occurredAt: "2018-03-02T09:00:00Z" };
    expect(ruleOf(await w.insieme.execute(otherTime))).toBe("command-id-reused");
    expect(await w.store.headPosition()).toBe(head);
  });

  it("given a used command id, when a command for another stream comes with it, then it is refused command-id-reused", async () => {
    const w = makeWorld();
    const join = joinBoard("acme");
    await must(w.insieme.execute(join));
    const head = await w.store.headPosition();
    const elsewhere = { ...joinBoard("other-co"), commandId: join.commandId };
    expect(ruleOf(await w.insieme.execute(elsewhere))).toBe("command-id-reused");
    const onACandidate = { ...application("c9", 9), commandId: join.commandId };
    expect(ruleOf(await w.insieme.execute(onACandidate))).toBe("command-id-reused");
    expect(await w.store.headPosition()).toBe(head);
    // ... and after a restart too.
    const restarted = createInsieme({
      store: w.store,
      ids: sequentialIds("r"),
      personKey: HMAC_KEY,
      configuration: ILLUSTRATIVE_CONFIGURATION,
      vault: w.vault,
    });
    expect(ruleOf(await restarted.execute(elsewhere))).toBe("command-id-reused");
    expect((await must(restarted.execute(join))).duplicate).toBe(true);
    expect(await w.store.headPosition()).toBe(head);
  });

  it("given the same command sent twice at once, then one writes and the other is its duplicate", async () => {
    const w = makeWorld();
    const join = joinBoard("acme");
    const [a, b] = await Promise.all([must(w.insieme.execute(join)), must(w.insieme.execute(join))]);
    expect([a.duplicate, b.duplicate].sort()).toEqual([false, true]);
    expect([...w.store.events()].filter((e) => e.causationId === join.commandId)).toHaveLength(1);
  });

  it("a retry of a command sent without occurredAt (filled from the clock) is the same command", async () => {
    const w = makeWorld();
    const { occurredAt: _, ...withoutTime } = joinBoard("acme");
    await must(w.insieme.execute(withoutTime));
    expect((await must(w.insieme.execute(withoutTime))).duplicate).toBe(true);
  });

  it("recognises commands whose events were written before event ids carried the command's tag", async () => {
    const store = new InMemoryEventStore();
    const written = await store.append(
      "company-acme",
      [
        {
          eventId: "legacy-1",
          type: "CompanyJoinedBoard",
          version: 1,
          data: {
            companyId: "acme",
            name: "Company acme",
            channel: "confcommercio",
            size: "small",
            sector: "I",
            municipalityIstat: "037006",
          },
          occurredAt: "2018-03-01T09:00:00Z",
          correlationId: "legacy-join",
          causationId: "legacy-join",
          actor: { id: "op-1", role: "operator" },
        },
      ],
      "no_stream",
    );
    expect(E.isRight(written)).toBe(true);
    const insieme = createInsieme({
      store,
      ids: sequentialIds("x"),
      personKey: HMAC_KEY,
      configuration: ILLUSTRATIVE_CONFIGURATION,
      vault: makeWorld().vault,
    });
    const join = { ...joinBoard("acme"), commandId: "legacy-join" };
    expect((await must(insieme.execute(join))).duplicate).toBe(true);
    expect(ruleOf(await insieme.execute({ ...joinBoard("beta"), commandId: "legacy-join" }))).toBe(
      "command-id-reused",
    );
  });
});

describe("event ids carry a keyed tag of their command, not its content", () => {
  it("an attacker reading event ids cannot tell two commands' contents apart without the key", async () => {
    const w = makeWorld();
    await must(w.insieme.execute(application("c1", 4)));
    const ids = [...w.store.events()].map((e) => e.eventId);
    const tags = new Set(ids.map(tagOfEventId));
    expect(tags.size).toBe(1);
    expect([...tags][0]).not.toBeNull();
    // The same command under another key gives another tag: the tag is not a plain hash of the content.
    const other = createInsieme({
      store: new InMemoryEventStore(),
      ids: sequentialIds("id"),
      personKey: new Uint8Array(32).fill(1),
      configuration: ILLUSTRATIVE_CONFIGURATION,
      vault: makeWorld().vault,
    });
    const outcome = await must(other.execute(application("c1", 4)));
    expect(outcome.written.length).toBeGreaterThan(0);
    const text = JSON.stringify(ids);
    expect(text).not.toContain(application("c1", 4).data.personal.codiceFiscale);
  });
});
