// Speed of the package in Node (not a test: figures vary with the machine and its load).
//
//   node web/package/bench/bench.mjs        (after scripts/build-package.sh)
//
// 1. evaluate: one typical profile over the whole embedded catalogue, median of many calls.
// 2. evaluateBatch: throughput in profiles per second, batches of 1000.
// 3. start-up: a fresh `node` process from start to its first result, minus a bare `node`.
//
// The typical profile answers every fact with a plausible value inside its bounds (as the
// catalogue's own Rust benchmark does), so every condition and amount is computed.

import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const entry = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'node.js');
const { evaluate, evaluateBatch, facts, version } = await import(pathToFileURL(entry).href);
const { typicalProfile: typicalFor } = await import(pathToFileURL(join(dirname(entry), '..', 'testing', 'profiles.mjs')).href);
const OPTIONS = { asOf: '2024-06-01', lang: 'zh' };

const typicalProfile = () => typicalFor(facts());

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const profile = typicalProfile();
const report = evaluate(profile, OPTIONS);
const size = Buffer.byteLength(JSON.stringify(report));
console.log(
  `catalogue ${version().catalog}: ${report.provisions.length} provisions, ${Object.keys(profile).length} answers; ` +
    `report ${(size / 1024).toFixed(1)} KB as JSON`,
);

// 1. evaluate
for (let i = 0; i < 300; i++) evaluate(profile, OPTIONS); // warm up
const times = [];
for (let i = 0; i < 2000; i++) {
  const t0 = process.hrtime.bigint();
  evaluate(profile, OPTIONS);
  times.push(Number(process.hrtime.bigint() - t0) / 1000);
}
console.log(`evaluate, typical profile, whole catalogue: median ${median(times).toFixed(1)} µs (target ≤ 20)`);
const empty = [];
for (let i = 0; i < 1000; i++) {
  const t0 = process.hrtime.bigint();
  evaluate({}, OPTIONS);
  empty.push(Number(process.hrtime.bigint() - t0) / 1000);
}
console.log(`evaluate, empty profile: median ${median(empty).toFixed(1)} µs`);
const LEAN = { ...OPTIONS, explain: false };
const lean = [];
for (let i = 0; i < 2000; i++) {
  const t0 = process.hrtime.bigint();
  evaluate(profile, LEAN);
  lean.push(Number(process.hrtime.bigint() - t0) / 1000);
}
console.log(`evaluate, typical profile, explain: false: median ${median(lean).toFixed(1)} µs`);

// 2. evaluateBatch
const batch = Array.from({ length: 1000 }, () => profile);
evaluateBatch(batch, OPTIONS); // warm up
let done = 0;
const start = performance.now();
while (performance.now() - start < 3000) {
  evaluateBatch(batch, OPTIONS);
  done += batch.length;
}
const perSecond = done / ((performance.now() - start) / 1000);
console.log(`evaluateBatch: ${Math.round(perSecond).toLocaleString('en-US')} profiles/s (target ≥ 200,000)`);
let leanDone = 0;
const leanStart = performance.now();
while (performance.now() - leanStart < 3000) {
  evaluateBatch(batch, LEAN);
  leanDone += batch.length;
}
const leanPerSecond = leanDone / ((performance.now() - leanStart) / 1000);
console.log(`evaluateBatch, explain: false: ${Math.round(leanPerSecond).toLocaleString('en-US')} profiles/s`);

// 3. start-up
const run = (script) => {
  const t0 = process.hrtime.bigint();
  execFileSync(process.execPath, ['--input-type=module', '-e', script]);
  return Number(process.hrtime.bigint() - t0) / 1e6;
};
const first = `import { evaluate } from ${JSON.stringify(pathToFileURL(entry).href)}; evaluate(${JSON.stringify(profile)}, ${JSON.stringify(OPTIONS)});`;
const bare = [];
const withFirst = [];
for (let i = 0; i < 15; i++) {
  bare.push(run('0;'));
  withFirst.push(run(first));
}
console.log(
  `start-up to the first result: median ${median(withFirst).toFixed(1)} ms, bare node ${median(bare).toFixed(1)} ms: ` +
    `+${(median(withFirst) - median(bare)).toFixed(1)} ms (target ≤ 40)`,
);
