// The studio's impact over an uploaded list (规则工作室, 影响：名单上的变化): a policy officer
// uploads a list of Qingpu training bases (CSV headed by the questions' Chinese labels, a name
// column, a column the calculator does not know, one row with an answer that is no yes or no),
// raises the Qingpu one-off grant 200000 → 300000 in the editor, and sees exactly that
// provision change on the list: the rows whose amount changes, the list's total before and
// after (20万 × n → 30万 × n), the unknown column named, the invalid row counted and named. Then
// the same list as XLSX (read through the list page's own sheets wasm), in English. Nothing
// leaves the page; in every engine.

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { note, openPage, ROOT, screenshot, setup, SITE } from './helpers.mjs';

const DESKTOP = { width: 1400, height: 900 };
const CSP = existsSync(join(SITE, 'csp.txt'))
  ? readFileSync(join(SITE, 'csp.txt'), 'utf8').trim().replace(/^Content-Security-Policy:\s*/, '')
  : "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:";

const GRANT_FILE = 'policies/qingpu_2023_17.toml';
const GRANT_TEXT = readFileSync(join(ROOT, 'crates/catalog/pack', GRANT_FILE), 'utf8');

const HEADER = ['单位名称', '已认定为青浦区技能人才培育实训基地', '已领取过青浦实训基地一次性专项工作资助', '备注'];
const BASES = [
  ['甲实训公司', '是', '否', '重点企业'],
  ['乙实训公司', '是', '否', ''],
  ['丙实训公司', '是', '是', '已领取'],
  ['丁实训公司', '也许', '否', ''],
  ['戊实训公司', '是', '否', ''],
];
/** Rows 1, 2 and 5 receive the grant; row 3 already had it; row 4 is invalid. */
const PAID = 3;
const CSV = [HEADER, ...BASES].map((r) => r.join(',')).join('\r\n');

async function checked(page, words) {
  await page.waitForFunction((w) => document.getElementById('studio').getAttribute('aria-busy') === 'false'
    && document.getElementById('status').textContent.includes(w), words, { timeout: 30000 });
}

async function pickList(page, name, content) {
  const base64 = Buffer.from(content).toString('base64');
  await page.evaluate(([n, b]) => {
    const bytes = Uint8Array.from(atob(b), (c) => c.charCodeAt(0));
    const input = document.getElementById('list-file');
    const files = new DataTransfer();
    files.items.add(new File([bytes], n));
    input.files = files.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }, [name, base64]);
}

/** The list impact's rows (and its summary's text), once the worker has answered and `ready`
 *  holds of them (polled from here: the page's CSP allows no eval). */
async function listRows(page, ready) {
  const deadline = Date.now() + 30000;
  for (;;) {
    const seen = await page.evaluate(() => ({
      busy: document.getElementById('list-section').getAttribute('aria-busy'),
      summary: document.getElementById('list-summary').textContent,
      rows: [...document.querySelectorAll('#list-impact tbody tr[data-id]')].map((tr) => ({ ...tr.dataset, text: tr.innerText })),
    }));
    if (seen.busy === 'false' && ready(seen.rows, seen.summary)) return seen.rows;
    assert.ok(Date.now() < deadline, `the list impact never showed what was expected: ${JSON.stringify(seen)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function changeGrant(page, digit) {
  await page.locator('#file-list button[data-path="policies/qingpu_2023_17.toml"]').click();
  await page.waitForFunction((p) => document.getElementById('file-name').textContent === p, GRANT_FILE);
  const line = GRANT_TEXT.split('\n').findIndex((l) => l.includes('fixed = "200000"')) + 1;
  const column = GRANT_TEXT.split('\n')[line - 1].indexOf('200000') + 1;
  await page.evaluate(([l, c]) => document.getElementById('editor').editor.goto(l, c), [line, column + 1]);
  await page.keyboard.press('Backspace');
  await page.locator('#editor .cm-content').pressSequentially(digit);
}

test('studio: the impact of a changed grant over an uploaded list (CSV, Chinese labels)', async (t) => {
  const env = await setup({ headers: { 'Content-Security-Policy': CSP } });
  t.after(() => env.close());
  const page = await openPage(env, 'studio/', { viewport: DESKTOP, wait: false });
  await checked(page, '262');
  // The date defaults to today; the grant is in force from 2023-06-14 on, with no end.
  assert.match(await page.locator('#list-date').inputValue(), /^\d{4}-\d{2}-\d{2}$/);
  await page.locator('#list-date').fill('2024-01-01');

  await pickList(page, '青浦基地名单.csv', CSV);
  // Before any change: the list reads, nothing changes on it.
  assert.deepEqual(await listRows(page, (rows, text) => rows.length === 0 && /共 5 行/.test(text)), []);
  assert.match(await page.locator('#list-impact').evaluate((e) => e.innerText), /这份名单上没有变化/);
  const summary = await page.locator('#list-summary').evaluate((e) => e.textContent);
  assert.match(summary, /共 5 行，有效 4，无效 1/);
  assert.match(summary, /单位名单/, 'an organisations list, from its columns');
  const unknown = JSON.parse(await page.locator('#list-unknown').evaluate((e) => e.dataset.columns));
  assert.deepEqual(unknown, ['单位名称', '备注'], 'the columns not used, named');
  assert.match(await page.locator('#list-unknown').evaluate((e) => e.textContent), /备注[^]*不参与计算/);
  const invalid = await page.evaluate(() => [...document.querySelectorAll('#list-invalid-rows li')].map((li) => ({ row: li.dataset.row, text: li.textContent })));
  assert.equal(invalid.length, 1);
  assert.equal(invalid[0].row, '4');
  assert.match(invalid[0].text, /第 4 行 丁实训公司：[^]*已认定为青浦区技能人才培育实训基地/, invalid[0].text);
  assert.match(await page.locator('#list-invalid-title').evaluate((e) => e.textContent), /1 行无效/);

  // The grant 200000 → 300000: exactly that provision, the rows it pays, 20万 × 3 → 30万 × 3.
  await changeGrant(page, '3');
  await checked(page, '未通过');
  const rows = await listRows(page, (r) => r.length > 0 && r[0].after === '90万元');
  assert.deepEqual(rows.map((r) => r.id), ['qingpu.base_grant']);
  const [grant] = rows;
  assert.equal(grant.amountChanges, String(PAID));
  assert.equal(grant.statusChanges, '0');
  assert.equal(grant.before, `${20 * PAID}万元`);
  assert.equal(grant.after, `${30 * PAID}万元`);
  assert.match(grant.text, /第 1 行 甲实训公司：符合条件 · 20万元 → 符合条件 · 30万元/);
  assert.match(grant.text, /第 5 行 戊实训公司/);
  assert.doesNotMatch(grant.text, /丙实训公司/, 'a row that already had the grant does not change');
  // The invalid row is still counted, the rest go on.
  assert.equal(await page.locator('#list-summary').evaluate((e) => e.dataset.invalid), '1');
  await page.locator('#list-section').evaluate((e) => e.scrollIntoView({ block: 'start' }));
  await screenshot(page, 'studio-list-impact');

  // A date before the policy: neither pack pays, nothing changes on the list.
  await page.locator('#list-date').fill('2023-01-01');
  await page.locator('#list-date').dispatchEvent('change');
  assert.deepEqual(await listRows(page, (r, text) => r.length === 0 && /2023-01-01/.test(text)), []);
  await page.checkOffline();
  await page.closeAll();
});

test('studio: the list impact reads an XLSX through the list page\'s own reader; in English', async (t) => {
  const sheets = await import(join(SITE, 'list', 'sheets', 'skillcalc_sheets.js'));
  sheets.initSync({ module: readFileSync(join(SITE, 'list', 'sheets', 'skillcalc_sheets_bg.wasm')) });
  const header = ['Organisation', 'base.qingpu_recognised', 'Has already received the Qingpu one-off base grant'];
  const xlsx = sheets.writeWorkbook([{ name: 'List', header, rows: BASES.map((r) => [r[0], r[1], r[2]]) }]);

  const env = await setup();
  t.after(() => env.close());
  const page = await openPage(env, 'studio/?lang=en', { viewport: DESKTOP, wait: false });
  await checked(page, '262');
  await page.locator('#list-date').fill('2024-01-01');
  await changeGrant(page, '3');
  await checked(page, 'fail');
  await pickList(page, 'bases.xlsx', xlsx);
  const rows = await listRows(page, (r) => r.length > 0 && r[0].after === '¥900,000');
  assert.deepEqual(rows.map((r) => r.id), ['qingpu.base_grant']);
  assert.equal(rows[0].amountChanges, String(PAID));
  assert.equal(rows[0].before, '¥600,000');
  assert.equal(rows[0].after, '¥900,000');
  assert.match(rows[0].text, /row 1 甲实训公司: Eligible · ¥200,000 → Eligible · ¥300,000/);
  const summary = await page.locator('#list-summary').evaluate((e) => e.textContent);
  assert.match(summary, /5 rows, 4 valid, 1 invalid/);
  assert.deepEqual(JSON.parse(await page.locator('#list-unknown').evaluate((e) => e.dataset.columns)), ['Organisation']);
  note(t, 'xlsx read by the list page\'s sheets wasm');
  await page.checkOffline();
  await page.closeAll();
});
