import { domainRegistry } from "@insieme/domain";
import type { RecordedEvent } from "@insieme/kernel";
import fc from "fast-check";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { arbitraryCommand, arbitraryScenario, withFreshIds } from "./support/command-arbitrary.js";
import { auditor, makeWorld, operator, type World } from "./support/fixtures.js";
import { checkFund, walkCandidatePath, walkProject } from "./support/reference-model.js";

const byStream = (world: World): Map<string, RecordedEvent[]> => {
  const streams = new Map<string, RecordedEvent[]>();
  for (const e of world.store.events()) {
    const list = streams.get(e.streamId) ?? [];
    list.push(e);
    streams.set(e.streamId, list);
  }
  return streams;
};

/** Every invariant of the model, checked against the whole log and the service's own reading. */
const checkInvariants = async (world: World) => {
  const streams = byStream(world);
  const openByPerson = new Map<string, number>();
  for (const [streamId, events] of streams) {
    if (streamId.startsWith("candidate-")) {
      const status = walkCandidatePath(events);
      const view = await world.insieme.readCandidate(streamId.slice("candidate-".length), auditor);
      expect(E.isRight(view) && view.right.view === "pseudonymous" && view.right.status).toBe(status);
      const personKey = (events[0]?.data as { personKey?: string } | undefined)?.personKey ?? "";
      if (["applied", "in_target", "active"].includes(status))
        openByPerson.set(personKey, (openByPerson.get(personKey) ?? 0) + 1);
    }
  }
  for (const [streamId, events] of streams) {
    if (streamId.startsWith("fund-")) checkFund(events);
    else if (streamId.startsWith("project-")) walkProject(events);
    else if (streamId.startsWith("person-")) {
      let open: string | null = null;
      for (const e of events) {
        const candidateId = (e.data as { candidateId: string }).candidateId;
        if (e.type === "PersonCaseOpened") {
          expect(open, "one open case per person").toBeNull();
          open = candidateId;
        } else {
          expect(open).toBe(candidateId);
          open = null;
        }
      }
      expect(openByPerson.get(streamId.slice("person-".length)) ?? 0).toBe(open === null ? 0 : 1);
    }
  }
  for (const count of openByPerson.values()) expect(count).toBeLessThanOrEqual(1);
};

let run = 0;

describe("model-based properties over random command sequences", () => {
  it("invariants hold after every command, and a rejected command writes nothing", async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryScenario(60), async (generated) => {
        const world = makeWorld();
        let accepted = 0;
        for (const command of withFreshIds(generated, ++run)) {
          const head = await world.store.headPosition();
          const result = await world.insieme.execute(command);
          if (E.isLeft(result)) {
            expect(result.left._tag, JSON.stringify(result.left)).toBe("DomainError");
            expect(await world.store.headPosition()).toBe(head);
          } else accepted++;
        }
        await checkInvariants(world);
        return accepted >= 0;
      }),
      { numRuns: 150 },
    );
  });

  it("invariants hold when commands run concurrently", async () => {
    await fc.assert(
      fc.asyncProperty(
        arbitraryScenario(0).map((setup) => setup.slice(0, 5)),
        fc.array(fc.array(arbitraryCommand, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 12 }),
        async (setup, batches) => {
          const world = makeWorld();
          for (const command of withFreshIds(setup, ++run)) await world.insieme.execute(command);
          let i = 0;
          for (const batch of batches) {
            const results = await Promise.all(
              withFreshIds(batch, ++run * 100 + i++).map((c) => world.insieme.execute(c)),
            );
            for (const r of results)
              if (E.isLeft(r)) expect(["DomainError", "WrongExpectedRevision"]).toContain(r.left._tag);
          }
          await checkInvariants(world);
        },
      ),
      { numRuns: 100 },
    );
  });

  it("the commands reach the interesting states (the generator is not vacuous)", async () => {
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(arbitraryScenario(80), async (generated) => {
        const world = makeWorld();
        for (const command of withFreshIds(generated, ++run)) await world.insieme.execute(command);
        for (const e of world.store.events()) seen.add(e.type);
      }),
      { numRuns: 60, seed: 42 },
    );
    for (const type of [
      "CandidateScreened",
      "FirstInterviewHeld",
      "PlacementProposed",
      "InternshipStarted",
      "CaseClosed",
      "FundCommitted",
    ]) {
      expect(seen).toContain(type);
    }
  });

  it("erasing every person leaves every event decodable and every pseudonymous state unchanged", async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryScenario(30), async (generated) => {
        const world = makeWorld();
        for (const command of withFreshIds(generated, ++run)) await world.insieme.execute(command);
        const ids = ["c0", "c1", "c2"];
        const before = await Promise.all(ids.map((id) => world.insieme.readCandidate(id, operator)));
        for (const view of before)
          if (E.isRight(view) && view.right.view === "case")
            await world.insieme.erasePerson(view.right.personId);
        const after = await Promise.all(ids.map((id) => world.insieme.readCandidate(id, operator)));
        for (const [i, view] of after.entries()) {
          const old = before[i];
          if (old === undefined || E.isLeft(old) || old.right.view !== "case") continue;
          if (E.isLeft(view) || view.right.view !== "case") throw new Error("the case became unreadable");
          expect(view.right.state).toEqual(old.right.state);
          expect(view.right.personal).toEqual({ erased: true });
          expect(view.right.notes.every((n) => n.text.erased)).toBe(true);
        }
        for (const e of world.store.events()) expect(E.isRight(domainRegistry.decodeRecorded(e))).toBe(true);
      }),
      { numRuns: 40 },
    );
  });
});
