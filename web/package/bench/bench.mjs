// Speed of the package in Node (not a test: figures vary with the machine and its load).
//
//   node web/package/bench/bench.mjs        (after scripts/build-package.sh)
//   SKILLCALC_COMPARE_DIST=dir node web/package/bench/bench.mjs   also another build's dist/
//                                           (before and after a change, in one run)
//
// 1. One profile over the whole embedded catalogue, median of many calls: decide() (statuses,
//    amounts, missing facts, totals) and evaluate() (the full report, with and without the
//    explanations), for a typical person (the catalogue's competition-winner scenario, 5
//    answers), for the scenario corpus' profiles in turn (each asks a different part of the
//    catalogue), and for a profile answering all facts (the most work one call can do).
// 2. Throughput in profiles per second: batch() over an enterprise's list of trainees (one
//    provision, the cross-row cap applied per project-year), decideMany() over realistic
//    profiles (every provision), and evaluateBatch() (full reports), in batches of 1000.
// 3. Start-up: a fresh `node` process from start to its first decide() and evaluate() result,
//    minus a bare `node` running an ES module.

import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const entry = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'node.js');
const thisBuild = await import(pathToFileURL(entry).href);
const { evaluate, decide, facts, version } = thisBuild;
const profiles = await import(pathToFileURL(join(dirname(entry), '..', 'testing', 'profiles.mjs')).href);
const OPTIONS = { asOf: '2024-06-01', lang: 'zh' };
const LEAN = { ...OPTIONS, explain: false };

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** µs of one `run(i)` (i counts the calls): the median of five rounds' medians of `times`
 *  calls each, after a warm-up of a fifth of a second (until the JIT has compiled the code it
 *  runs), so that one noisy round (another job, a GC) does not decide. */
function timed(run, times = 2000) {
  let i = 0;
  for (const start = performance.now(); performance.now() - start < 200; i++) run(i);
  const rounds = [];
  for (let round = 0; round < 5; round++) {
    const t = [];
    for (let n = 0; n < times; n++, i++) {
      const t0 = process.hrtime.bigint();
      run(i);
      t.push(Number(process.hrtime.bigint() - t0) / 1000);
    }
    rounds.push(median(t));
  }
  return median(rounds);
}

/** `run(api, b)` for each build, the first one in turn: no build always runs right after
 *  another (and pays for the garbage it left). */
function inTurn(round, run) {
  for (let k = 0; k < builds.length; k++) {
    const b = (round + k) % builds.length;
    run(builds[b][1], b);
  }
}

/** Profiles per second of `call(api)` on batches of `size`, for about three seconds per build
 *  (`builds`, below): the builds take turns call by call, so that a busier moment of the machine
 *  weighs on each alike. One line per build. */
function throughput(name, call, size, note = '') {
  const spent = builds.map(() => 0);
  builds.forEach(([, api]) => call(api));
  let done = 0;
  for (let round = 0; spent[0] < 3000; round++) {
    inTurn(round, (api, b) => {
      const t0 = performance.now();
      call(api);
      spent[b] += performance.now() - t0;
    });
    done += size;
  }
  builds.forEach(([label], b) => {
    const rate = Math.round(done / (spent[b] / 1000)).toLocaleString('en-US');
    console.log(`${name.padEnd(44)} ${rate.padStart(9)} profiles/s ${note} ${builds.length > 1 ? label : ''}`);
  });
}

const person = profiles.PERSON;
const everything = profiles.typicalProfile(facts());
const report = evaluate(person, OPTIONS);
console.log(
  `catalogue ${version().catalog}: ${report.provisions.length} provisions; typical person ${Object.keys(person).length} answers, ` +
    `all facts ${Object.keys(everything).length}; report ${(Buffer.byteLength(JSON.stringify(report)) / 1024).toFixed(1)} KB as JSON, ` +
    `decide() ${(Buffer.byteLength(JSON.stringify(decide(person, OPTIONS))) / 1024).toFixed(1)} KB`,
);

// 1. one profile, whole catalogue
const row = (name, run, note = '') => console.log(`${name.padEnd(44)} ${timed(run).toFixed(1).padStart(7)} µs ${note}`);
row('decide, typical person', () => decide(person, OPTIONS), '(issue 14: ≤ 10 in the realistic workload)');
const { cases } = await import(pathToFileURL(join(dirname(entry), '..', '..', '..', 'tests', 'corpus', 'check.mjs')).href);
const people = cases().map((c) => c.profile);
row(`decide, the ${people.length} scenario profiles in turn`, (i) => decide(people[i % people.length], OPTIONS));
row('decide, all facts answered', () => decide(everything, OPTIONS));
row('decide, empty profile', () => decide({}, OPTIONS));
row('evaluate, typical person', () => evaluate(person, OPTIONS));
row('evaluate, typical person, explain: false', () => evaluate(person, LEAN));
row('evaluate, all facts answered', () => evaluate(everything, OPTIONS));
row('evaluate, all facts answered, explain: false', () => evaluate(everything, LEAN));

// 1b. The realistic workload (what a form or an integrator sends): profiles answering 20–40
// facts, 48 dates over 2022–2026, the whole catalogue; every call's time, median and p99.
// SKILLCALC_COMPARE_DIST=dir (another build's web/package/dist) measures it too, and the
// throughputs of part 2, alternating call by call, so before and after are read in one run on
// the same machine state.
const builds = [['this build', thisBuild]];
let questions = facts();
if (process.env.SKILLCALC_COMPARE_DIST) {
  const other = await import(pathToFileURL(join(process.env.SKILLCALC_COMPARE_DIST, 'node.js')).href);
  builds.push([`compared (${process.env.SKILLCALC_COMPARE_DIST})`, other]);
  // The same profiles for both: only the facts both catalogues have.
  const theirs = new Set(other.facts().map((f) => f.id));
  questions = questions.filter((f) => theirs.has(f.id));
}
const work = profiles.realisticWorkload(questions, { count: 2000 });
const p99 = (xs) => [...xs].sort((a, b) => a - b)[Math.ceil(xs.length * 0.99) - 1];
function realistic(name, call, passes) {
  const times = builds.map(() => []);
  for (let pass = 0; pass < passes + 1; pass++) {
    for (let i = 0; i < work.profiles.length; i++) {
      inTurn(i, (api, b) => {
        const options = { asOf: work.asOf(i + pass), lang: 'zh' };
        const t0 = process.hrtime.bigint();
        call(api, work.profiles[i], options);
        if (pass > 0) times[b].push(Number(process.hrtime.bigint() - t0) / 1000); // pass 0 warms up
      });
    }
  }
  builds.forEach(([label], b) =>
    console.log(`${name.padEnd(44)} median ${median(times[b]).toFixed(1).padStart(6)} µs, p99 ${p99(times[b]).toFixed(1).padStart(6)} µs  ${label}`));
}
const answered = work.profiles.map((p) => Object.keys(p).length);
console.log(`realistic: ${work.profiles.length} profiles of ${Math.min(...answered)}–${Math.max(...answered)} answers, ${work.dates.length} dates ${work.dates[0]}…${work.dates.at(-1)}`);
realistic('decide, realistic', (api, p, o) => api.decide(p, o), 5);
realistic('evaluate, realistic', (api, p, o) => api.evaluate(p, o), 2);

// 2. many profiles
// One row per trainee who passed (as `skillcalc batch` reads a list), over five projects.
const trainees = Array.from({ length: 1000 }, (_, i) => profiles.trainingRow(1, `PT-2024-0${i % 5}`));
const training = { ...OPTIONS, provision: 'putuo.training_subsidy' };
throughput('batch, 1000 trainees per call', (api) => api.batch(trainees, training), 1000, '(issue 14: ≥ 500,000)');
const persons = Array.from({ length: 1000 }, () => person);
const realisticRows = work.profiles.slice(0, 1000);
throughput('decideMany, 1000 realistic profiles per call', (api) => api.decideMany(realisticRows, OPTIONS), 1000, '(issue 14: ≥ 200,000)');
// Kept, as a caller keeps them (results thrown away at once cost the collector less).
throughput('decide one by one, the same, kept', (api) => realisticRows.map((p) => api.decide(p, OPTIONS)), 1000);
throughput('evaluateBatch, 1000 people per call', (api) => api.evaluateBatch(persons, OPTIONS), 1000);
throughput('evaluateBatch, explain: false', (api) => api.evaluateBatch(persons, LEAN), 1000);

// 3. start-up
const run = (script) => {
  const t0 = process.hrtime.bigint();
  execFileSync(process.execPath, ['--input-type=module', '-e', script]);
  return Number(process.hrtime.bigint() - t0) / 1e6;
};
const firstCall = (fn) =>
  `import { ${fn} } from ${JSON.stringify(pathToFileURL(entry).href)}; ${fn}(${JSON.stringify(person)}, ${JSON.stringify(OPTIONS)});`;
const bare = [];
const toDecide = [];
const toEvaluate = [];
for (let i = 0; i < 15; i++) {
  bare.push(run('0;'));
  toDecide.push(run(firstCall('decide')));
  toEvaluate.push(run(firstCall('evaluate')));
}
const over = (xs) => `+${(median(xs) - median(bare)).toFixed(1)} ms`;
console.log(
  `start-up to the first result (bare node ${median(bare).toFixed(1)} ms): decide ${over(toDecide)} (target ≤ 40), ` +
    `evaluate ${over(toEvaluate)}`,
);
