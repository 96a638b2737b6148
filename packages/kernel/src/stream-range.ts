import type { ReadStreamOptions } from "./event-store.js";

/** Turns read options into index bounds over a stream of `length` events: [start, end) forwards, (end, start] backwards. */
export const resolveStreamRange = (
  length: number,
  options: ReadStreamOptions,
): { readonly start: number; readonly end: number; readonly step: 1 | -1 } => {
  const max = options.maxCount ?? Number.POSITIVE_INFINITY;
  if (options.direction === "backwards") {
    const from = options.fromRevision;
    const start =
      from === undefined || from === "end" ? length - 1 : from === "start" ? 0 : Math.min(from, length - 1);
    return { start, end: Math.max(-1, start - max), step: -1 };
  }
  const from = options.fromRevision;
  const start = from === undefined || from === "start" ? 0 : from === "end" ? length : from;
  return { start, end: Math.min(length, start + max), step: 1 };
};
