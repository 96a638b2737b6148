import { z } from "zod";

/** How a company joined the Board di imprese: the channels of the "Aziende in numeri" table. */
export const BoardChannel = z.enum([
  "direct",
  "non_partner",
  "legacoop",
  "confcooperative",
  "cna",
  "confindustria",
  "confcommercio",
  "confesercenti",
  "confartigianato",
]);
export type BoardChannel = z.infer<typeof BoardChannel>;

/** EU size classes by headcount: micro < 10, small < 50, medium < 250, large. */
export const CompanySize = z.enum(["micro", "small", "medium", "large"]);
export type CompanySize = z.infer<typeof CompanySize>;

/** ATECO 2007 section (A agriculture ... U extraterritorial organisations). */
export const AtecoSection = z.enum([
  "A",
  "B",
  "C",
  "D",
  "E",
  "F",
  "G",
  "H",
  "I",
  "J",
  "K",
  "L",
  "M",
  "N",
  "O",
  "P",
  "Q",
  "R",
  "S",
  "T",
  "U",
]);
export type AtecoSection = z.infer<typeof AtecoSection>;

/** ISTAT CP2011 major occupation group, 1 (managers) to 9 (elementary occupations). */
export const OccupationGroup = z.number().int().min(1).max(9);

export const OpportunityKind = z.enum(["internship", "job"]);
export type OpportunityKind = z.infer<typeof OpportunityKind>;

export const CompanyLeaveReason = z.enum(["withdrew", "ceased_activity", "excluded", "other"]);
export type CompanyLeaveReason = z.infer<typeof CompanyLeaveReason>;
