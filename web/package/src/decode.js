// Reads back what decide and batch return in compact form: one string of fields, each ended by
// U+001F, in the order crates/wasm/src/encode.rs writes them (the layout is described there;
// that file and this one change together). The result has exactly the shape serde gives the
// Rust types (Decisions, ProvisionDecision, TotalReport, GroupTotal in types.d.ts).
//
// A decision names its provision, facts and statuses by their places in the pack's lists,
// each a character (U+0020 plus the place): `names` is what the pack's `names()` gives,
// `[provision ids, fact ids, statuses]`.

const END = 0x1f;
const ITEM = '\x1e';

/** Reads the fields in order, straight from the string: only the fields that are texts become
 *  strings (a place, a count, a flag, a list of facts is read where it stands), so a result
 *  makes little garbage beside what it returns. */
function reader(encoded, names) {
  let at = 0;
  const [provisions, facts, statuses] = names ?? [[], [], []];
  /** Where the field at `at` ends. */
  const end = () => {
    const e = encoded.indexOf('\x1f', at);
    return e < 0 ? encoded.length : e;
  };
  const text = () => {
    const e = end();
    const v = encoded.slice(at, e);
    at = e + 1;
    return v;
  };
  const nullNext = () => encoded.charCodeAt(at) === 0 && encoded.charCodeAt(at + 1) === END;
  return {
    provisions,
    statuses,
    /** The next character as a place (U+0020 plus the place); `end` also passes the field's
     *  end. A decision's head is four of them: read in place, no array made for them. */
    place(end = false) {
      const p = encoded.charCodeAt(at) - 32;
      at += end ? 2 : 1;
      return p;
    },
    facts() {
      const e = end();
      const out = new Array(e - at);
      for (let i = at; i < e; i++) out[i - at] = facts[encoded.charCodeAt(i) - 32];
      at = e + 1;
      return out;
    },
    text,
    /** Whether the next field is a null (without reading it). */
    nullNext,
    skip(n) {
      for (let i = 0; i < n; i++) at = end() + 1;
    },
    optional() {
      if (!nullNext()) return text();
      at += 2;
      return null;
    },
    number() {
      const e = end();
      let n = 0;
      for (let i = at; i < e; i++) n = n * 10 + (encoded.charCodeAt(i) - 48);
      at = e + 1;
      return n;
    },
    flag() {
      const one = encoded.charCodeAt(at) === 49 && encoded.charCodeAt(at + 1) === END;
      at = end() + 1;
      return one;
    },
    list() {
      const v = text();
      return v === '' ? [] : v.split(ITEM);
    },
  };
}

function decision(r) {
  // Provision, status, decision, and what follows: 1 an amount, 2 an error, 3 both (encode.rs).
  const provision = r.place();
  const status = r.place();
  const decided = r.place();
  const shape = r.place(true);
  const id = r.provisions[provision];
  const amount = shape & 1
    ? { min: r.text(), max: r.optional(), exact: r.flag(), display: r.text(), cap_group: r.optional() }
    : null;
  const missing = r.facts();
  const failed = r.facts();
  const warnings = r.list();
  const error = shape & 2 ? { code: r.text(), message: r.text() } : null;
  return { id, status: r.statuses[status], decision: r.statuses[decided], amount, missing, failed, warnings, error };
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
