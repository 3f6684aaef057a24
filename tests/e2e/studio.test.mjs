// The studio page (规则工作室, target/site/studio/): a policy officer changes the rules in the
// browser, under the site's Content-Security-Policy. Break a file: the problem appears at its
// line and column (in the list, in both languages, and in the editor); fix it: the scenarios run
// and pass; change a rate: the impact table lists exactly the scenarios whose amount changes
// (and only that provision); export: the JSON loads in the npm package by URL with its
// integrity and decides with the new rate, and the zip holds the TOML files. In every engine.

import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'node:test';
import { serve } from '../static-server.mjs';
import { axeSerious, note, openPage, ROOT, screenshot, setup, SITE } from './helpers.mjs';

const DESKTOP = { width: 1400, height: 900 };
const CSP = existsSync(join(SITE, 'csp.txt'))
  ? readFileSync(join(SITE, 'csp.txt'), 'utf8').trim().replace(/^Content-Security-Policy:\s*/, '')
  : "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:";

const GRANT_FILE = 'policies/qingpu_2023_17.toml';
const GRANT_TEXT = readFileSync(join(ROOT, 'crates/catalog/pack', GRANT_FILE), 'utf8');

/** Waits until the worker has answered the latest check (the status says what it found). */
async function checked(page, words) {
  await page.waitForFunction((w) => document.getElementById('studio').getAttribute('aria-busy') === 'false'
    && document.getElementById('status').textContent.includes(w), words, { timeout: 30000 });
}

const status = (page) => page.locator('#status').evaluate((e) => e.textContent);
const rows = (page, table) => page.evaluate((t) => [...document.querySelectorAll(`#${t} tbody tr[data-id]`)]
  .map((r) => ({ ...r.dataset })), table);

async function openFile(page, path) {
  await page.locator(`#file-list button[data-path="${path}"]`).click();
  await page.waitForFunction((p) => document.getElementById('file-name').textContent === p, path);
}

/** Puts the editor's cursor at a line and column (as a problem's button does) and types. */
async function typeAt(page, line, column, text) {
  await page.evaluate(([l, c]) => document.getElementById('editor').editor.goto(l, c), [line, column]);
  await page.locator('#editor .cm-content').pressSequentially(text);
}

/** Catches what the page offers for download (an <a download> clicked), as base64. The blob is
 *  kept as the page makes its URL: under the CSP, fetch() may not read a blob: URL. */
async function catchDownloads(page) {
  await page.evaluate(() => {
    window.caught = [];
    const blobs = new Map();
    const make = URL.createObjectURL;
    URL.createObjectURL = (blob) => {
      const url = make(blob);
      blobs.set(url, blob);
      return url;
    };
    HTMLAnchorElement.prototype.click = function click() {
      const name = this.download;
      window.caught.push(blobs.get(this.href).arrayBuffer().then((b) => {
        const bytes = new Uint8Array(b);
        let s = '';
        for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
        return { name, base64: btoa(s) };
      }));
    };
  });
}

async function downloaded(page, count) {
  await page.waitForFunction((n) => window.caught.length >= n, count);
  return page.evaluate(() => Promise.all(window.caught));
}

test('studio: break a file, fix it, change a rate, see the impact, export', async (t) => {
  const env = await setup({ headers: { 'Content-Security-Policy': CSP } });
  t.after(() => env.close());
  const page = await openPage(env, 'studio/', { viewport: DESKTOP, wait: false });
  await checked(page, '262');
  assert.match(await status(page), /无问题；262 个场景全部通过/);
  // The editor highlights TOML (CodeMirror's own spans, in its shadow root).
  assert.ok(await page.evaluate(() => document.getElementById('editor').shadowRoot.querySelectorAll('.cm-line span').length > 10));

  // 1. Break a file: a stray '=' on line 1 of values.toml.
  await openFile(page, 'values.toml');
  await typeAt(page, 1, 1, 'x = = 1\n');
  await checked(page, '个问题');
  const [problem] = await page.evaluate(() => [...document.querySelectorAll('#problems li')].map((li) => ({
    ...li.dataset, text: li.textContent,
  })));
  assert.deepEqual([problem.file, problem.line, problem.column], ['values.toml', '1', '5'], JSON.stringify(problem));
  assert.match(problem.text, /values\.toml:1:5/);
  assert.match(problem.text, /第 1 行第 5 列/);
  assert.match(problem.text, /TOML 语法错误/, 'in Chinese');
  assert.match(problem.text, /expected|invalid/, 'and in English');
  assert.match(await status(page), /1 个问题/);
  // In the editor too: a lint mark on that line.
  await page.waitForFunction(() => document.getElementById('editor').shadowRoot.querySelector('.cm-lintRange-error, .cm-lint-marker-error'));
  await screenshot(page, 'studio-problem');

  // 2. Fix it: the scenarios run again and pass.
  for (let i = 0; i < 8; i++) await page.keyboard.press('Backspace');
  await checked(page, '无问题');
  assert.match(await status(page), /262 个场景全部通过/);
  assert.equal(await page.locator('#problems li').count(), 0);

  // Before the change: which scenarios of the Qingpu grant decide an amount.
  await page.locator('#all-scenarios').check();
  const before = (await rows(page, 'scenarios')).filter((r) => r.provision === 'qingpu.base_grant' && r.amount);
  assert.ok(before.length >= 2, 'some grant scenarios pay an amount');

  // 3. Change a rate: the Qingpu one-off grant 200000 → 300000.
  await openFile(page, GRANT_FILE);
  const line = GRANT_TEXT.split('\n').findIndex((l) => l.includes('fixed = "200000"')) + 1;
  const column = GRANT_TEXT.split('\n')[line - 1].indexOf('200000') + 1;
  await typeAt(page, line, column + 1, '');
  await page.keyboard.press('Backspace');
  await page.locator('#editor .cm-content').pressSequentially('3');
  await checked(page, '未通过');
  const changed = await rows(page, 'impact-scenarios');
  assert.deepEqual(changed.map((r) => r.id).sort(), before.map((r) => r.id).sort(), 'exactly the scenarios whose amount changes');
  assert.deepEqual((await rows(page, 'impact-provisions')).map((r) => r.id), ['qingpu.base_grant']);
  const impact = await page.locator('#impact-scenarios').evaluate((e) => e.innerText);
  assert.match(impact, /20万元[^]*30万元/, 'published and draft amounts');
  // The scenarios that expected 20万 now fail, with expected against actual.
  const failing = (await rows(page, 'scenarios')).filter((r) => r.pass === 'false').map((r) => r.id);
  assert.ok(failing.includes('qingpu-grant-eligible'));
  await screenshot(page, 'studio-impact');

  // The preview decides on the draft.
  await page.locator('#preview-scenario').selectOption('qingpu-grant-eligible');
  await page.waitForFunction(() => document.querySelector('#preview tr[data-id="qingpu.base_grant"]')?.textContent.includes('30万'));

  // 4. Export: the JSON (with its integrity) and the TOML files as a zip.
  await catchDownloads(page);
  await page.locator('#pack-name').fill('qingpu-draft');
  await page.locator('#export-json').click();
  await page.locator('#integrity').waitFor();
  const integrity = await page.locator('#integrity').evaluate((e) => e.textContent);
  await page.locator('#export-zip').click();
  const [json, zip] = await downloaded(page, 2);
  assert.equal(json.name, 'qingpu-draft.json');
  assert.equal(zip.name, 'qingpu-draft.zip');

  // The calculator itself on the draft: the site's embed, its results naming the draft pack.
  await page.locator('#preview-app').click();
  await page.waitForFunction(() => document.getElementById('calculator-preview').shadowRoot?.querySelector('#pack-line')?.textContent.includes('qingpu-draft'), undefined, { timeout: 20000 });
  const packLine = await page.evaluate(() => document.getElementById('calculator-preview').shadowRoot.querySelector('#pack-line').textContent);
  assert.match(packLine, /规则包：qingpu-draft 1[^]*非内置目录/);
  await screenshot(page, 'studio-preview-app');
  await page.checkOffline();
  await page.closeAll();

  // The JSON loads in the npm package by URL with its integrity, and pays the new amount.
  const dir = mkdtempSync(join(tmpdir(), 'studio-export-'));
  writeFileSync(join(dir, 'qingpu-draft.json'), Buffer.from(json.base64, 'base64'));
  const host = await serve({ root: dir });
  t.after(() => host.close());
  const skillcalc = await import(join(ROOT, 'web/package/dist/node.js'));
  const pack = await skillcalc.loadPack(`${host.url}qingpu-draft.json`, { integrity });
  const report = skillcalc.evaluate({ 'base.qingpu_recognised': true, 'base.grant_received': false },
    { pack, asOf: '2024-01-01', lang: 'en' });
  const grant = report.provisions.find((p) => p.id === 'qingpu.base_grant');
  assert.equal(grant.status, 'eligible');
  assert.equal(grant.amount.min.value, '300000.00');
  assert.equal(report.pack.name, 'qingpu-draft');
  await assert.rejects(skillcalc.loadPack(`${host.url}qingpu-draft.json`, { integrity: 'sha256-AAAA' }), 'a wrong integrity is refused');

  // The zip holds every TOML file under the pack's folder, the change in it.
  const { unzipSync, strFromU8 } = await import(join(ROOT, 'web/studio/node_modules/fflate/esm/index.mjs'));
  const entries = unzipSync(Buffer.from(zip.base64, 'base64'));
  assert.ok(entries['qingpu-draft/facts.toml'] && entries[`qingpu-draft/${GRANT_FILE}`]);
  assert.match(strFromU8(entries[`qingpu-draft/${GRANT_FILE}`]), /fixed = "300000"/);
  assert.ok(Object.keys(entries).some((k) => k.startsWith('qingpu-draft/scenarios/')));
});

test('studio: opens a zip of TOML files; in English; no serious accessibility problem', async (t) => {
  const env = await setup();
  t.after(() => env.close());
  const page = await openPage(env, 'studio/?lang=en', { viewport: DESKTOP, wait: false });
  await checked(page, '262');
  assert.match(await status(page), /No problems; all 262 scenarios pass/);
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  const violations = await axeSerious(page);
  assert.deepEqual(violations, [], JSON.stringify(violations, null, 1));

  // A zip of a pack folder (the published pack's files, one grant changed), as an officer keeps it.
  const { zipSync, strToU8 } = await import(join(ROOT, 'web/studio/node_modules/fflate/esm/index.mjs'));
  const files = await page.evaluate(() => new Promise((resolve) => {
    const w = new Worker('worker.js', { type: 'module' });
    w.onmessage = ({ data }) => { resolve(data.answer.files); w.terminate(); };
    w.postMessage({ type: 'init', id: 1 });
  }));
  const tree = {};
  for (const f of files) {
    tree[`my-pack/${f.path}`] = strToU8(f.path === GRANT_FILE ? f.text.replace('fixed = "200000"', 'fixed = "250000"') : f.text);
  }
  const base64 = Buffer.from(zipSync(tree)).toString('base64');
  await page.evaluate((b) => {
    const bytes = Uint8Array.from(atob(b), (c) => c.charCodeAt(0));
    const input = document.getElementById('open-zip');
    const list = new DataTransfer();
    list.items.add(new File([bytes], 'my-pack.zip'));
    input.files = list.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }, base64);
  await checked(page, 'fail');
  assert.deepEqual((await rows(page, 'impact-provisions')).map((r) => r.id), ['qingpu.base_grant']);
  assert.ok((await page.locator('#impact-scenarios').evaluate((e) => e.innerText)).includes('250,000'));
  note(t, 'zip opened and checked');
  await page.checkOffline();
  await page.closeAll();
});

test('studio: a new policy file starts valid, with a scenario, and is checked as it is written', async (t) => {
  const env = await setup({ headers: { 'Content-Security-Policy': CSP } });
  t.after(() => env.close());
  const page = await openPage(env, 'studio/', { viewport: DESKTOP, wait: false });
  await checked(page, '262 个场景全部通过');
  // An id that is no id is refused, saying what an id is.
  await page.locator('#new-policy-id').fill('Pudong 2026');
  await page.locator('#new-policy').click();
  assert.match(await status(page), /小写字母、数字和下划线/);
  await page.locator('#new-policy-id').fill('pudong_2026_1');
  await page.locator('#new-policy').click();
  await page.waitForFunction(() => document.getElementById('file-name').textContent === 'policies/pudong_2026_1.toml');
  await checked(page, '263 个场景全部通过');
  assert.ok(await page.locator('#file-list button[data-path="scenarios/pudong_2026_1.toml"]').count() === 1, 'its scenario file');
  // Its amount changed in the editor: its scenario fails, expected against actual.
  const text = await page.evaluate(() => document.getElementById('editor').editor.text());
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.startsWith('fixed = "10000"')) + 1;
  await typeAt(page, line, 'fixed = "1'.length + 1, '5');
  await checked(page, '1 个未通过');
  const failing = (await rows(page, 'scenarios')).filter((r) => r.pass === 'false').map((r) => r.id);
  assert.deepEqual(failing, ['pudong_2026_1-example']);
  await page.checkOffline();
  await page.closeAll();
});
