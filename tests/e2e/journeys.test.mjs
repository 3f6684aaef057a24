// The journeys of issue 12, as the people in them would take them: on a 375×667 touch phone (at
// 4× CPU slowdown in Chromium, a low-end Android phone in a WeChat web-view), from the first
// screen, choosing their goal, answering only the questions shown, scrolling only as far as the
// next question needs (counted), then "see results". Each journey counts its answers and the
// screens scrolled, prints them, and holds them to the targets: at most 6 answers and at most 3
// phone screens of scrolling before the answer is on screen.
//
// JOURNEY_SITE=dir runs the same journeys against another build (the app before goals existed,
// say) and only reports the counts: `JOURNEY_SITE=../before/target/site node --test
// tests/e2e/journeys.test.mjs`.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { answer, card, cardSel, isChromium, note, openPage, PHONE, ready, screenshot, setup, SITE, waitStatus } from './helpers.mjs';

const SITE_UNDER_TEST = process.env.JOURNEY_SITE || SITE;
const MEASURE_ONLY = SITE_UNDER_TEST !== SITE;
const TARGET = { answers: 6, screens: 3 };

let env;
before(async () => {
  env = await setup({ root: SITE_UNDER_TEST });
});
after(async () => {
  await env?.close();
});

/** A person's session: every answer and every swipe counted. */
async function start(t, { path = '', lang = 'zh' } = {}) {
  const page = await openPage(env, path, { goals: null, context: { hasTouch: true, isMobile: isChromium() } });
  if (isChromium()) {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  } else {
    note(t, 'no CPU throttling over WebDriver: run at full speed');
  }
  if (lang === 'en') {
    await page.locator('#lang').click();
    await page.locator('#skillcalc[lang=en]').waitFor();
  }
  const s = { page, answers: 0, scrolled: 0, taps: 0 };
  await page.evaluate(() => window.scrollTo(0, 0));
  return s;
}

/** Scrolls as a thumb would: only as far as needed to see `selector` whole above the bottom bar. */
async function bringIntoView(s, selector) {
  const delta = await s.page.locator(selector).evaluate((el) => {
    const bar = el.getRootNode().querySelector('.bar');
    const bottom = innerHeight - (bar ? bar.getBoundingClientRect().height : 0);
    const r = el.getBoundingClientRect();
    let d = 0;
    if (r.top < 0) d = r.top - 8;
    else if (r.bottom > bottom) d = Math.min(r.top - 8, r.bottom - bottom + 8);
    if (d) window.scrollBy(0, d);
    return Math.abs(d);
  });
  s.scrolled += delta;
}

/** The first goal tap (a choice of what to check; not counted as an answer). */
async function goal(s, id) {
  if (MEASURE_ONLY && !(await s.page.locator(`label[for=goal-${id}]`).count())) return;
  await bringIntoView(s, `label[for=goal-${id}]`);
  await s.page.locator(`label[for=goal-${id}]`).click();
  await s.page.locator('.card').first().waitFor({ state: 'attached' });
}

async function door(s, d) {
  await s.page.locator(`label[for=door-${d}]`).click();
  await s.page.locator(`#skillcalc[data-door=${d}]`).waitFor();
}

/** One answer, to a question that must be on the form as shown (not folded away). */
async function say(s, fact, value) {
  const id = `#field-${fact.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  await s.page.locator(id).waitFor({ state: 'visible' });
  await bringIntoView(s, id);
  await answer(s.page, fact, value);
  s.answers += 1;
}

async function eventDate(s, date) {
  await bringIntoView(s, '#as-of');
  await s.page.locator('#as-of').fill(date);
  await s.page.locator('#as-of').dispatchEvent('change');
  await s.page.waitForFunction((d) => document.querySelector('#as-of')?.value === d, date);
  s.answers += 1;
}

/** "I meet all of these": one tap that answers a section's conditions. */
async function allYes(s, group) {
  const sel = `#g-${group}-all-yes`;
  await bringIntoView(s, sel);
  await s.page.locator(sel).click();
  // Answered: nothing left for the button to answer, so it goes.
  await s.page.locator(sel).waitFor({ state: 'detached' });
  s.answers += 1;
}

/** "See results", then the card as far into view as a person would scroll to read it. */
async function seeResults(s, provision) {
  if (await s.page.locator('#to-results').isVisible()) {
    await s.page.locator('#to-results').click();
    s.taps += 1;
  }
  await s.page.waitForTimeout?.(50);
  const top = await s.page.locator('#results-title').evaluate((el) => el.getBoundingClientRect().top);
  if (!MEASURE_ONLY) assert.ok(top >= -1 && top < 120, `"see results" lands on the top of the results (heading at ${top} px)`);
  await bringIntoView(s, `${cardSel(provision)} h3`);
}

function report(t, s, name) {
  const screens = s.scrolled / PHONE.height;
  const line = `${name}: ${s.answers} answers, ${Math.round(s.scrolled)} px scrolled = ${screens.toFixed(2)} screens${s.taps ? `, ${s.taps} jump(s)` : ''}`;
  note(t, line);
  console.log(`# journey ${MEASURE_ONLY ? '(measured site) ' : ''}${line}`);
  if (MEASURE_ONLY) return;
  assert.ok(s.answers <= TARGET.answers, `${name}: ${s.answers} answers (at most ${TARGET.answers})`);
  assert.ok(screens <= TARGET.screens, `${name}: ${screens.toFixed(2)} screens scrolled (at most ${TARGET.screens})`);
}

test('journey 1: a worker with a city-level prize of October 2025 (Putuo) sees 3万元 as the 2025 rule, the expiry explained', async (t) => {
  const s = await start(t);
  await goal(s, 'competition');
  await say(s, 'contest.won_prize', true);
  await say(s, 'contest.represented_putuo', true);
  await say(s, 'contest.level', 'city');
  await say(s, 'contest.city_award_amount', '60000');
  await say(s, 'person.via_putuo_college', true);
  if (!MEASURE_ONLY) {
    // Today the policy has expired: never 0元 for a prize won while it was in force.
    const c = await card(s.page, 'putuo.competition_award');
    assert.equal(c.status, 'not_in_force');
    const text = await c.text();
    assert.match(text, /按 2025-12-31 计算（普人社〔2022〕27号 有效期最后一天）：符合条件：3万元/, text);
    assert.doesNotMatch(await s.page.locator('#totals').innerText(), /：0元|^0元/m);
    assert.match(await s.page.locator('#totals').innerText(), /按当时规定：\s*3万元/);
    assert.match(await s.page.locator('#not-in-force-notice').innerText(), /普人社〔2022〕27号 已于 2025-12-31 到期/);
  }
  await eventDate(s, '2025-10-15');
  await seeResults(s, 'putuo.competition_award');
  if (!MEASURE_ONLY) {
    await waitStatus(s.page, 'putuo.competition_award', 'eligible');
    const text = await (await card(s.page, 'putuo.competition_award')).text();
    assert.match(text, /3万元/);
    assert.match(text, /50% × 6万元 = 3万元/, 'the arithmetic on the card');
    assert.match(text, /未超过上限 5万元/, 'under the cap');
    assert.match(text, /该文件已于 2025-12-31 到期/, 'the expiry explained');
    assert.match(text, /以主管部门答复为准/, 'claim deadlines are the authority’s');
    assert.match(await s.page.locator('#total-person .total-eligible').innerText(), /3万元/);
  }
  await screenshot(s.page, 'journey-1-competition');
  report(t, s, 'journey 1 (city prize, October 2025)');
  await s.page.checkOffline();
  await s.page.closeAll();
});

test('journey 2: HR of an enterprise-type Putuo college, 20 apprentices on 2-year programmes: at least 20万元 with 20 × 2 × 5,000 on the card', async (t) => {
  const s = await start(t);
  await door(s, 'org');
  await goal(s, 'apprenticeship');
  await eventDate(s, '2025-06-30');
  await say(s, 'org.putuo_college', 'enterprise');
  await say(s, 'apprentice.count', '20');
  await say(s, 'apprentice.duration_years', '2');
  await say(s, 'apprentice.target_level', 'advanced');
  await seeResults(s, 'putuo.apprenticeship_subsidy');
  if (!MEASURE_ONLY) {
    await waitStatus(s.page, 'putuo.apprenticeship_subsidy', 'eligible');
    const text = await (await card(s.page, 'putuo.apprenticeship_subsidy')).text();
    assert.match(text, /至少 20万元/, 'an open-ended estimate says "at least"');
    assert.match(text, /学徒人数 20 × 学徒培养期限（年） 2 × 5000元（企业新型学徒制补贴国家原则性标准/, `the floor in the arithmetic: ${text}`);
    assert.doesNotMatch(text, /不少于 0|0元（上限未定）/);
    assert.doesNotMatch(await s.page.locator('#totals').innerText(), /合计（个人）/, 'no person total on the organisation door');
    // The Lingang plan (ended 2022) would only need more answers: said on its own card, not in
    // a notice above this HR manager's results.
    assert.equal(await s.page.locator('#not-in-force-notice').count(), 0);
  }
  await screenshot(s.page, 'journey-2-apprentices');
  report(t, s, 'journey 2 (apprentices)');
  await s.page.checkOffline();
  await s.page.closeAll();
});

test('journey 3: a vocational school without a separate assessment department is told that one condition', async (t) => {
  const s = await start(t);
  await door(s, 'org');
  await goal(s, 'college');
  await eventDate(s, '2025-06-01');
  await say(s, 'org.district', 'putuo');
  await say(s, 'org.kind', 'vocational_school');
  await say(s, 'org.partner_enterprises', '3');
  await say(s, 'org.partner_enterprises_in_putuo', '1');
  await say(s, 'college.separate_departments', false);
  if (!MEASURE_ONLY) {
    // Folded away: the enterprise type's own questions (this is a school).
    assert.equal(await s.page.locator('#field-org-key_industry_leader').isVisible(), false, 'enterprise-only question folded');
  }
  await seeResults(s, 'putuo.college_institution');
  if (!MEASURE_ONLY) {
    await waitStatus(s.page, 'putuo.college_institution', 'not_eligible');
    const c = await card(s.page, 'putuo.college_institution');
    const lacks = await c.locator.locator('.lacks li').allInnerTexts?.() ?? [await c.locator.locator('.lacks').innerText()];
    const text = lacks.join('\n');
    assert.match(text, /考培分离/, 'the one condition it lacks');
    assert.equal((await c.locator.locator('.lacks li').count()), 1, `only that one: ${text}`);
    // The enterprise type is not for a school: folded under "not for you", not shown as a refusal.
    assert.equal(await s.page.locator('#ruled-out #p-putuo-college_enterprise').count(), 1);
  }
  await screenshot(s.page, 'journey-3-college-refused');
  report(t, s, 'journey 3 (school, no assessment department)');
  await s.page.checkOffline();
  await s.page.closeAll();
});

test('journey 4: a Qingpu enterprise meeting the base conditions sees the designation eligible and 20万元 once designated', async (t) => {
  const s = await start(t);
  await door(s, 'org');
  await goal(s, 'training_base');
  await say(s, 'org.district', 'qingpu');
  await say(s, 'org.kind', 'enterprise');
  if (MEASURE_ONLY) {
    for (const f of ['org.legally_established', 'org.district_key_enterprise', 'base.fits_industry_needs', 'base.training_experience',
      'base.open_to_region', 'base.site_equipment', 'base.dedicated_staff', 'base.expert_team', 'base.rules']) await say(s, f, true);
  } else {
    // Two conditions of the organisation, answered one by one (the Lingang location is not
    // among what "I meet all of these" answers: only an ended document asks it).
    await say(s, 'org.legally_established', true);
    await say(s, 'org.district_key_enterprise', true);
    await allYes(s, 'base');
  }
  await seeResults(s, 'qingpu.training_base_designation');
  if (!MEASURE_ONLY) {
    await waitStatus(s.page, 'qingpu.training_base_designation', 'eligible');
    const grant = await card(s.page, 'qingpu.base_grant');
    const text = await grant.text();
    assert.match(text, /认定后：\s*20万元/, `the grant once designated: ${text}`);
    const totals = await s.page.locator('#total-organisation').innerText();
    assert.doesNotMatch(totals, /已符合条件\s*0元/, 'an eligible designation is not "0元"');
    assert.match(totals, /1 项符合条件（认定或资格，不含资金）/);
    assert.match(text, /一次性/);
    assert.doesNotMatch(text, /不满足的条件/, 'not a dead end');
    // Where the designation leads comes right after it, before results that need more answers
    // (the city's 100万–500万 base project).
    const order = await s.page.locator('.card[data-status]').evaluateAll((cs) => cs.map((c) => c.id));
    assert.deepEqual(order.slice(0, 2), ['p-qingpu-training_base_designation', 'p-qingpu-base_grant'], order.join(' '));
    // Nothing of the Lingang plan (ended 2022) is given on these answers: no notice about it
    // above the results of an enterprise in Qingpu, and its location never answered for them.
    assert.equal(await s.page.locator('#not-in-force-notice').count(), 0);
    assert.equal(await s.page.locator('#q-org-in_lingang-yes').isChecked(), false);
    // The bottom bar says the designation, not "0元".
    assert.equal(await s.page.locator('.bar-total').innerText(), '已符合：1 项资格');
  }
  await screenshot(s.page, 'journey-4-qingpu-base');
  report(t, s, 'journey 4 (Qingpu base)');
  await s.page.checkOffline();
  await s.page.closeAll();
});

test('journey 5: a worker with an advanced certificate, employed and insured, sees 2,000 元 as 2,500 × 80%', async (t) => {
  const s = await start(t);
  await goal(s, 'certificate');
  await say(s, 'person.cert_recorded_body', true);
  await say(s, 'person.working_age_not_retired', true);
  await say(s, 'person.applicant_type', 'insured_employed');
  await say(s, 'person.certificate_level', 'advanced');
  await seeResults(s, 'city.certificate_subsidy');
  if (!MEASURE_ONLY) {
    await waitStatus(s.page, 'city.certificate_subsidy', 'eligible');
    const text = await (await card(s.page, 'city.certificate_subsidy')).text();
    assert.match(text, /2000元/);
    assert.match(text, /80% × 2500元 = 2000元/, 'the whole arithmetic');
  }
  await screenshot(s.page, 'journey-5-certificate');
  report(t, s, 'journey 5 (certificate)');
  await s.page.checkOffline();
  await s.page.closeAll();
});

test('journey 6: journey 1 in English, shared, opened in a fresh browser: same state; the print summary lists the goal’s results only', async (t) => {
  if (MEASURE_ONLY) return;
  const s = await start(t, { lang: 'en' });
  await goal(s, 'competition');
  await eventDate(s, '2025-10-15');
  await say(s, 'contest.won_prize', true);
  await say(s, 'contest.represented_putuo', true);
  await say(s, 'contest.level', 'city');
  await say(s, 'contest.city_award_amount', '60000');
  await say(s, 'person.via_putuo_college', true);
  await seeResults(s, 'putuo.competition_award');
  await waitStatus(s.page, 'putuo.competition_award', 'eligible');
  const en = await (await card(s.page, 'putuo.competition_award')).text();
  assert.match(en, /¥30,000/);
  assert.match(en, /50% × ¥60,000 = ¥30,000/);
  assert.match(en, /普人社〔2022〕27号 4\.4/, 'the document number kept, the clause in English');
  report(t, s, 'journey 6 (English)');

  await s.page.locator('#share').click();
  const link = await s.page.locator('#share-link').inputValue();
  assert.match(link, /goals=competition/);
  assert.match(await s.page.locator('#status').innerText(), /Link copied|copy the link/i, 'says what happened');
  await s.page.closeAll();

  // A fresh browser context: no storage; only the link.
  const fresh = await openPage(env, null, { goals: null });
  await fresh.goto(link);
  await ready(fresh);
  await fresh.locator('#skillcalc[lang=en]').waitFor();
  assert.equal(await fresh.locator('#skillcalc').getAttribute('data-goals'), 'competition');
  assert.equal(await fresh.locator('#as-of').inputValue(), '2025-10-15');
  await waitStatus(fresh, 'putuo.competition_award', 'eligible');
  assert.match(await (await card(fresh, 'putuo.competition_award')).text(), /¥30,000/);
  // The print summary: the competition goal's results, nothing of the other goals.
  await fresh.waitForFunction(() => !!document.querySelector('#print-summary'));
  const printed = await fresh.locator('#print-summary').textContent();
  assert.match(printed, /Matching award for skills-competition winners/);
  assert.doesNotMatch(printed, /certificate/i, 'no certificate subsidy');
  assert.doesNotMatch(printed, /honour/i, 'no honours');
  await fresh.checkOffline();
  await fresh.closeAll();
});
