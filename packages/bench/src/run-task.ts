import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const worker = fileURLToPath(new URL("./worker.js", import.meta.url));

/** Runs one task in its own Node process and returns the JSON line it prints. */
export const runTask = <T>(
  task: string,
  args: Record<string, unknown>,
  heapMb = 4096,
  nodeFlags: readonly string[] = [],
): Promise<T> =>
  new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [`--max-old-space-size=${heapMb}`, ...nodeFlags, worker, task, JSON.stringify(args)],
      {
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    let out = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      out += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) reject(new Error(`bench task ${task} exited with ${code}`));
      else resolve(JSON.parse(out.trim().split("\n").pop() ?? "{}") as T);
    });
  });
