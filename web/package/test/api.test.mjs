// The public API, through the installed tarball (Node build). Tests on the embedded catalog
// build their inputs from facts(), so they hold for whatever catalog is embedded; exact
// amounts are checked on the demo pack loaded with loadPack.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { demoPack, installed, load } from '../testing/install.mjs';
import { typicalProfile } from '../testing/profiles.mjs';
import { thrown } from '../testing/errors.mjs';

const skillcalc = await load('skillcalc');
const { evaluate, evaluateBatch, decide, batch, facts, policies, loadPack, version, SkillcalcError } = skillcalc;
const demo = await loadPack(demoPack());
const ON = { asOf: '2024-06-01', lang: 'en' };

const MONEY = /^\d+\.\d{2}$/;


/** Every Money-shaped value ({ value, display }) in a report. */
function* money(value) {
  if (Array.isArray(value)) for (const v of value) yield* money(v);
  else if (value && typeof value === 'object') {
    if ('value' in value && 'display' in value) yield value;
    for (const v of Object.values(value)) yield* money(v);
  }
}


test('version() names the package, the engine and the catalog', () => {
  const v = version();
  const pkg = JSON.parse(readFileSync(join(installed(), 'node_modules', 'skillcalc', 'package.json'), 'utf8'));
  assert.equal(v.package, pkg.version);
  assert.match(v.engine, /^\d+\.\d+\.\d+/);
  assert.match(v.catalog, /^\d+\.\d+\.\d+/);
});

test('the embedded catalog evaluates an empty and a typical profile', () => {
  const list = facts('en');
  assert.ok(list.length > 0);
  const provisions = policies().flatMap((p) => p.provisions);
  for (const profile of [{}, typicalProfile(list)]) {
    const report = evaluate(profile, ON);
    assert.equal(report.as_of, '2024-06-01');
    assert.equal(report.lang, 'en');
    assert.deepEqual(report.provisions.map((p) => p.id).sort(), [...provisions].sort());
    for (const m of money(report)) {
      assert.match(m.value, MONEY, 'money is exact decimal text');
      assert.equal(typeof m.display, 'string');
    }
    // The same JSON the CLI prints: plain objects, null for absent values, no floats anywhere.
    assert.deepEqual(JSON.parse(JSON.stringify(report)), report);
  }
});

test('the catalog passes its own scenario corpus (tests/corpus) through the package', async (t) => {
  const { cases, check } = await import('../../../tests/corpus/check.mjs');
  const provisions = new Set(policies().flatMap((p) => p.provisions));
  if (!cases().some((c) => provisions.has(c.provision))) {
    t.skip('another pack is embedded (SKILLCALC_PACK_DIR)');
    return;
  }
  for (const c of cases()) {
    await t.test(c.name, () => {
      const report = evaluate(c.profile, { asOf: c.as_of });
      const problems = check(c, report.provisions.find((p) => p.id === c.provision));
      assert.deepEqual(problems, []);
    });
  }
});

test('a city prize with a city award of 120000 gives 50000, capped (demo pack)', () => {
  const profile = { 'person.local': true, 'person.prize_level': 'city', 'person.city_award': '120000' };
  const report = evaluate(profile, { ...ON, pack: demo });
  const award = report.provisions.find((p) => p.id === 'demo.award');
  assert.equal(award.status, 'eligible');
  assert.deepEqual(award.amount.min, { value: '50000.00', display: '¥50,000' });
  assert.deepEqual(award.amount.max, { value: '50000.00', display: '¥50,000' });
  assert.equal(award.amount.exact, true);
  assert.deepEqual(award.amount.steps.slice(-2), ['50% × ¥120,000 = ¥60,000', '¥60,000, capped at ¥50,000']);
  assert.deepEqual(report.pack, { name: 'demo', version: '1', embedded: false, issuer: null, date: null });

  const zh = evaluate(profile, { asOf: '2024-06-01', pack: demo });
  assert.equal(zh.provisions[0].amount.min.display, '5万元');
  assert.equal(zh.provisions[0].title, '竞赛配套奖励');
});

test('in a custom pack, amounts may be numbers or bigints as well as text', async () => {
  const source = demoPack();
  source.policies[0].provision[0].amount.cases.city.cap = 50000n;
  source.policies[0].provision[0].amount.cases.city.ratio = 0.5;
  const pack = await loadPack(source);
  const profile = { 'person.local': true, 'person.prize_level': 'city', 'person.city_award': 120000 };
  assert.equal(evaluate(profile, { ...ON, pack }).provisions[0].amount.min.value, '50000.00');
});

test('a custom pack works beside the embedded one', () => {
  const mine = evaluate({}, { ...ON, pack: demo });
  const embedded = evaluate({}, ON);
  assert.equal(mine.pack.name, 'demo');
  assert.notEqual(embedded.pack.name, 'demo');
  assert.deepEqual(
    facts({ pack: demo }).map((f) => f.id),
    demoPack().facts.map((f) => f.id),
  );
  assert.equal(demo.name, 'demo');
  assert.equal(demo.version, '1');
  // Every result says which pack made it; only the embedded catalogue is `embedded`.
  assert.equal(embedded.pack.embedded, true);
  assert.equal(mine.pack.embedded, false);
});

test('a loaded pack cannot pass as the embedded catalogue: its name is refused', async () => {
  const forged = { ...demoPack(), name: 'shanghai-skills', version: version().catalog };
  const e = await loadPack(forged).catch((e) => e);
  assert.ok(e instanceof SkillcalcError, String(e));
  assert.equal(e.code, 'invalid_pack');
  assert.deepEqual(e.problems.map((p) => p.field), ['name']);
  assert.match(e.problems[0].message, /embedded catalogue/);
  // Under any other name it loads, and its reports say they are not the embedded catalogue's.
  const other = await loadPack({ ...forged, name: 'shanghai-skills-copy' });
  assert.equal(evaluate({}, { ...ON, pack: other }).pack.embedded, false);
});

test('options: asOf decides what is in force, lang the language, defaults are today and zh', () => {
  const profile = { 'person.local': true, 'person.prize_level': 'district' };
  assert.equal(evaluate(profile, { asOf: '2025-12-31', pack: demo }).provisions[0].status, 'eligible');
  const after = evaluate(profile, { asOf: '2026-01-01', pack: demo, lang: 'en' }).provisions[0];
  assert.equal(after.status, 'not_in_force');
  assert.equal(after.decision, 'eligible');
  const now = new Date();
  const today = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
  const report = evaluate({}, { pack: demo });
  assert.equal(report.as_of, today);
  assert.equal(report.lang, 'zh');
  assert.equal(facts('en')[0].label === facts('zh')[0].label, false);
});

test('evaluateBatch gives one report per profile, in order, in one call', () => {
  const profiles = [
    { 'person.local': true, 'person.prize_level': 'city', 'person.city_award': '1000' },
    {},
    { 'person.local': false },
  ];
  const reports = evaluateBatch(profiles, { ...ON, pack: demo });
  assert.deepEqual(
    reports.map((r) => r.provisions[0].status),
    ['eligible', 'needs_info', 'not_eligible'],
  );
  assert.deepEqual(reports[0], evaluate(profiles[0], { ...ON, pack: demo }));
  assert.deepEqual(evaluateBatch([], ON), []);
});

test('a bad profile throws a SkillcalcError naming every fact, in both languages', () => {
  const e = thrown(() =>
    evaluate({ 'person.city_award': '12.345', 'person.birth_date': '2023-02-29' }, { ...ON, pack: demo }),
  );
  assert.equal(e.name, 'SkillcalcError');
  assert.ok(e instanceof Error);
  assert.equal(e.code, 'invalid_profile');
  assert.deepEqual(e.problems.map((p) => [p.fact, p.code]).sort(), [
    ['person.birth_date', 'impossible_date'],
    ['person.city_award', 'too_many_decimals'],
  ]);
  assert.ok(['person.birth_date', 'person.city_award'].includes(e.field));
  assert.match(e.messageZh, /档案有 2 个问题/);
  assert.equal(e.message, e.messageEn);
  for (const p of e.problems) {
    assert.ok(p.message_zh && p.message_en);
  }
});

test('a bad profile in a batch names its row', () => {
  const e = thrown(() => evaluateBatch([{}, {}, { 'person.contests': -1 }], { ...ON, pack: demo }));
  assert.equal(e.row, 2);
  assert.equal(e.problems[0].code, 'negative');
});

test('a bad option throws invalid_option naming it', () => {
  for (const [options, field] of [
    [{ asOf: '2024-02-30' }, 'asOf'],
    [{ lang: 'fr' }, 'lang'],
    [{ asof: '2024-01-01' }, 'asof'],
    [{ pack: { name: 'fake' } }, 'pack'],
    [42, 'options'],
  ]) {
    const e = thrown(() => evaluate({}, options));
    assert.equal(e.code, 'invalid_option');
    assert.equal(e.field, field);
    assert.ok(e.messageZh.length > 0 && e.messageEn.length > 0);
  }
});

test('loadPack reports every problem, naming file, item and field', async () => {
  const pack = demoPack();
  pack.facts[1].lable = pack.facts[1].label;
  pack.policies[0].provision[0].ammount = {};
  const e = await loadPack(pack).then(
    () => assert.fail('should reject'),
    (e) => e,
  );
  assert.ok(e instanceof SkillcalcError);
  assert.equal(e.code, 'invalid_pack');
  assert.deepEqual(
    e.problems.map((p) => [p.file, p.item, p.field]),
    [
      ['facts', 'person.city_award', 'lable'],
      ['policies[0]', 'demo.award', 'ammount'],
    ],
  );
  assert.equal(e.field, 'facts: person.city_award: lable');

  // The engine's checks after reading, as `skillcalc check` reports them.
  const bad = demoPack();
  bad.policies[0].provision[0].when.all[1].fact = 'person.nope';
  const e2 = await loadPack(bad).catch((e) => e);
  assert.equal(e2.code, 'invalid_pack');
  assert.equal(e2.problems[0].item, 'demo.award');
  assert.match(e2.problems[0].field, /when/);
  assert.match(e2.problems[0].message, /person\.nope/);
});

test('a freed custom pack is refused, not used', async () => {
  const pack = await loadPack(demoPack());
  assert.equal(evaluate({}, { pack }).pack.name, 'demo');
  pack.free();
  for (let i = 0; i < 1000; i++) {
    const e = thrown(() => evaluate({}, { pack }));
    assert.equal(e.code, 'invalid_option');
    assert.equal(e.field, 'pack');
  }
  assert.equal(pack.name, undefined);
  pack.free(); // twice is harmless
  assert.equal(evaluate({}, ON).lang, 'en'); // and the module goes on
});

test('ids in a custom pack hold only ASCII letters, digits, ".", "_" and "-": others are refused, naming the field', async () => {
  const label = { zh: '是否', en: 'Yes or no' };
  for (const [change, field] of [
    [(p) => p.facts.push({ id: 'x\x1ey', type: 'bool', subject: 'person', label }), 'facts: x\x1ey: id'],
    [(p) => p.facts.push({ id: 'x', type: 'enum', subject: 'person', label, values: [{ id: 'a\x1fb', zh: '甲', en: 'A' }] }), 'facts: x: values[0].id'],
    [(p) => (p.policies[0].provision[0].id = 'demo.a\x1fb'), 'policies[0]: demo.a\x1fb: id'],
    [(p) => (p.policies[0].policy.id = 'de mo'), 'policies[0]: de mo: policy.id'],
    [(p) => (p.groups[0].id = 'pérson'), 'facts: pérson: id'],
  ]) {
    const source = demoPack();
    change(source);
    const e = await loadPack(source).then(
      () => assert.fail(`accepted: ${field}`),
      (e) => e,
    );
    assert.ok(e instanceof SkillcalcError);
    assert.equal(e.code, 'invalid_pack');
    assert.equal(e.field, field);
    assert.match(e.problems[0].message, /may hold only ASCII letters, digits/);
    assert.doesNotMatch(e.problems[0].message, /[\x00-\x1f]/, 'the id is quoted escaped');
  }
});

test('a number is read exactly or refused: 5e-324 is not 0', () => {
  const award = (v) => ({ 'person.local': true, 'person.prize_level': 'national', 'person.city_award': v });
  for (const v of [5e-324, -5e-324, 1e-29, `0.${'0'.repeat(40)}1`]) {
    for (const call of [evaluate, decide]) {
      const e = thrown(() => call(award(v), { ...ON, pack: demo }));
      assert.deepEqual([e.code, e.field, e.problems[0].code], ['invalid_profile', 'person.city_award', 'too_many_decimals'], `${v}`);
    }
  }
  assert.equal(evaluate(award(0.5), { ...ON, pack: demo }).provisions[0].amount.min.value, '0.50');
});

test('commas group thousands and nothing else: "12,34" is refused, not read as 1234', () => {
  const award = (v) => ({ 'person.local': true, 'person.prize_level': 'national', 'person.city_award': v });
  for (const v of ['12,34', '1,2,0,000', '1234,567', '1,000.000,5', '１２，３４']) {
    const e = thrown(() => evaluate(award(v), { ...ON, pack: demo }));
    assert.deepEqual([e.field, e.problems[0].code], ['person.city_award', 'wrong_type'], v);
    assert.match(e.messageEn, /commas only between groups of three digits/);
  }
  for (const [v, value] of [['1,234', '1234.00'], ['1,200,000', '1200000.00'], ['１２０，０００', '120000.00'], ['¥1,234.5', '1234.50']]) {
    assert.equal(evaluate(award(v), { ...ON, pack: demo }).provisions[0].amount.min.value, value, v);
  }
});

test('an error quotes the start of a long value, not all of it', () => {
  const long = '9'.repeat(90_000) + 'x'; // within a profile's 100,000 characters
  for (const profile of [{ 'person.city_award': long }, { 'person.birth_date': long }, { 'person.prize_level': long }, { [long]: 1 }]) {
    const e = thrown(() => evaluate(profile, { ...ON, pack: demo }));
    assert.equal(e.code, 'invalid_profile');
    assert.ok(e.messageEn.length < 500 && e.messageZh.length < 500, `${e.messageEn.length} characters`);
    assert.match(e.problems[0].message_en, /9{100}…/);
    assert.ok(e.field.length <= 101);
  }
});

/** The demo pack with a provision whose amount overflows for any count above a few million. */
function overflowingPack() {
  const pack = demoPack();
  const label = (en) => ({ zh: en, en });
  pack.facts.push({ id: 'person.entries', type: 'int', subject: 'person', group: 'person', label: label('Entries') });
  pack.policies[0].provision.push({
    id: 'demo.huge', kind: 'grant', audience: 'person', recipient: 'person', unit: 'one_off', clause: '9',
    title: label('Huge grant'), explain: label('10^22 per entry'),
    amount: { per_unit: { count: ['person.entries'], rate: '10000000000000000000000' } },
  });
  return pack;
}

test("a provision whose arithmetic overflows reports its own error; the rest of the report stands", async () => {
  const pack = await loadPack(overflowingPack());
  const profile = { 'person.local': true, 'person.prize_level': 'city', 'person.city_award': '120000', 'person.entries': 1e8 };
  const report = evaluate(profile, { ...ON, pack });
  const [award, huge] = report.provisions;
  assert.equal(award.amount.min.value, '50000.00');
  assert.equal(award.error, null);
  assert.equal(huge.status, 'eligible');
  assert.equal(huge.amount, null);
  assert.equal(huge.error.code, 'too_large');
  assert.match(huge.error.message, /Huge grant/);
  assert.ok(huge.warnings.includes(huge.error.message));
  assert.equal(report.totals[0].eligible.min.value, '50000.00');
  const decided = decide(profile, { ...ON, pack });
  assert.deepEqual(decided.provisions[1].error, huge.error);
  assert.deepEqual(decided.totals, report.totals);
  // In a batch the row is the provision: that row is invalid, the others go on.
  const rows = batch([profile, { ...profile, 'person.entries': 2 }], { ...ON, pack, provision: 'demo.huge' });
  assert.equal(rows.rows[0], null);
  assert.equal(rows.errors[0].problems[0].code, 'too_large');
  assert.equal(rows.rows[1].amount.min, '20000000000000000000000.00');
  pack.free();
});

test('loadPack(url, { integrity }): a published pack loads only if it is exactly the published one', async (t) => {
  const { createServer } = await import('node:http');
  const { createHash } = await import('node:crypto');
  const published = JSON.stringify({
    ...demoPack(),
    name: 'demo-published',
    version: '2',
    issuer: { zh: '示例门户', en: 'Example Portal' },
    date: '2026-03-01',
  });
  const files = { '/pack.json': published, '/not-json.json': '{ not json' };
  const server = createServer((req, res) => {
    const body = files[req.url];
    res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
    res.end(body ?? '');
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  t.after(() => server.close());
  const base = `http://127.0.0.1:${server.address().port}`;
  const sri = (text) => 'sha256-' + createHash('sha256').update(text).digest('base64');

  const pack = await loadPack(`${base}/pack.json`, { integrity: sri(published) });
  assert.equal(pack.name, 'demo-published');
  const report = evaluate({ 'person.local': true }, { ...ON, pack });
  // Which pack made it, who published it and when (issue 15): never the embedded catalogue.
  assert.deepEqual(report.pack, {
    name: 'demo-published', version: '2', embedded: false, issuer: 'Example Portal', date: '2026-03-01',
  });
  assert.equal(evaluate({}, { ...ON, pack, lang: 'zh' }).pack.issuer, '示例门户');
  assert.equal((await loadPack(new URL(`${base}/pack.json`), { integrity: sri(published) })).version, '2');

  // One byte different from what was published: refused, naming the option, nothing loaded.
  const wrong = await loadPack(`${base}/pack.json`, { integrity: sri(published + ' ') }).catch((e) => e);
  assert.ok(wrong instanceof SkillcalcError, String(wrong));
  assert.deepEqual([wrong.code, wrong.field], ['invalid_option', 'integrity']);
  assert.match(wrong.messageEn, /does not match its integrity value/);
  assert.match(wrong.messageZh, /integrity/);
  for (const integrity of [undefined, '', 'sha384-abc', 'sha256-short']) {
    const e = await loadPack(`${base}/pack.json`, { integrity }).catch((e) => e);
    assert.deepEqual([e.code, e.field], ['invalid_option', 'integrity'], String(integrity));
  }
  const missing = await loadPack(`${base}/gone.json`, { integrity: sri(published) }).catch((e) => e);
  assert.equal(missing.code, 'invalid_pack');
  assert.match(missing.messageEn, /HTTP 404/);
  const notJson = await loadPack(`${base}/not-json.json`, { integrity: sri('{ not json') }).catch((e) => e);
  assert.equal(notJson.code, 'invalid_pack');
  assert.match(notJson.messageEn, /not JSON/);
  // A bad date of publication is a pack problem naming the field.
  files['/bad-date.json'] = JSON.stringify({ ...demoPack(), name: 'demo-published', date: '2026-02-30' });
  const badDate = await loadPack(`${base}/bad-date.json`, { integrity: sri(files['/bad-date.json']) }).catch((e) => e);
  assert.equal(badDate.code, 'invalid_pack');
  assert.match(badDate.field, /date$/);
  // Everything else goes on as before; the embedded catalogue names no issuer or date.
  const own = evaluate({}, ON).pack;
  assert.deepEqual([own.embedded, own.issuer, own.date], [true, null, null]);
});
