import { z } from "zod";
import { reportSchema } from "./model.js";

/** The report's JSON Schema (draft 2020-12), generated from the zod schema that also validates reports. */
export const reportJsonSchema = (): Record<string, unknown> =>
  z.toJSONSchema(reportSchema, { target: "draft-2020-12" }) as Record<string, unknown>;
