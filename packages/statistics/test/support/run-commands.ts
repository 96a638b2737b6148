import {
  type CommandInputEnvelope,
  createInsieme,
  describeError,
  ILLUSTRATIVE_CONFIGURATION,
  InMemoryPersonalDataVault,
} from "@insieme/domain";
import { InMemoryEventStore, type RecordedEvent, sequentialIds, steppingClock } from "@insieme/kernel";
import * as E from "fp-ts/lib/Either.js";

/** Sends commands through the domain's application service into a memory store; every command must be accepted. */
export const runCommands = async (
  commands: Iterable<CommandInputEnvelope>,
  store = new InMemoryEventStore(steppingClock("2030-01-01T00:00:00Z", 1000)),
): Promise<{ store: InMemoryEventStore; events: RecordedEvent[]; commands: CommandInputEnvelope[] }> => {
  const insieme = createInsieme({
    configuration: ILLUSTRATIVE_CONFIGURATION,
    store,
    ids: sequentialIds("ev"),
    personKey: new Uint8Array(32).fill(9),
    vault: new InMemoryPersonalDataVault(),
  });
  const sent: CommandInputEnvelope[] = [];
  for (const command of commands) {
    const result = await insieme.execute(command);
    if (E.isLeft(result))
      throw new Error(
        `scenario command ${command.commandId} (${command.type}) refused: ${describeError(result.left)}`,
      );
    sent.push(command);
  }
  return { store, events: [...store.events()], commands: sent };
};
