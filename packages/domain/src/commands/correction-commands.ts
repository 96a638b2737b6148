import { z } from "zod";
import { CorrectionAction, CorrectionReason } from "../vocabulary/correction.js";

/**
 * Corrects or voids a recorded fact: the stream and the event (by id or by revision in the stream), the action,
 * for `amend` the corrected fields (by name, as the correction rules list them), and the reason.
 */
export const CorrectFact = z.strictObject({
  stream: z
    .string()
    .regex(
      /^(candidate|company|project|fund)-[A-Za-z0-9._:-]{1,128}$/,
      "expected a candidate-, company-, project- or fund- stream id",
    ),
  /** The corrected event's id; or `revision`, its position in the stream (exactly one of the two). */
  eventId: z.string().min(1).max(128).optional(),
  revision: z.number().int().min(0).optional(),
  action: CorrectionAction,
  /**
   * The corrected fields and their new values, as an object (`amend` only; each is checked against the correction
   * rules of the corrected event's type).
   */
  fields: z.unknown().optional(),
  reason: CorrectionReason,
});

/** What the schema cannot say: one way of naming the event, fields exactly for an amendment. */
export const correctFactIssues = (d: {
  readonly eventId?: string | undefined;
  readonly revision?: number | undefined;
  readonly action: "amend" | "void";
  readonly fields?: unknown;
}): { readonly path: string; readonly message: string }[] => {
  const issues: { path: string; message: string }[] = [];
  if ((d.eventId === undefined) === (d.revision === undefined))
    issues.push({
      path: "data.eventId",
      message: "name the corrected event by eventId or by revision, not both",
    });
  const isObject = typeof d.fields === "object" && d.fields !== null && !Array.isArray(d.fields);
  if (d.action === "amend" && (!isObject || Object.keys(d.fields as object).length === 0))
    issues.push({ path: "data.fields", message: "an amendment gives the corrected fields as an object" });
  if (d.action === "void" && d.fields !== undefined)
    issues.push({ path: "data.fields", message: "a voiding gives no fields" });
  return issues;
};
