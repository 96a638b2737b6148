import { randomFillSync } from "node:crypto";

const POOL_BYTES = 4096;
const pool = Buffer.alloc(POOL_BYTES);
let used = POOL_BYTES;

/**
 * `size` bytes from the system CSPRNG, drawn from a pool refilled 4 KiB at a time: one system call per ~100
 * keys and IVs instead of one each (a call costs 3-6 us here, a copy from the pool well under 0.1 us).
 * Each byte is handed out once and the copy is the caller's own.
 */
export const secureRandomBytes = (size: number): Buffer => {
  if (size > POOL_BYTES) return randomFillSync(Buffer.alloc(size));
  if (used + size > POOL_BYTES) {
    randomFillSync(pool);
    used = 0;
  }
  const bytes = Buffer.from(pool.subarray(used, used + size));
  pool.fill(0, used, used + size);
  used += size;
  return bytes;
};
