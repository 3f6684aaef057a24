// No input makes a later call fail, and what is too large to take is refused, typed, before
// it reaches the wasm: the limits of the README's "Limits", through the installed tarball.

import assert from 'node:assert/strict';
import test from 'node:test';
import { demoPack, load } from '../testing/install.mjs';
import { thrown } from '../testing/errors.mjs';

const { evaluate, evaluateBatch, decide, batch, facts, policies, loadPack, SkillcalcError } = await load('skillcalc');
const ON = { asOf: '2024-06-01', lang: 'en' };
const source = demoPack();
const AWARD = { 'person.local': true, 'person.prize_level': 'city', 'person.city_award': '120000' };
const demo = await loadPack(source);

/** Correct calls on the embedded catalogue and on a freshly loaded pack, each of the four. */
async function allStillWork() {
  const id = facts()[0].id;
  const provision = policies()[0].provisions[0];
  assert.equal(evaluate({ [id]: null }, ON).as_of, '2024-06-01');
  assert.equal(decide({ [id]: null }, ON).provisions.length, evaluate({}, ON).provisions.length);
  assert.equal(batch([{}, {}], { ...ON, provision }).rows.length, 2);
  assert.equal(evaluateBatch([{}], ON).length, 1);
  const pack = await loadPack(source);
  const options = { ...ON, pack };
  assert.equal(evaluate(AWARD, options).provisions[0].amount.min.value, '50000.00');
  assert.equal(decide(AWARD, options).provisions[0].amount.min, '50000.00');
  assert.equal(batch([AWARD], { ...options, provision: 'demo.award' }).rows[0].amount.min, '50000.00');
  pack.free();
}

/** Each call, then whether it threw a SkillcalcError (anything else fails the test). */
function outcome(call) {
  try {
    call();
    return 'returned';
  } catch (e) {
    assert.ok(e instanceof SkillcalcError, `only a SkillcalcError may be thrown, got ${e}`);
    return e.code;
  }
}

test('2,000 calls whose getters and Proxy traps free the pack they run on: every later call works', async () => {
  for (let i = 0; i < 2000; i++) {
    const pack = await loadPack(source);
    // The pack is freed by the profile in the middle of the call (read inside the wasm by
    // evaluate, by the wrapper by decide and batch): the call goes on with it. Or by the
    // options (a Proxy), which the wrapper reads before the call: then it is refused as freed.
    const profile = {
      ...AWARD,
      get 'person.contests'() {
        pack.free();
        return 1;
      },
    };
    const options = new Proxy(
      { ...ON, pack },
      {
        get(target, key) {
          if (key !== 'pack') pack.free();
          return target[key];
        },
      },
    );
    const calls = [
      [() => evaluate(profile, { ...ON, pack }), 'returned'],
      [() => decide(profile, { ...ON, pack }), 'returned'],
      [() => batch([AWARD, profile], { ...ON, pack, provision: 'demo.award' }), 'returned'],
      [() => evaluateBatch([profile], { ...ON, pack }), 'returned'],
      [() => evaluate(AWARD, options), 'invalid_option'],
      [() => decide(AWARD, options), 'invalid_option'],
    ];
    const [call, expected] = calls[i % calls.length];
    assert.equal(outcome(call), expected);
    // Freed for good once the call is over, and refused as freed.
    assert.equal(pack.name, undefined);
    assert.equal(thrown(() => evaluate({}, { pack })).field, 'pack');
  }
  await allStillWork();
});

test('2,000 calls with texts too large for the wasm are refused, naming the fact, and every later call works', async () => {
  const huge = '中'.repeat(2e8); // 600 MB as UTF-8, more than the wasm's memory would take
  const id = facts()[0].id;
  const provision = policies()[0].provisions[0];
  const calls = [
    () => evaluate({ [id]: huge }, ON),
    () => decide({ [id]: huge }, ON),
    () => evaluateBatch([{}, { [id]: huge }], ON),
    () => evaluate({ [id]: [huge] }, ON),
    () => decide({ [huge]: true }, ON),
  ];
  for (let i = 0; i < 2000; i++) {
    const e = thrown(calls[i % calls.length]);
    assert.equal(e.code, 'invalid_profile');
    assert.equal(e.problems[0].code, 'too_long');
    assert.ok(e.field === id || e.field.startsWith('中'.repeat(100)), e.field);
    assert.ok(e.messageEn.length < 500 && e.messageZh.length < 500);
  }
  const rows = batch([{}, { [id]: huge }], { ...ON, provision });
  assert.equal(rows.rows[1], null);
  assert.equal(rows.errors[0].problems[0].code, 'too_long');
  await allStillWork();
});

test('a profile may hold 100,000 characters of fact ids and answers: one more is refused', () => {
  const key = 'person.code';
  const fits = { [key]: 'x'.repeat(100_000 - key.length) };
  // In the limit: the engine's own verdict (a text answer holds 200 bytes).
  assert.equal(thrown(() => evaluate(fits, { ...ON, pack: demo })).problems[0].code, 'wrong_type');
  const over = { [key]: 'x'.repeat(100_001 - key.length) };
  for (const call of [() => evaluate(over, { ...ON, pack: demo }), () => decide(over, { ...ON, pack: demo })]) {
    const e = thrown(call);
    assert.deepEqual([e.code, e.field, e.problems[0].code], ['invalid_profile', key, 'too_long']);
  }
});

test('a call made from inside a call (a getter calling skillcalc) is refused, at any depth', async () => {
  let inner;
  const nested = {
    get 'person.local'() {
      try {
        evaluate(nested, { ...ON, pack: demo }); // would recurse until the stack overflows
      } catch (e) {
        inner ??= e;
        throw e;
      }
      return true;
    },
  };
  for (const call of [() => evaluate(nested, { ...ON, pack: demo }), () => decide(nested, ON)]) {
    inner = undefined;
    const e = thrown(call);
    assert.equal(e.code, 'invalid_profile'); // reading the profile threw
    assert.ok(inner instanceof SkillcalcError);
    assert.equal(inner.code, 'internal');
    assert.match(inner.messageEn, /called while one of its calls was running/);
  }
  await allStillWork();
});

test('2,000 calls that fail inside the wasm: the instance is restarted, and every later call works', async () => {
  // A fault no input can cause any more, injected: Array.prototype.push, which the wasm calls
  // to collect a batch's errors, throws, and the exception unwinds through Rust's frames.
  const push = Array.prototype.push;
  const provision = policies()[0].provisions[0];
  let failed = 0;
  for (let i = 0; i < 2000; i++) {
    let e;
    Array.prototype.push = function () {
      throw new Error('injected');
    };
    try {
      batch([{ 'no.such.fact': 'x' }], { ...ON, provision });
    } catch (error) {
      e = error;
    } finally {
      Array.prototype.push = push;
    }
    assert.ok(e instanceof SkillcalcError, `${e}`);
    assert.equal(e.code, 'internal');
    assert.equal(e.cause?.message, 'injected');
    failed++;
  }
  assert.equal(failed, 2000);
  await allStillWork();
});

test('a pack loaded before a restart goes on working after it', async () => {
  const pack = await loadPack(source);
  const push = Array.prototype.push;
  Array.prototype.push = function () {
    throw new Error('injected');
  };
  try {
    batch([{ 'no.such.fact': 'x' }], { ...ON, pack, provision: 'demo.award' });
  } catch {
    // the restart
  } finally {
    Array.prototype.push = push;
  }
  assert.equal(evaluate(AWARD, { ...ON, pack }).provisions[0].amount.min.value, '50000.00');
  assert.equal(pack.name, 'demo');
  pack.free();
  assert.equal(thrown(() => evaluate({}, { pack })).field, 'pack');
});

test('batch and evaluateBatch take 100,000 profiles; a longer array is refused from its length, never walked', () => {
  const provision = policies()[0].provisions[0];
  for (const length of [100_001, 1e6, 2 ** 32 - 1]) {
    const sparse = [];
    sparse.length = length;
    const started = performance.now();
    for (const call of [() => batch(sparse, { ...ON, provision }), () => evaluateBatch(sparse, ON)]) {
      const e = thrown(call);
      assert.equal(e.code, 'invalid_profile');
      assert.match(e.messageEn, /at most 100000 profiles/);
    }
    assert.ok(performance.now() - started < 1000, `${length}: ${performance.now() - started} ms`);
  }
  const many = new Array(100_000).fill({});
  assert.equal(batch(many, { ...ON, provision }).rows.length, 100_000);
});

test('a batch whose profiles exceed 32,000,000 characters is refused with a SkillcalcError, not a RangeError', () => {
  // Each row fits its own limit; 6,000 of them would pass V8's longest string.
  const row = { 'person.code': 'x'.repeat(90_000) };
  const e = thrown(() => batch(new Array(6_000).fill(row), { ...ON, pack: demo, provision: 'demo.award' }));
  assert.equal(e.code, 'invalid_profile');
  assert.match(e.messageEn, /more than 32000000 characters: split the batch/);
  assert.equal(batch([AWARD], { ...ON, pack: demo, provision: 'demo.award' }).rows[0].amount.min, '50000.00');
});
