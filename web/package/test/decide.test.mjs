// decide() and batch(): the fast paths, held to evaluate()'s report (which the scenario corpus
// holds to the policy texts), through the installed tarball.

import assert from 'node:assert/strict';
import test from 'node:test';
import { demoPack, load } from '../testing/install.mjs';
import { realisticWorkload, typicalProfile } from '../testing/profiles.mjs';
import { thrown } from '../testing/errors.mjs';

const { evaluate, decide, decideMany, batch, facts, loadPack } = await load('skillcalc');
const ON = { asOf: '2024-06-01', lang: 'en' };

/** The package's demo pack with a training subsidy: 1000–3000 per trainee, 1M per project-year. */
function trainingPack() {
  const pack = demoPack();
  const label = (en) => ({ zh: en, en });
  pack.groups.push({ id: 'org', label: label('Organisation') });
  pack.facts.push(
    { id: 'org.trainees', type: 'int', subject: 'organisation', group: 'org', label: label('Trainees'), min: '0', max: '1000000' },
    { id: 'org.project', type: 'text', subject: 'organisation', group: 'org', label: label('Project') },
    { id: 'org.year', type: 'int', subject: 'organisation', group: 'org', label: label('Year'), min: '2000', max: '2100' },
  );
  pack.policies[0].provision.push({
    id: 'demo.training', kind: 'subsidy', audience: 'organisation', recipient: 'organisation',
    unit: 'per_project_per_year', clause: '四、1', title: label('Training subsidy'), explain: label('1000–3000 per trainee'),
    when: { fact: 'org.trainees', at_least: 1 },
    amount: { per_unit: { count: ['org.trainees'], rate_range: ['1000', '3000'] }, cap: '1000000', cap_scope: ['org.project', 'org.year'] },
  });
  return pack;
}
const demo = await loadPack(trainingPack());

/** What decide() should say, taken from evaluate()'s report. */
function fromReport(report) {
  return {
    as_of: report.as_of,
    lang: report.lang,
    provisions: report.provisions.map((p) => ({
      id: p.id,
      status: p.status,
      decision: p.decision,
      amount: p.amount && {
        min: p.amount.min.value,
        max: p.amount.max?.value ?? null,
        exact: p.amount.exact,
        display: p.amount.display,
        cap_group: p.amount.cap_group,
      },
      missing: p.missing,
      failed: [...p.failed].sort(),
      // All but the sentence that the policy is not in force, which the status says.
      warnings: p.status === 'not_in_force' ? p.warnings.filter((w) => !w.startsWith(p.document)) : p.warnings,
      error: p.error,
    })),
    totals: report.totals,
  };
}

function sortFailed(decisions) {
  for (const p of decisions.provisions) p.failed.sort();
  return decisions;
}


test('decide() says what evaluate() says, for every scenario of the corpus and both languages', async (t) => {
  const { cases } = await import('../../../tests/corpus/check.mjs');
  const profiles = [{}, typicalProfile(facts()), ...cases().map((c) => [c.profile, c.as_of])];
  let compared = 0;
  for (const entry of profiles) {
    const [profile, asOf] = Array.isArray(entry) ? entry : [entry, '2024-06-01'];
    for (const lang of ['zh', 'en']) {
      const options = { asOf, lang };
      assert.deepEqual(sortFailed(decide(profile, options)), fromReport(evaluate(profile, options)));
      compared++;
    }
  }
  t.diagnostic(`${compared} profiles × languages compared`);
});

test('decide() on a custom pack: the capped award, and plain JSON', () => {
  const profile = { 'person.local': true, 'person.prize_level': 'city', 'person.city_award': '120000' };
  const d = decide(profile, { ...ON, pack: demo });
  const award = d.provisions.find((p) => p.id === 'demo.award');
  assert.deepEqual(award, {
    id: 'demo.award',
    status: 'eligible',
    decision: 'eligible',
    amount: { min: '50000.00', max: '50000.00', exact: true, display: '¥50,000', cap_group: null },
    missing: [],
    failed: [],
    warnings: [],
    error: null,
  });
  assert.deepEqual(JSON.parse(JSON.stringify(d)), d);
  assert.equal(decide(profile, { asOf: '2024-06-01', pack: demo }).provisions[0].amount.display, '5万元');
});

test('decide() throws what evaluate() throws', () => {
  const bad = { 'person.city_award': '12.345' };
  const a = thrown(() => evaluate(bad, { ...ON, pack: demo }));
  const b = thrown(() => decide(bad, { ...ON, pack: demo }));
  assert.deepEqual([b.code, b.field, b.problems], [a.code, a.field, a.problems]);
  assert.equal(thrown(() => decide({}, { asOf: '2024-13-01' })).field, 'asOf');
});

test('batch() decides one provision per row and caps each project-year group once', () => {
  // 400 trainees of one project in 2024 (400 × 3000 = 1.2M, over the 1M cap), 10 of another.
  const rows = [
    ...Array.from({ length: 400 }, () => ({ 'org.trainees': 1, 'org.project': 'P1', 'org.year': 2024 })),
    ...Array.from({ length: 10 }, () => ({ 'org.trainees': 1, 'org.project': 'P2', 'org.year': 2024 })),
  ];
  const result = batch(rows, { ...ON, pack: demo, provision: 'demo.training' });
  assert.equal(result.rows.length, 410);
  assert.deepEqual(result.errors, []);
  assert.deepEqual(result.rows[0], {
    id: 'demo.training',
    status: 'eligible',
    decision: 'eligible',
    amount: { min: '1000.00', max: '3000.00', exact: false, display: '¥1,000–¥3,000', cap_group: 'P1|2024' },
    missing: [],
    failed: [],
    warnings: [],
    error: null,
  });
  assert.deepEqual(result.groups, [
    { group: 'P1|2024', rows: 400, eligible_rows: 400, min: '400000.00', max: '1000000.00', cap: '1000000.00', capped: true, scope_unknown: false, display: '¥400,000–¥1,000,000', spellings: ['P1|2024'] },
    { group: 'P2|2024', rows: 10, eligible_rows: 10, min: '10000.00', max: '30000.00', cap: '1000000.00', capped: false, scope_unknown: false, display: '¥10,000–¥30,000', spellings: ['P2|2024'] },
  ]);
  // Each row is what decide() says of that profile for that provision.
  const one = decide(rows[0], { ...ON, pack: demo }).provisions.find((p) => p.id === 'demo.training');
  assert.deepEqual(result.rows[0], one);
});

test('batch(): rows that do not say their project are each capped, not capped as one group', () => {
  const rows = [{ 'org.trainees': 400, 'org.year': 2024 }, { 'org.trainees': 400, 'org.year': 2024 }];
  const [group] = batch(rows, { ...ON, pack: demo, provision: 'demo.training' }).groups;
  assert.deepEqual(group, {
    group: '?|2024', rows: 2, eligible_rows: 2, min: '800000.00', max: '2000000.00', cap: null, capped: false,
    scope_unknown: true, display: '¥800,000–¥2,000,000', spellings: ['?|2024'],
  });
});

test('batch(): an invalid row is null with its error; the others go on', () => {
  const rows = [{ 'org.trainees': 2 }, { 'org.trainees': -1 }, 'not a profile', {}];
  const result = batch(rows, { ...ON, pack: demo, provision: 'demo.training' });
  assert.deepEqual(result.rows.map((r) => r?.status ?? null), ['eligible', null, null, 'needs_info']);
  assert.deepEqual(result.errors.map((e) => [e.row, e.code, e.field]), [
    [1, 'invalid_profile', 'org.trainees'],
    [2, 'invalid_profile', null],
  ]);
  for (const e of result.errors) assert.ok(e.message_zh && e.message_en);
  assert.deepEqual(batch([], { ...ON, provision: 'demo.training', pack: demo }), { rows: [], errors: [], groups: [] });
});

test('decideMany() gives what decide() gives each profile, in order; an invalid row is null with its error', () => {
  const work = realisticWorkload(facts(ON), { count: 60, seed: 11 });
  for (const lang of ['zh', 'en']) {
    const options = { asOf: work.asOf(3), lang };
    const rows = [...work.profiles.slice(0, 30), { 'contest.level': 'galaxy' }, 'not a profile', ...work.profiles.slice(30)];
    const many = decideMany(rows, options);
    assert.equal(many.rows.length, rows.length);
    rows.forEach((profile, i) => {
      if (i === 30 || i === 31) assert.equal(many.rows[i], null, `row ${i}`);
      else assert.deepEqual(many.rows[i], decide(profile, options), `row ${i}`);
    });
    assert.deepEqual(many.errors.map((e) => [e.row, e.code, e.field]), [
      [30, 'invalid_profile', 'contest.level'],
      [31, 'invalid_profile', null],
    ]);
  }
  assert.deepEqual(decideMany([], ON), { rows: [], errors: [] });
  assert.deepEqual(decideMany([{ 'person.local': true }], { ...ON, pack: demo }).rows[0], decide({ 'person.local': true }, { ...ON, pack: demo }));
  for (const notRows of [{}, 'rows', null]) assert.equal(thrown(() => decideMany(notRows, ON)).code, 'invalid_profile');
  assert.equal(thrown(() => decideMany([{}], { asOf: '2024-02-30' })).code, 'invalid_option');
});

test('provisions: evaluate, decide and decideMany cover only those provisions, totals too; a wrong id is named', () => {
  const profile = { 'person.via_putuo_college': true, 'contest.represented_putuo': true, 'contest.won_prize': true, 'contest.level': 'city', 'contest.city_award_amount': '60000' };
  const full = decide(profile, ON);
  const award = full.provisions.find((p) => p.id === 'putuo.competition_award');
  assert.equal(award.status, 'eligible');
  const other = full.provisions.find((p) => p.id !== award.id && p.amount);
  // Two subsets in turn (the wasm keeps the last one), and the whole pack between them.
  for (let round = 0; round < 2; round++) {
    const only = { ...ON, provisions: [award.id] };
    const report = evaluate(profile, only);
    assert.deepEqual(report.provisions.map((p) => p.id), [award.id]);
    assert.equal(report.totals.find((t) => t.recipient === 'person').eligible.min.value, award.amount.min);
    const decided = decide(profile, only);
    assert.deepEqual(decided.provisions, [award]);
    assert.deepEqual(decided.totals, report.totals);
    assert.deepEqual(decideMany([profile, {}], only).rows[0], decided);
    const two = decide(profile, { ...ON, provisions: [other.id, award.id] });
    assert.deepEqual(two.provisions.map((p) => p.id).sort(), [award.id, other.id].sort());
    assert.deepEqual(decide(profile, ON), full);
  }
  assert.deepEqual(decide(profile, { ...ON, provisions: [] }).provisions, []);
  // A set: an id named twice counts once (never twice in the totals).
  const twice = decide(profile, { ...ON, provisions: [award.id, award.id] });
  assert.deepEqual(twice, decide(profile, { ...ON, provisions: [award.id] }));
  const unknown = thrown(() => decide(profile, { ...ON, provisions: [award.id, 'putuo.no_such'] }));
  assert.deepEqual([unknown.code, unknown.field], ['unknown_provision', 'putuo.no_such']);
  for (const wrong of ['putuo.competition_award', [1], {}]) {
    const e = thrown(() => evaluate(profile, { ...ON, provisions: wrong }));
    assert.deepEqual([e.code, e.field], ['invalid_option', 'provisions']);
  }
  // On a loaded pack too; not an option of facts() or batch().
  assert.deepEqual(decide({ 'person.local': true }, { ...ON, pack: demo, provisions: ['demo.training'] }).provisions.map((p) => p.id), ['demo.training']);
  assert.equal(thrown(() => facts({ provisions: [award.id] })).field, 'provisions');
  assert.equal(thrown(() => batch([], { ...ON, provision: 'demo.training', pack: demo, provisions: [] })).field, 'provisions');
});

test('batch() options: the provision is required and must exist; explain is not an option of batch', () => {
  assert.equal(thrown(() => batch([{}], ON)).field, 'provision');
  assert.equal(thrown(() => batch([{}], { ...ON, provision: 42 })).field, 'provision');
  const unknown = thrown(() => batch([{}], { ...ON, provision: 'no.such' }));
  assert.equal(unknown.code, 'unknown_provision');
  assert.equal(thrown(() => batch([{}], { ...ON, provision: 'demo.training', pack: demo, explain: false })).field, 'explain');
  assert.equal(thrown(() => evaluate({}, { ...ON, provision: 'demo.training' })).field, 'provision');
  assert.equal(thrown(() => batch({}, { ...ON, provision: 'demo.training', pack: demo })).code, 'invalid_profile');
});

test('a text answer with control characters cannot garble the compact form', () => {
  const rows = [{ 'org.trainees': 1, 'org.project': 'P\u001f1\u0000\u001e', 'org.year': 2024 }];
  const [row] = batch(rows, { ...ON, pack: demo, provision: 'demo.training' }).rows;
  assert.equal(row.amount.cap_group, 'P\ufffd1\ufffd\ufffd|2024');
  assert.deepEqual(row.missing, []);
});

test('batch() reads odd rows as evaluate() reads them: NaN, functions, symbols, toJSON, throwing getters, bigint', () => {
  const options = { ...ON, pack: demo, provision: 'demo.training' };
  const odd = [
    { 'org.trainees': NaN },
    { 'org.trainees': Infinity },
    { 'org.trainees': () => 1 },
    { 'org.trainees': Symbol('x') },
    { toJSON: () => ({ 'org.trainees': NaN }) },
    { get 'org.trainees'() { throw new Error('no'); } },
  ];
  const result = batch([...odd, { 'org.trainees': 3n, 'org.project': 'P', 'org.year': 2024 }], options);
  assert.deepEqual(result.rows.map((r) => r?.status ?? null), [null, null, null, null, null, null, 'eligible']);
  assert.deepEqual(result.errors.map((e) => e.row), [0, 1, 2, 3, 4, 5]);
  for (const [i, profile] of odd.entries()) {
    const e = thrown(() => evaluate(profile, { ...ON, pack: demo }));
    assert.equal(result.errors[i].code, e.code, `row ${i}`);
  }
  assert.equal(result.rows[6].amount.display, '¥3,000–¥9,000');
});

/** decide() and evaluate() agree on `profile`: the same decisions, or the same error. */
function agree(profile, options) {
  let expected;
  try {
    expected = fromReport(evaluate(profile, options));
  } catch (e) {
    const b = thrown(() => decide(profile, options));
    assert.deepEqual([b.code, b.field, b.problems], [e.code, e.field, e.problems]);
    return 'error';
  }
  assert.deepEqual(sortFailed(decide(profile, options)), expected);
  return 'decided';
}

test('decide() reads every kind of answer as evaluate() does, whichever way it crosses', () => {
  const base = { 'person.local': true, 'person.prize_level': 'city', 'person.city_award': '120000' };
  const withGetter = { ...base };
  Object.defineProperty(withGetter, 'person.contests', { get: () => 3, enumerable: true });
  const throwing = { ...base };
  Object.defineProperty(throwing, 'person.contests', { get: () => { throw new Error('no'); }, enumerable: true });
  const inherited = Object.assign(Object.create({ 'person.local': false }), { 'person.prize_level': 'city' });
  const bare = Object.assign(Object.create(null), base);
  const cases = {
    'plain answers': [base, 'decided'],
    'numbers, booleans, null, undefined': [{ ...base, 'person.contests': 2, 'person.local': null, 'person.code': undefined }, 'decided'],
    'a list (enum_set)': [{ ...base, 'person.industries': ['software', 'finance'] }, 'decided'],
    'a list with a null': [{ ...base, 'person.industries': ['software', null] }, 'error'],
    'a text with control characters': [{ ...base, 'person.code': 'P\x1f01\x1e\n\0' }, 'decided'],
    'a key with a control character': [{ ...base, 'person.\x1flocal': true }, 'error'],
    'an unsafe integer': [{ ...base, 'person.contests': 2 ** 53 + 2 }, 'error'],
    'a number in money': [{ ...base, 'person.city_award': 120000.5 }, 'decided'],
    '-0': [{ ...base, 'person.contests': -0 }, 'decided'],
    NaN: [{ ...base, 'person.contests': NaN }, 'error'],
    Infinity: [{ ...base, 'person.city_award': -Infinity }, 'error'],
    'a bigint': [{ ...base, 'person.contests': 7n }, 'decided'],
    'a nested list': [{ ...base, 'person.industries': [['software']] }, 'error'],
    'an object as an answer': [{ ...base, 'person.code': { a: 1 } }, 'error'],
    'a function as an answer': [{ ...base, 'person.code': () => 1 }, 'error'],
    'a symbol as an answer': [{ ...base, 'person.code': Symbol('x') }, 'error'],
    'a Date as an answer': [{ ...base, 'person.born': new Date(0) }, 'error'],
    'a getter': [withGetter, 'decided'],
    'a getter that throws': [throwing, 'error'],
    // Its answers would be read only in part (its own, not its prototype's): refused, as a
    // class instance or a Map is.
    'inherited answers': [inherited, 'error'],
    'no prototype': [bare, 'decided'],
    'a Map': [new Map(Object.entries(base)), 'error'],
    'a class instance': [Object.assign(new (class Answers {})(), base), 'error'],
    'more than 100,000 characters': [{ ...base, 'person.code': 'x'.repeat(100_000) }, 'error'],
    'a Proxy': [new Proxy(base, {}), 'decided'],
    'a list too long for any fact': [{ ...base, 'person.industries': Array(1001).fill('software') }, 'error'],
    'not an object': ['{"person.local": true}', 'error'],
    'an array': [[base], 'error'],
  };
  for (const [name, [profile, outcome]] of Object.entries(cases)) {
    for (const options of [{ ...ON, pack: demo }, { ...ON, lang: 'zh', pack: demo }]) {
      assert.equal(agree(profile, options), outcome, name);
    }
  }
  // The text comes through whole: control characters only become U+FFFD in the cap group.
  const code = decide({ 'org.trainees': 2, 'org.project': 'P\x1f1', 'org.year': 2024 }, { ...ON, pack: demo });
  assert.equal(code.provisions.find((p) => p.id === 'demo.training').amount.cap_group, 'P\ufffd1|2024');
});

test('decide() agrees with evaluate() on every date, language and pack; each result is the caller\'s own', () => {
  const profile = { 'contest.level': 'city' };
  // Dates on both sides of policies' start and end, languages and packs in turn, twice.
  for (let round = 0; round < 2; round++) {
    for (const asOf of ['2019-06-01', '2022-06-01', '2024-06-01', '2026-01-01', '2030-01-01']) {
      for (const lang of ['zh', 'en']) {
        agree(profile, { asOf, lang });
        agree({ 'person.local': true }, { asOf, lang, pack: demo });
        agree({}, { asOf, lang });
      }
    }
  }
  // Each result is the caller's own: changing one changes no later result.
  const first = decide(profile, ON);
  const blank = first.provisions.find((p) => p.missing.length > 0 && p.amount);
  blank.missing.push('changed');
  blank.amount.display = 'changed';
  first.provisions[0].status = 'changed';
  assert.deepEqual(sortFailed(decide(profile, ON)), fromReport(evaluate(profile, ON)));
});

test('batch() decides or refuses each row as evaluate() does that profile, with the same error', () => {
  const base = { 'org.trainees': 2, 'org.project': 'P1', 'org.year': 2024 };
  const throwing = { ...base };
  Object.defineProperty(throwing, 'org.trainees', { get: () => { throw new Error('no'); }, enumerable: true });
  const rows = [base, { ...base, 'org.project': 'P\x1f1' }, { ...base, 'org.trainees': NaN }, throwing, { ...base, 'org.trainees': 3n }, 'x', {}];
  const options = { ...ON, pack: demo, provision: 'demo.training' };
  const result = batch(rows, options);
  rows.forEach((row, i) => {
    let expected;
    try {
      expected = fromReport(evaluate(row, { ...ON, pack: demo })).provisions.find((p) => p.id === 'demo.training');
    } catch (e) {
      const error = result.errors.find((x) => x.row === i);
      assert.ok(error, `row ${i} fails as evaluate() fails`);
      assert.deepEqual([error.code, error.field, error.problems], [e.code, e.field, e.problems]);
      assert.equal(result.rows[i], null);
      return;
    }
    // The same decision (the cap group aside: evaluate() caps each profile on its own).
    const got = result.rows[i];
    const withoutGroup = (d) => ({ ...d, failed: [...d.failed].sort(), amount: d.amount && { ...d.amount, cap_group: null } });
    assert.deepEqual(withoutGroup(got), withoutGroup(expected), `row ${i}`);
  });
  assert.equal(result.errors.length, 3);
});

test("decide() says an advisory condition not met, in the result's language; a policy out of force by its status", () => {
  const profile = { 'person.works_in_lingang': true, 'person.lingang_craftsman_approved': true, 'person.frontline': false };
  const craftsman = (options) => decide(profile, options).provisions.find((p) => p.id === 'lingang.craftsman');
  const zh = craftsman({ asOf: '2021-06-01', lang: 'zh' });
  assert.equal(zh.status, 'eligible', 'an advisory condition never refuses');
  assert.equal(zh.warnings.length, 1);
  assert.match(zh.warnings[0], /^未满足倡导性条件（不作否决）：重点面向一线职工/);
  assert.match(craftsman({ asOf: '2021-06-01', lang: 'en' }).warnings[0], /^Advisory condition not met \(not a refusal\): Focus on frontline workers/);
  // Out of force: the status says it; the report says it in words too.
  const later = craftsman({ asOf: '2030-01-01', lang: 'zh' });
  assert.equal(later.status, 'not_in_force');
  assert.deepEqual(later.warnings, zh.warnings);
  const report = evaluate(profile, { asOf: '2030-01-01', lang: 'zh' }).provisions.find((p) => p.id === 'lingang.craftsman');
  assert.ok(report.warnings.some((w) => w.includes('到期') && w.includes('2030-01-01')), report.warnings.join(' / '));
  // The report says the same, with or without its explanations.
  for (const explain of [true, false]) {
    const report = evaluate(profile, { asOf: '2021-06-01', lang: 'zh', explain });
    assert.deepEqual(report.provisions.find((p) => p.id === 'lingang.craftsman').warnings, zh.warnings);
  }
});
