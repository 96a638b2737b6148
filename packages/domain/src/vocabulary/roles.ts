import { z } from "zod";

/** Who acts on the engine. Companies act only on their own stream and see only proposed candidates' CVs. */
export const Role = z.enum(["operator", "technical_referent", "company", "auditor"]);
export type Role = z.infer<typeof Role>;
