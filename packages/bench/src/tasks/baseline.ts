import { open } from "node:fs/promises";
import { join } from "node:path";
import { JOURNAL_FILE } from "@insieme/journal";
import { peakRssMb, perSecond } from "../measure.js";

/** The machine's limit for this file: read it in 1 MiB chunks and JSON.parse each line, doing nothing else. */
export const baseline = async (args: { dir: string }) => {
  const t0 = performance.now();
  const file = await open(join(args.dir, JOURNAL_FILE), "r");
  const chunk = Buffer.allocUnsafe(1 << 20);
  let carry: Buffer = Buffer.alloc(0);
  let records = 0;
  let checksum = 0;
  for (;;) {
    const { bytesRead } = await file.read(chunk, 0, chunk.length, null);
    if (bytesRead === 0) break;
    const buf =
      carry.length === 0
        ? chunk.subarray(0, bytesRead)
        : Buffer.concat([carry, chunk.subarray(0, bytesRead)]);
    let start = 0;
    for (let nl = buf.indexOf(10, start); nl !== -1; nl = buf.indexOf(10, start)) {
      const parsed = JSON.parse(buf.toString("utf8", start, nl)) as Record<string, unknown>;
      if (parsed !== null) checksum++;
      records++;
      start = nl + 1;
    }
    carry = Buffer.from(buf.subarray(start));
  }
  await file.close();
  const ms = performance.now() - t0;
  return {
    records,
    parsed: checksum,
    ms: Math.round(ms),
    recordsPerSec: perSecond(records, ms),
    peakRssMb: peakRssMb(),
  };
};
