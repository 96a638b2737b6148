import { Worker } from "node:worker_threads";
import { defineChainFollower } from "./record-format.js";

/** How many leading lines of a chunk chain correctly; `complete` when all of them do. */
export interface ChainVerdict {
  readonly verifiedLines: number;
  readonly complete: boolean;
}

interface VerdictMessage extends ChainVerdict {
  readonly id: number;
}

/**
 * Runs in the verifier thread (its source is sent as text, so it refers only to `require` and the follower's
 * definition): follows the chain over each chunk of complete lines, in order, and stops at the first line that
 * does not chain. Only the chain is confirmed here; the replay checks every line's frame and content itself.
 */
const verifierThread = (require: NodeJS.Require, define: typeof defineChainFollower): void => {
  const { parentPort, workerData } = require("node:worker_threads") as typeof import("node:worker_threads");
  const { hash } = require("node:crypto") as typeof import("node:crypto");
  const Follower = define((data) => hash("sha256", data, "hex"));
  const chain = new Follower(workerData as string);
  let broken = false;
  parentPort?.on("message", (message: { id: number; bytes: Uint8Array }) => {
    const buf = Buffer.from(message.bytes.buffer, message.bytes.byteOffset, message.bytes.byteLength);
    let verifiedLines = 0;
    let start = 0;
    while (!broken && start < buf.length) {
      const newline = buf.indexOf(0x0a, start);
      if (newline < 0 || !chain.follow(buf, start, newline)) broken = true;
      else {
        verifiedLines++;
        start = newline + 1;
      }
    }
    parentPort.postMessage({ id: message.id, verifiedLines, complete: !broken });
  });
};

/**
 * Checks the hash chain of a sequential replay in a second thread, one chunk ahead of the thread that parses:
 * SHA-256 of every record is a sixth of a replay's work, and the parse does not need to wait for it. Lines the
 * verifier did not confirm are checked again, in order, by the replay itself, which has the last word and the
 * error message; if the thread fails, nothing is confirmed and the replay checks everything itself.
 */
export class ChainVerifier {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, (verdict: ChainVerdict) => void>();
  private nextId = 0;
  private failed = false;

  constructor(headerHash: string) {
    const source = `(${verifierThread.toString()})(require, ${defineChainFollower.toString()});`;
    this.worker = new Worker(source, { eval: true, workerData: headerHash });
    this.worker.unref();
    this.worker.on("message", (message: VerdictMessage) => {
      const resolve = this.waiting.get(message.id);
      this.waiting.delete(message.id);
      if (this.waiting.size === 0) this.worker.unref();
      resolve?.({ verifiedLines: message.verifiedLines, complete: message.complete });
    });
    this.worker.on("error", () => this.fail());
    this.worker.on("exit", () => this.fail());
  }

  /** Sends a copy of the chunk's complete lines; resolves with how many of them chain. */
  verify(lines: Buffer): Promise<ChainVerdict> {
    if (this.failed) return Promise.resolve({ verifiedLines: 0, complete: false });
    const id = this.nextId++;
    const bytes = new Uint8Array(lines.length);
    bytes.set(lines);
    const verdict = new Promise<ChainVerdict>((resolve) => this.waiting.set(id, resolve));
    // Referenced only while a verdict is awaited: an abandoned replay does not keep the process alive.
    this.worker.ref();
    this.worker.postMessage({ id, bytes }, [bytes.buffer]);
    return verdict;
  }

  async close(): Promise<void> {
    this.failed = true;
    await this.worker.terminate();
  }

  private fail(): void {
    this.failed = true;
    for (const resolve of this.waiting.values()) resolve({ verifiedLines: 0, complete: false });
    this.waiting.clear();
  }
}
