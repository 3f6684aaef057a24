// The one place that knows which browser engine runs the end-to-end tests.
//
//   E2E_BROWSER=chromium node --test tests/e2e/     (the default; Debian's /usr/bin/chromium)
//
// Everything else in tests/e2e/ uses only the Playwright Page API through this module, so a
// later task can add Firefox and WebKit here (playwright-core's `firefox` / `webkit` launchers
// need Playwright's own patched browser builds, which this network cannot download; Debian's
// firefox-esr and WebKitGTK are driven through WebDriver instead: see TOOLCHAIN.md §7).
//
// Never downloads a browser: the executable path is always given.

import { chromium } from 'playwright-core';

export const ENGINE = process.env.E2E_BROWSER || 'chromium';

/** Chromium flags that work here (TOOLCHAIN.md §4): without the background-networking ones,
 * Chromium keeps trying outside connections that this network refuses. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Launches the browser engine under test (headless).
 * @param {string} [engine] 'chromium' (default: $E2E_BROWSER or 'chromium')
 * @returns {Promise<import('playwright-core').Browser>}
 */
export async function launchBrowser(engine = ENGINE) {
  switch (engine) {
    case 'chromium':
      return chromium.launch({
        executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
        args: CHROMIUM_ARGS,
        headless: true,
      });
    default:
      throw new Error(
        `E2E_BROWSER=${engine}: not wired yet. launchBrowser() in tests/e2e/browser.mjs is the one ` +
          'place to add it (see the note at the top of that file).',
      );
  }
}

/** Whether the engine supports Chromium-only features (CDP throttling, PDF printing). */
export const isChromium = () => ENGINE === 'chromium';
