import type { z } from "zod";

/** One readable line per zod issue: `field.path: message`. Used at every boundary that parses input. */
export const formatZodError = (error: z.ZodError, prefix = ""): string =>
  error.issues
    .map((issue) => {
      const path = [prefix, ...issue.path.map(String)].filter((p) => p !== "").join(".");
      return path === "" ? issue.message : `${path}: ${issue.message}`;
    })
    .join("; ");
