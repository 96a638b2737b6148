import { type EventStore, NamespacedEventStore, NamespacesUnsupported } from "@insieme/kernel";
import { z } from "zod";
import { CliError } from "./errors.js";

/** Read when `--programme` is not given, so a deployment can name its programme once. */
export const PROGRAMME_ENV = "INSIEME_PROGRAMME";

const Programme = z
  .string()
  .regex(/^[a-z0-9-]{1,64}$/, "must be 1-64 lowercase letters, digits or - (the programme's namespace)");

/** `--programme` as commander gives it (checked again with the environment's value by `programmeOption`). */
export const programmeField = z.string().optional();

/**
 * The programme a command works on in a store several programmes share: `--programme ID`, else
 * `$INSIEME_PROGRAMME`; null when neither is set (the store holds one programme, under no namespace).
 */
export const programmeOption = (option: string | undefined): string | null => {
  const [value, from] =
    option !== undefined ? [option, "--programme"] : [process.env[PROGRAMME_ENV], PROGRAMME_ENV];
  if (value === undefined || value === "") return null;
  const parsed = Programme.safeParse(value);
  if (!parsed.success) throw new CliError(`${from}: ${parsed.error.issues[0]?.message ?? "invalid"}`, 2);
  return parsed.data;
};

/** The programme's view of a store (its streams only), or the store itself when no programme is named. */
export const inProgramme = (store: EventStore, programme: string | null): EventStore => {
  if (programme === null) return store;
  try {
    return new NamespacedEventStore(store, programme);
  } catch (error) {
    if (error instanceof NamespacesUnsupported) throw new CliError(`--programme: ${error.message}`, 2);
    throw error;
  }
};
