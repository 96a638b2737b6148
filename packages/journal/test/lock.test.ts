import { spawnSync } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import * as E from "fp-ts/lib/Either.js";
import { afterAll, describe, expect, it } from "vitest";
import { LOCK_FILE, openJournal } from "../src/index.js";
import { collect, events, snapshot } from "./journal-files.js";
import { mustOpen, removeTempDirs, tempDir } from "./temp-journal.js";

afterAll(removeTempDirs);

/** The pid of a process that has already exited. */
const deadPid = (): number => {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], {
    encoding: "utf8",
  });
  return Number(child.stdout);
};

describe("the writer lock", () => {
  it("lets one writer in and refuses a second with the owner's pid, changing nothing", async () => {
    const dir = await tempDir();
    const writer = await mustOpen(dir, { create: true });
    await writer.append("s", events(2), "no_stream");
    const before = await snapshot(dir);
    const second = await openJournal(dir);
    expect(E.isLeft(second) && second.left._tag).toBe("JournalLocked");
    if (E.isLeft(second) && second.left._tag === "JournalLocked") expect(second.left.pid).toBe(process.pid);
    expect(await snapshot(dir)).toEqual(before);
    await writer.close();
    const third = await mustOpen(dir);
    expect((await third.streamState("s")).revision).toBe(1);
    await third.close();
  });

  it("releases the lock on close", async () => {
    const dir = await tempDir();
    await (await mustOpen(dir, { create: true })).close();
    expect(Object.keys(await snapshot(dir))).toEqual(["journal.ndjson"]);
  });

  it("replaces a stale lock whose process is gone", async () => {
    const dir = await tempDir();
    await (await mustOpen(dir, { create: true })).close();
    const stale = { pid: deadPid(), host: hostname(), since: "2017-05-02T09:00:00.000Z", token: "stale" };
    await writeFile(join(dir, LOCK_FILE), JSON.stringify(stale));
    const store = await mustOpen(dir);
    await store.close();
    expect(Object.keys(await snapshot(dir))).toEqual(["journal.ndjson"]);
  });

  it("does not break a lock held from another host", async () => {
    const dir = await tempDir();
    await (await mustOpen(dir, { create: true })).close();
    const remote = {
      pid: deadPid(),
      host: `${hostname()}-elsewhere`,
      since: "2017-05-02T09:00:00.000Z",
      token: "remote",
    };
    await writeFile(join(dir, LOCK_FILE), JSON.stringify(remote));
    const opened = await openJournal(dir);
    expect(E.isLeft(opened) && opened.left._tag).toBe("JournalLocked");
  });

  it("lets readers open while a writer holds the lock, and they follow what it appends", async () => {
    const dir = await tempDir();
    const writer = await mustOpen(dir, { create: true });
    await writer.append("s", events(2), "no_stream");
    const reader = await mustOpen(dir, { readOnly: true, pollIntervalMs: 10 });
    expect((await collect(reader.readStream("s"))).length).toBe(2);
    const subscription = reader.subscribe({ after: await reader.headPosition() });
    const iterator = subscription[Symbol.asyncIterator]();
    expect((await iterator.next()).value?.kind).toBe("caughtUp");
    const live = iterator.next();
    const appended = await writer.append("s", events(1), 1);
    const message = await live;
    expect(message.value?.kind === "event" && message.value.event.position).toBe(
      E.isRight(appended) ? appended.right.positions[0] : -1,
    );
    await subscription.close();
    expect((await reader.streamState("s")).revision).toBe(2);
    expect(await reader.headPosition()).toBe(await writer.headPosition());
    await expect(reader.append("s", events(1), "any")).rejects.toThrow(/read-only/);
    await reader.close();
    await writer.close();
  });
});
