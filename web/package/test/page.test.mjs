// The README's plain-page example (examples/page) in headless Chromium: the installed package's
// web build, served from 127.0.0.1 with `Content-Security-Policy: script-src 'self'
// 'wasm-unsafe-eval'` and without COOP/COEP. It must work, fetch nothing from elsewhere, and
// need no SharedArrayBuffer (which such a page does not have).

import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { CSP, launch, open, serve } from '../testing/browser.mjs';
import { PACKAGE_DIR, examplesApply, installed, load } from '../testing/install.mjs';

const skillcalc = await load('skillcalc');
const { version } = skillcalc;
const catalog = examplesApply(skillcalc);

let site, browser;
before(async () => {
  site = mkdtempSync(join(tmpdir(), 'skillcalc-page-'));
  cpSync(join(PACKAGE_DIR, 'examples', 'page'), site, { recursive: true });
  // As the README says: the package's dist/ copied beside the page.
  cpSync(join(installed(), 'node_modules', 'skillcalc', 'dist'), join(site, 'skillcalc'), { recursive: true });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  rmSync(site, { recursive: true, force: true });
});

async function run(headers, check) {
  const server = await serve({ root: site, headers });
  try {
    const { page, requests, errors, response } = await open(browser, server.url);
    await page.waitForFunction(() => document.getElementById('result').textContent !== 'Loading…', null, { timeout: 20_000 });
    await check({ page, requests, errors, response, server });
    assert.deepEqual(errors, [], 'no console errors (a CSP violation would be one)');
    for (const url of requests) assert.ok(url.startsWith(server.url), `only 127.0.0.1: ${url}`);
    await page.close();
  } finally {
    await server.close();
  }
}

test('the page works under a strict CSP without COOP/COEP, and without SharedArrayBuffer', { skip: !catalog && 'another pack is embedded' }, async () => {
  await run(CSP, async ({ page, response, server }) => {
    assert.equal(response.headers()['content-security-policy'], CSP['Content-Security-Policy']);
    assert.equal(response.headers()['cross-origin-opener-policy'], undefined);
    assert.equal(response.headers()['cross-origin-embedder-policy'], undefined);
    assert.match(await page.textContent('#result'), /¥50,000/);
    assert.equal(await page.textContent('#version'), version().catalog);
    assert.deepEqual(await page.evaluate(() => [globalThis.crossOriginIsolated, typeof SharedArrayBuffer]), [false, 'undefined']);
    // Only the calculator was fetched: the pack compiler waits for loadPack.
    assert.ok(server.requests.includes('/skillcalc/web/skillcalc_wasm_bg.wasm'));
    assert.ok(!server.requests.some((r) => r.includes('compiler')), server.requests.join(' '));

    // loadPack in the same page: the compiler .wasm is fetched now, under the same CSP.
    const custom = await page.evaluate(async () => {
      const { loadPack, evaluate } = await import('./skillcalc/web.js');
      const pack = await loadPack({
        facts: [{ id: 'n', type: 'int', subject: 'person', label: { zh: '人数', en: 'People' } }],
        policies: [
          {
            policy: { id: 'p', document: 'D1', title: { zh: '示例', en: 'Demo' }, issuer: { zh: '示例', en: 'Demo' } },
            provision: [
              {
                id: 'p.a', kind: 'grant', audience: 'person', recipient: 'person', unit: 'one_off', clause: '1',
                title: { zh: '每人100元', en: '100 each' }, explain: { zh: '每人100元', en: '100 each' },
                amount: { per_unit: { count: ['n'], rate: '100' } },
              },
            ],
          },
        ],
      });
      return evaluate({ n: 3 }, { pack }).provisions[0].amount.min;
    });
    assert.deepEqual(custom, { value: '300.00', display: '300元' });
    assert.ok(server.requests.includes('/skillcalc/web/skillcalc_compiler_bg.wasm'));
  });
});

test('the page works the same when the page is cross-origin isolated (SharedArrayBuffer exists)', { skip: !catalog && 'another pack is embedded' }, async () => {
  const isolated = { ...CSP, 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };
  await run(isolated, async ({ page }) => {
    assert.deepEqual(await page.evaluate(() => [globalThis.crossOriginIsolated, typeof SharedArrayBuffer]), [true, 'function']);
    assert.match(await page.textContent('#result'), /¥50,000/);
  });
});

test('in the page, a failure inside the wasm restarts its instance: later calls work (web build)', { skip: !catalog && 'another pack is embedded' }, async () => {
  await run(CSP, async ({ page }) => {
    const outcome = await page.evaluate(async () => {
      const { batch, decide, evaluate, loadPack, policies } = await import('./skillcalc/web.js');
      const pack = await loadPack({
        facts: [{ id: 'n', type: 'int', subject: 'person', label: { zh: '人数', en: 'People' } }],
        policies: [
          {
            policy: { id: 'p', document: 'D1', title: { zh: '示例', en: 'Demo' }, issuer: { zh: '示例', en: 'Demo' } },
            provision: [
              {
                id: 'p.a', kind: 'grant', audience: 'person', recipient: 'person', unit: 'one_off', clause: '1',
                title: { zh: '每人100元', en: '100 each' }, explain: { zh: '每人100元', en: '100 each' },
                amount: { per_unit: { count: ['n'], rate: '100' } },
              },
            ],
          },
        ],
      });
      // An exception thrown through Rust's frames (limits.test.mjs injects it the same way),
      // more times than a module survives without a restart.
      const provision = policies()[0].provisions[0];
      const push = Array.prototype.push;
      const codes = new Set();
      for (let i = 0; i < 1000; i++) {
        Array.prototype.push = () => {
          throw new Error('injected');
        };
        try {
          batch([{ 'no.such.fact': 'x' }], { asOf: '2024-06-01', provision });
        } catch (e) {
          codes.add(e.code);
        } finally {
          Array.prototype.push = push;
        }
      }
      return {
        codes: [...codes],
        evaluate: evaluate({}, { asOf: '2024-06-01' }).provisions.length > 0,
        decide: decide({}, { asOf: '2024-06-01' }).provisions.length > 0,
        batch: batch([{}], { asOf: '2024-06-01', provision }).rows.length,
        custom: evaluate({ n: 3 }, { pack }).provisions[0].amount.min.value,
      };
    });
    assert.deepEqual(outcome, { codes: ['internal'], evaluate: true, decide: true, batch: 1, custom: '300.00' });
  });
});
