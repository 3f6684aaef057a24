// The npm package's plain-page example (web/package/examples/page, built package from
// scripts/build-package.sh) in every engine: served as the package README says (dist/ copied
// beside the page as ./skillcalc/), from 127.0.0.1 with a strict CSP that allows wasm and without
// COOP/COEP. The package's own tests check it in Chromium in depth (web/package/test/page.test.mjs);
// this is the same page in Firefox and WebKit too.

import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { openPage, ROOT, screenshot, setup } from './helpers.mjs';

const PACKAGE = join(ROOT, 'web', 'package');
const CSP = { 'Content-Security-Policy': "script-src 'self' 'wasm-unsafe-eval'" };

let env, site;
before(async () => {
  assert.ok(existsSync(join(PACKAGE, 'dist', 'web.js')), 'web/package/dist is not built: run scripts/build-package.sh first');
  site = mkdtempSync(join(tmpdir(), 'e2e-package-page-'));
  cpSync(join(PACKAGE, 'examples', 'page'), site, { recursive: true });
  cpSync(join(PACKAGE, 'dist'), join(site, 'skillcalc'), { recursive: true });
  env = await setup({ root: site, headers: CSP });
});
after(async () => {
  await env?.close();
  if (site) rmSync(site, { recursive: true, force: true });
});

test('package example page: evaluates under a strict CSP, no COOP/COEP, nothing from elsewhere', async () => {
  const page = await openPage(env, '', { wait: false });
  await page.waitForFunction(() => document.getElementById('result')?.textContent !== 'Loading…', undefined, { timeout: 20000 });
  assert.match(await page.locator('#result').innerText(), /¥50,000/);
  assert.match(await page.locator('#version').innerText(), /\S/, 'the catalogue version');
  assert.ok(Number(await page.locator('#facts').innerText()) > 0, 'the questions');
  assert.deepEqual(await page.evaluate(() => [self.crossOriginIsolated, typeof SharedArrayBuffer]), [false, 'undefined']);
  assert.ok(env.server.requests.includes('/skillcalc/web/skillcalc_wasm_bg.wasm'), env.server.requests.join(' '));
  await screenshot(page, 'package-page');
  await page.checkOffline();
  await page.closeAll();
});
