import { defineEvent } from "@insieme/kernel";
import { z } from "zod";
import { Id, PersonKey } from "./common.js";

/** The person-uniqueness stream (keyed by the hash of the codice fiscale) holds at most one open case. */
export const PersonCaseOpened = defineEvent("PersonCaseOpened", z.object({ personId: Id, candidateId: Id }));

export const PersonCaseClosed = defineEvent("PersonCaseClosed", z.object({ personId: Id, candidateId: Id }));

/**
 * The person's index entry (stream `personid-<personId>`), written once with the person's first application: it
 * leads from the person's id to their person stream (keyed by the hash of the codice fiscale) without a scan, so
 * the person's history is read by id.
 */
export const PersonIdentified = defineEvent(
  "PersonIdentified",
  z.object({ personId: Id, personKey: PersonKey }),
);

export const personEvents = [PersonCaseOpened, PersonCaseClosed, PersonIdentified] as const;
