import type { Page } from "playwright-core";

/** How wide the page's content is against the viewport (CSS pixels). */
export interface PageWidth {
  readonly viewport: number;
  readonly content: number;
}

/**
 * The page's width as the browser lays it out: WCAG 1.4.10 (reflow) holds when `content <= viewport`, i.e. the
 * page never scrolls sideways (a table scrolling inside its own wrapper does not widen the page).
 */
export const pageWidth = (page: Page): Promise<PageWidth> =>
  page.evaluate(`({
    viewport: document.documentElement.clientWidth,
    content: Math.max(document.documentElement.scrollWidth, document.body.scrollWidth),
  })`) as Promise<PageWidth>;
