// The app's features in the browser: language switch (persisted), share-link round trip,
// answers surviving a reload and being cleared, the as-of date and policies not in force, the
// print view, a 360 px screen, keyboard use.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { join } from 'node:path';
import {
  answerAll,
  ARTIFACTS,
  card,
  cardSel,
  chooseDoor,
  emulatePrint,
  openExplanations,
  openPage,
  PUTUO_IN_FORCE,
  qid,
  ready,
  savePdf,
  screenshot,
  setAsOf,
  setup,
  waitStatus,
} from './helpers.mjs';

let env;
before(async () => {
  env = await setup();
});
after(async () => {
  await env?.close();
});

const CITY_PRIZE = {
  'person.via_putuo_college': true,
  'contest.represented_putuo': true,
  'contest.won_prize': true,
  'contest.level': 'city',
  'contest.city_award_amount': '120000',
};

test('Chinese by default; the English switch is remembered across reloads', async () => {
  const page = await openPage(env);
  assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
  assert.match(await page.locator('h1').innerText(), /上海技能人才政策计算器/);
  assert.equal(await page.title(), '上海技能人才政策计算器');
  await page.locator('#lang').click();
  await page.locator('#skillcalc[lang=en]').waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  assert.match(await page.locator('h1').innerText(), /Shanghai skilled-talent policy calculator/);
  // Policy texts come from the pack in English too.
  assert.match(await page.locator('#results').innerText(), /Needs info|Eligible|Not eligible|Policy not in force/);
  await page.reload();
  await ready(page);
  assert.equal(await page.locator('#skillcalc').getAttribute('lang'), 'en', 'remembered');
  await page.locator('#lang').click();
  await page.locator('#skillcalc[lang=zh-CN]').waitFor();
  await page.checkOffline();
  await page.closeAll();
});

test('share link round trip: door, goals, answers, event date and language restored in a fresh browser', async () => {
  const page = await openPage(env);
  await chooseDoor(page, 'org');
  await setAsOf(page, PUTUO_IN_FORCE);
  await answerAll(page, {
    'org.district': 'putuo',
    'org.kind': 'vocational_school',
    'org.partner_enterprises': '3',
    'org.partner_enterprises_in_putuo': '0',
    'training.industries': ['fintech', 'life_health'],
  });
  await page.locator('#lang').click();
  await page.locator('#skillcalc[lang=en]').waitFor();
  await waitStatus(page, 'putuo.college_institution', 'not_eligible');
  await page.locator('#share').click();
  const link = await page.locator('#share-link').inputValue();
  assert.match(link, /#door=org&lang=en&asof=2025-06-01&goals=all&/);
  assert.match(link, /org.partner_enterprises_in_putuo=0/);
  assert.match(link, /training.industries=(fintech,life_health|life_health,fintech)/);
  assert.equal(new URL(link).origin, new URL(env.server.url).origin);
  // The standalone page also keeps the answers in its own URL.
  assert.equal(new URL(await page.url()).hash, new URL(link).hash);
  const statuses = await page.locator('.card').evaluateAll((cs) => cs.map((c) => `${c.id}=${c.dataset.status}`).join(' '));
  await screenshot(page, 'share-link');

  // A fresh context: no local storage; only the link.
  const other = await openPage(env, null);
  await other.goto(link);
  await ready(other);
  await other.locator('#skillcalc[lang=en][data-door=org][data-goals=all]').waitFor();
  assert.equal(await other.locator('#goals .goal-list').count(), 0, 'the goals are not asked again');
  assert.equal(await other.locator('#as-of').inputValue(), PUTUO_IN_FORCE);
  assert.equal(await other.locator(`#${qid('org.district')}`).inputValue(), 'putuo');
  assert.equal(await other.locator(`#${qid('org.partner_enterprises')}`).inputValue(), '3');
  assert.equal(await other.locator(`#${qid('org.partner_enterprises_in_putuo')}`).inputValue(), '0');
  assert.ok(await other.locator(`#${qid('training.industries')}-fintech`).isChecked());
  assert.ok(await other.locator(`#${qid('training.industries')}-life_health`).isChecked());
  assert.ok(!(await other.locator(`#${qid('training.industries')}-unknown`).isChecked()));
  const restored = await other.locator('.card').evaluateAll((cs) => cs.map((c) => `${c.id}=${c.dataset.status}`).join(' '));
  assert.equal(restored, statuses, 'the same results');

  // Following another share link in the same tab (only the hash changes) restores it too.
  await other.evaluate(() => { location.hash = 'door=person&lang=zh'; });
  await other.locator('#skillcalc[lang=zh-CN][data-door=person]').waitFor();
  // A link without goals (and without answers) asks what to check, before any result.
  await other.locator('#goals .goal-list').waitFor();
  assert.equal(await other.locator('#results .card').count(), 0);
  assert.ok(await other.locator('#results #choose-goal-first').isVisible());
  await page.checkOffline();
  await other.checkOffline();
  await page.closeAll();
  await other.closeAll();
});

test('answers survive a reload, and can be cleared (door, goals and language kept, with undo)', async () => {
  const page = await openPage(env, '', { goals: ['competition'] });
  await setAsOf(page, PUTUO_IN_FORCE);
  await answerAll(page, CITY_PRIZE);
  await waitStatus(page, 'putuo.competition_award', 'eligible');
  await page.locator('#lang').click();
  await page.locator('#skillcalc[lang=en]').waitFor();
  await page.goto(env.server.url); // no hash: from local storage
  await ready(page);
  await page.locator('#skillcalc[lang=en][data-door=person][data-goals=competition]').waitFor();
  await waitStatus(page, 'putuo.competition_award', 'eligible');
  assert.equal(await page.locator(`#${qid('contest.city_award_amount')}`).inputValue(), '120000');
  assert.equal(await page.locator('#as-of').inputValue(), PUTUO_IN_FORCE);
  await page.locator('#lang').click();
  await page.locator('#skillcalc[lang=zh-CN]').waitFor();

  // Clearing forgets the answers and the date, keeps the door, the goals and the language,
  // and can be undone.
  await page.locator('#clear').click();
  await page.locator('#status').filter({ hasText: '回答已全部清除' }).waitFor();
  assert.equal(await page.locator(`#${qid('contest.city_award_amount')}`).inputValue(), '');
  assert.notEqual(await page.locator('#as-of').inputValue(), PUTUO_IN_FORCE, 'back to today');
  await page.locator('#skillcalc[lang=zh-CN][data-door=person][data-goals=competition]').waitFor();
  assert.equal(await page.locator('#goals .goal-list').count(), 0, 'the goals are not asked again');
  await page.locator('#undo').click();
  await waitStatus(page, 'putuo.competition_award', 'eligible');
  assert.equal(await page.locator(`#${qid('contest.city_award_amount')}`).inputValue(), '120000', 'undone');
  assert.equal(await page.locator('#as-of').inputValue(), PUTUO_IN_FORCE);
  assert.equal(await page.locator('#undo').count(), 0, 'undo is offered once');

  await page.locator('#clear').click();
  await page.locator('#status').filter({ hasText: '回答已全部清除' }).waitFor();
  await page.locator(`${cardSel('putuo.competition_award')}:not([data-status=eligible])`).waitFor();
  await page.goto(env.server.url);
  await ready(page);
  assert.equal(await page.locator(`#${qid('contest.city_award_amount')}`).inputValue(), '', 'cleared for good');
  assert.ok(await page.locator(`#${qid('contest.won_prize')}-unknown`).isChecked());
  assert.equal(await page.locator('#skillcalc').getAttribute('data-goals'), 'competition', 'the goals kept for good');
  await page.checkOffline();
  await page.closeAll();
});

test('event date: policies not in force are marked, with what they paid on their last day; an earlier date shows it', async () => {
  const page = await openPage(env);
  // The date is the first field of the questions.
  assert.equal(await page.locator('.questions .field').first().getAttribute('id'), 'field-as-of');
  await setAsOf(page, '2026-06-01'); // after the Putuo policy expired (2025-12-31)
  await answerAll(page, CITY_PRIZE);
  await waitStatus(page, 'putuo.competition_award', 'not_in_force');
  // The status says the date alone; the decision follows the last answer's update (WebKit read
  // it once before that update).
  await page.locator(`${cardSel('putuo.competition_award')}[data-decision=eligible]`).waitFor({ timeout: 15000 });
  const c = await card(page, 'putuo.competition_award');
  assert.equal(c.decision, 'eligible', 'the conditions are met');
  const text = await c.text();
  assert.match(text, /政策不在有效期/);
  assert.match(text, /已于 2025-12-31 到期/);
  // Its reading as of the policy's last day, with the amount and the arithmetic, on the card.
  const window = c.locator.locator('div.window');
  assert.equal(await window.getAttribute('data-date'), '2025-12-31');
  assert.equal(await window.getAttribute('data-status'), 'eligible');
  assert.match(await window.innerText(), /按 2025-12-31 计算（普人社〔2022〕27号 有效期最后一天）：符合条件：5万元/);
  assert.match(await window.innerText(), /50% × 12万元 = 6万元/);
  // The notice names each document not in force, with a button to compute as of its last day.
  const notice = page.locator('#not-in-force-notice');
  assert.match(await notice.innerText(), /普人社〔2022〕27号 已于 2025-12-31 到期/);
  assert.match(await notice.innerText(), /以主管部门答复为准/, 'claim deadlines are the authority’s');
  assert.equal(await notice.locator('#notice-putuo_2022_27').getAttribute('data-date'), '2025-12-31');
  assert.equal(await page.locator('#policy-putuo_2022_27').getAttribute('data-in-force'), 'expired');
  await c.locator.scrollIntoViewIfNeeded();
  await screenshot(page, 'not-in-force');
  // Not counted in the total as eligible now; shown apart as what the rule of the time gave.
  assert.doesNotMatch(await page.locator('#total-person .total-eligible').innerText(), /5万元/);
  assert.match(await page.locator('#total-person .total-window').innerText(), /^5万元$/);

  // One tap on the card computes everything as of that day.
  await page.locator('#p-putuo-competition_award-window').click();
  await waitStatus(page, 'putuo.competition_award', 'eligible');
  assert.equal(await page.locator('#as-of').inputValue(), '2025-12-31');
  assert.equal(await page.locator('#policy-putuo_2022_27').getAttribute('data-in-force'), 'in_force');
  assert.match(await page.locator('#total-person .total-eligible').innerText(), /5万元/);
  assert.equal(await page.locator('#not-in-force-notice [data-policy=putuo_2022_27]').count(), 0);

  // Back after the policy's end, then an earlier date typed in the field.
  await setAsOf(page, '2026-06-01');
  await waitStatus(page, 'putuo.competition_award', 'not_in_force');
  await setAsOf(page, PUTUO_IN_FORCE);
  await waitStatus(page, 'putuo.competition_award', 'eligible');
  assert.equal(await page.locator('#policy-putuo_2022_27').getAttribute('data-in-force'), 'in_force');
  assert.match(await page.locator('#total-person .total-eligible').innerText(), /5万元/);
  // Back to today with one button.
  await page.locator('#as-of-today').click();
  await page.locator('#as-of-today').waitFor({ state: 'detached' });
  await waitStatus(page, 'putuo.competition_award', 'not_in_force');
  await page.checkOffline();
  await page.closeAll();
});

test('print view: a clean summary with answers, clauses, totals and the disclaimer', async (t) => {
  const page = await openPage(env);
  await setAsOf(page, PUTUO_IN_FORCE);
  await answerAll(page, CITY_PRIZE);
  await waitStatus(page, 'putuo.competition_award', 'eligible');
  assert.equal(await page.locator('#print-summary').isVisible(), false, 'hidden on screen');
  await emulatePrint(t, page, true);
  const summary = page.locator('#print-summary');
  assert.ok(await summary.isVisible(), 'the summary prints');
  for (const sel of ['.top', '#goals', '.questions', '#results', '.bar', '#disclaimer']) {
    assert.equal(await page.locator(sel).isVisible(), false, `${sel} does not print`);
  }
  const text = await summary.innerText();
  assert.match(text, /政策测算摘要/);
  assert.match(text, /计算日期：2025-06-01/);
  assert.match(text, /该奖项的市奖励标准金额（元）\s*12万元/, 'the answers');
  assert.match(text, /职业技能竞赛配套奖励\s+✓ 符合条件\s+5万元/, 'the result');
  assert.match(text, /普人社〔2022〕27号 四、4/, 'the clause');
  assert.match(text, /不是认定或审批结论/, 'the disclaimer: an estimate, not a determination');
  assert.match(text, /以发文单位和主管部门的审核为准/, 'the issuing authority decides');
  await page.screenshot({ path: join(ARTIFACTS, 'print-view.png'), fullPage: true });
  await savePdf(t, page, 'print-view');
  await emulatePrint(t, page, false);
  assert.equal(await page.locator('#print-summary').isVisible(), false, 'hidden on screen again');
  await page.checkOffline();
  await page.closeAll();
});

test('legible on a 360 px screen: no sideways scrolling, text of readable size', async () => {
  for (const door of ['person', 'org']) {
    const page = await openPage(env, '', { viewport: { width: 360, height: 640 } });
    await chooseDoor(page, door);
    await openExplanations(page);
    const { scroll, client, small } = await page.evaluate(() => {
      const small = [];
      for (const el of document.querySelectorAll('.sc *')) {
        if (!el.childNodes.length || ![...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())) continue;
        const r = el.getBoundingClientRect();
        if (!r.width) continue;
        const size = parseFloat(getComputedStyle(el).fontSize);
        if (size < 12) small.push(`${el.tagName}.${el.className}: ${size}px`);
        if (r.right > document.documentElement.clientWidth + 1) small.push(`${el.tagName}.${el.className} overflows to ${r.right}`);
      }
      return { scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth, small };
    });
    assert.ok(scroll <= client, `${door}: page is ${scroll}px wide in a ${client}px screen`);
    assert.deepEqual(small.slice(0, 10), [], `${door}: text under 12px or outside the screen`);
    await page.screenshot({ path: join(ARTIFACTS, `w360-${door}.png`) });
    await page.checkOffline();
    await page.closeAll();
  }
});

test('keyboard: doors, goals, questions and results are reachable and operable without a mouse', async () => {
  const page = await openPage(env, '', { goals: null });
  const focused = () => page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName);
  const tabs = async (n) => {
    const out = [];
    for (let i = 0; i < n; i++) {
      await page.keyboard.press('Tab');
      out.push(await focused());
    }
    return out;
  };
  // The first tab stops follow the reading order: language, door, then what to check.
  const goals = await page.locator('#goals .goal-list input[type=checkbox]').evaluateAll((bs) => bs.map((b) => b.id));
  assert.equal(goals.at(-1), 'goal-all', 'the last choice: show everything');
  assert.deepEqual(await tabs(2 + goals.length), ['lang', 'door-person', ...goals]);
  // Arrow keys move between the two doors (a radio group).
  await page.locator('#door-person').focus();
  await page.keyboard.press('ArrowRight');
  await page.locator('#skillcalc[data-door=org]').waitFor();
  await page.keyboard.press('ArrowLeft');
  await page.locator('#skillcalc[data-door=person]').waitFor();
  // A goal chosen with the keyboard: the list folds into one line, the questions follow, the
  // event date first.
  await page.locator('#goal-competition').focus();
  await page.keyboard.press('Space');
  await page.locator('#skillcalc[data-goals=competition]').waitFor();
  await page.locator('#field-as-of').waitFor();
  assert.deepEqual((await tabs(2)), ['goals-change', 'as-of']);
  // The tools at the end of the results are reachable.
  let reached = false;
  for (let i = 0; i < 150 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = (await focused()) === 'share';
  }
  assert.ok(reached, 'Tab reaches the share button');
  // A help text opens with the keyboard.
  const help = `#${qid('contest.won_prize')}-help`;
  assert.equal(await page.locator(help).isVisible(), false, 'the help waits behind "?"');
  await page.locator(`${help}-toggle`).focus();
  await page.keyboard.press('Enter');
  await page.locator(help).waitFor({ state: 'visible' });
  assert.equal(await page.locator(`${help}-toggle`).getAttribute('aria-expanded'), 'true');
  // A yes/no question answered with the keyboard.
  await page.locator(`#${qid('contest.won_prize')}-unknown`).focus();
  await page.keyboard.press('ArrowLeft'); // to "no"
  assert.ok(await page.locator(`#${qid('contest.won_prize')}-no`).isChecked());
  // The explanation opens with Enter.
  const summary = page.locator('details.why summary').first();
  await summary.focus();
  await page.keyboard.press('Enter');
  assert.ok(await page.locator('details.why').first().evaluate((d) => d.open));
  // The goals changed with the keyboard: everything.
  await page.locator('#goals-change').focus();
  await page.keyboard.press('Enter');
  await page.locator('#goal-all').focus();
  await page.keyboard.press('Space');
  await page.locator('#skillcalc[data-goals=all]').waitFor();
  await page.locator('#goals-done').focus();
  await page.keyboard.press('Enter');
  await page.locator('#goals-change').waitFor();
  // Every control has an accessible name.
  const unnamed = await page.evaluate(() =>
    [...document.querySelectorAll('.sc input, .sc select, .sc button')]
      .filter((el) => !(el.labels?.length || el.getAttribute('aria-label') || el.textContent.trim()))
      .map((el) => el.id || el.outerHTML.slice(0, 80)),
  );
  assert.deepEqual(unnamed, []);
  await page.checkOffline();
  await page.closeAll();
});
