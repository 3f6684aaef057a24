// The catalog's scenario corpus (tests/corpus/scenarios.json, generated from
// crates/catalog/pack/scenarios/*.toml) run through the JS package in Node: the same cases, the
// same expectations as `cargo test -p skillcalc-catalog` and `skillcalc check`.
// Needs the package built first (scripts/build-package.sh).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cases, check } from './check.mjs';

const skillcalc = await import('../../web/package/dist/node.js');

test('every scenario of the catalog gives the same result through the JS package', () => {
  const all = cases();
  assert.ok(all.length >= 100, `only ${all.length} scenarios`);
  const failures = [];
  for (const c of all) {
    const report = skillcalc.evaluate(c.profile, { asOf: c.as_of, lang: 'en' });
    const problems = check(c, report.provisions.find((p) => p.id === c.provision));
    if (problems.length) failures.push(`${c.name}: ${problems.join('; ')}`);
  }
  assert.deepEqual(failures, []);
});

test('evaluateBatch gives the same reports as one evaluate per profile', () => {
  const all = cases().slice(0, 50);
  const batch = skillcalc.evaluateBatch(all.map((c) => c.profile), { asOf: '2024-06-01', lang: 'zh' });
  all.forEach((c, i) => {
    assert.deepEqual(batch[i], skillcalc.evaluate(c.profile, { asOf: '2024-06-01', lang: 'zh' }), c.name);
  });
});
