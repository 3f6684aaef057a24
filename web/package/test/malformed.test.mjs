// No panic is reachable from JS: every malformed input of the shared corpus
// (crates/wasm/tests/malformed.js, also run by the wasm tests in Node and Chromium) ends in a
// SkillcalcError with the expected code, or succeeds where that is right, and after each one
// an ordinary call still works. Through the installed package's public API.

import assert from 'node:assert/strict';
import test from 'node:test';
import { malformedOptions, malformedPacks, malformedProfiles } from '../../../crates/wasm/tests/malformed.js';
import { demoPack, load } from '../testing/install.mjs';

const { evaluate, evaluateBatch, decide, batch, facts, policies, loadPack, SkillcalcError } = await load('skillcalc');
const demo = await loadPack(demoPack());
const ON = { asOf: '2024-06-01' };

function stillWorks() {
  assert.equal(evaluate({}, ON).as_of, '2024-06-01');
  assert.equal(evaluate({}, { ...ON, pack: demo }).pack.name, 'demo');
}

/** Runs `call` on each case: it throws the case's code (or anything typed, or nothing, when the code is null). */
async function corpus(t, cases, call) {
  assert.ok(cases.length > 0);
  for (const c of cases) {
    await t.test(c.name, async () => {
      let error;
      try {
        await call(c.value);
      } catch (e) {
        error = e;
      }
      if (c.code !== null) {
        assert.ok(error instanceof SkillcalcError, `expected ${c.code}, got ${error}`);
        assert.equal(error.code, c.code);
        assert.ok(error.messageZh && error.messageEn, 'messages in both languages');
      } else if (error !== undefined) {
        assert.ok(error instanceof SkillcalcError, `only a SkillcalcError may be thrown, got ${error}`);
      }
      stillWorks();
    });
  }
}

test('malformed profiles, embedded catalog', (t) => corpus(t, malformedProfiles(facts()), (v) => evaluate(v, ON)));

test('malformed profiles, custom pack', (t) =>
  corpus(t, malformedProfiles(facts({ pack: demo })), (v) => evaluate(v, { ...ON, pack: demo })));

test('malformed profiles, decide()', (t) => corpus(t, malformedProfiles(facts()), (v) => decide(v, ON)));

test('malformed profiles in batch(): the row is null, its error typed, the batch goes on', (t) =>
  corpus(t, malformedProfiles(facts({ pack: demo })), (v) => {
    const result = batch([{}, v, {}], { ...ON, pack: demo, provision: 'demo.award' });
    assert.equal(result.rows.length, 3);
    assert.ok(result.rows[0] && result.rows[2]);
    const [error] = result.errors;
    assert.equal(result.rows[1] === null, error !== undefined);
    // Thrown here so that corpus() checks its code like any other call's.
    if (error) throw new SkillcalcError(error);
  }));

test('malformed profiles inside a batch', (t) =>
  corpus(t, malformedProfiles(facts({ pack: demo })), (v) => evaluateBatch([{}, v], { ...ON, pack: demo })));

test('malformed options, for every function that takes them', (t) =>
  corpus(t, malformedOptions(), (o) => {
    // The same verdict from each function: evaluate's decides the case.
    let first;
    for (const call of [() => evaluate({}, o), () => evaluateBatch([{}], o), () => decide({}, o), () => facts(o), () => policies(o)]) {
      try {
        call();
      } catch (e) {
        first ??= e;
      }
    }
    if (first) throw first;
  }));

// To loadPack a string is a URL, which needs its integrity value: refused as an option.
const packCases = malformedPacks(demoPack()).map((c) => (typeof c.value === 'string' ? { ...c, code: 'invalid_option' } : c));
test('malformed packs', (t) => corpus(t, packCases, (p) => loadPack(p)));

test('malformed batches', (t) =>
  corpus(
    t,
    [
      { name: 'not an array', value: { 0: {} }, code: 'invalid_profile' },
      { name: 'a string', value: '[{}]', code: 'invalid_profile' },
      { name: 'null', value: null, code: 'invalid_profile' },
      { name: 'an array of nulls', value: [null, null], code: 'invalid_profile' },
      { name: 'a sparse array', value: [, {}], code: 'invalid_profile' }, // eslint-disable-line no-sparse-arrays
      { name: '100000 empty profiles', value: new Array(100_000).fill({}), code: null },
    ],
    (v) => evaluateBatch(v, { ...ON, pack: demo }),
  ));
