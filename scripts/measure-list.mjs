// Measures the list page (名单核对) in Chromium: a list of organisations, 10 columns, picked as a
// CSV file; from the pick to the mapping on screen (reading), and from "开始核对" to the results
// on screen (matching every provision in the worker, totals, the first 200 rows). Speed is
// measured here, never asserted in tests (the machines are shared and noisy).
//
//   node scripts/measure-list.mjs [--rows 100000] [--runs 3]     (after scripts/build-app.sh)
//
// Prints each run and the median; the worker's own split (profiles, match, summary) and the
// page's render time come from the page (#list's data-timings).

import { setup, openPage } from '../tests/e2e/helpers.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const ROWS = arg('rows', 100_000);
const RUNS = arg('runs', 3);

const header = '单位名称,org.district,org.kind,org.partner_enterprises,org.partner_enterprises_in_putuo,college.separate_departments,org.legally_established,org.putuo_college,org.training_tradition,org.putuo_competitions_hosted';
const lines = [header];
for (let i = 0; i < ROWS; i++) {
  lines.push(`单位${i},${i % 3 ? 'putuo' : 'qingpu'},${i % 2 ? 'vocational_school' : 'enterprise'},${i % 5},${i % 2},${i % 3 ? '是' : '否'},是,${i % 3 ? 'institution' : 'none'},是,${i % 4}`);
}
const csv = lines.join('\n');

const env = await setup();
const results = [];
try {
  for (let run = 0; run < RUNS; run++) {
    const page = await openPage(env, 'list/', { wait: false });
    await page.waitForFunction(() => document.getElementById('list').getAttribute('aria-busy') === 'false');
    await page.locator('#as-of').fill('2024-06-01');
    await page.locator('input[name=door][value=org]').check();
    const t0 = Date.now();
    await page.evaluate(([text]) => {
      const input = document.getElementById('file');
      const files = new DataTransfer();
      files.items.add(new File([text], 'orgs.csv'));
      input.files = files.files;
      input.dispatchEvent(new Event('change'));
    }, [csv]);
    await page.locator('#mapping-step').waitFor({ timeout: 120_000 });
    const t1 = Date.now();
    await page.locator('#run').click();
    await page.locator('#results-step').waitFor({ timeout: 300_000 });
    const t2 = Date.now();
    const timings = JSON.parse(await page.evaluate(() => document.getElementById('list').dataset.timings));
    const counts = await page.evaluate(() => document.getElementById('counts').innerText);
    results.push(t2 - t0);
    const ms = (x) => `${Math.round(x)} ms`;
    console.log(`run ${run + 1}: ${ROWS} rows × 10 columns: read ${ms(t1 - t0)}, check ${ms(t2 - t1)}, in all ${ms(t2 - t0)} ` +
      `(worker: profiles ${ms(timings.profiles)}, match ${ms(timings.match)}, totals ${ms(timings.summary)}; page render ${ms(timings.render)}) — ${counts}`);
    await page.closeAll();
  }
} finally {
  await env.close();
}
results.sort((a, b) => a - b);
console.log(`median of ${RUNS}: ${results[Math.floor(RUNS / 2)]} ms from picking the file to the results on screen`);
