// Phone ergonomics (issue 12): tap targets of at least 44 × 44 CSS px, a bottom bar that never
// wraps down to 320 px, Back after an in-page jump returns to where the person was (answers
// kept), clearing offers undo, and Chinese text uses full-width punctuation.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { answer, note, openPage, ready, setup } from './helpers.mjs';

let env;
before(async () => {
  env = await setup();
});
after(async () => {
  await env?.close();
});

/** Every control a person taps, with its box: buttons, links, labels of radios and checkboxes
 * (the visible tap target of a hidden input), selects and text inputs. */
async function tapTargets(page) {
  return page.evaluate(() => {
    const root = document.querySelector('#skillcalc');
    const seen = [];
    const targets = root.querySelectorAll('button, a[href], select, input[type=text], input[type=date], label[for], summary');
    for (const el of targets) {
      if (el.closest('#print-summary') || el.closest('[hidden]')) continue;
      // A label is a tap target when it stands for a radio or a checkbox (a text field's label
      // is not: the field is).
      if (el.tagName === 'LABEL') {
        const input = root.querySelector(`#${CSS.escape(el.getAttribute('for'))}`);
        if (!input || !/^(radio|checkbox)$/.test(input.type)) continue;
      }
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue; // not shown
      seen.push({ what: `${el.tagName.toLowerCase()}#${el.id || el.getAttribute('for') || ''}.${el.className}`.slice(0, 90), w: Math.round(r.width), h: Math.round(r.height) });
    }
    return seen;
  });
}

test('every tap target is at least 44 × 44 CSS px (goals, questions, results, tools)', async () => {
  const page = await openPage(env, '#door=person&lang=zh&goals=competition&asof=2025-10-15&contest.won_prize=true', { goals: null });
  await page.locator('.card').first().waitFor();
  // Open what a person opens: a help text, an explanation.
  await page.locator('#q-contest-won_prize-help-toggle').click();
  await page.locator('.card details.why').first().evaluate((d) => { d.open = true; });
  await page.locator('#share').click();
  const small = (await tapTargets(page)).filter((t) => t.w < 44 || t.h < 44);
  assert.deepEqual(small, [], 'tap targets under 44 × 44 px');
  // And the goal picker on a first visit.
  const first = await openPage(env, '', { goals: null });
  const goals = (await tapTargets(first)).filter((t) => t.w < 44 || t.h < 44);
  assert.deepEqual(goals, [], 'tap targets under 44 × 44 px on the first screen');
  await page.closeAll();
  await first.closeAll();
});

test('the bottom bar stays one line at 320 px, and its button never breaks', async (t) => {
  const page = await openPage(env, '#door=org&lang=zh&goals=all&asof=2025-06-01&org.district=putuo', { goals: null, viewport: { width: 320, height: 640 } });
  await page.locator('.card').first().waitFor();
  const bar = await page.locator('.bar').evaluate((b) => {
    const btn = b.querySelector('#to-results');
    const lines = (el) => Math.round(el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight || '20'));
    return { height: b.getBoundingClientRect().height, width: b.getBoundingClientRect().width, scroll: b.scrollWidth, button: btn.getBoundingClientRect().height, text: btn.innerText, lines: lines(b.querySelector('.bar-total')) };
  });
  note(t, `bar at 320 px: ${JSON.stringify(bar)}`);
  assert.ok(bar.height <= 60, `one line: ${bar.height} px`);
  assert.ok(bar.scroll <= bar.width + 1, 'nothing sticks out sideways');
  assert.equal(bar.text, '查看结果', 'the button is whole');
  assert.ok(bar.button <= 52, `the button is one line: ${bar.button} px`);
  await page.closeAll();
});

test('at 320 px in English, no button (nor door choice) breaks inside a word', async () => {
  const page = await openPage(env, '#door=org&lang=en&goals=all&asof=2025-06-01', { goals: null, viewport: { width: 320, height: 640 } });
  await page.locator('.card').first().waitFor();
  const broken = await page.evaluate(() => [...document.querySelectorAll('#skillcalc button, #skillcalc .door label')]
    .filter((b) => b.getClientRects().length && !b.closest('[hidden]'))
    .filter((b) => {
      // Each word of the label on one line: a word box taller than a line is a word broken in two.
      const range = document.createRange();
      for (const m of b.innerText.matchAll(/\S+/g)) {
        const walker = document.createTreeWalker(b, NodeFilter.SHOW_TEXT);
        let node = null;
        while (walker.nextNode()) if (walker.currentNode.textContent.includes(m[0])) { node = walker.currentNode; break; }
        if (!node) continue;
        const at = node.textContent.indexOf(m[0]);
        range.setStart(node, at);
        range.setEnd(node, at + m[0].length);
        if (range.getClientRects().length > 1) return true;
      }
      return false;
    })
    .map((b) => `${b.id}: ${b.innerText}`));
  assert.deepEqual(broken, [], 'buttons with a word broken over two lines');
  // The bottom bar's total is whole (nothing cut off), here and with an amount ("possible once
  // answered"), whose amount must not be the part that gives way.
  const whole = (p) => p.locator('.bar-total').evaluate((t) => ({
    text: t.innerText, cut: t.scrollWidth > t.clientWidth + 1 || t.scrollHeight > t.clientHeight + 1,
  }));
  let total = await whole(page);
  assert.equal(total.cut, false, `the bar's total is cut off at 320 px: ${total.text}`);
  await page.closeAll();
  const withAmount = await openPage(env, '#door=org&lang=en&goals=training_base&org.district=qingpu&org.kind=enterprise', { goals: null, viewport: { width: 320, height: 640 } });
  await withAmount.locator('.bar-total', { hasText: '¥' }).waitFor();
  total = await whole(withAmount);
  assert.equal(total.cut, false, `the bar's total is cut off at 320 px: ${total.text}`);
  await withAmount.closeAll();
});

test('"see results" and "answer it" are history entries: Back returns to where the person was, answers kept', async () => {
  const page = await openPage(env, '', { goals: ['competition'] });
  await answer(page, 'contest.won_prize', true);
  await answer(page, 'contest.level', 'city');
  const before = await page.evaluate(() => scrollY);
  await page.locator('#to-results').click();
  await page.waitForFunction((y) => Math.abs(scrollY - y) > 100, before);
  const top = await page.locator('#results-title').evaluate((el) => el.getBoundingClientRect().top);
  assert.ok(top >= -1 && top < 120, `the results' top is on screen (${top})`);
  // Answer more after the jump, then go Back.
  await answer(page, 'contest.city_award_amount', '60000');
  await page.goBack();
  await page.waitForFunction((y) => Math.abs(scrollY - y) < 80, before);
  assert.equal(await page.locator('#q-contest-city_award_amount').inputValue(), '60000', 'the answer given after the jump is kept');
  assert.equal(await page.locator('#q-contest-level').inputValue(), 'city');
  // And a reload keeps it too (the address holds the latest answers).
  await page.reload();
  await ready(page);
  assert.equal(await page.locator('#q-contest-city_award_amount').inputValue(), '60000');
  await page.checkOffline();
  await page.closeAll();
});

test('on the results, the bottom bar leads back to the questions, and Back returns to the results', async () => {
  const page = await openPage(env, '', { goals: ['competition'] });
  await answer(page, 'contest.won_prize', true);
  await answer(page, 'contest.level', 'city');
  await page.locator('#to-results').click();
  // Reading the results: "see results" would lead nowhere, so the bar offers the questions.
  await page.locator('#to-questions').waitFor();
  assert.equal(await page.locator('#to-results').count(), 0);
  assert.equal(await page.locator('#to-questions').innerText(), '修改回答');
  const atResults = await page.evaluate(() => scrollY);
  await page.locator('#to-questions').click();
  await page.waitForFunction(() => {
    const top = document.querySelector('#questions')?.getBoundingClientRect().top;
    return top !== undefined && top > -2 && top < 120;
  });
  await page.locator('#to-results').waitFor();
  await page.goBack();
  await page.waitForFunction((y) => Math.abs(scrollY - y) < 80, atResults);
  await page.locator('#to-questions').waitFor();
  await page.checkOffline();
  await page.closeAll();
});

test('clearing the answers offers undo, which brings every answer back', async () => {
  const page = await openPage(env, '', { goals: ['certificate'] });
  await answer(page, 'person.applicant_type', 'insured_employed');
  await answer(page, 'person.certificate_level', 'advanced');
  await page.locator('#clear').click();
  await page.waitForFunction(() => document.querySelector('#q-person-certificate_level')?.value === '');
  assert.match(await page.locator('#status').innerText(), /回答已全部清除/);
  await page.locator('#undo').click();
  await page.waitForFunction(() => document.querySelector('#q-person-certificate_level')?.value === 'advanced');
  assert.equal(await page.locator('#q-person-applicant_type').inputValue(), 'insured_employed');
  assert.equal(await page.locator('#skillcalc').getAttribute('data-goals'), 'certificate', 'the goal stays');
  await page.closeAll();
});

test('Chinese text uses full-width punctuation (no ASCII , : ; ( ) ! ? beside Chinese characters)', async () => {
  const page = await openPage(env, '#door=org&lang=zh&goals=all&asof=2025-06-01&org.district=qingpu&org.kind=enterprise', { goals: null });
  await page.locator('.card').first().waitFor();
  await page.locator('details.why').evaluateAll((ds) => ds.forEach((d) => { d.open = true; }));
  await page.waitForFunction(() => document.querySelectorAll('.why-body').length > 3);
  const bad = await page.evaluate(() => {
    const text = document.querySelector('#skillcalc').innerText;
    const cjk = '\\u3400-\\u9fff\\uff00-\\uffef\\u3000-\\u303f';
    const re = new RegExp(`[${cjk}][,:;()!?]|[,:;(!?][${cjk}]`, 'g');
    const out = [];
    for (const m of text.matchAll(re)) out.push(text.slice(Math.max(0, m.index - 12), m.index + 12).replace(/\n/g, ' '));
    return out;
  });
  assert.deepEqual(bad, [], 'ASCII punctuation in Chinese text');
  await page.closeAll();
});
