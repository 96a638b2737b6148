import type { Page } from "playwright-core";

/** The element that has the keyboard focus and how its focus is drawn. */
export interface FocusedElement {
  readonly id: string;
  readonly tag: string;
  readonly outlineStyle: string;
  readonly outlineWidth: string;
  readonly boxShadow: string;
}

/** What has the focus now (after a Tab, say) and whether it shows it: an outline or a ring that is not `none`. */
export const focusedElement = (page: Page): Promise<FocusedElement> =>
  page.evaluate(`(() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    return {
      id: el.id,
      tag: el.tagName.toLowerCase(),
      outlineStyle: style.outlineStyle,
      outlineWidth: style.outlineWidth,
      boxShadow: style.boxShadow,
    };
  })()`) as Promise<FocusedElement>;

/** True when the focused element draws a visible indicator (an outline of some width, or a box shadow). */
export const showsFocus = (f: FocusedElement): boolean =>
  (f.outlineStyle !== "none" && Number.parseFloat(f.outlineWidth) >= 2) || f.boxShadow !== "none";
