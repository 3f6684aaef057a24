// Shared helpers of the app's end-to-end tests: the site server, a page that records every
// request (to assert that nothing leaves 127.0.0.1), fields found by the stable ids the app
// derives from fact ids (`#q-<fact id, dots as hyphens>`), screenshots, axe-core, and the
// engine-neutral stand-ins for what only Chromium's DevTools protocol offers (print emulation,
// PDF). Every test file runs in each engine (E2E_BROWSER, see browser.mjs); where an engine
// cannot do something, the test says so in its output (`# [engine] ...`), never silently.

import assert from 'node:assert/strict';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../static-server.mjs';
import { ENGINE, isChromium, launchBrowser } from './browser.mjs';

export { ENGINE, isChromium };
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SITE = join(ROOT, 'target', 'site');
/** Screenshots (and the print PDF) of this engine's run: tests/artifacts/<engine>/ (gitignored). */
export const ARTIFACTS = join(ROOT, 'tests', 'artifacts', ENGINE);
export const AXE = join(ROOT, 'tests', 'node_modules', 'axe-core', 'axe.min.js');

/** A phone: the screenshots kept as artifacts are taken at this size. */
export const PHONE = { width: 375, height: 667 };

/** A date on which the Putuo policy (普人社〔2022〕27号, 2022-12-16 – 2025-12-31) is in force. */
export const PUTUO_IN_FORCE = '2025-06-01';

/** The site server (default: the app's target/site, no special headers; `hold`: see
 * static-server.mjs) and the browser for one test file. */
export async function setup({ root = SITE, headers = {}, hold = null } = {}) {
  if (root === SITE) {
    assert.ok(
      existsSync(join(SITE, 'index.html')) && existsSync(join(SITE, 'skillcalc_app_bg.wasm')),
      `${SITE} is not built: run scripts/build-app.sh first`,
    );
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  const server = await serve({ root, headers, hold });
  const browser = await launchBrowser();
  return {
    root,
    server,
    browser,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

/** A line in the test's output, marked with the engine: what an engine could not do, or did differently. */
export function note(t, message) {
  t.diagnostic(`[${ENGINE}] ${message}`);
}

/**
 * A fresh context (own storage) and page that records every request, console error and page
 * error. `await page.checkOffline()` asserts that no request left 127.0.0.1 and nothing failed.
 * `context` takes more of Playwright's context options (userAgent, hasTouch, isMobile).
 */
export async function openPage(env, path = '', { viewport = PHONE, wait = true, goals = ['all'], context: options = {} } = {}) {
  const context = await env.browser.newContext({ viewport, ...options });
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.requests = requests;
  page.errors = errors;
  page.checkOffline = async () => {
    await page.pullEvents?.(); // WebKit: what the page's error hooks recorded (webdriver.mjs)
    const origin = new URL(env.server.url).origin;
    // What the engine saw (Chromium: DevTools events; Firefox: WebDriver BiDi; WebKit: the sink
    // proxy every outside request goes to) and, in every engine alike, what the page itself lists
    // in its resource timing (also failed loads), for the page and its same-origin iframes.
    const timing = await page.evaluate(() => {
      const docs = [document, ...[...document.querySelectorAll('iframe')].map((f) => f.contentDocument).filter(Boolean)];
      return docs.flatMap((d) => d.defaultView.performance.getEntriesByType('resource').map((e) => e.name));
    });
    const outside = [...requests, ...timing].filter((u) => !u.startsWith(`${origin}/`) && !/^(data|blob|about):/.test(u));
    assert.deepEqual(outside, [], 'every request stays on 127.0.0.1');
    assert.ok(requests.every((u) => !/^https?:\/\/(?!127\.0\.0\.1[:/])/.test(u)), 'no request leaves 127.0.0.1');
    // The server's own log: nothing asked for that the site does not have (a 404 is not a
    // console error in every engine).
    const file = (p) => join(env.root, p);
    const missing = env.server.requests.filter((p) => !existsSync(file(p)) || (statSync(file(p)).isDirectory() && !existsSync(join(file(p), 'index.html'))));
    assert.deepEqual(missing, [], 'every file asked for exists');
    assert.deepEqual(errors, [], 'no page or console error');
  };
  page.closeAll = () => context.close();
  if (path !== null) {
    await page.goto(env.server.url + path);
    if (wait) await ready(page);
    if (wait && goals) await chooseGoals(page, goals);
  }
  return page;
}

/** Waits until the app has rendered: the app itself, not the first view pre-rendered into
 * index.html (`#first-view`, inert), which the app replaces when it starts. */
export async function ready(page) {
  await page.waitForFunction(() => performance.getEntriesByName('skillcalc:app-rendered').length > 0, undefined, { timeout: 15000 });
  await page.locator('#first-view').waitFor({ state: 'detached', timeout: 15000 });
}

/** Says what the person wants to check, when the app asks (a page whose link or storage holds
 * goals is left as it is). `['all']`: "not sure: show everything". */
export async function chooseGoals(page, goals) {
  if (!(await page.locator('#goals .goal-list').isVisible())) return;
  for (const g of goals) await page.locator(`label[for=goal-${g}]`).click();
  if (await page.locator('#goals-done').isVisible()) await page.locator('#goals-done').click();
  await page.locator('.card').first().waitFor({ state: 'attached', timeout: 15000 });
}

/** `contest.city_award_amount` -> `q-contest-city_award_amount` (the app's form::field_id). */
export const qid = (fact) => `q-${fact.replace(/[^A-Za-z0-9_-]/g, '-')}`;
export const cardSel = (provision) => `#p-${provision.replace(/[^A-Za-z0-9_-]/g, '-')}`;

/**
 * Answers a question by its fact id, whatever its control: a yes/no (true/false/null), a choice
 * (option id, or '' for don't know), a set (array of option ids), or text/number/date (string).
 */
export async function answer(page, fact, value) {
  const id = qid(fact);
  const el = page.locator(`#${id}`);
  await el.waitFor({ state: 'attached' });
  const tag = await el.evaluate((e) => e.tagName.toLowerCase());
  if (tag === 'select') {
    await el.selectOption(value ?? '');
  } else if (tag === 'fieldset') {
    if (Array.isArray(value)) {
      for (const box of await page.locator(`#${id} input[type=checkbox]`).all()) {
        const boxId = await box.getAttribute('id');
        const want = boxId === `${id}-unknown` ? false : value.some((v) => boxId === `${id}-${v.replace(/[^A-Za-z0-9_-]/g, '-')}`);
        if ((await box.isChecked()) !== want) await box.click();
      }
    } else {
      // The segmented yes / no / don't know: the label is what a person taps.
      const which = value === true ? 'yes' : value === false ? 'no' : 'unknown';
      await page.locator(`label[for=${id}-${which}]`).click();
      await page.waitForFunction((b) => document.querySelector(`#${b}`)?.checked
        || [...document.querySelectorAll('[id=calc]')].some((h) => h.shadowRoot?.querySelector(`#${b}`)?.checked), `${id}-${which}`);
    }
  } else {
    await el.fill(String(value ?? ''));
  }
}

/** Answers several questions in order. */
export async function answerAll(page, answers) {
  for (const [fact, value] of Object.entries(answers)) await answer(page, fact, value);
}

export async function setAsOf(page, date) {
  await page.locator('#as-of').fill(date);
  await page.locator('#as-of').dispatchEvent('change');
  await page.waitForFunction((d) => document.querySelector('#as-of')?.value === d, date);
}

/** Goes through a door. Another door asks again what to check (its goals are its own): the
 * given goals are chosen as in openPage (default: everything); `goals: null` leaves the picker. */
export async function chooseDoor(page, door, { goals = ['all'] } = {}) {
  await page.locator(`label[for=door-${door}]`).click();
  await page.locator(`#skillcalc[data-door=${door}]`).waitFor();
  if (goals) await chooseGoals(page, goals);
}

/** A provision's card: its status, decision and text (explanation opened). */
export async function card(page, provision) {
  const c = page.locator(cardSel(provision));
  await c.waitFor();
  return {
    locator: c,
    status: await c.getAttribute('data-status'),
    decision: await c.getAttribute('data-decision'),
    text: async ({ open = false } = {}) => {
      if (open) {
        await c.locator('details.why').evaluate((d) => { d.open = true; });
        await c.locator('.why-body').waitFor(); // built when opened
      }
      return c.innerText();
    },
  };
}

/** Opens every result's explanation (they are built when opened) and waits for them. */
export async function openExplanations(page) {
  const n = await page.locator('details.why').evaluateAll((ds) => {
    ds.forEach((d) => { d.open = true; });
    return ds.length;
  });
  await page.waitForFunction((n) => document.querySelectorAll('.why-body').length >= n
    || [...document.querySelectorAll('[id=calc]')].some((h) => h.shadowRoot?.querySelectorAll('.why-body').length >= n), n);
}

/** Waits until a card shows a status. */
export async function waitStatus(page, provision, status) {
  await page.locator(`${cardSel(provision)}[data-status=${status}]`).waitFor({ timeout: 15000 });
}

/** Print media on or off. Chromium emulates it (DevTools). WebDriver has no media emulation, so
 * in Firefox and WebKit the page's `@media print` rules are switched on as `all` in the CSSOM
 * (and back), which shows the print layout on screen; said in the test's output. */
export async function emulatePrint(t, page, on) {
  if (isChromium()) return page.emulateMedia({ media: on ? 'print' : 'screen' });
  if (on) note(t, 'no print media emulation over WebDriver: @media print rules applied as `all` through the CSSOM');
  const n = await page.evaluate((on) => {
    const roots = [document, ...[...document.querySelectorAll('*')].filter((e) => e.shadowRoot).map((e) => e.shadowRoot)];
    let n = 0;
    for (const root of roots) {
      for (const sheet of root.styleSheets) {
        for (const rule of sheet.cssRules) {
          if (!(rule instanceof CSSMediaRule)) continue;
          const media = rule.media.mediaText.replace(/\s+/g, '');
          if (/\bscreen\b/.test(media)) throw new Error(`@media ${media}: not handled by emulatePrint`);
          if (on && media === 'print') rule.media.mediaText = 'all, print';
          else if (!on && media === 'all,print') rule.media.mediaText = 'print';
          else continue;
          n++;
        }
      }
    }
    return n;
  }, on);
  assert.ok(n > 0, 'print rules found');
}

/** The print view as a PDF where the engine can print (Chromium: page.pdf; Firefox: WebDriver
 * Print Page); WebKit cannot over WebDriver: skipped with the reason in the output. */
export async function savePdf(t, page, name) {
  try {
    const pdf = await page.pdf({ path: join(ARTIFACTS, `${name}.pdf`), format: 'A4' });
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-', 'a PDF');
  } catch (e) {
    if (!e.unsupported) throw e;
    note(t, `${name}.pdf not made: ${e.message}`);
  }
}

/** A 375×667 screenshot kept in tests/artifacts/<engine>/ (gitignored). */
export async function screenshot(page, name, { fullPage = false } = {}) {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage });
}

/** Runs axe-core (WCAG 2.x A/AA + best practice); returns the serious and critical violations. */
export async function axeSerious(page, frame = page) {
  await frame.addScriptTag({ path: AXE });
  const result = await frame.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    }));
  });
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
