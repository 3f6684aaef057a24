// Reading a list (名单): what the list page (its worker and page) and the studio's list impact
// (studio/worker.js imports '../list/read.js') share, so a file reads the same on both, and as
// `skillcalc match` reads it. No DOM: it runs in workers and pages alike.
//
//   readTable(name, bytes, loadSheets) -> { header: string[], rows: string[][] }
//     XLSX (the first sheet, through crates/sheets' `readFirstSheet`, loaded by `loadSheets()`
//     only for an XLSX) or CSV/TXT (UTF-8 with or without BOM, or GB18030); refuses anything
//     else, or a file with no rows, with { code, message_zh, message_en, field }.
//   matchHeader(header, facts) -> fact id | null
//     the question a column's header names: its id, or its Chinese or English label
//     (facts: [{ id, label_zh, label_en }]).

/** CSV text as rows of cells (RFC 4180: quotes, doubled quotes, commas and newlines inside
 *  quotes; CRLF or LF). Blank lines are dropped. */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows.filter((r) => r.some((c) => c.trim() !== ''));
}

/** A CSV file's text: UTF-8 (with or without BOM), or GB18030, what Excel writes as "CSV" on
 *  a Chinese Windows. */
export function decodeCsv(bytes) {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

export function refusal(code, zh, en, field = null) {
  return { code, message_zh: zh, message_en: en, field };
}

/** A list file's header (trimmed) and rows of cells. `loadSheets()` resolves to the initialised
 *  sheets module (crates/sheets' wasm), asked for only when the file is an XLSX. */
export async function readTable(name, bytes, loadSheets) {
  const data = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let rows;
  if (/\.xlsx$/i.test(name)) {
    const m = await loadSheets();
    rows = m.readFirstSheet(data);
  } else if (/\.(csv|txt)$/i.test(name)) {
    rows = parseCsv(decodeCsv(data));
  } else {
    throw refusal('unsupported_file', `“${name}”不是 XLSX 或 CSV 文件`, `'${name}' is not an XLSX or CSV file`);
  }
  if (rows.length === 0) throw refusal('empty_file', `“${name}”中没有任何行`, `'${name}' has no rows`);
  const [header, ...body] = rows;
  return { header: header.map((h) => String(h).trim()), rows: body };
}

/** The question a header names: its id, or its Chinese or English label; `null` if none. */
export function matchHeader(header, facts) {
  const h = String(header).trim();
  const lower = h.toLowerCase();
  if (!h) return null;
  const f = facts.find((x) => x.id.toLowerCase() === lower || x.label_zh.trim() === h || x.label_en.trim().toLowerCase() === lower);
  return f ? f.id : null;
}
