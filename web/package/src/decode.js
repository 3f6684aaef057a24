// Reads back what decide and batch return in compact form: one string of fields, each ended by
// U+001F, in the order crates/wasm/src/encode.rs writes them (the layout is described there;
// that file and this one change together). The result has exactly the shape serde gives the
// Rust types (Decisions, ProvisionDecision, TotalReport, GroupTotal in types.d.ts).
//
// A decision names its provision, facts and statuses by their places in the pack's lists,
// each a character (U+0020 plus the place): `names` is what the pack's `names()` gives,
// `[provision ids, fact ids, statuses]`.

const NULL = '\0';

function reader(encoded, names) {
  const fields = encoded.split('\x1f');
  let at = 0;
  const [provisions, facts, statuses] = names ?? [[], [], []];
  return {
    provisions,
    statuses,
    facts() {
      const v = fields[at++];
      const out = new Array(v.length);
      for (let i = 0; i < v.length; i++) out[i] = facts[v.charCodeAt(i) - 32];
      return out;
    },
    text: () => fields[at++],
    /** Whether the next field is a null (without reading it). */
    nullNext: () => fields[at] === NULL,
    skip(n) {
      at += n;
    },
    optional() {
      const v = fields[at++];
      return v === NULL ? null : v;
    },
    number: () => Number(fields[at++]),
    flag: () => fields[at++] === '1',
    list() {
      const v = fields[at++];
      return v === '' ? [] : v.split('\x1e');
    },
  };
}

function decision(r) {
  // Provision, status, decision, and what follows: 1 an amount, 2 an error, 3 both (encode.rs).
  const head = r.text();
  const id = r.provisions[head.charCodeAt(0) - 32];
  const status = r.statuses[head.charCodeAt(1) - 32];
  const decision = r.statuses[head.charCodeAt(2) - 32];
  const shape = head.charCodeAt(3) - 32;
  const amount = shape & 1
    ? { min: r.text(), max: r.optional(), exact: r.flag(), display: r.text(), cap_group: r.optional() }
    : null;
  const missing = r.facts();
  const failed = r.facts();
  const warnings = r.list();
  const error = shape & 2 ? { code: r.text(), message: r.text() } : null;
  return { id, status, decision, amount, missing, failed, warnings, error };
}

function money(r) {
  return { value: r.text(), display: r.text() };
}

function range(r) {
  const min = money(r);
  let max = null;
  if (r.nullNext()) r.skip(2);
  else max = money(r);
  return { min, max, display: r.text() };
}

function total(r) {
  return {
    recipient: r.text(),
    eligible: range(r),
    possible: range(r),
    eligible_count: r.number(),
    needs_info_count: r.number(),
    unpublished_count: r.number(),
  };
}

function group(r) {
  return {
    group: r.text(),
    rows: r.number(),
    eligible_rows: r.number(),
    min: r.text(),
    max: r.optional(),
    cap: r.optional(),
    capped: r.flag(),
    scope_unknown: r.flag(),
    display: r.text(),
    spellings: r.list(),
  };
}

function many(r, read) {
  const n = r.number();
  const out = new Array(n);
  for (let i = 0; i < n; i++) out[i] = read(r, i);
  return out;
}

function decisions(r) {
  const as_of = r.text();
  const lang = r.text();
  return { as_of, lang, provisions: many(r, decision), totals: many(r, total) };
}

/** decide: { as_of, lang, provisions, totals }. */
export function decodeDecisions(encoded, names) {
  return decisions(reader(encoded, names));
}

/** decideMany: { rows, errors }; an invalid row is null in `rows`, its error in `errors`. */
export function decodeMany([encoded, errors], names) {
  const r = reader(encoded, names);
  return { rows: many(r, () => (r.flag() ? decisions(r) : null)), errors };
}

/** batch: { rows, errors, groups }; an invalid row is null in `rows`, its error in `errors`. */
export function decodeBatch([encoded, errors], names) {
  const r = reader(encoded, names);
  const rows = many(r, () => (r.flag() ? decision(r) : null));
  return { rows, errors, groups: many(r, group) };
}

/** A valid row of match: what it is eligible for or needs information on, its total, and the
 *  provisions that could not be decided for it. */
function matched(r) {
  const results = many(r, decision);
  const total = { min: r.text(), max: r.optional(), display: r.text() };
  const problems = many(r, () => ({ provision: r.text(), fact: r.text(), message: r.text() }));
  return { results, total, problems };
}

/** match, one chunk: { rows, errors }; an invalid row is null in `rows`, its error in `errors`. */
export function decodeMatch([encoded, errors], names) {
  const r = reader(encoded, names);
  return { rows: many(r, () => (r.flag() ? matched(r) : null)), errors };
}

/** match, at the end: { totals, counts }. */
export function decodeMatchTotals(encoded) {
  const r = reader(encoded);
  const counts = { rows: r.number(), valid: r.number(), invalid: r.number(), with_eligible: r.number() };
  const totals = many(r, () => ({
    provision: r.text(),
    eligible_rows: r.number(),
    needs_info_rows: r.number(),
    groups: many(r, group),
  }));
  return { totals, counts };
}
