// Accessibility: axe-core (tests/node_modules/axe-core) on the standalone page in both doors and
// both languages, asking for the goals, then with every explanation and help text open, the
// results ruled out shown, and with an error shown, on the embed host page
// (axe checks open shadow roots) and on the print view. No serious or critical violation.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { answerAll, axeSerious, chooseDoor, chooseGoals, emulatePrint, openExplanations, openPage, PUTUO_IN_FORCE, qid, screenshot, setAsOf, setup } from './helpers.mjs';

let env;
before(async () => {
  env = await setup();
});
after(async () => {
  await env?.close();
});

const show = (violations) => JSON.stringify(violations, null, 2);

/** Every explanation, every help text ("?") and the results ruled out, open (in the page, and
 * in the embed's shadow root). */
async function openAll(page) {
  await page.evaluate(() => {
    const roots = [document, ...[...document.querySelectorAll('*')].filter((e) => e.shadowRoot).map((e) => e.shadowRoot)];
    for (const root of roots) {
      for (const b of root.querySelectorAll('.help-toggle[aria-expanded=false]')) b.click();
      const out = root.querySelector('#ruled-out');
      if (out) out.open = true;
    }
  });
  await page.waitForFunction(() => {
    const roots = [document, ...[...document.querySelectorAll('*')].filter((e) => e.shadowRoot).map((e) => e.shadowRoot)];
    return roots.every((r) => !r.querySelector('.field > .help[hidden]'));
  });
  await openExplanations(page);
}

test('axe: standalone page, both doors, both languages, goals asked, explanations and help open, an error shown', async () => {
  const page = await openPage(env, '', { goals: null });
  await page.locator('#goals .goal-list').waitFor();
  let v = await axeSerious(page);
  assert.deepEqual(v, [], `person/zh, goals asked: ${show(v)}`);
  await chooseGoals(page, ['all']);
  await setAsOf(page, PUTUO_IN_FORCE);
  await answerAll(page, {
    'person.via_putuo_college': true,
    'contest.represented_putuo': true,
    'contest.won_prize': true,
    'contest.level': 'city',
    'contest.city_award_amount': 'abc', // an error message next to the field
  });
  await page.locator(`#${qid('contest.city_award_amount')}-error`).waitFor();
  await page.locator('#share').click();
  await openAll(page);
  v = await axeSerious(page);
  assert.deepEqual(v, [], `person/zh: ${show(v)}`);

  await chooseDoor(page, 'org', { goals: null });
  v = await axeSerious(page);
  assert.deepEqual(v, [], `org/zh, goals asked: ${show(v)}`);
  await chooseGoals(page, ['all']);
  await answerAll(page, { 'org.district': 'putuo', 'org.kind': 'vocational_school', 'org.partner_enterprises_in_putuo': '0' });
  await openAll(page);
  v = await axeSerious(page);
  assert.deepEqual(v, [], `org/zh: ${show(v)}`);

  await page.locator('#lang').click();
  await page.locator('#skillcalc[lang=en]').waitFor();
  await openAll(page);
  v = await axeSerious(page);
  assert.deepEqual(v, [], `org/en: ${show(v)}`);
  await screenshot(page, 'a11y-org-en');
  await page.checkOffline();
  await page.closeAll();
});

test('axe: the embed host page (inside the shadow root) and the print view', async (t) => {
  const page = await openPage(env, 'examples/host.html', { viewport: { width: 1024, height: 800 } });
  await openAll(page);
  const v = await axeSerious(page);
  assert.deepEqual(v, [], `embed: ${show(v)}`);
  await page.checkOffline();
  await page.closeAll();

  const print = await openPage(env);
  await print.locator('#print-summary').waitFor({ state: 'attached' });
  await emulatePrint(t, print, true);
  const p = await axeSerious(print);
  assert.deepEqual(p, [], `print: ${show(p)}`);
  await print.closeAll();
});
