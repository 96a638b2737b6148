import { readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { FileCheckpointStore } from "../src/index.js";
import { removeTempDirs, tempDir } from "./temp-journal.js";

afterAll(removeTempDirs);

describe("FileCheckpointStore", () => {
  it("has nothing for a projection never saved", async () => {
    const store = new FileCheckpointStore(join(await tempDir(), "checkpoints"));
    expect(await store.load("trend")).toBeNull();
  });

  it("saves state and position together and reads them back, the last save winning", async () => {
    const dir = await tempDir();
    const store = new FileCheckpointStore(dir);
    await store.save({ projection: "trend", version: 1, position: 10, state: { months: { "2017-05": 3 } } });
    await store.save({
      projection: "trend",
      version: 2,
      position: 42,
      state: { months: { "2017-05": 4, "2017-06": 1 } },
    });
    const reopened = new FileCheckpointStore(dir);
    expect(await reopened.load("trend")).toEqual({
      projection: "trend",
      version: 2,
      position: 42,
      state: { months: { "2017-05": 4, "2017-06": 1 } },
    });
    expect(await readdir(dir)).toEqual(["trend.json"]);
  });

  it("keeps projections apart, whatever characters their names hold", async () => {
    const dir = await tempDir();
    const store = new FileCheckpointStore(dir);
    await store.save({ projection: "stats/soggetti invianti", version: 1, position: null, state: [] });
    await store.save({ projection: "stats", version: 1, position: 3, state: [1] });
    expect((await store.load("stats/soggetti invianti"))?.position).toBeNull();
    expect((await store.load("stats"))?.state).toEqual([1]);
  });

  it("deletes a checkpoint, and deleting a missing one is fine", async () => {
    const store = new FileCheckpointStore(await tempDir());
    await store.save({ projection: "trend", version: 1, position: 1, state: {} });
    await store.delete("trend");
    await store.delete("trend");
    expect(await store.load("trend")).toBeNull();
  });

  it("refuses a damaged checkpoint file with a message naming it", async () => {
    const dir = await tempDir();
    const store = new FileCheckpointStore(dir);
    await writeFile(join(dir, "trend.json"), '{"projection":"trend","version":"one"}');
    await expect(store.load("trend")).rejects.toThrow(/trend\.json is invalid: version/);
    await writeFile(join(dir, "trend.json"), "{");
    await expect(store.load("trend")).rejects.toThrow(/trend\.json is not JSON/);
  });
});
