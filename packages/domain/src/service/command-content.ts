import type { Command } from "../commands/envelope.js";

/**
 * What makes two commands with the same id the same command: type, actor, data, correlation and the time as the
 * sender gave it (a time filled in from the clock because the sender left it out differs on a retry, so it is
 * left out too).
 */
export const commandContent = (cmd: Command, input: unknown): unknown => {
  const given = (input as { occurredAt?: unknown }).occurredAt;
  return {
    type: cmd.type,
    actor: cmd.actor,
    data: cmd.data,
    correlationId: cmd.correlationId ?? null,
    occurredAt: given === undefined ? null : cmd.occurredAt,
  };
};
