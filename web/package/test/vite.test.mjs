// The README's Vite example (examples/vite), built with vite@7 against the packed tarball
// (installed offline, like any dependency), then loaded in headless Chromium under the strict
// CSP: the calculator and a custom pack must both work, with nothing fetched from elsewhere.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { CSP, launch, open, serve } from '../testing/browser.mjs';
import { PACKAGE_DIR, ROOT, examplesApply, installInto, load } from '../testing/install.mjs';

const catalog = examplesApply(await load('skillcalc'));
const app = mkdtempSync(join(tmpdir(), 'skillcalc-vite-'));
after(() => rmSync(app, { recursive: true, force: true }));

test('the Vite example builds against the tarball and runs in Chromium', { skip: !catalog && 'another pack is embedded' }, async () => {
  // The example's own package.json also names vite; here vite comes from tests/node_modules, so
  // only the tarball is installed (offline).
  cpSync(join(PACKAGE_DIR, 'examples', 'vite'), app, { recursive: true, filter: (f) => !f.endsWith('package.json') });
  installInto(app);
  execFileSync(process.execPath, [join(ROOT, 'tests', 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: app,
    stdio: 'pipe',
  });
  const assets = readdirSync(join(app, 'dist', 'assets'));
  assert.equal(assets.filter((f) => f.endsWith('.wasm')).length, 2, `the calculator and the compiler: ${assets}`);

  const browser = await launch();
  const server = await serve({ root: join(app, 'dist'), headers: CSP });
  try {
    const { page, requests, errors } = await open(browser, server.url);
    await page.waitForFunction(() => document.getElementById('custom').textContent !== '', null, { timeout: 20_000 });
    assert.match(await page.textContent('#result'), /5万元/);
    assert.equal(await page.textContent('#custom'), '500 per employee: ¥6,000');
    assert.deepEqual(errors, []);
    for (const url of requests) assert.ok(url.startsWith(server.url), `only 127.0.0.1: ${url}`);
  } finally {
    await server.close();
    await browser.close();
  }
});
