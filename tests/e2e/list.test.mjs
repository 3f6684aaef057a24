// The list page (名单核对, target/site/list/): an HR manager's journey. Upload a list, see the
// columns matched to questions (an unknown one named, a wrong guess fixed by hand), run it,
// read every row's results and the totals, filter, download the results as XLSX, and download
// the template. Nothing leaves the page; in every engine.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'node:test';
import { axeSerious, isChromium, note, openPage, ROOT, screenshot, setup, SITE } from './helpers.mjs';

/** The list page's own spreadsheet module (crates/sheets), here in Node: to write the lists the
 *  tests upload and to read the workbooks the page writes. */
const sheets = await import(join(SITE, 'list', 'sheets', 'skillcalc_sheets.js'));
sheets.initSync({ module: readFileSync(join(SITE, 'list', 'sheets', 'skillcalc_sheets_bg.wasm')) });

/** A list as an HR manager keeps it: a name, a staff number the calculator does not know, and a
 *  certificate column whose header is not a question's exact words. */
const CSV = [
  '姓名,工号,证书等级,证书来自在本市人社部门备案的评价机构或社会培训评价组织的认定项目,申领人类别,处于法定劳动年龄内且未领取养老金',
  '张三,A001,高级工（三级）,是,insured_employed,是',
  '李四,A002,初级工（五级）,是,,',
  '王五,A003,博士,是,,',
  '赵六,A004,,,,',
].join('\r\n');

/** Hands `content` (text, or bytes) to the page's file input as a file named `name`, as a
 *  person picking it would. */
async function pickFile(page, name, content) {
  const base64 = Buffer.from(content).toString('base64');
  await page.evaluate(([n, b]) => {
    const bytes = Uint8Array.from(atob(b), (c) => c.charCodeAt(0));
    const input = document.getElementById('file');
    const files = new DataTransfer();
    files.items.add(new File([bytes], n));
    input.files = files.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }, [name, base64]);
}

async function ready(page) {
  await page.waitForFunction(() => document.getElementById('list').getAttribute('aria-busy') === 'false');
}

/** Catches what the page offers for download (an <a download> clicked), as base64. */
async function catchDownloads(page) {
  await page.evaluate(() => {
    window.caught = [];
    HTMLAnchorElement.prototype.click = function click() {
      const name = this.download;
      window.caught.push(fetch(this.href).then((r) => r.arrayBuffer()).then((b) => {
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

const text = (page, css) => page.locator(css).evaluate((el) => el.innerText);

/** Chooses in one of the results' selects and waits for the rows the worker sends. */
async function choose(page, css, value) {
  await page.locator(css).selectOption(value);
  await page.waitForFunction(() => document.getElementById('rows').getAttribute('aria-busy') === 'false');
}

test('list page: upload, match columns, check, filter, download', async (t) => {
  const env = await setup();
  t.after(() => env.close());
  const page = await openPage(env, 'list/', { wait: false });
  await ready(page);
  await catchDownloads(page);
  await page.locator('#as-of').fill('2025-06-01');
  await pickFile(page, '员工名单.csv', CSV);
  await page.locator('#mapping-step').waitFor();

  // Columns matched by their Chinese labels; the unknown ones named; the first names each row.
  assert.match(await text(page, '#file-info'), /4 行，6 列/);
  const unknown = await text(page, '#unknown');
  assert.match(unknown, /工号/);
  assert.match(unknown, /证书等级/);
  const chosen = () => page.evaluate(() => [...document.querySelectorAll('#mapping select')].map((s) => s.value));
  assert.deepEqual(await chosen(), ['', '', '', 'person.cert_recorded_body', 'person.applicant_type', 'person.working_age_not_retired']);
  // The certificate column answers 取得证书的等级: said by hand.
  await page.locator('#mapping select[data-column="2"]').selectOption('person.certificate_level');
  await screenshot(page, 'list-mapping');

  await page.locator('#run').click();
  await page.locator('#results-step').waitFor();
  assert.equal(await text(page, '#counts'), '共读取 4 行：有效 3，无效 1；至少符合一项的 1 行。');
  assert.match(await text(page, '#progress-text'), /已核对 4 \/ 4 行/);
  const totals = await text(page, '#totals');
  assert.match(totals, /职业技能等级证书补贴|证书/);
  assert.match(totals, /2000元/);

  // Row by row: 张三 2000元 for the certificate; 王五's certificate names the column and value.
  let rows = await text(page, '#rows');
  assert.match(rows, /张三[\s\S]*2000元/);
  assert.match(rows, /王五[\s\S]*无效行[\s\S]*博士/);
  await choose(page, '#filter', 'invalid');
  rows = await text(page, '#rows tbody');
  assert.doesNotMatch(rows, /张三|李四|赵六/);
  assert.match(rows, /王五/);
  await choose(page, '#filter', 'eligible');
  rows = await text(page, '#rows tbody');
  assert.match(rows, /张三/);
  assert.doesNotMatch(rows, /李四|王五|赵六/);
  await choose(page, '#filter', 'all');
  await choose(page, '#sort', 'total');
  assert.match(await page.locator('#rows tbody tr').first().evaluate((el) => el.innerText), /张三/, 'highest total first');
  await screenshot(page, 'list-results');
  // On a 375 px phone the tables stack into cards: nothing makes the page scroll sideways.
  const [wide, room] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  assert.ok(wide <= room, `the page is ${wide} px wide in ${room} px`);

  // The results as XLSX: a zip (PK), with both sheets; read back by the CLI where it runs.
  await page.locator('#download').click();
  const [results] = await downloaded(page, 1);
  assert.equal(results.name, '核对结果.xlsx');
  const bytes = Buffer.from(results.base64, 'base64');
  assert.equal(bytes.subarray(0, 2).toString(), 'PK');
  const sheet = sheets.readFirstSheet(bytes);
  assert.deepEqual(sheet[0], ['行', '姓名', '条款编号', '条款', '结果', '最低金额', '最高金额', '金额', '还需回答']);
  assert.ok(sheet.some((r) => r[1] === '张三' && r[2] === 'city.certificate_subsidy' && r[4] === '符合条件' && r[5] === '2000'), '张三: 2000 as a number');
  assert.ok(sheet.some((r) => r[1] === '王五' && r[4] === '无效行' && /博士/.test(r[8])), '王五: invalid, the value named');

  // The template for organisations: headers are the questions' Chinese labels.
  await page.locator('input[name=door][value=org]').check();
  await page.locator('#template').click();
  const [, template] = await downloaded(page, 2);
  assert.equal(template.name, '单位名单模板.xlsx');
  const headers = sheets.readFirstSheet(Buffer.from(template.base64, 'base64'))[0];
  assert.equal(headers[0], '单位名称');
  assert.ok(headers.includes('与普陀区企业合作的数量') || headers.length > 20, `the organisation questions: ${headers.slice(0, 5)}`);

  assert.deepEqual(await axeSerious(page), [], 'no serious accessibility violation');
  await page.checkOffline();
  await page.closeAll();
});

test('list page: a file that is no spreadsheet is refused with a clear message, and nothing is lost', async (t) => {
  const env = await setup();
  t.after(() => env.close());
  const page = await openPage(env, 'list/?lang=en', { wait: false });
  await page.waitForFunction(() => document.getElementById('list').getAttribute('aria-busy') === 'false');
  assert.equal(await text(page, 'h1'), 'Check a list');
  await page.locator('#as-of').fill('2024-06-01');
  await page.evaluate(() => {
    const input = document.getElementById('file');
    const files = new DataTransfer();
    files.items.add(new File(['PK\u0003\u0004 not really a workbook'], 'list.xlsx'));
    input.files = files.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await page.locator('#error').waitFor();
  assert.match(await text(page, '#error'), /xlsx|workbook|read/i);
  assert.equal(await page.locator('#as-of').evaluate((el) => el.value), '2024-06-01', 'the date typed stays');
  await page.checkOffline();
  await page.closeAll();
});

/** People as an HR manager lists them, for the person template's columns (by their labels). */
const PEOPLE = [
  { 姓名: '钱一', 取得证书的等级: '高级工（三级）', 证书来自在本市人社部门备案的评价机构或社会培训评价组织的认定项目: '是', 申领人类别: 'insured_employed', 处于法定劳动年龄内且未领取养老金: '是' },
  { 姓名: '孙二', 取得证书的等级: '技师（二级）', 证书来自在本市人社部门备案的评价机构或社会培训评价组织的认定项目: '是', 申领人类别: 'insured_employed', 处于法定劳动年龄内且未领取养老金: '是' },
  { 姓名: '周三', 取得证书的等级: '初级工（五级）', 证书来自在本市人社部门备案的评价机构或社会培训评价组织的认定项目: '否' },
  { 姓名: '吴四', 获奖赛事级别: '市级职业技能大赛', 在竞赛中获奖: '是', 代表普陀区参赛: '是', 经普陀区新型技师学院申报或参赛: '是', '该奖项的市奖励标准金额（元）': '60000' },
];

test('list page: the template filled in as XLSX gives the same results in the page and in the CLI', async (t) => {
  const env = await setup();
  t.after(() => env.close());
  const page = await openPage(env, 'list/', { wait: false });
  await ready(page);
  await catchDownloads(page);
  await page.locator('#template').click();
  const [template] = await downloaded(page, 1);
  assert.equal(template.name, '个人名单模板.xlsx');
  const header = sheets.readFirstSheet(Buffer.from(template.base64, 'base64'))[0];
  for (const person of PEOPLE) for (const column of Object.keys(person)) assert.ok(header.includes(column), `template column ${column}`);
  const list = sheets.writeWorkbook([{ name: '名单', header, rows: PEOPLE.map((p) => header.map((h) => p[h] ?? null)) }]);

  await page.locator('#as-of').fill('2025-06-01');
  await pickFile(page, '名单.xlsx', list);
  await page.locator('#mapping-step').waitFor();
  assert.match(await text(page, '#file-info'), new RegExp(`4 行，${header.length} 列`));
  assert.match(await text(page, '#unknown'), /^未识别的列：姓名。/, 'every question column recognised');
  await page.locator('#run').click();
  await page.locator('#results-step').waitFor();
  const rows = await text(page, '#rows tbody');
  assert.match(rows, /钱一[\s\S]*2000元/);
  assert.match(rows, /吴四[\s\S]*3万元/, 'the city prize via a Putuo college: 50% of 60,000');
  await page.locator('#download').click();
  const [, results] = await downloaded(page, 2);
  const fromPage = sheets.readFirstSheet(Buffer.from(results.base64, 'base64')).slice(1)
    .map((r) => [Number(r[0]), r[2], r[4], r[5], r[6]].join(' '));

  if (!isChromium()) {
    note(t, 'the same list through the CLI is compared in the Chromium run');
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'skillcalc-list-'));
    writeFileSync(join(dir, 'list.xlsx'), list);
    const out = execFileSync('cargo', ['run', '-q', '-p', 'skillcalc-cli', '--', 'match', '--as-of', '2025-06-01', '--door', 'person', '--format', 'jsonl', join(dir, 'list.xlsx')], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const words = { eligible: '符合条件', needs_info: '需补充信息' };
    const decimal = (s) => (s == null ? '' : String(Number(s)));
    const fromCli = out.trim().split('\n').map((l) => JSON.parse(l)).filter((l) => 'results' in l)
      .flatMap((l) => l.results.map((d) => [l.row, d.id, words[d.status], decimal(d.amount?.min), decimal(d.amount?.max)].join(' ')));
    assert.deepEqual(fromPage, fromCli);
    t.diagnostic(`${fromCli.length} row × provision lines the same in the page and the CLI`);
  }
  await page.checkOffline();
  await page.closeAll();
});

test('list page: a long list shows its progress, the first 200 rows and the count of all', async (t) => {
  const env = await setup();
  t.after(() => env.close());
  const page = await openPage(env, 'list/', { wait: false });
  await ready(page);
  const lines = ['姓名,取得证书的等级,证书来自在本市人社部门备案的评价机构或社会培训评价组织的认定项目'];
  for (let i = 0; i < 2500; i++) lines.push(`员工${i},${['初级工（五级）', '高级工（三级）', '技师（二级）'][i % 3]},是`);
  await page.locator('#as-of').fill('2025-06-01');
  await pickFile(page, '名单.csv', lines.join('\n'));
  await page.locator('#mapping-step').waitFor();
  await page.locator('#run').click();
  await page.locator('#results-step').waitFor();
  assert.match(await text(page, '#progress-text'), /已核对 2,500 \/ 2,500 行/);
  assert.equal(await page.locator('#progress').evaluate((el) => [el.value, el.max].join('/')), '2500/2500');
  assert.match(await text(page, '#shown'), /显示前 200 行，共 2,500 行/);
  assert.equal(await page.locator('#rows tbody tr').count(), 200);
  await choose(page, '#filter', 'invalid');
  await page.waitForFunction(() => /^0 行/.test(document.getElementById('shown').textContent));
  await page.checkOffline();
  await page.closeAll();
});

test('the calculator links to the list page, in both languages, outside the app (embeds do not get it)', async (t) => {
  const env = await setup();
  t.after(() => env.close());
  const page = await openPage(env, '');
  const links = await page.evaluate(() => [...document.querySelectorAll('.site-links a')].map((a) => [a.getAttribute('href'), a.closest('#app') === null]));
  assert.deepEqual(links, [['list/', true], ['list/?lang=en', true]]);
  await page.locator('.site-links a').first().click();
  await page.waitForFunction(() => location.pathname.endsWith('/list/'));
  await ready(page);
  assert.equal(await text(page, 'h1'), '名单核对');
  await page.checkOffline();
  await page.closeAll();
});

/** The corpus's scenarios of one date, split by who the provision is for. */
async function corpusLists() {
  const { cases } = await import('../corpus/check.mjs');
  const { evaluate } = await import(join(ROOT, 'web', 'package', 'dist', 'node.js'));
  const audience = new Map(evaluate({}, { explain: false }).provisions.map((p) => [p.id, p.audience]));
  const all = cases().filter((c) => c.as_of === '2024-06-01');
  return {
    person: all.filter((c) => audience.get(c.provision) === 'person'),
    org: all.filter((c) => audience.get(c.provision) !== 'person'),
  };
}

/** Profiles as a CSV with the facts' ids as headers: a list answer as "a;b", none of them as
 *  "无", as people type them. */
function csvOf(profiles) {
  const ids = [...new Set(profiles.flatMap((p) => Object.keys(p)))];
  const cell = (v) => {
    if (v === undefined || v === null) return '';
    const text = Array.isArray(v) ? v.join(';') || '无' : String(v);
    return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return [ids.join(','), ...profiles.map((p) => ids.map((id) => cell(p[id])).join(','))].join('\n');
}

test('list page: the scenario corpus as a list gives every scenario its expected status and amount', async (t) => {
  const env = await setup();
  t.after(() => env.close());
  const lists = await corpusLists();
  let checked = 0;
  for (const door of ['person', 'org']) {
    const cases = lists[door];
    const page = await openPage(env, 'list/', { wait: false });
    await ready(page);
    await catchDownloads(page);
    await page.locator('#as-of').fill('2024-06-01');
    await page.locator(`input[name=door][value=${door}]`).check();
    await pickFile(page, `corpus-${door}.csv`, csvOf(cases.map((c) => c.profile)));
    await page.locator('#mapping-step').waitFor();
    assert.equal(await page.locator('#unknown').isVisible(), false, 'every column is a fact id');
    await page.locator('#run').click();
    await page.locator('#results-step').waitFor();
    assert.match(await text(page, '#counts'), new RegExp(`共读取 ${cases.length} 行：有效 ${cases.length}，无效 0`));
    await page.locator('#download').click();
    const [results] = await downloaded(page, 1);
    const lines = sheets.readFirstSheet(Buffer.from(results.base64, 'base64')).slice(1);
    const words = { 符合条件: 'eligible', 需补充信息: 'needs_info' };
    const same = (a, b) => b == null || Number(a) === Number(b);
    cases.forEach((c, i) => {
      const line = lines.find((l) => Number(l[0]) === i + 1 && l[2] === c.provision);
      const want = c.expect;
      if (want.status === 'eligible' || want.status === 'needs_info') {
        assert.ok(line, `${c.name}: ${want.status}, but not listed`);
        assert.equal(words[line[4]], want.status, c.name);
        assert.ok(same(line[5], want.amount ?? want.min), `${c.name}: min ${line[5]}, expected ${want.amount ?? want.min}`);
        if (want.amount != null) assert.ok(same(line[6], want.amount), `${c.name}: max ${line[6]}`);
        else if (want.max === 'none') assert.equal(line[6], '', `${c.name}: no upper limit`);
        else if (want.max != null) assert.ok(same(line[6], want.max), `${c.name}: max ${line[6]}, expected ${want.max}`);
      } else {
        assert.equal(line, undefined, `${c.name}: ${want.status}, so not listed`);
      }
      checked++;
    });
    await page.checkOffline();
    await page.closeAll();
  }
  t.diagnostic(`${checked} scenarios checked through the list page`);
});
