// Test support: headless Chromium (Debian's, driven by playwright-core from tests/node_modules;
// nothing is downloaded) and the loopback static server of tests/static-server.mjs.

import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './install.mjs';

/** tests/static-server.mjs's serve(). */
export async function serve(options) {
  const { serve } = await import(pathToFileURL(join(ROOT, 'tests', 'static-server.mjs')).href);
  return serve(options);
}

/** The headers of the page tests: a strict CSP that allows wasm, and no COOP/COEP. */
export const CSP = { 'Content-Security-Policy': "script-src 'self' 'wasm-unsafe-eval'" };

/** Chromium as the app's end-to-end tests launch it (tests/e2e/browser.mjs, the one place). */
export async function launch() {
  const { launchBrowser } = await import(pathToFileURL(join(ROOT, 'tests', 'e2e', 'browser.mjs')).href);
  return launchBrowser('chromium');
}

/**
 * Opens `url` in a fresh page, recording every request the page makes and every console error
 * or uncaught exception (a CSP violation shows up as a console error).
 */
export async function open(browser, url) {
  const page = await browser.newPage();
  const requests = [];
  const errors = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  const response = await page.goto(url);
  return { page, requests, errors, response };
}
