// The list page (名单核对): pick a file, check which question each column answers, see every
// row's results and the totals, download them. The work happens in worker.js; this file only
// shows it. Nothing is sent anywhere: the file is read here and handed to the worker.

import { matchHeader } from './read.js';

const EN = new URLSearchParams(location.search).get('lang') === 'en';
const lang = EN ? 'en' : 'zh';
const t = (zh, en) => (EN ? en : zh);
/** A count as people read it, "2,500", whatever the browser's own locale. */
const count = (n) => n.toLocaleString(EN ? 'en-US' : 'zh-CN');
/** "3 行", "1 row", "2 rows". */
const rowsOf = (n) => t(`${count(n)} 行`, `${count(n)} ${n === 1 ? 'row' : 'rows'}`);

/** Words of the page in English (the Chinese are in index.html). */
const ENGLISH = {
  back: '← Back to the calculator',
  title: 'Check a list',
  intro: 'Upload a list of employees, trainees or organisations (XLSX or CSV) to check, row by row, which subsidies, awards and designations each may expect. The file is read on this device only and is never uploaded.',
  step1: '1. Choose the list',
  door: 'The list holds',
  door_person: 'people (employees, trainees, apprentices)',
  door_org: 'organisations (enterprises, schools, institutions)',
  template: 'Download a template (XLSX)',
  file: 'List file (XLSX or CSV)',
  as_of: 'Apply the policies of',
  as_of_hint: 'Subsidies and awards follow the rules in force when the event happened (the prize, the training, the application): for expired documents pick a date of that time.',
  step2: '2. Check which question each column answers',
  col_header: 'Column in the file',
  col_fact: 'Question it answers',
  col_sample: 'Value in the first row',
  run: 'Check the list',
  step3: '3. Results',
  totals: 'Totals per provision (caps per project and year applied)',
  download: 'Download the results (XLSX)',
  rows: 'Row by row',
  filter: 'Show',
  f_all: 'all rows',
  f_eligible: 'rows eligible for something',
  f_needs: 'rows needing information',
  f_invalid: 'invalid rows',
  provision: 'Provision',
  p_all: 'all provisions',
  sort: 'Sort',
  s_row: 'by row',
  s_total: 'by total (highest first)',
};

const $ = (id) => document.getElementById(id);
/** Rows shown at once: the download has them all. */
const SHOWN = 200;

let catalogue; // { facts, provisions } from the worker
let read; // { name, header, preview, count }
let results; // { rows, totals, counts, expired }
const title = (id) => catalogue.provisions.find((p) => p.id === id)?.title ?? id;
const factLabel = (id) => {
  const f = catalogue.facts.find((x) => x.id === id);
  return f ? t(f.label_zh, f.label_en) : id;
};

// ---- the worker ---------------------------------------------------------------------------

const worker = new Worker(new URL('worker.js', import.meta.url), { type: 'module' });
const waiting = new Map(); // by request id
let requests = 0;
worker.onmessage = ({ data }) => {
  if (data.type === 'progress') return showProgress(data.done, data.total);
  const pending = waiting.get(data.id);
  waiting.delete(data.id);
  if (!pending) return;
  if (data.type === 'error') pending.reject(data);
  else pending.resolve(data.answer);
};
worker.onerror = (e) => {
  for (const [, p] of waiting) p.reject({ message_zh: `后台计算出错：${e.message}`, message_en: `the worker failed: ${e.message}` });
  waiting.clear();
};

function ask(type, data = {}, transfer = []) {
  return new Promise((resolve, reject) => {
    const id = ++requests;
    waiting.set(id, { resolve, reject });
    worker.postMessage({ type, id, lang, ...data }, transfer);
  });
}

/** Runs `task`, showing its error (in the page's language) instead of losing anything typed. */
async function guarded(button, task) {
  $('error').hidden = true;
  if (button) button.disabled = true;
  try {
    await task();
  } catch (e) {
    $('error').textContent = t(e.message_zh, e.message_en) ?? String(e);
    $('error').hidden = false;
  } finally {
    if (button) button.disabled = false;
  }
}

function showProgress(done, total) {
  $('progress-box').hidden = false;
  $('progress').max = total || 1;
  $('progress').value = done;
  $('progress-text').textContent = t(`已核对 ${count(done)} / ${count(total)} 行`, `${count(done)} of ${count(total)} rows checked`);
}

function save(bytes, name) {
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const door = () => document.querySelector('input[name=door]:checked').value;

/** A table's column headings, in place of the ones it had. */
function heading(table, names) {
  table.tHead.replaceChildren();
  const row = table.tHead.insertRow();
  for (const name of names) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = name;
    row.append(th);
  }
}

/** Each body cell's column heading as `data-label`: on a phone the tables stack into cards and
 *  show it before the value (list.css). */
function labelCells(table) {
  const heads = [...table.tHead.rows[0].cells].map((c) => c.textContent);
  for (const tr of table.tBodies[0].rows) {
    let column = 0;
    for (const c of tr.cells) {
      // A cell across columns (an invalid row's reason) speaks for itself.
      c.dataset.label = c.colSpan > 1 ? '' : heads[column] ?? '';
      column += c.colSpan || 1;
    }
  }
}

// ---- step 2: columns to questions ---------------------------------------------------------

/** The question a header names: its id, or its Chinese or English label (read.js). */
const guess = (header) => matchHeader(header, catalogue.facts);

function showMapping() {
  const subject = door() === 'org' ? 'organisation' : 'person';
  const mine = catalogue.facts.filter((f) => f.subject === subject);
  const others = catalogue.facts.filter((f) => f.subject !== subject);
  const body = $('mapping').tBodies[0];
  body.replaceChildren();
  const unknown = [];
  read.header.forEach((header, i) => {
    const tr = body.insertRow();
    const th = document.createElement('th');
    th.scope = 'row';
    th.textContent = header || t(`（第 ${i + 1} 列，无标题）`, `(column ${i + 1}, no header)`);
    tr.append(th);
    const select = document.createElement('select');
    select.dataset.column = String(i);
    select.setAttribute('aria-label', t(`“${header}”对应的问题`, `Question answered by '${header}'`));
    select.append(new Option(t('（不参与计算）', '(not used)'), ''));
    for (const [label, list] of [[t('本类名单的问题', 'Questions of this kind of list'), mine], [t('其他问题', 'Other questions'), others]]) {
      const group = document.createElement('optgroup');
      group.label = label;
      for (const f of list) group.append(new Option(t(f.label_zh, f.label_en), f.id));
      select.append(group);
    }
    const id = guess(header);
    select.value = id ?? '';
    if (!id) unknown.push(header || `#${i + 1}`);
    tr.insertCell().append(select);
    tr.insertCell().textContent = read.preview[0]?.[i] ?? '';
  });
  labelCells($('mapping'));
  $('file-info').textContent = t(`“${read.name}”：${count(read.count)} 行，${read.header.length} 列。`, `'${read.name}': ${count(read.count)} rows, ${read.header.length} columns.`);
  $('unknown').hidden = unknown.length === 0;
  $('unknown').textContent = t(
    `未识别的列：${unknown.join('、')}。它们不参与计算（第一列未识别的列用来标明每一行，如姓名）；如果其中有对应的问题，请在下表中选择。`,
    `Columns not recognised: ${unknown.join(', ')}. They are not used (the first of them names each row, e.g. a name); if one answers a question, choose it below.`,
  );
  $('mapping-step').hidden = false;
}

const mapping = () => [...$('mapping').querySelectorAll('select')].map((s) => s.value || null);

// ---- step 3: results ----------------------------------------------------------------------

function showResults() {
  const c = results.counts;
  $('counts').textContent = t(
    `共读取 ${count(c.rows)} 行：有效 ${count(c.valid)}，无效 ${count(c.invalid)}；至少符合一项的 ${count(c.with_eligible)} 行。`,
    `${count(c.rows)} rows read: ${count(c.valid)} valid, ${count(c.invalid)} invalid; ${count(c.with_eligible)} eligible for at least one provision.`,
  );
  const expired = $('expired');
  expired.replaceChildren();
  expired.hidden = results.expired.length === 0;
  if (results.expired.length) {
    const p = document.createElement('p');
    p.textContent = t(
      `以下文件在 ${$('as-of').value} 不在有效期，其条款未计入：`,
      `These documents are not in force on ${$('as-of').value}; their provisions are not counted:`,
    );
    const ul = document.createElement('ul');
    for (const d of results.expired) {
      const li = document.createElement('li');
      const when = d.in_force === 'expired' ? t(`有效期至 ${d.until}`, `in force until ${d.until}`) : t(`自 ${d.from} 起施行`, `in force from ${d.from}`);
      li.append(t(`${d.document}（${when}）`, `${d.document} (${when})`));
      const day = d.in_force === 'expired' ? d.until : d.from;
      if (day) {
        const b = document.createElement('button');
        b.type = 'button';
        b.className = 'secondary';
        b.textContent = t(`按 ${day} 重新核对`, `Check again as of ${day}`);
        b.addEventListener('click', () => {
          $('as-of').value = day;
          run();
        });
        li.append(' ', b);
      }
      ul.append(li);
    }
    expired.append(p, ul);
  }

  const totals = $('totals');
  heading(totals, t(['条款', '符合条件', '需补充信息', '合计金额', '上限'], ['Provision', 'Eligible', 'Needs information', 'Total', 'Cap']));
  const body = totals.tBodies[0];
  body.replaceChildren();
  for (const p of results.totals) {
    p.groups.forEach((g, i) => {
      const tr = body.insertRow();
      tr.insertCell().textContent = i === 0 ? title(p.provision) : '';
      tr.insertCell().textContent = i === 0 ? rowsOf(p.eligible_rows) : '';
      tr.insertCell().textContent = i === 0 ? rowsOf(p.needs_info_rows) : '';
      const group = g.group === '*' ? '' : t(`（${g.group}）`, ` (${g.group})`);
      // A provision no row is eligible for yet has no amount to add up.
      tr.insertCell().textContent = p.eligible_rows === 0 ? '—' : g.display + group;
      tr.insertCell().textContent = g.cap ? (g.capped ? t('已按上限', 'capped') : t('未达上限', 'under the cap')) : '';
    });
  }
  if (results.totals.length === 0) {
    body.insertRow().insertCell().textContent = t('没有任何一行符合条件或需补充信息。', 'No row is eligible for anything or needs information.');
  }
  labelCells(totals);

  const select = $('provision');
  select.replaceChildren(new Option(t('全部条款', 'all provisions'), ''));
  for (const p of results.totals) select.append(new Option(title(p.provision), p.provision));
  $('results-step').hidden = false;
  return showRows();
}

async function showRows() {
  // Busy until the worker's rows are shown (tests and screen readers wait for it).
  $('rows').setAttribute('aria-busy', 'true');
  const page = await ask('rows', { filter: $('filter').value, provision: $('provision').value, sort: $('sort').value, limit: SHOWN });
  const rows = page.rows;
  $('shown').textContent = page.count > SHOWN
    ? t(`显示前 ${SHOWN} 行，共 ${count(page.count)} 行；全部结果请下载 XLSX。`, `Showing the first ${SHOWN} of ${count(page.count)} rows; download the XLSX for all.`)
    : rowsOf(page.count);
  const table = $('rows');
  heading(table, t(['行', '名称', '符合条件', '需补充信息', '合计'], ['Row', 'Name', 'Eligible', 'Needs information', 'Total']));
  const body = table.tBodies[0];
  body.replaceChildren();
  for (const r of rows) {
    const tr = body.insertRow();
    tr.insertCell().textContent = String(r.row);
    tr.insertCell().textContent = r.label;
    if (r.invalid) {
      const cell = tr.insertCell();
      cell.colSpan = 3;
      cell.className = 'invalid';
      cell.textContent = t(`无效行：${r.error}`, `Invalid row: ${r.error}`);
      continue;
    }
    const list = (items, text) => {
      const cell = tr.insertCell();
      if (items.length === 0) cell.textContent = '—';
      for (const item of items) {
        const line = document.createElement('div');
        line.textContent = text(item);
        cell.append(line);
      }
    };
    list(r.eligible, ([id, amount]) => `${title(id)}${amount ? t(`：${amount}`, `: ${amount}`) : ''}`);
    list(r.needs, ([id, missing]) => `${title(id)}${t('（还需：', ' (still to answer: ')}${missing.map(factLabel).join(t('、', ', '))}${t('）', ')')}`);
    tr.insertCell().textContent = r.total;
  }
  labelCells(table);
  $('rows').setAttribute('aria-busy', 'false');
}

// ---- wiring -------------------------------------------------------------------------------

async function run() {
  await guarded($('run'), async () => {
    if (!$('as-of').value) {
      $('as-of').focus();
      throw { message_zh: '请填写“按哪一天的政策计算”', message_en: "Fill in 'Apply the policies of'" };
    }
    showProgress(0, read.count);
    document.getElementById('list').setAttribute('aria-busy', 'true');
    const started = performance.now();
    results = await ask('match', { mapping: mapping(), door: door(), asOf: $('as-of').value });
    results.timings.received = performance.now() - started;
    showProgress(read.count, read.count);
    document.getElementById('list').setAttribute('aria-busy', 'false');
    const shown = performance.now();
    await showResults();
    results.timings.render = performance.now() - shown;
    // For the page's own speed check (tests/e2e/list.test.mjs): where the time went.
    document.getElementById('list').dataset.timings = JSON.stringify(results.timings);
    $('results-step').scrollIntoView({ block: 'start' });
  });
  document.getElementById('list').setAttribute('aria-busy', 'false');
}

function today() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

async function start() {
  if (EN) {
    document.documentElement.lang = 'en';
    document.title = 'Check a list · Shanghai skilled-talent policy calculator';
    for (const el of document.querySelectorAll('[data-t]')) el.textContent = ENGLISH[el.dataset.t] ?? el.textContent;
    $('lang').textContent = '中文';
    $('lang').href = '?';
    $('lang').hreflang = 'zh';
    document.querySelector('.back').href = '../?lang=en';
  }
  $('as-of').value = today();
  await guarded(null, async () => {
    catalogue = await ask('init');
  });
  $('list').setAttribute('aria-busy', 'false');

  $('file').addEventListener('change', () =>
    guarded(null, async () => {
      const file = $('file').files[0];
      if (!file) return;
      const bytes = await file.arrayBuffer();
      $('results-step').hidden = true;
      read = await ask('read', { name: file.name, bytes }, [bytes]);
      showMapping();
    }),
  );
  for (const radio of document.querySelectorAll('input[name=door]')) {
    radio.addEventListener('change', () => read && showMapping());
  }
  $('run').addEventListener('click', run);
  for (const id of ['filter', 'provision', 'sort']) $(id).addEventListener('change', () => guarded(null, showRows));
  $('download').addEventListener('click', () =>
    guarded($('download'), async () => save(await ask('results'), t('核对结果.xlsx', 'results.xlsx'))),
  );
  $('template').addEventListener('click', () =>
    guarded($('template'), async () =>
      save(await ask('template', { door: door() }), door() === 'org' ? t('单位名单模板.xlsx', 'organisations-template.xlsx') : t('个人名单模板.xlsx', 'people-template.xlsx')),
    ),
  );
}

start();
