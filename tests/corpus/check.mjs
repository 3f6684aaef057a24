// Checks one provision's result against a scenario of tests/corpus/scenarios.json (generated
// from the catalog's scenario files). The same rules as the engine's scenario runner
// (crates/engine/src/scenario.rs), so the JS package and the app are held to the same corpus.
//
//   import { cases, check } from './check.mjs';
//   for (const c of cases()) { const problems = check(c, provisionReport); ... }

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** Every scenario, with `name` = "file:id". Known gaps are left out (they are expected to fail). */
export function cases() {
  const all = JSON.parse(readFileSync(join(here, 'scenarios.json'), 'utf8'));
  return all.filter((c) => !c.known_gap).map((c) => ({ ...c, name: `${c.file}:${c.id}` }));
}

// Exact decimal comparison on strings ("50000" vs "50000.00") without floats.
function sameDecimal(a, b) {
  const norm = (s) => {
    let [i, f = ''] = String(s).trim().split('.');
    i = i.replace(/^(-?)0+(?=\d)/, '$1');
    f = f.replace(/0+$/, '');
    return f ? `${i}.${f}` : i;
  };
  return norm(a) === norm(b);
}

const sorted = (xs) => [...new Set(xs)].sort();

/** Returns a list of problems (empty when the report matches the scenario). */
export function check(scenario, report) {
  const want = scenario.expect;
  const problems = [];
  if (!report) return [`no result for provision ${scenario.provision}`];
  if (report.status !== want.status) problems.push(`status: expected ${want.status}, got ${report.status}`);
  const a = report.amount;
  if (want.amount != null) {
    if (!a) problems.push('expected an amount, got none');
    else if (!a.exact || !sameDecimal(a.min.value, want.amount)) problems.push(`amount: expected ${want.amount}, got ${a.display}`);
  }
  if (want.min != null && !(a && sameDecimal(a.min.value, want.min))) {
    problems.push(`min: expected ${want.min}, got ${a?.min?.value}`);
  }
  if (want.max != null) {
    const ok = want.max === 'none' ? a && a.max == null : a && a.max && sameDecimal(a.max.value, want.max);
    if (!ok) problems.push(`max: expected ${want.max}, got ${a?.max?.value ?? 'none'}`);
  }
  if (want.failed != null && JSON.stringify(sorted(want.failed)) !== JSON.stringify(sorted(report.failed))) {
    problems.push(`failed: expected ${sorted(want.failed)}, got ${sorted(report.failed)}`);
  }
  if (want.missing != null) {
    const got = sorted([...report.missing, ...report.amount_missing]);
    if (JSON.stringify(sorted(want.missing)) !== JSON.stringify(got)) problems.push(`missing: expected ${sorted(want.missing)}, got ${got}`);
  }
  if (want.warnings != null && report.warnings.length !== want.warnings) {
    problems.push(`warnings: expected ${want.warnings}, got ${report.warnings.length}`);
  }
  return problems;
}
