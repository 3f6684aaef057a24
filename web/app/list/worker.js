// The list page's worker: reads the file, matches every row, writes the workbooks. Everything
// heavy happens here, so a list of 100,000 rows never freezes the page; nothing leaves the
// device (the file arrives as bytes from the page, results go back to it).
//
// Two wasm modules, both loaded only by this page: the npm package's web build (pkg/: the
// engine and the catalogue, `match`) and the spreadsheet reader/writer (sheets/: crates/sheets,
// calamine and rust_xlsxwriter), the latter on the first XLSX only. The file is read by read.js,
// which the studio's list impact shares.
//
// Messages in, each with an `id`: {type: 'init', lang} | {type: 'read', name, bytes} |
//   {type: 'match', mapping, door, asOf, lang} | {type: 'rows', filter, provision, sort, limit,
//   lang} | {type: 'results', lang} | {type: 'template', door, lang}
// Messages out: {type, id, answer}; {type: 'error', id, code, message_zh, message_en, field};
// and, while matching, {type: 'progress', done, total}.

import init, { evaluate, facts, match, policies } from './pkg/web.js';
import { readTable, refusal } from './read.js';

const ready = init();
let sheets; // the spreadsheet module, on first use
let table = null; // the list read: { name, header, rows }
let last = null; // the last match: { result, mapping, door, asOf, labelColumn }

function loadSheets() {
  sheets ??= import('./sheets/skillcalc_sheets.js').then(async (m) => {
    await m.default();
    return m;
  });
  return sheets;
}

const pick = (lang, zh, en) => (lang === 'en' ? en : zh);

/** The catalogue as the page needs it: facts (both languages, to match headers), provisions. */
function catalogue(lang) {
  const zh = facts({ lang: 'zh' });
  const en = facts({ lang: 'en' });
  const report = evaluate({}, { lang, explain: false });
  return {
    facts: zh.map((f, i) => ({
      id: f.id,
      subject: f.subject,
      type: f.type,
      label_zh: f.label,
      label_en: en[i].label,
      values: f.values.map((v, j) => ({ id: v.id, zh: v.label, en: en[i].values[j].label })),
    })),
    provisions: report.provisions.map((p) => ({
      id: p.id,
      title: p.title,
      document: p.document,
      audience: p.audience,
    })),
  };
}

// ---- reading ------------------------------------------------------------------------------

async function read({ name, bytes }) {
  const { header, rows: body } = await readTable(name, bytes, loadSheets);
  table = { name, header, rows: body };
  last = null;
  return { name, header, preview: body.slice(0, 5), count: body.length };
}

// ---- matching -----------------------------------------------------------------------------

/** Each row as a profile: the mapped columns' non-empty cells, as text (the engine reads text
 *  for every type, labels of options and 是/否 included). */
function profiles(mapping) {
  const columns = mapping.map((id, i) => [id, i]).filter(([id]) => id);
  return table.rows.map((row) => {
    const profile = {};
    for (const [id, i] of columns) {
      const cell = row[i];
      if (cell !== undefined && String(cell).trim() !== '') profile[id] = String(cell);
    }
    return profile;
  });
}

function runMatch({ mapping, door, asOf, lang }) {
  if (!table) throw refusal('no_file', '请先选择名单文件', 'choose a list file first');
  const started = performance.now();
  const rows = profiles(mapping);
  const read = performance.now();
  const result = match(rows, {
    asOf,
    lang,
    door,
    onProgress: (done, total) => postMessage({ type: 'progress', done, total }),
  });
  // The column that names a row (姓名, 单位名称): the first one not mapped to a question.
  const labelColumn = mapping.findIndex((id) => !id);
  last = { result, mapping, door, asOf, labelColumn };
  const matched = performance.now();
  const answer = summary(lang);
  answer.timings = { profiles: read - started, match: matched - read, summary: performance.now() - matched };
  return answer;
}

/** What the page shows first: the totals, the counts, and the policies not in force on the
 *  date. The rows stay here: the page asks for the few it shows (`rows`), so a list of 100,000
 *  is never copied to it. */
function summary(lang) {
  const { result, asOf } = last;
  const expired = policies({ asOf, lang }).filter((p) => p.in_force !== 'in_force');
  return { totals: result.totals, counts: result.counts, expired };
}

/** The rows the page shows: those `filter` and `provision` keep, sorted by row or by total
 *  (highest first), at most `limit` of them, and how many there are in all. */
function rows({ filter, provision, sort, limit, lang }) {
  if (!last) throw refusal('no_results', '还没有核对结果', 'there are no results yet');
  const { result, labelColumn } = last;
  const errors = new Map(result.errors.map((e) => [e.row, problemText(e, lang)]));
  const has = (r, status) => r.results.some((d) => d.status === status && (!provision || d.id === provision));
  let kept = [];
  result.rows.forEach((r, i) => {
    const keep = r === null
      ? filter === 'invalid' || (filter === 'all' && !provision)
      : filter === 'eligible' ? has(r, 'eligible')
      : filter === 'needs' ? has(r, 'needs_info')
      : filter === 'all' && (!provision || has(r, 'eligible') || has(r, 'needs_info'));
    if (keep) kept.push(i);
  });
  if (sort === 'total') {
    const fen = (i) => (result.rows[i] ? BigInt(result.rows[i].total.min.replace('.', '')) : -1n);
    const totals = new Map(kept.map((i) => [i, fen(i)]));
    kept.sort((a, b) => (totals.get(b) > totals.get(a) ? 1 : totals.get(b) < totals.get(a) ? -1 : a - b));
  }
  const shown = kept.slice(0, limit).map((i) => {
    const r = result.rows[i];
    const label = labelColumn >= 0 ? String(table.rows[i][labelColumn] ?? '') : '';
    if (!r) return { row: i + 1, label, invalid: true, error: errors.get(i) };
    return {
      row: i + 1,
      label,
      eligible: r.results.filter((d) => d.status === 'eligible').map((d) => [d.id, d.amount?.display ?? '']),
      needs: r.results.filter((d) => d.status === 'needs_info').map((d) => [d.id, d.missing]),
      total: r.total.display,
      problems: r.problems.map((p) => `${p.provision}：${p.message}`),
    };
  });
  return { rows: shown, count: kept.length };
}

/** An invalid row's problems in words, each naming its question (not the fact's id). */
function problemText(e, lang) {
  if (!e.problems?.length) return pick(lang, e.message_zh, e.message_en);
  return e.problems.map((p) => pick(lang, p.message_zh, p.message_en)).join(pick(lang, '；', '; '));
}

// ---- writing ------------------------------------------------------------------------------

const money = (s) => (s === null || s === undefined || s === '' ? null : { n: s });

async function resultsWorkbook(lang) {
  if (!last) throw refusal('no_results', '还没有核对结果', 'there are no results yet');
  const m = await loadSheets();
  const { provisions, facts: all } = catalogue(lang);
  const title = new Map(provisions.map((p) => [p.id, p.title]));
  const label = new Map(all.map((f) => [f.id, pick(lang, f.label_zh, f.label_en)]));
  const status = { eligible: pick(lang, '符合条件', 'eligible'), needs_info: pick(lang, '需补充信息', 'needs information') };
  const { result, labelColumn } = last;
  const name = labelColumn >= 0 ? table.header[labelColumn] : pick(lang, '名称', 'Name');
  const lines = [];
  result.rows.forEach((r, i) => {
    const who = labelColumn >= 0 ? String(table.rows[i][labelColumn] ?? '') : '';
    if (!r) {
      const e = result.errors.find((x) => x.row === i);
      lines.push([{ n: String(i + 1) }, who, '', '', pick(lang, '无效行', 'invalid row'), null, null, '', e ? problemText(e, lang) : '']);
      return;
    }
    for (const d of r.results) {
      lines.push([
        { n: String(i + 1) },
        who,
        d.id,
        title.get(d.id) ?? d.id,
        status[d.status],
        money(d.amount?.min),
        money(d.amount?.max),
        d.amount?.display ?? '',
        d.missing.map((f) => label.get(f) ?? f).join(pick(lang, '、', ', ')),
      ]);
    }
  });
  const totals = [];
  for (const t of result.totals) {
    for (const g of t.groups) {
      totals.push([
        t.provision,
        title.get(t.provision) ?? t.provision,
        { n: String(t.eligible_rows) },
        { n: String(t.needs_info_rows) },
        g.group,
        money(g.min),
        money(g.max),
        money(g.cap),
        g.capped ? pick(lang, '是', 'yes') : pick(lang, '否', 'no'),
        g.display,
      ]);
    }
  }
  return m.writeWorkbook([
    {
      name: pick(lang, '结果', 'Results'),
      header: pick(lang,
        ['行', name, '条款编号', '条款', '结果', '最低金额', '最高金额', '金额', '还需回答'],
        ['Row', name, 'Provision id', 'Provision', 'Result', 'Min', 'Max', 'Amount', 'Still to answer']),
      rows: lines,
    },
    {
      name: pick(lang, '合计', 'Totals'),
      header: pick(lang,
        ['条款编号', '条款', '符合条件行数', '需补充信息行数', '上限分组', '最低合计', '最高合计', '上限', '已按上限', '合计'],
        ['Provision id', 'Provision', 'Eligible rows', 'Rows needing information', 'Cap group', 'Min', 'Max', 'Cap', 'Capped', 'Total']),
      rows: totals,
    },
  ]);
}

/** A template for a door: a name column, then one column per question of that door, headed by
 *  its label (the page and `skillcalc match` both read labels); how to fill each column is on a
 *  second sheet, so that no example row is ever read as a person. */
async function template({ door, lang }) {
  const m = await loadSheets();
  const subject = door === 'org' ? 'organisation' : 'person';
  const asked = catalogue(lang).facts.filter((f) => f.subject === subject);
  const hint = (f) => {
    switch (f.type) {
      case 'bool': return pick(lang, '是 或 否', 'yes or no');
      case 'enum': return f.values.map((v) => pick(lang, v.zh, v.en)).join(pick(lang, '、', ', '));
      case 'enum_set': return pick(lang, '可填多项，用分号隔开；都没有填“无”：', 'one or more, separated by semicolons, or "none": ') + f.values.map((v) => pick(lang, v.zh, v.en)).join('; ');
      case 'date': return pick(lang, '日期，如 2025-10-01', 'a date, e.g. 2025-10-01');
      case 'money': return pick(lang, '金额（元），如 60000', 'an amount in yuan, e.g. 60000');
      case 'int': return pick(lang, '整数', 'a whole number');
      case 'decimal': return pick(lang, '数字', 'a number');
      default: return pick(lang, '文字', 'text');
    }
  };
  const first = door === 'org' ? pick(lang, '单位名称', 'Organisation') : pick(lang, '姓名', 'Name');
  const labels = asked.map((f) => pick(lang, f.label_zh, f.label_en));
  return m.writeWorkbook([
    { name: pick(lang, '名单', 'List'), header: [first, ...labels], rows: [] },
    {
      name: pick(lang, '填写说明', 'How to fill'),
      header: pick(lang, ['列', '怎么填'], ['Column', 'How to fill it']),
      rows: [
        [first, pick(lang, '用来认出每一行，不参与计算', 'names the row; not used in the calculation')],
        ...asked.map((f, i) => [labels[i], hint(f)]),
        [pick(lang, '（空白）', '(blank)'), pick(lang, '不知道就留空：结果会说明还需回答什么', 'leave blank if unknown: the results say what is still to answer')],
      ],
    },
  ]);
}

// ---- messages -----------------------------------------------------------------------------

const handlers = {
  init: ({ lang }) => catalogue(lang),
  read,
  match: runMatch,
  rows,
  results: ({ lang }) => resultsWorkbook(lang),
  template,
};

onmessage = async ({ data }) => {
  try {
    await ready;
    const answer = await handlers[data.type](data);
    const transfer = answer instanceof Uint8Array ? [answer.buffer] : [];
    postMessage({ type: data.type, id: data.id, answer }, transfer);
  } catch (e) {
    postMessage({
      type: 'error',
      id: data.id,
      code: e?.code ?? 'internal',
      field: e?.field ?? null,
      message_zh: e?.message_zh ?? String(e?.message ?? e),
      message_en: e?.message_en ?? String(e?.message ?? e),
    });
  }
};
