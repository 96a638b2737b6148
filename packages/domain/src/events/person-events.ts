import { defineEvent } from "@insieme/kernel";
import { z } from "zod";
import { Id } from "./common.js";

/** The person-uniqueness stream (keyed by the hash of the codice fiscale) holds at most one open case. */
export const PersonCaseOpened = defineEvent("PersonCaseOpened", z.object({ personId: Id, candidateId: Id }));

export const PersonCaseClosed = defineEvent("PersonCaseClosed", z.object({ personId: Id, candidateId: Id }));

export const personEvents = [PersonCaseOpened, PersonCaseClosed] as const;
