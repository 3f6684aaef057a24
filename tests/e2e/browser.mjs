// The one place that knows which browser engine runs the end-to-end tests.
//
//   E2E_BROWSER=chromium node --test tests/e2e/                          (default; /usr/bin/chromium)
//   E2E_BROWSER=firefox  node --test tests/e2e/                          (firefox-esr, headless)
//   E2E_BROWSER=webkit   timeout 900 xvfb-run -a node --test tests/e2e/  (WebKitGTK's MiniBrowser)
//
// Everything else in tests/e2e/ uses the Playwright Browser / Page / Locator API through this
// module. Chromium is real Playwright (playwright-core, Debian's chromium). Firefox and WebKit
// are driven through WebDriver (geckodriver, WebKitWebDriver) by webdriver.mjs, which implements
// the part of that API the tests use: playwright-core's own `firefox` / `webkit` launchers need
// Playwright's patched browser builds, which this network cannot download (TOOLCHAIN.md §7).
//
// Never downloads a browser or a driver: the paths are always given (see PATHS in webdriver.mjs;
// CHROMIUM_PATH, FIREFOX_PATH, GECKODRIVER_PATH, WEBKIT_DRIVER_PATH, WEBKIT_BROWSER_PATH override).

import { chromium } from 'playwright-core';

export const ENGINES = ['chromium', 'firefox', 'webkit'];
export const ENGINE = process.env.E2E_BROWSER || 'chromium';
if (!ENGINES.includes(ENGINE)) throw new Error(`E2E_BROWSER=${ENGINE}: one of ${ENGINES.join(', ')}`);

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
 * Launches the browser engine under test.
 * @param {string} [engine] 'chromium' | 'firefox' | 'webkit' (default: $E2E_BROWSER or 'chromium')
 * @returns {Promise<import('playwright-core').Browser>} (for firefox/webkit: the subset in webdriver.mjs)
 */
export async function launchBrowser(engine = ENGINE) {
  if (engine === 'chromium') {
    return chromium.launch({
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
      headless: true,
    });
  }
  const { launch } = await import('./webdriver.mjs');
  return launch(engine);
}

/** Whether the engine is Chromium (Playwright over the DevTools protocol: route, emulateMedia, pdf). */
export const isChromium = () => ENGINE === 'chromium';
