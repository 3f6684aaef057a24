// match(): every provision over a list, as `skillcalc match` gives it, held to decide() (which
// decide.test.mjs holds to evaluate()) and to batch() for the totals across rows.

import assert from 'node:assert/strict';
import test from 'node:test';
import { load } from '../testing/install.mjs';
import { thrown } from '../testing/errors.mjs';

const { decide, match, batch } = await load('skillcalc');
const AS_OF = '2024-06-01';

/** The corpus's scenarios of one date, each as a row (a roster of people and organisations). */
async function roster() {
  const { cases } = await import('../../../tests/corpus/check.mjs');
  return cases().filter((c) => c.as_of === AS_OF).map((c) => c.profile);
}

const shown = (d) => d.status === 'eligible' || d.status === 'needs_info';

test('each row of match() is what decide() gives it: the eligible and needs-info provisions, and their total', async (t) => {
  const rows = await roster();
  assert.ok(rows.length > 20, `only ${rows.length} scenarios on ${AS_OF}`);
  for (const lang of ['zh', 'en']) {
    const options = { asOf: AS_OF, lang };
    const result = match(rows, options);
    assert.deepEqual(result.errors, []);
    assert.equal(result.rows.length, rows.length);
    let withEligible = 0;
    rows.forEach((profile, i) => {
      const decided = decide(profile, options);
      const row = result.rows[i];
      assert.deepEqual(row.results, decided.provisions.filter(shown), `row ${i}`);
      assert.deepEqual(row.problems, []);
      // The total: the eligible amounts added (fen, exactly), open-ended once one is.
      const eligible = decided.provisions.filter((d) => d.status === 'eligible');
      const fen = (s) => BigInt(s.replace('.', ''));
      const min = eligible.reduce((sum, d) => sum + (d.amount ? fen(d.amount.min) : 0n), 0n);
      const open = eligible.some((d) => d.amount && d.amount.max === null);
      assert.equal(fen(row.total.min), min, `row ${i} total min`);
      if (open) assert.equal(row.total.max, null, `row ${i} total max`);
      else assert.equal(fen(row.total.max), eligible.reduce((s, d) => s + (d.amount ? fen(d.amount.max) : 0n), 0n));
      if (eligible.length > 0) withEligible++;
    });
    assert.deepEqual(result.counts, { rows: rows.length, valid: rows.length, invalid: 0, with_eligible: withEligible });
    t.diagnostic(`${lang}: ${rows.length} rows, ${withEligible} eligible for something`);
  }
});

test('a long list goes in chunks: the totals with caps across rows are batch()\'s, and onProgress counts up to the end', async () => {
  const base = await roster();
  // 2,600 rows: three chunks; an invalid row in the second and in the third.
  const rows = Array.from({ length: 2600 }, (_, i) => base[i % base.length]);
  rows[1500] = { 'person.age': 'old' };
  rows[2100] = 7;
  const progress = [];
  const result = match(rows, { asOf: AS_OF, lang: 'en', onProgress: (done, total) => progress.push([done, total]) });
  assert.deepEqual(progress, [[1024, 2600], [2048, 2600], [2600, 2600]]);
  assert.equal(result.rows.length, 2600);
  assert.deepEqual(result.errors.map((e) => [e.row, e.code]), [[1500, 'invalid_profile'], [2100, 'invalid_profile']]);
  assert.equal(result.rows[1500], null);
  assert.deepEqual(result.counts.rows, 2600);
  assert.deepEqual([result.counts.valid, result.counts.invalid], [2598, 2]);
  assert.ok(result.totals.length > 5);
  for (const t of result.totals) {
    const one = batch(rows, { asOf: AS_OF, lang: 'en', provision: t.provision });
    const statuses = one.rows.filter(Boolean).map((d) => d.status);
    assert.equal(t.eligible_rows, statuses.filter((s) => s === 'eligible').length, t.provision);
    assert.equal(t.needs_info_rows, statuses.filter((s) => s === 'needs_info').length, t.provision);
    assert.deepEqual(t.groups, one.groups, t.provision);
  }
  // The training subsidy's 100万 per project and year binds over so many rows.
  assert.ok(result.totals.some((t) => t.groups.some((g) => g.capped)), 'some cap applied across rows');
});

test('door and provisions choose the provisions; bad options are named', async () => {
  const rows = await roster();
  const audience = (door) =>
    new Set(match(rows, { asOf: AS_OF, door }).rows.flatMap((r) => r.results.map((d) => d.id)));
  const people = audience('person');
  const orgs = audience('org');
  assert.ok(people.size > 0 && orgs.size > 0);
  assert.deepEqual([...people].filter((id) => orgs.has(id)), []);
  const all = audience(undefined);
  assert.equal(all.size, people.size + orgs.size);
  const one = [...orgs][0];
  const only = match(rows, { asOf: AS_OF, provisions: [one] });
  assert.ok(only.rows.every((r) => r.results.every((d) => d.id === one)));
  assert.deepEqual(only.totals.map((t) => t.provision), [one]);

  assert.equal(thrown(() => match(rows, { door: 'company' })).field, 'door');
  assert.equal(thrown(() => match(rows, { onProgress: 'yes' })).field, 'onProgress');
  assert.equal(thrown(() => match(rows, { explain: false })).code, 'invalid_option');
  assert.equal(thrown(() => match(rows, { provisions: ['no.such'] })).code, 'unknown_provision');
  for (const notRows of [{}, 'rows', null]) assert.equal(thrown(() => match(notRows, {})).code, 'invalid_profile');
  assert.equal(thrown(() => match(new Array(100_001).fill({}), {})).code, 'invalid_profile');
  assert.deepEqual(match([], { asOf: AS_OF }), { rows: [], errors: [], totals: [], counts: { rows: 0, valid: 0, invalid: 0, with_eligible: 0 } });
});
