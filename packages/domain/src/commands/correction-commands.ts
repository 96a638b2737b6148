import { z } from "zod";
import { CorrectionAction, CorrectionReason } from "../vocabulary/correction.js";

/**
 * Corrects or voids a recorded fact: the stream and the event (by id or by revision in the stream), the action,
 * for `amend` the corrected fields (by name, as the correction rules list them), and the reason.
 */
export const CorrectFact = z
  .strictObject({
    stream: z
      .string()
      .regex(
        /^(candidate|company|project|fund)-[A-Za-z0-9._:-]{1,128}$/,
        "expected a candidate-, company-, project- or fund- stream id",
      ),
    eventId: z.string().min(1).max(128).optional(),
    revision: z.number().int().min(0).optional(),
    action: CorrectionAction,
    /** The corrected fields and their new values (`amend` only). */
    fields: z.record(z.string().min(1).max(64), z.unknown()).optional(),
    reason: CorrectionReason,
  })
  .refine((c) => (c.eventId === undefined) !== (c.revision === undefined), {
    message: "name the corrected event by eventId or by revision, not both",
    path: ["eventId"],
  })
  .refine((c) => (c.action === "amend") === (c.fields !== undefined && Object.keys(c.fields).length > 0), {
    message: "an amendment gives the corrected fields; a voiding gives none",
    path: ["fields"],
  });
