// The studio's worker: everything that reads, compiles, runs or compares a pack happens here,
// so typing in the editor never waits for it. One wasm module, loaded only by this page
// (wasm/: crates/studio-wasm, the engine with its TOML reader and the published pack's files).
//
// An uploaded list (名单) is read here too, as the list page reads it (../list/read.js; an XLSX
// through ../list/sheets/, the list page's own crates/sheets build, loaded on the first XLSX),
// and kept here: the draft's impact over it is worked out again on each check, never sent.
//
// Messages in, each with an `id`: {type: 'init'} | {type: 'check', files} |
//   {type: 'preview', answers, asOf, lang} | {type: 'export', files, name, version} |
//   {type: 'listRead', name, bytes} | {type: 'listImpact', asOf, lang} | {type: 'listClear'}
// Messages out: {id, answer} or {id, error: { code, message_zh, message_en, problems }}.

import init, { embeddedFiles, Studio } from './wasm/skillcalc_studio.js';
import { matchHeader, readTable } from '../list/read.js';

let studio;
let list = null; // the list read: { name, header, rows }
let sheets; // the list page's spreadsheet module, on the first XLSX

function loadSheets() {
  sheets ??= import('../list/sheets/skillcalc_sheets.js').then(async (m) => {
    await m.default();
    return m;
  });
  return sheets;
}

/** The list's columns matched to the facts of the published pack and the draft (by id or
 *  label, as the list page and `skillcalc match` match them), the columns no fact answers, the
 *  column that names a row (the first of those, as on the list page), and the kind of list
 *  (the subject most of its matched columns ask about). */
function columns() {
  const facts = studio.listFacts();
  const ids = list.header.map((h) => matchHeader(h, facts));
  const unknown = list.header.map((h, i) => (ids[i] ? null : h || `#${i + 1}`)).filter((h) => h !== null);
  const labelColumn = ids.findIndex((id) => !id);
  const subject = new Map(facts.map((f) => [f.id, f.subject]));
  const people = ids.filter((id) => id && subject.get(id) === 'person').length;
  const orgs = ids.filter((id) => id && subject.get(id) === 'organisation').length;
  const door = people === orgs ? '' : people > orgs ? 'person' : 'organisation';
  return { ids, unknown, labelColumn, door };
}

/** The draft against the published pack over the list, each example and invalid row with the
 *  cell that names it. */
function listImpact({ asOf, lang }) {
  if (!list) return null;
  const { ids, unknown, labelColumn, door } = columns();
  const rows = list.rows.map((row) => {
    const answers = {};
    ids.forEach((id, i) => {
      const cell = row[i];
      if (id && cell !== undefined && String(cell).trim() !== '') answers[id] = String(cell);
    });
    return answers;
  });
  const impact = studio.impactOnList(rows, asOf, lang, door);
  const label = (n) => (labelColumn >= 0 ? String(list.rows[n - 1]?.[labelColumn] ?? '') : '');
  for (const p of impact.provisions) for (const e of p.examples) e.label = label(e.row);
  for (const r of impact.invalid_rows) r.label = label(r.row);
  return {
    ...impact,
    name: list.name,
    door,
    unknown,
    matched: ids.filter(Boolean).length,
    labelHeader: labelColumn >= 0 ? list.header[labelColumn] : null,
  };
}

async function listRead({ name, bytes }) {
  const table = await readTable(name, bytes, loadSheets);
  list = { name, ...table };
  return { name, count: table.rows.length };
}
const ready = init().then(() => {
  studio = new Studio();
});

const handlers = {
  init: () => ({ files: embeddedFiles() }),
  check: ({ files }) => studio.check(files),
  preview: ({ answers, asOf, lang }) => studio.preview(answers, asOf, lang),
  export: ({ files, name, version }) => studio.exportJson(files, name, version),
  listRead,
  listImpact,
  listClear: () => {
    list = null;
    return null;
  },
};

self.onmessage = async ({ data }) => {
  try {
    await ready;
    self.postMessage({ id: data.id, answer: await handlers[data.type](data) });
  } catch (e) {
    const error = e && typeof e === 'object' && 'code' in e
      ? e
      : { code: 'internal', message_zh: String(e), message_en: String(e), problems: [] };
    self.postMessage({ id: data.id, error });
  }
};
