import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { NewEvent } from "@insieme/kernel";

/** Every file in a directory with its bytes, to show that a refused open changed nothing. */
export const snapshot = async (dir: string): Promise<Record<string, string>> => {
  const out: Record<string, string> = {};
  for (const name of (await readdir(dir)).sort())
    out[name] = (await readFile(join(dir, name))).toString("base64");
  return out;
};

let counter = 0;

export const event = (data: unknown = { n: counter }): NewEvent => {
  counter++;
  return {
    eventId: `evt-${String(counter).padStart(6, "0")}`,
    type: "ThingHappened",
    version: 1,
    data,
    occurredAt: "2017-05-02T09:00:00.000Z",
    correlationId: null,
    causationId: null,
    actor: { id: "operator-1", role: "operator" },
  };
};

export const events = (count: number): NewEvent[] => Array.from({ length: count }, (_, i) => event({ i }));

export const collect = async <T>(iterable: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
};
