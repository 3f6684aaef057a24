// Test support: headless Chromium (Debian's, driven by playwright-core from tests/node_modules;
// nothing is downloaded) and the loopback static server of tests/static-server.mjs.

import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './install.mjs';

const require = createRequire(join(ROOT, 'tests', 'package.json'));

/** tests/static-server.mjs's serve(). */
export async function serve(options) {
  const { serve } = await import(pathToFileURL(join(ROOT, 'tests', 'static-server.mjs')).href);
  return serve(options);
}

/** The headers of the page tests: a strict CSP that allows wasm, and no COOP/COEP. */
export const CSP = { 'Content-Security-Policy': "script-src 'self' 'wasm-unsafe-eval'" };

export async function launch() {
  const { chromium } = require('playwright-core');
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    // Without the networking flags Chromium keeps trying outside connections (TOOLCHAIN.md §4).
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
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
