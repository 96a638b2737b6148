import { mkdir, open, rm } from "node:fs/promises";
import { join } from "node:path";
import { latencySummary } from "../measure.js";

/**
 * The disk's own limit for a durable append: a bare write of `bytes` at the end of a file followed by
 * `fdatasync`, `count` times, in the directory the journal benchmark uses (so on the same disk, in the same run).
 */
export const fsyncTask = async (args: { dir: string; count: number; bytes: number }) => {
  await mkdir(args.dir, { recursive: true, mode: 0o700 });
  const path = join(args.dir, "fsync-probe");
  const file = await open(path, "w", 0o600);
  const block = Buffer.alloc(args.bytes, 0x61);
  const latencies = new Float64Array(args.count);
  try {
    for (let i = 0; i < args.count; i++) {
      const started = performance.now();
      await file.write(block, 0, block.length, i * block.length);
      await file.datasync();
      latencies[i] = performance.now() - started;
    }
  } finally {
    await file.close();
    await rm(path, { force: true });
  }
  return { count: args.count, bytes: args.bytes, ...latencySummary(latencies) };
};
