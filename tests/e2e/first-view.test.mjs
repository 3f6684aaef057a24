// The first view pre-rendered into index.html (crates/app/src/first_view.rs, web/app/first-view.js):
// on a first visit it shows what the app asks first — the door and what the person wants to check
// (the goals; no result before a goal is chosen) — before the app's wasm has arrived, inert until
// the app takes over with the very same view; it is never shown for other answers or choices (a
// share link, answers or goals kept in local storage, English) or on a day it is not valid for; the page
// works under a strict Content-Security-Policy, with the view (CSP allowing the page's inline parts
// by hash, target/site/csp.txt) and without it.
//
// To look at the page before the app has started, the server holds the wasm back until the test
// releases it (static-server.mjs `hold`). The page runs in an iframe of a blank page of the same
// site, created by the test: a page whose wasm is held never finishes loading, and WebDriver's
// navigation waits for that; the frame's loading blocks nothing.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '../static-server.mjs';
import { cspFor } from '../../scripts/csp.mjs';
import { launchBrowser } from './browser.mjs';
import { ARTIFACTS, AXE, openPage, SITE } from './helpers.mjs';

let env, dir;
let holdWasm = true;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'e2e-first-view-'));
  cpSync(SITE, dir, { recursive: true });
  writeFileSync(join(dir, 'harness.html'),
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>harness</title><link rel="icon" href="data:,"></head><body></body></html>\n');
  // The same page with its first view valid only on days long past, or far ahead.
  const page = readFileSync(join(dir, 'index.html'), 'utf8');
  const dated = (from, until) => page.replace(/data-valid-from="[^"]*" data-valid-until="[^"]*"/, `data-valid-from="${from}" data-valid-until="${until}"`);
  writeFileSync(join(dir, 'past.html'), dated('1999-01-01', '2000-12-31'));
  writeFileSync(join(dir, 'future.html'), dated('2999-01-01', ''));
  const server = await serve({ root: dir, hold: (p) => holdWasm && p.endsWith('.wasm') });
  env = { root: dir, server, browser: await launchBrowser(), close: null };
});
after(async () => {
  await env?.browser.close();
  await env?.server.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The harness page, and the calculator page `src` in its iframe #f (375 × 667). */
async function framed(src, { storage = null, server = env.server } = {}) {
  const page = await openPage({ ...env, server }, 'harness.html', { viewport: { width: 420, height: 720 }, wait: false });
  await page.evaluate(({ src, storage }) => {
    localStorage.clear();
    if (storage !== null) localStorage.setItem('skillcalc:v1', storage);
    const f = document.createElement('iframe');
    Object.assign(f, { id: 'f', title: 'calculator', width: 375, height: 667, src });
    document.body.append(f);
  }, { src, storage });
  const frame = page.frameLocator('#f');
  // The "loading" line follows the guard script in the page: once it is there, the guard has run.
  await frame.locator('p.boot').waitFor({ state: 'attached' });
  return { page, frame };
}

/** What the frame shows: the first view's state, the door, the goals offered, the results. */
function shown(page) {
  return page.evaluate(() => {
    const w = document.getElementById('f').contentWindow;
    const d = w.document;
    const view = d.getElementById('first-view');
    const visible = (el) => !!el && el.getClientRects().length > 0;
    const box = (el) => { const r = el?.getBoundingClientRect(); return r ? [r.top, r.bottom] : null; };
    return {
      view: view ? (view.hidden ? 'hidden' : 'shown') : 'removed',
      boot: visible(d.querySelector('p.boot')),
      visibleCards: [...d.querySelectorAll('.card')].filter(visible).length,
      visibleGoals: [...d.querySelectorAll('#goals')].filter(visible).length,
      cards: d.querySelectorAll('.card').length,
      asOf: d.getElementById('as-of')?.value ?? null,
      door: d.querySelector('.sc')?.dataset.door ?? null,
      header: d.querySelector('.sc .top')?.innerText ?? null,
      goals: [...d.querySelectorAll('#goals .goal-list input')].map((i) =>
        `${i.id}${i.checked ? ' (checked)' : ''}: ${d.querySelector(`label[for="${i.id}"]`)?.innerText}`),
      results: d.getElementById('results')?.innerText ?? null,
      chooseGoalFirst: visible(d.getElementById('choose-goal-first')),
      disclaimer: d.getElementById('disclaimer')?.innerText ?? null,
      bar: d.querySelector('.sc .bar')?.textContent ?? null,
      controls: [...d.querySelectorAll('.sc input, .sc select, .sc button')].map((c) => c.disabled),
      details: [...d.querySelectorAll('.sc details')].map((x) => x.inert),
      loading: visible(d.querySelector('.first-view-loading')) ? d.querySelector('.first-view-loading').innerText : null,
      // Where the loading line and the goals (what the view asks) are on screen (top and bottom, px).
      loadingBox: box(d.querySelector('.first-view-loading')),
      goalListBox: box(d.querySelector('#goals .goal-list')),
      viewportHeight: w.innerHeight,
      marks: w.performance.getEntriesByType('mark').map((m) => m.name),
      wasmArrived: w.performance.getEntriesByType('resource').some((r) => r.name.endsWith('.wasm') && r.responseEnd > 0),
    };
  });
}

/** Lets the held wasm go, once the page has asked for it. */
async function releaseWasm() {
  for (const end = Date.now() + 15000; env.server.held === 0;) {
    if (Date.now() > end) throw new Error('the page never asked for its wasm');
    await new Promise((ok) => setTimeout(ok, 20));
  }
  env.server.release();
}

async function appStarted(frame) {
  await frame.locator('#first-view').waitFor({ state: 'detached' });
  await frame.locator('#skillcalc #results').waitFor({ state: 'attached' });
  await frame.locator('#skillcalc #lang:not([disabled])').waitFor({ state: 'attached' });
}

test('first visit: the door and the goals are on screen before the wasm has arrived, inert, and the app takes over with the same', async () => {
  holdWasm = true;
  const { page, frame } = await framed('index.html');
  await frame.locator('#first-view #goals .goal-list').waitFor({ state: 'visible' });
  await page.waitForFunction(() => document.getElementById('f').contentWindow.performance.getEntriesByName('skillcalc:first-result-painted').length > 0);
  const before = await shown(page);
  assert.ok(env.server.held > 0, 'the wasm is still held back');
  assert.equal(before.wasmArrived, false);
  assert.equal(before.view, 'shown');
  assert.equal(before.boot, false, 'no "loading" line instead of the view');
  assert.equal(before.door, 'person');
  assert.match(before.header, /上海技能人才政策计算器/);
  // What a first visit is asked: what to check, every goal of the person door and "not sure".
  assert.ok(before.goals.length >= 3, before.goals.join('\n'));
  assert.match(before.goals.at(-1), /^goal-all: 不确定/);
  assert.ok(before.goals.every((g) => !/\(checked\)/.test(g)), 'nothing chosen');
  // No result before a goal is chosen, and no question yet (the event date comes with them).
  assert.equal(before.cards, 0, 'no result card');
  assert.ok(before.chooseGoalFirst, 'the results say: choose what to check first');
  assert.equal(before.asOf, null);
  assert.deepEqual(before.marks, ['skillcalc:first-result-painted'], 'marked by the view, not by the app');
  // Inert until the app takes over: nothing can be chosen; a visible line says so.
  assert.ok(before.controls.length >= before.goals.length + 3 && before.controls.every(Boolean), 'every control disabled');
  assert.ok(before.details.every(Boolean), 'every details inert');
  assert.match(before.loading ?? '', /正在启动/);
  // On a phone the line is at the bottom of the screen, below the goals (it covers none of them).
  assert.ok(before.loadingBox && before.goalListBox, 'the loading line and the goals are there');
  assert.equal(Math.round(before.loadingBox[1]), before.viewportHeight, 'at the bottom of the screen');
  assert.ok(before.goalListBox[1] <= before.loadingBox[0] + 0.5, `the goals (${before.goalListBox}) are above the line (${before.loadingBox})`);
  await page.screenshot({ path: join(ARTIFACTS, 'first-view.png') });

  // The app starts: the very same view, now usable.
  env.server.release();
  await appStarted(frame);
  const after = await shown(page);
  assert.equal(after.view, 'removed');
  assert.equal(after.loading, null);
  assert.deepEqual([after.door, after.header, after.goals, after.results, after.disclaimer, after.bar, after.asOf, after.cards],
    [before.door, before.header, before.goals, before.results, before.disclaimer, before.bar, before.asOf, before.cards],
    'the same door, goals, results (none yet) and disclaimer');
  assert.ok(after.controls.every((x) => !x), 'the form can be used');
  assert.deepEqual(after.marks.filter((m) => m === 'skillcalc:first-result-painted').length, 1, 'marked once');
  assert.ok(after.marks.includes('skillcalc:app-painted'));
  // A goal chosen: its questions, the event date first, and its results.
  await frame.locator('label[for=goal-competition]').click();
  await frame.locator('#p-putuo-competition_award').waitFor({ state: 'attached' });
  assert.equal((await shown(page)).asOf, (await page.evaluate(() => {
    const now = new (document.getElementById('f').contentWindow.Date)();
    const p2 = (n) => String(n).padStart(2, '0');
    return `${now.getFullYear()}-${p2(now.getMonth() + 1)}-${p2(now.getDate())}`;
  })), 'the event date: today until changed');
  await page.checkOffline();
  await page.closeAll();
});

/** "Not sure: show everything", clicked in the page itself (no animation frame needed). */
async function chooseEverything(frame) {
  await frame.locator('#goal-all').evaluate((box) => box.click());
  await frame.locator('#skillcalc[data-goals=all]').waitFor({ state: 'attached' });
}

test('a page that paints no frame (a web-view kept in the background): the whole form still appears', async () => {
  // The rest of the form follows the first paint; a page that is not shown gets no animation
  // frame, and must not wait for one. The frame's requestAnimationFrame is made to never call
  // back before the app starts, everything is chosen to check, and the form is compared with one
  // rendered as usual.
  const form = (page) => page.evaluate(() => {
    const d = document.getElementById('f').contentDocument;
    return {
      groups: [...d.querySelectorAll('.questions section.group')].map((g) => g.id),
      fields: d.querySelectorAll('.questions .field').length,
      printSummary: !!d.getElementById('print-summary'),
    };
  });
  holdWasm = true;
  const usual = await framed('index.html');
  await releaseWasm();
  await appStarted(usual.frame);
  await chooseEverything(usual.frame);
  await usual.frame.locator('#print-summary').waitFor({ state: 'attached' });
  const expected = await form(usual.page);
  await usual.page.closeAll();
  assert.ok(expected.fields > 8 && expected.groups.length > 2, JSON.stringify(expected));

  const { page, frame } = await framed('index.html');
  await page.evaluate(() => {
    const w = document.getElementById('f').contentWindow;
    w.framesAsked = 0;
    w.requestAnimationFrame = () => ++w.framesAsked; // an id, and never a call back
  });
  await releaseWasm();
  await appStarted(frame);
  await chooseEverything(frame);
  await frame.locator('#print-summary').waitFor({ state: 'attached' });
  assert.deepEqual(await form(page), expected, 'every group and every question, and the print summary');
  assert.ok(await page.evaluate(() => document.getElementById('f').contentWindow.framesAsked) > 0, 'the app did ask for a frame');
  await page.checkOffline();
  await page.closeAll();
});

test('the first view is accessible (axe, in the frame, before the app has started)', async () => {
  holdWasm = true;
  const { page, frame } = await framed('index.html');
  await frame.locator('#first-view #goals .goal-list').waitFor({ state: 'visible' });
  const violations = await page.evaluate(async (src) => {
    const w = document.getElementById('f').contentWindow;
    const s = w.document.createElement('script');
    s.textContent = src;
    w.document.head.append(s);
    const r = await w.axe.run(w.document, { resultTypes: ['violations'] });
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
  }, readFileSync(AXE, 'utf8'));
  assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
  assert.ok(env.server.held > 0, 'checked before the app started');
  env.server.release();
  await page.closeAll();
});

test('a share link, answers or goals kept from an earlier visit, English or another door: the view is not shown', async () => {
  holdWasm = true;
  const cases = [
    ['index.html#door=person&lang=zh&contest.won_prize=true', null, 'a share link with an answer'],
    ['index.html#door=person&lang=zh&asof=2024-06-01', null, 'a share link with a date'],
    ['index.html#door=person&lang=en', null, 'a share link in English'],
    ['index.html#door=person&lang=zh&goals=competition', null, 'a share link with a goal'],
    ['index.html', 'door=person&lang=zh&goals=all', 'goals chosen earlier'],
    ['index.html', 'door=person&lang=zh&contest.level=city', 'an answer kept in local storage'],
    ['index.html', 'door=person&lang=en', 'English chosen earlier'],
    ['index.html', 'door=org&lang=zh', 'the organisation door chosen earlier'],
  ];
  for (const [src, storage, what] of cases) {
    const { page } = await framed(src, { storage });
    const s = await shown(page);
    assert.equal(s.view, 'removed', what);
    assert.equal(s.visibleCards + s.visibleGoals, 0, `${what}: neither a result nor the goals on screen`);
    assert.equal(s.boot, true, `${what}: the "loading" line instead`);
    assert.ok(!s.marks.includes('skillcalc:first-result-painted'), what);
    await page.closeAll();
  }
  // What the app itself keeps after a first visit, and a link to that state: shown (the hash
  // wins over local storage, as in the app).
  for (const [src, storage, what] of [
    ['index.html', 'door=person&lang=zh', 'the state a first visit keeps'],
    ['index.html#door=person&lang=zh', 'door=org&lang=en&org.district=putuo', 'a link to the first visit\'s state'],
  ]) {
    const { page, frame } = await framed(src, { storage });
    await frame.locator('#first-view #goals .goal-list').waitFor({ state: 'visible' });
    assert.equal((await shown(page)).view, 'shown', what);
    await page.closeAll();
  }
  // And the app renders what was kept when it starts.
  const { page, frame } = await framed('index.html', { storage: 'door=person&lang=en' });
  holdWasm = false;
  env.server.release();
  await appStarted(frame);
  await frame.locator('#skillcalc[lang=en]').waitFor({ state: 'attached' });
  await page.checkOffline();
  await page.closeAll();
  env.server.release();
});

test('on a day the view is not valid for (a policy came into force or expired since the build), it is not shown', async () => {
  holdWasm = true;
  for (const src of ['past.html', 'future.html']) {
    const { page } = await framed(src);
    const s = await shown(page);
    assert.equal(s.view, 'removed', src);
    assert.equal(s.visibleCards + s.visibleGoals, 0, src);
    await page.closeAll();
  }
  env.server.release();
});

test('under a strict Content-Security-Policy: with the hashes of csp.txt the view is shown; without, the page still works', async () => {
  holdWasm = false;
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const csp = cspFor(html);
  assert.equal(readFileSync(join(SITE, 'csp.txt'), 'utf8').trim(), `Content-Security-Policy: ${csp}`, 'build-app.sh wrote it');
  let hold = true;
  for (const [policy, expect] of [[csp, 'shown'], ["default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; img-src 'self' data:", 'hidden']]) {
    const server = await serve({ root: dir, headers: { 'Content-Security-Policy': policy }, hold: (p) => hold && p.endsWith('.wasm') });
    try {
      hold = true;
      const { page, frame } = await framed('index.html', { server });
      // Without the hashes the inline guard does not run: the view stays hidden (and the
      // page's stylesheet, refused inline, is loaded as a file by boot.js).
      assert.equal((await shown(page)).view, expect, policy);
      hold = false;
      server.release();
      await appStarted(frame);
      // Styled either way.
      const style = await page.evaluate(() => {
        const d = document.getElementById('f').contentDocument;
        const cs = d.defaultView.getComputedStyle(d.querySelector('.sc'));
        return [cs.fontSize, cs.backgroundColor];
      });
      assert.deepEqual(style, ['16px', 'rgb(244, 246, 248)'], `${policy}: app.css applies`);
      if (expect === 'shown') {
        await page.checkOffline(); // no CSP violation reported
      } else {
        page.errors.splice(0, page.errors.length, ...page.errors.filter((e) => !/Content.Security.Policy|CSP|inline/i.test(e)));
        await page.checkOffline();
      }
      await page.closeAll();
    } finally {
      await server.close();
    }
  }
});

test('while the wasm downloads, a bar says how much of it has come (the "loading" line of a share link, the first view\'s line), and goes with it', async () => {
  // The server sends half of the wasm, then waits (static-server.mjs `halve`).
  const server = await serve({ root: dir, halve: (p) => p.endsWith('.wasm') });
  try {
    for (const [src, line, what] of [
      ['index.html#door=person&lang=zh&contest.won_prize=true', '#boot-line', 'a share link'],
      ['index.html', '.first-view-loading', 'a first visit'],
    ]) {
      const { page, frame } = await framed(src, { server });
      const percent = () => page.evaluate((line) => {
        const bar = document.getElementById('f').contentDocument.querySelector(`${line} progress.boot-progress`);
        return bar && bar.getClientRects().length > 0 ? bar.value : null;
      }, line);
      await page.waitForFunction((line) => {
        const bar = document.getElementById('f').contentDocument.querySelector(`${line} progress.boot-progress`);
        return bar && bar.value >= 40;
      }, line, { timeout: 15000 });
      const halfway = await percent();
      assert.ok(halfway >= 40 && halfway <= 60, `${what}: about half of the wasm has come, the bar says ${halfway}`);
      assert.equal((await shown(page)).marks.includes('skillcalc:app-rendered'), false, `${what}: the app has not started`);
      server.release();
      await appStarted(frame);
      const left = await page.evaluate(() => document.getElementById('f').contentDocument.querySelectorAll('progress.boot-progress').length);
      assert.equal(left, 0, `${what}: the bar went with the line`);
      await page.checkOffline();
      await page.closeAll();
    }
  } finally {
    await server.close();
  }
});
