import type { Browser } from "playwright-core";

/** Headless, offline-minded flags: no first-run, no background traffic, no QUIC. */
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** How a test wants the browser besides the defaults. */
export interface ChromiumOptions {
  /**
   * Date and time fields follow the page's `lang` (an Italian page reads gg/mm/aaaa), as in a browser set to that
   * language; otherwise they follow the browser's own locale (Debian's package ships en-US only: mm/dd/yyyy).
   */
  readonly formControlsFollowLang?: boolean;
}

/**
 * Launches Debian's Chromium for a browser test (`scripts/ensure-chromium.mjs` installs it; `INSIEME_CHROMIUM`
 * points to another binary). playwright-core never downloads a browser.
 */
export const launchChromium = async (options: ChromiumOptions = {}): Promise<Browser> => {
  // Loaded here, so that a host using only the store contract needs no playwright-core.
  const { chromium } = await import("playwright-core");
  return chromium.launch({
    executablePath: process.env.INSIEME_CHROMIUM ?? "/usr/bin/chromium",
    args: options.formControlsFollowLang
      ? [...CHROMIUM_ARGS, "--enable-blink-features=LangAttributeAwareFormControlUI"]
      : CHROMIUM_ARGS,
  });
};
