// The studio page (规则工作室, target/site/studio/): policy officers change the rules in the
// browser. The pack's TOML files are edited here (CodeMirror 6, editor.js, loaded once the
// page is up); every change is checked in the worker (worker.js: the engine's own reading,
// compile and scenario runner, crates/studio-wasm), 300 ms after the typing stops: the
// problems at their line and column in Chinese and English, every scenario's expected against
// actual, the impact against the published pack (over the scenarios' profiles, and over a list
// the officer uploads: read and kept in the worker, never sent), and the draft's decisions for
// one profile.
// Export: the pack as one JSON file for publishing (what `skillcalc export` writes, with its
// integrity value) and the TOML files as a zip. Nothing leaves the device.

const params = new URLSearchParams(location.search);
const lang = params.get('lang') === 'en' ? 'en' : 'zh';

const T = {
  back: ['← 返回计算器', '← Back to the calculator'],
  title: ['规则工作室', 'Rules studio'],
  intro: ['修改事实、金额、政策条款与测试场景：每次修改都会在本机检查规则、运行全部场景，并与已发布的规则比较。文件不会上传到任何地方。',
    'Change the facts, amounts, provisions and test scenarios: every change is checked on this device, every scenario runs, and the draft is compared with the published rules. No file leaves this device.'],
  open_title: ['打开与导出', 'Open and export'],
  open_embedded: ['重新打开已发布的规则', 'Reopen the published rules'],
  open_folder: ['打开文件夹', 'Open a folder'],
  open_zip: ['打开 ZIP', 'Open a zip'],
  new_policy: ['新政策编号', 'New policy id'],
  new_policy_add: ['新建政策文件', 'Add a policy file'],
  name: ['名称', 'Name'],
  version: ['版本', 'Version'],
  export_json: ['导出 JSON（发布）', 'Export JSON (publish)'],
  export_zip: ['导出 TOML（ZIP）', 'Export TOML (zip)'],
  loading: ['正在加载…', 'Loading…'],
  files: ['文件', 'Files'],
  editing: ['正在编辑', 'Editing'],
  keys: ['键盘：Tab 离开编辑器；Ctrl-F 查找；Ctrl-Shift-M 问题列表；F8 下一个问题；Ctrl-Z 撤销。',
    'Keys: Tab leaves the editor; Ctrl-F find; Ctrl-Shift-M problem list; F8 next problem; Ctrl-Z undo.'],
  problems: ['问题', 'Problems'],
  scenarios: ['场景', 'Scenarios'],
  show_all: ['显示全部（默认只显示未通过的）', 'Show all (only failing ones otherwise)'],
  col_scenario: ['场景', 'Scenario'],
  col_result: ['结果', 'Result'],
  col_expected: ['预期', 'Expected'],
  col_actual: ['实际', 'Actual'],
  impact: ['影响：与已发布规则相比', 'Impact: against the published rules'],
  impact_scenarios: ['结果有变化的场景', 'Scenarios whose result changes'],
  impact_provisions: ['结果有变化的条款', 'Provisions whose decisions change'],
  col_provision: ['条款', 'Provision'],
  col_before: ['已发布', 'Published'],
  col_after: ['草稿', 'Draft'],
  col_change: ['变化', 'Change'],
  col_status_changes: ['状态改变', 'Status changes'],
  col_amount_changes: ['仅金额改变', 'Amount only'],
  col_example: ['例如', 'For example'],
  list: ['影响：名单上的变化', 'Impact: on a list'],
  list_intro: ['上传一份名单（XLSX 或 CSV，每行一个人或一个单位，表头为问题编号或问题文字，与名单核对页、skillcalc match 读取的格式相同），查看草稿与已发布规则在这份名单上的差别。名单只在本机读取，不会上传。',
    'Upload a list (XLSX or CSV: one person or organisation a row, headed by question ids or labels, as the list page and skillcalc match read it) to see what the draft changes on it against the published rules. The list is read on this device only and never uploaded.'],
  list_file: ['上传名单（XLSX 或 CSV）', 'Upload a list (XLSX or CSV)'],
  list_date: ['按哪一天的政策计算', 'Apply the policies of'],
  list_clear: ['移除名单', 'Remove the list'],
  list_date_hint: ['金额与条件按所选日期有效的政策计算（两边都用这一天）；各条款的合计已按跨行上限（每个项目每年等）计算，与名单核对页、skillcalc match 相同。',
    'Amounts and conditions are those in force on the date chosen (the same day for both); each provision\'s total applies the caps across rows (per project and year, …) as the list page and skillcalc match do.'],
  col_rows_status: ['状态改变', 'Status changes'],
  col_rows_amount: ['仅金额改变', 'Amount only'],
  col_totals: ['名单合计：已发布 → 草稿', 'List total: published → draft'],
  col_rows_example: ['例如', 'For example'],
  preview: ['预览：草稿上的计算结果', 'Preview: the calculator on the draft'],
  preview_scenario: ['从场景取答案', 'Answers from a scenario'],
  preview_date: ['日期', 'Date'],
  preview_answers: ['答案（JSON）', 'Answers (JSON)'],
  preview_app: ['在计算器中预览草稿', 'Preview the draft in the calculator'],
  preview_app_note: ['计算器本身在草稿上运行（问题、结果、金额算式），和正式页面一样；结果标明“非内置目录”。', 'The calculator itself runs on the draft (questions, results, the arithmetic), as on the real page; its results say "not the built-in catalogue".'],
  col_status: ['状态', 'Status'],
  col_amount: ['金额', 'Amount'],
  col_why: ['依据', 'Why'],
};
const t = (key) => T[key][lang === 'en' ? 1 : 0];
const pick = (zh, en) => (lang === 'en' ? en : zh);

const STATUS = {
  eligible: ['符合条件', 'Eligible'],
  not_eligible: ['不符合', 'Not eligible'],
  needs_info: ['需补充信息', 'Needs info'],
  not_in_force: ['不在有效期', 'Not in force'],
  error: ['出错', 'Error'],
};
const statusWord = (s) => (STATUS[s] ? pick(...STATUS[s]) : s);

const $ = (id) => document.getElementById(id);
const el = (tag, props = {}, ...children) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'class') e.className = v;
    else if (k.startsWith('data-') || k.startsWith('aria-')) e.setAttribute(k, v);
    else e[k] = v;
  }
  for (const c of children) if (c != null) e.append(c);
  return e;
};

// ---- the worker -----------------------------------------------------------------------------

const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
const pending = new Map();
let nextId = 0;
worker.onmessage = ({ data }) => {
  const p = pending.get(data.id);
  pending.delete(data.id);
  if (data.error) p?.reject(data.error);
  else p?.resolve(data.answer);
};
const call = (type, payload = {}) => new Promise((resolve, reject) => {
  const id = ++nextId;
  pending.set(id, { resolve, reject });
  worker.postMessage({ type, id, ...payload });
});

// ---- the files ------------------------------------------------------------------------------

let files = []; // [{ path, text }]
let current = null; // the path in the editor
let editor = null;
let last = null; // the last check's answer
let checking = 0; // the latest check asked for
let timer = null;

const FIRST = ['pack.toml', 'facts.toml', 'values.toml', 'goals.toml'];
const order = (p) => (FIRST.includes(p) ? FIRST.indexOf(p) : p.startsWith('policies/') ? 4 : 5);
function setFiles(list) {
  files = list
    .map((f) => ({ path: f.path.replace(/\\/g, '/'), text: f.text }))
    .sort((a, b) => order(a.path) - order(b.path) || a.path.localeCompare(b.path));
  current = files.some((f) => f.path === current) ? current : files[0]?.path ?? null;
  // A folder's pack.toml names and versions the pack (FORMAT.md): the export starts from it.
  const meta = files.find((f) => f.path === 'pack.toml')?.text ?? '';
  for (const [key, input] of [['name', 'pack-name'], ['version', 'pack-version']]) {
    const m = new RegExp(`^\\s*${key}\\s*=\\s*"([^"]*)"`, 'm').exec(meta);
    if (m) $(input).value = m[1];
  }
  openFile(current, false);
  check();
}

function openFile(path, focus = true) {
  current = path;
  const f = files.find((x) => x.path === path);
  $('file-name').textContent = path ?? '';
  if (editor && f) {
    editor.open(f.text, `${path} (TOML)`);
    showDiagnostics();
    if (focus) editor.focus();
  }
  renderFiles();
}

function edited(text) {
  const f = files.find((x) => x.path === current);
  if (!f) return;
  f.text = text;
  clearTimeout(timer);
  timer = setTimeout(check, 300);
}

// ---- checking -------------------------------------------------------------------------------

async function check() {
  clearTimeout(timer);
  const seq = ++checking;
  $('studio').setAttribute('aria-busy', 'true');
  try {
    const answer = await call('check', { files });
    if (seq !== checking) return;
    last = answer;
    render();
  } catch (e) {
    if (seq === checking) showStatus(pick(e.message_zh, e.message_en), 'bad');
  } finally {
    if (seq === checking) $('studio').setAttribute('aria-busy', 'false');
  }
}

function showStatus(text, kind = '') {
  const s = $('status');
  s.textContent = text;
  s.className = `status ${kind}`;
}

const where = (p) => (p.line ? `${p.file}:${p.line}:${p.column}` : p.file || pick('规则包', 'the pack'));
const place = (p) => {
  const parts = [];
  if (p.line) parts.push(pick(`第 ${p.line} 行第 ${p.column} 列`, `line ${p.line}, column ${p.column}`));
  if (p.item) parts.push(p.item);
  if (p.field) parts.push(p.field);
  return parts.join(' · ');
};

function render() {
  const { problems, scenarios, counts, impact } = last;
  if (problems.length) {
    showStatus(pick(`${problems.length} 个问题：规则包无法编译，场景未运行`, `${problems.length} problem(s): the pack does not compile; no scenario was run`), 'bad');
  } else if (counts.failed) {
    showStatus(pick(`无问题；${counts.scenarios} 个场景中 ${counts.failed} 个未通过`, `No problems; ${counts.failed} of ${counts.scenarios} scenarios fail`), 'bad');
  } else {
    showStatus(pick(`无问题；${counts.scenarios} 个场景全部通过（${counts.provisions} 个条款，${counts.facts} 个事实）`,
      `No problems; all ${counts.scenarios} scenarios pass (${counts.provisions} provisions, ${counts.facts} facts)`), 'good');
  }
  renderFiles();
  renderProblems(problems);
  showDiagnostics();
  renderScenarios();
  renderImpact(impact);
  fillPreviewChoices(scenarios);
  runPreview();
  runListImpact();
}

function renderFiles() {
  const list = $('file-list');
  list.replaceChildren();
  for (const f of files) {
    const nProblems = last?.problems.filter((p) => p.file === f.path).length ?? 0;
    const nFailing = last?.scenarios.filter((s) => s.file === f.path && !s.pass).length ?? 0;
    const label = [f.path];
    if (nProblems) label.push(pick(`${nProblems} 个问题`, `${nProblems} problem(s)`));
    if (nFailing) label.push(pick(`${nFailing} 个场景未通过`, `${nFailing} failing scenario(s)`));
    const b = el('button', { type: 'button', 'aria-label': label.join(', ') }, el('span', {}, f.path));
    if (nProblems) b.append(el('span', { class: 'badge', 'aria-hidden': 'true' }, String(nProblems)));
    if (nFailing) b.append(el('span', { class: 'badge fail', 'aria-hidden': 'true' }, `✗${nFailing}`));
    b.setAttribute('aria-current', String(f.path === current));
    b.dataset.path = f.path;
    b.onclick = () => openFile(f.path);
    list.append(el('li', {}, b));
  }
}

function renderProblems(problems) {
  $('problem-count').textContent = `(${problems.length})`;
  const list = $('problems');
  list.replaceChildren();
  for (const p of problems) {
    const go = el('button', { type: 'button', class: 'goto' }, where(p));
    go.onclick = () => {
      if (p.file && files.some((f) => f.path === p.file)) {
        if (current !== p.file) openFile(p.file, false);
        editor?.goto(p.line ?? 1, p.column ?? 1);
      }
    };
    const main = pick(p.message_zh, p.message_en);
    const other = pick(p.message_en, p.message_zh);
    const li = el('li', { class: 'problem' }, go, ' ', el('span', { class: 'place' }, place(p)), el('br'),
      el('span', { class: 'msg', lang: lang === 'en' ? 'en' : 'zh-CN' }, main),
      el('span', { class: 'en', lang: lang === 'en' ? 'zh-CN' : 'en' }, other));
    li.dataset.file = p.file;
    li.dataset.line = p.line ?? '';
    li.dataset.column = p.column ?? '';
    list.append(li);
  }
}

function showDiagnostics() {
  if (!editor || !last) return;
  editor.problems(last.problems.filter((p) => p.file === current).map((p) => ({
    line: p.line, column: p.column, message: `${pick(p.message_zh, p.message_en)}\n${pick(p.message_en, p.message_zh)}`,
  })));
}

const amountText = (a) => (a ? pick(a.zh, a.en) : '—');
const outcomeText = (o) => (o.error ? `${statusWord('error')}: ${o.error}` : `${statusWord(o.status)} · ${amountText(o.amount)}`);
function expectedText(e) {
  let amount = '';
  if (e.amount != null) amount = ` · ${e.amount}`;
  else if (e.min != null || e.max != null) amount = ` · ${e.min ?? '0'} – ${e.max === 'none' ? '∞' : e.max ?? '?'}`;
  return `${statusWord(e.status)}${amount}`;
}

function renderScenarios() {
  const scenarios = last.scenarios;
  const failing = scenarios.filter((s) => !s.pass).length;
  $('scenario-count').textContent = pick(`(${scenarios.length - failing} 通过，${failing} 未通过)`, `(${scenarios.length - failing} pass, ${failing} fail)`);
  const all = $('all-scenarios').checked;
  const body = $('scenarios').tBodies[0];
  body.replaceChildren();
  for (const s of scenarios) {
    if (!all && s.pass) continue;
    const row = el('tr', {},
      el('th', { scope: 'row' }, s.id, el('small', {}, `${s.file} · ${s.provision} · ${s.as_of}`)),
      el('td', { class: s.pass ? 'pass' : 'fail' }, s.pass ? pick('✓ 通过', '✓ pass') : pick('✗ 未通过', '✗ fail'),
        s.pass ? null : el('small', {}, s.message)),
      el('td', {}, expectedText(s.expected)),
      el('td', {}, outcomeText(s.actual)));
    row.dataset.id = s.id;
    row.dataset.pass = String(s.pass);
    row.dataset.provision = s.provision;
    row.dataset.amount = s.actual.amount ? `${s.actual.amount.min}-${s.actual.amount.max ?? ''}` : '';
    body.append(row);
  }
  if (!body.rows.length) {
    body.append(el('tr', {}, el('td', { colSpan: 4 }, scenarios.length ? pick('全部通过。', 'All pass.') : pick('没有运行场景。', 'No scenario ran.'))));
  }
}

function renderImpact(impact) {
  const sBody = $('impact-scenarios').tBodies[0];
  const pBody = $('impact-provisions').tBodies[0];
  sBody.replaceChildren();
  pBody.replaceChildren();
  if (!impact) {
    $('impact-summary').textContent = pick('草稿无法编译时无法比较。', 'The draft must compile to be compared.');
    return;
  }
  $('impact-summary').textContent = pick(
    `比较了 ${impact.scenarios_compared} 个场景；每个条款在 ${impact.profiles} 组场景答案上比较。${impact.scenarios.length} 个场景、${impact.provisions.length} 个条款有变化。`,
    `${impact.scenarios_compared} scenarios compared; every provision compared over ${impact.profiles} scenario profiles. ${impact.scenarios.length} scenario(s) and ${impact.provisions.length} provision(s) change.`);
  for (const c of impact.scenarios) {
    const row = el('tr', {},
      el('th', { scope: 'row' }, c.id, el('small', {}, `${c.file} · ${c.as_of}`)),
      el('td', {}, c.provision),
      el('td', {}, outcomeText(c.before)),
      el('td', {}, outcomeText(c.after)));
    row.dataset.id = c.id;
    sBody.append(row);
  }
  const change = { changed: ['改变', 'changed'], added: ['新增', 'added'], removed: ['删除', 'removed'] };
  for (const p of impact.provisions) {
    const row = el('tr', {},
      el('th', { scope: 'row' }, pick(p.title_zh, p.title_en), el('small', {}, p.id)),
      el('td', {}, pick(...change[p.change])),
      el('td', {}, String(p.status_changes)),
      el('td', {}, String(p.amount_changes)),
      el('td', {}, p.examples.join(', ')));
    row.dataset.id = p.id;
    pBody.append(row);
  }
  if (!impact.scenarios.length) sBody.append(el('tr', {}, el('td', { colSpan: 4 }, pick('没有。', 'None.'))));
  if (!impact.provisions.length) pBody.append(el('tr', {}, el('td', { colSpan: 5 }, pick('没有。', 'None.'))));
}

// ---- the impact over an uploaded list --------------------------------------------------------

let listLoaded = false;
let listing = 0; // the latest list impact asked for

function today() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

async function readList(input) {
  const file = input.files[0];
  if (!file) return;
  const section = $('list-section');
  section.setAttribute('aria-busy', 'true');
  try {
    const bytes = await file.arrayBuffer();
    await call('listRead', { name: file.name, bytes });
    listLoaded = true;
    $('list-clear').hidden = false;
    await runListImpact();
  } catch (e) {
    listLoaded = false;
    showListError(e);
    section.setAttribute('aria-busy', 'false');
  }
  input.value = '';
}

function showListError(e) {
  $('list-summary').textContent = pick(e.message_zh ?? String(e), e.message_en ?? String(e));
  $('list-summary').className = 'error';
}

/** The draft against the published pack over the list, worked out in the worker (the list
 *  stays there): after every check that compiles, and when the date changes. */
async function runListImpact() {
  if (!listLoaded) return;
  const section = $('list-section');
  if (!last || last.problems.length) {
    $('list-summary').className = 'hint';
    $('list-summary').textContent = pick('草稿无法编译时无法比较。', 'The draft must compile to be compared.');
    $('list-impact').tBodies[0].replaceChildren();
    return;
  }
  const seq = ++listing;
  section.setAttribute('aria-busy', 'true');
  try {
    if (!$('list-date').value) $('list-date').value = today();
    const impact = await call('listImpact', { asOf: $('list-date').value, lang });
    if (seq !== listing) return;
    renderListImpact(impact);
  } catch (e) {
    if (seq === listing) showListError(e);
  } finally {
    if (seq === listing) section.setAttribute('aria-busy', 'false');
  }
}

const rowsWord = (n) => pick(`${n} 行`, `${n} row${n === 1 ? '' : 's'}`);
const totalText = (t) => (t ? `${t.display}${t.capped ? pick('（已按上限）', ' (capped)') : ''} · ${pick(`符合 ${t.eligible_rows} 行`, `${t.eligible_rows} eligible`)}` : '—');
const rowName = (r) => `${pick(`第 ${r.row} 行`, `row ${r.row}`)}${r.label ? ` ${r.label}` : ''}`;

function renderListImpact(impact) {
  const kind = { person: ['个人名单', 'a list of people'], organisation: ['单位名单', 'a list of organisations'] };
  const door = impact.door ? pick(...kind[impact.door]) : pick('个人与单位', 'people and organisations');
  $('list-summary').className = 'hint';
  $('list-summary').textContent = pick(
    `“${impact.name}”：共 ${impact.rows} 行，有效 ${impact.valid}，无效 ${impact.invalid}；按${door}、${impact.as_of} 有效的政策比较（${impact.matched} 列对应问题）。${impact.provisions.length} 个条款有变化，${impact.unchanged} 个条款不变。`,
    `'${impact.name}': ${impact.rows} rows, ${impact.valid} valid, ${impact.invalid} invalid; compared as ${door} under the policies in force on ${impact.as_of} (${impact.matched} columns answer questions). ${impact.provisions.length} provision(s) change, ${impact.unchanged} unchanged.`);
  $('list-summary').dataset.rows = String(impact.rows);
  $('list-summary').dataset.invalid = String(impact.invalid);
  const unknown = $('list-unknown');
  unknown.hidden = impact.unknown.length === 0;
  unknown.textContent = pick(
    `未识别的列：${impact.unknown.join('、')}。它们不参与计算${impact.labelHeader ? `（“${impact.labelHeader}”用来标明每一行）` : ''}。`,
    `Columns not recognised: ${impact.unknown.join(', ')}. They are not used${impact.labelHeader ? ` ('${impact.labelHeader}' names each row)` : ''}.`);
  unknown.dataset.columns = JSON.stringify(impact.unknown);

  const body = $('list-impact').tBodies[0];
  body.replaceChildren();
  const change = { changed: ['', ''], added: ['（新增）', ' (added)'], removed: ['（删除）', ' (removed)'] };
  for (const p of impact.provisions) {
    const examples = el('td', {});
    for (const e of p.examples) {
      examples.append(el('div', {}, `${rowName(e)}${pick('：', ': ')}${outcomeText(e.before)} → ${outcomeText(e.after)}`));
    }
    const row = el('tr', {},
      el('th', { scope: 'row' }, pick(p.title_zh, p.title_en) + pick(...change[p.change]), el('small', {}, p.id)),
      el('td', {}, rowsWord(p.status_changes)),
      el('td', {}, rowsWord(p.amount_changes)),
      el('td', {}, `${totalText(p.before)} → ${totalText(p.after)}`),
      examples);
    row.dataset.id = p.id;
    row.dataset.statusChanges = String(p.status_changes);
    row.dataset.amountChanges = String(p.amount_changes);
    row.dataset.before = p.before?.display ?? '';
    row.dataset.after = p.after?.display ?? '';
    body.append(row);
  }
  if (!impact.provisions.length) body.append(el('tr', {}, el('td', { colSpan: 5 }, pick('这份名单上没有变化。', 'Nothing changes on this list.'))));

  const invalid = $('list-invalid');
  invalid.hidden = impact.invalid === 0;
  $('list-invalid-title').textContent = pick(`${impact.invalid} 行无效，未计入`, `${impact.invalid} invalid row(s), not counted`);
  $('list-invalid-rows').replaceChildren(...impact.invalid_rows.map((r) => {
    const li = el('li', {}, `${rowName(r)}${pick('：', ': ')}${pick(r.message_zh, r.message_en)}`);
    li.dataset.row = String(r.row);
    return li;
  }));
  if (impact.invalid > impact.invalid_rows.length) {
    $('list-invalid-rows').append(el('li', {}, pick(`……另有 ${impact.invalid - impact.invalid_rows.length} 行`, `… and ${impact.invalid - impact.invalid_rows.length} more`)));
  }
}

function clearList() {
  listLoaded = false;
  ++listing;
  call('listClear');
  $('list-clear').hidden = true;
  $('list-summary').textContent = '';
  $('list-unknown').hidden = true;
  $('list-invalid').hidden = true;
  $('list-impact').tBodies[0].replaceChildren();
  $('list-section').setAttribute('aria-busy', 'false');
}

// ---- the preview ----------------------------------------------------------------------------

function fillPreviewChoices(scenarios) {
  const select = $('preview-scenario');
  const chosen = select.value;
  if (select.options.length === scenarios.length + 1 && chosen) return;
  select.replaceChildren(el('option', { value: '' }, pick('（自己填写）', '(my own answers)')));
  for (const s of scenarios) select.append(el('option', { value: s.id }, `${s.id} (${s.provision})`));
  if (scenarios.some((s) => s.id === chosen)) select.value = chosen;
  else if (!chosen && scenarios.length && !$('preview-answers').value) {
    select.value = scenarios[0].id;
    fromScenario();
  }
}

function fromScenario() {
  const s = last?.scenarios.find((x) => x.id === $('preview-scenario').value);
  if (!s) return;
  $('preview-answers').value = JSON.stringify(s.profile, null, 1);
  $('preview-date').value = s.as_of;
}

let previewing = 0;
async function runPreview() {
  if (!last || last.problems.length) return;
  const seq = ++previewing;
  const error = $('preview-error');
  try {
    const report = await call('preview', { answers: $('preview-answers').value, asOf: $('preview-date').value || new Date().toISOString().slice(0, 10), lang });
    if (seq !== previewing) return;
    error.hidden = true;
    const body = $('preview').tBodies[0];
    body.replaceChildren();
    const rank = { eligible: 0, needs_info: 1, not_in_force: 2, not_eligible: 3 };
    const list = [...report.provisions].sort((a, b) => rank[a.status] - rank[b.status]);
    for (const p of list) {
      const why = p.amount?.steps?.length ? p.amount.steps.join('；') : p.missing.length ? pick(`待回答：${p.missing.join('、')}`, `To answer: ${p.missing.join(', ')}`) : '';
      const row = el('tr', {},
        el('th', { scope: 'row' }, p.title, el('small', {}, `${p.document} ${p.clause}`)),
        el('td', { class: p.status === 'eligible' ? 'pass' : '' }, statusWord(p.status)),
        el('td', {}, p.amount?.display ?? '—'),
        el('td', {}, why));
      row.dataset.id = p.id;
      body.append(row);
    }
  } catch (e) {
    if (seq !== previewing) return;
    error.textContent = pick(e.message_zh, e.message_en);
    error.hidden = false;
  }
}

// ---- opening and exporting ------------------------------------------------------------------

/** Keeps the TOML files under the folder that holds facts.toml, paths relative to it. */
function packFiles(list) {
  const facts = list.map((f) => f.path).filter((p) => p === 'facts.toml' || p.endsWith('/facts.toml')).sort((a, b) => a.length - b.length)[0];
  const prefix = facts ? facts.slice(0, -'facts.toml'.length) : '';
  return list.filter((f) => f.path.startsWith(prefix) && f.path.endsWith('.toml')).map((f) => ({ path: f.path.slice(prefix.length), text: f.text }));
}

function opened(list, what) {
  if (!list.some((f) => f.path === 'facts.toml')) {
    showStatus(pick(`${what} 中没有 facts.toml：不是规则包`, `${what} holds no facts.toml: not a rule pack`), 'bad');
    return;
  }
  $('exported').hidden = true;
  setFiles(list);
}

async function openFolder(input) {
  const list = await Promise.all([...input.files].map(async (f) => ({ path: f.webkitRelativePath || f.name, text: await f.text() })));
  opened(packFiles(list), pick('文件夹', 'The folder'));
  input.value = '';
}

async function openZip(input) {
  const file = input.files[0];
  if (!file) return;
  try {
    const { readZip } = await editorModule;
    opened(readZip(new Uint8Array(await file.arrayBuffer())), file.name);
  } catch (e) {
    showStatus(pick(`无法读取 ZIP：${e.message ?? e}`, `Cannot read the zip: ${e.message ?? e}`), 'bad');
  }
  input.value = '';
}

function download(name, blob) {
  const a = el('a', { href: URL.createObjectURL(blob), download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 60000);
}

const packName = () => $('pack-name').value.trim();

async function exportJson() {
  const box = $('exported');
  try {
    const e = await call('export', { files, name: packName(), version: $('pack-version').value.trim() });
    const file = `${packName()}.json`;
    download(file, new Blob([e.json], { type: 'application/json' }));
    box.className = 'exported';
    box.replaceChildren(
      el('p', {}, pick(`已导出 ${file}（${e.bytes} 字节）。发布到网站后，页面这样加载：`, `Exported ${file} (${e.bytes} bytes). Published on a site, a page loads it with:`)),
      el('pre', {}, el('code', {}, `loadPack('https://…/${file}', { integrity: '${e.integrity}' })`)),
      el('p', {}, pick('完整性值（integrity）：', 'Integrity: '), el('code', { id: 'integrity' }, e.integrity)));
    box.dataset.integrity = e.integrity;
  } catch (e) {
    box.className = 'error';
    const items = (e.problems ?? []).map((p) => el('li', {}, `${where(p)} ${pick(p.message_zh, p.message_en)}`));
    box.replaceChildren(el('p', {}, pick(e.message_zh, e.message_en)), items.length ? el('ul', {}, ...items) : null);
  }
  box.hidden = false;
}

/** The calculator itself on the draft: the site's embed, given the draft as the JSON that
 *  export writes, with its integrity value (checked and compiled as a published pack is). */
let shownApp;
async function previewInApp() {
  const button = $('preview-app');
  button.disabled = true;
  const box = $('calculator-preview');
  try {
    const e = await call('export', { files, name: packName() || 'draft', version: $('pack-version').value.trim() || '0' });
    const { mount } = await import('../embed.js');
    shownApp?.unmount();
    shownApp = await mount(box, { lang, storageKey: '', pack: { text: e.json, integrity: e.integrity } });
    box.scrollIntoView({ block: 'start' });
  } catch (e) {
    shownApp?.unmount();
    shownApp = undefined;
    const items = (e.problems ?? []).map((p) => el('li', {}, `${where(p)} ${pick(p.message_zh, p.message_en)}`));
    box.replaceChildren(el('p', { className: 'error', role: 'alert' }, pick(e.message_zh ?? String(e), e.message_en ?? String(e))), items.length ? el('ul', {}, ...items) : '');
  } finally {
    button.disabled = false;
  }
}

/** A new policy document: policies/<id>.toml with one provision to rewrite from the text, and
 *  scenarios/<id>.toml with one scenario, both valid from the start (FORMAT.md), so the checks
 *  run while the officer replaces the placeholders with the document's own words and numbers. */
function newPolicy() {
  const id = $('new-policy-id').value.trim();
  if (!/^[a-z][a-z0-9_]*$/.test(id)) {
    showStatus(pick('政策编号只能用小写字母、数字和下划线，以字母开头，如 pudong_2026_1', 'A policy id is lower-case letters, digits and underscores, starting with a letter, e.g. pudong_2026_1'), 'error');
    $('new-policy-id').focus();
    return;
  }
  const path = `policies/${id}.toml`;
  if (files.some((f) => f.path === path)) {
    openFile(path);
    return;
  }
  const day = today();
  files.push(
    {
      path,
      text: `# ${pick('新政策：把文件的每一条写成一个 [[provision]]，数字都要能在原文找到出处（格式：crates/engine/FORMAT.md）。', 'A new policy: write each clause of the document as a [[provision]]; every number must trace to the text (format: crates/engine/FORMAT.md).')}
[policy]
id = "${id}"
document = "（文号）"
title = { zh = "（政策名称）", en = "(Policy title)" }
issuer = { zh = "（发文单位）", en = "(Issuer)" }
from = "${day}"

[[provision]]
id = "${id}.grant"
kind = "grant"
audience = "organisation"
recipient = "organisation"
unit = "one_off"
clause = "一"
title = { zh = "（条款名称）", en = "(Provision title)" }
explain = { zh = "（条款要点）", en = "(What the clause says)" }

[provision.when]
fact = "org.district"
is = "pudong"

[provision.amount]
fixed = "10000"
`,
    },
    {
      path: `scenarios/${id}.toml`,
      text: `# ${pick('场景：每个门槛的两侧、有效期首尾、上限上下、未回答的情形。', 'Scenarios: both sides of every threshold, the first and last day in force, caps below and above, unknown answers.')}
[[scenario]]
id = "${id}-example"
as_of = "${day}"
provision = "${id}.grant"
profile = { "org.district" = "pudong" }
expect = { status = "eligible", amount = "10000" }
`,
    },
  );
  setFiles(files);
  openFile(path);
}

async function exportZip() {
  const { writeZip } = await editorModule;
  const name = packName() || 'pack';
  download(`${name}.zip`, new Blob([writeZip(files, name)], { type: 'application/zip' }));
}

// ---- start ----------------------------------------------------------------------------------

document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
for (const node of document.querySelectorAll('[data-t]')) node.textContent = t(node.dataset.t);
document.title = `${t('title')} · ${pick('上海技能人才政策计算器', 'Shanghai skilled-talent policy calculator')}`;
$('lang').textContent = lang === 'en' ? '中文' : 'English';
$('lang').href = lang === 'en' ? '?' : '?lang=en';
$('lang').hreflang = lang === 'en' ? 'zh-CN' : 'en';
if (lang === 'en') $('lang').setAttribute('lang', 'zh-CN');
$('back').href = lang === 'en' ? '../?lang=en' : '../';

const editorModule = import('./editor.js');
$('open-embedded').onclick = async () => setFiles((await call('init')).files);
$('open-folder').onchange = (e) => openFolder(e.target);
$('open-zip').onchange = (e) => openZip(e.target);
$('export-json').onclick = exportJson;
$('export-zip').onclick = exportZip;
$('preview-app').onclick = previewInApp;
$('new-policy').onclick = newPolicy;
$('all-scenarios').onchange = () => last && renderScenarios();
$('preview-scenario').onchange = () => { fromScenario(); runPreview(); };
let previewTimer;
const previewSoon = () => { clearTimeout(previewTimer); previewTimer = setTimeout(runPreview, 300); };
$('preview-answers').oninput = previewSoon;
$('preview-date').onchange = runPreview;
$('list-date').value = today();
$('list-file').onchange = (e) => readList(e.target);
$('list-date').onchange = runListImpact;
$('list-clear').onclick = clearList;

const [{ createEditor }, { files: embedded }] = await Promise.all([editorModule, call('init')]);
editor = createEditor({ host: $('editor'), label: 'TOML', onChange: edited });
$('editor').editor = editor; // goto(line, column), text(): what the problem list uses (and tests)
setFiles(embedded);
