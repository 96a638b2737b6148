import { defineEvent } from "@insieme/kernel";
import { z } from "zod";
import { CorrectionAction, CorrectionReason } from "../vocabulary/correction.js";
import { Id } from "./common.js";

/**
 * A recorded fact corrected (`amend`: `data` is the event's whole corrected data) or voided (`void`: `data` is
 * null) by a later command. The corrected event stays in the stream as it was recorded; the stream's state and the
 * statistics read it as corrected from this event on. Written on the stream of the event it corrects. It carries
 * what it replaces (`previousData`, `correctedOccurredAt`), so that a consumer reading the log once (the
 * statistics) takes the fact off as it stood and counts it as corrected without reading anything else.
 */
export const FactCorrected = defineEvent(
  "FactCorrected",
  z.object({
    /** The corrected event: its id, its revision in this stream and its type. */
    correctedEventId: z.string().min(1).max(128),
    correctedRevision: z.number().int().min(0),
    correctedType: z.string().min(1).max(64),
    action: CorrectionAction,
    /**
     * The corrected event's whole data after the correction (`amend`), or null (`void`): checked against the
     * corrected event's own schema when the correction is decided.
     */
    data: z.unknown(),
    /**
     * The corrected event's whole data as it stood just before this correction: as recorded, or as an earlier
     * amendment left it (a voided event is not corrected again, so never null for a written correction).
     */
    previousData: z.unknown(),
    /** The corrected event's `occurredAt` (ISO-8601): the day it is counted on. */
    correctedOccurredAt: z.string().min(1).max(40),
    /** The fields the correction changed (`amend`), for the audit trail. */
    fields: z.array(z.string().min(1).max(64)),
    reason: CorrectionReason,
    /** Who asked for the correction (also in the event's envelope). */
    correctedBy: z.object({ id: Id, role: z.string().min(1).max(32) }),
  }),
);

export const correctionEvents = [FactCorrected] as const;
