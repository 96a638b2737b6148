import { createRequire } from "node:module";
import type { Page } from "playwright-core";

/** The WCAG 2.1 level AA rules of axe-core, as the AgID guidelines ask for. */
export const WCAG_21_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] as const;

/** One rule a page breaks, with the elements that break it (CSS selectors) and axe's own summary. */
export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly targets: readonly string[];
}

const axeSource = (): string => (createRequire(import.meta.url)("axe-core") as { source: string }).source;

/**
 * Runs axe-core in the page as it is now (call it after the page has rendered) with the given tags; returns the
 * violations (an empty list is a pass). The page needs no network: axe's source is injected from the package.
 */
export const axeViolations = async (
  page: Page,
  tags: readonly string[] = WCAG_21_AA_TAGS,
): Promise<AxeViolation[]> => {
  if (!(await page.evaluate("typeof window.axe === 'object'")))
    await page.addScriptTag({ content: axeSource() });
  return (await page.evaluate(`(async () => {
    const result = await axe.run(document, { runOnly: { type: "tag", values: ${JSON.stringify(tags)} } });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(" ")),
    }));
  })()`)) as AxeViolation[];
};
