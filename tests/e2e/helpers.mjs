// Shared helpers of the app's end-to-end tests: the site server, a page that records every
// request (to assert that nothing leaves 127.0.0.1), fields found by the stable ids the app
// derives from fact ids (`#q-<fact id, dots as hyphens>`), screenshots, axe-core.

import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../static-server.mjs';
import { launchBrowser } from './browser.mjs';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SITE = join(ROOT, 'target', 'site');
export const ARTIFACTS = join(ROOT, 'tests', 'artifacts');
export const AXE = join(ROOT, 'tests', 'node_modules', 'axe-core', 'axe.min.js');

/** A phone: the screenshots kept as artifacts are taken at this size. */
export const PHONE = { width: 375, height: 667 };

/** A date on which the Putuo policy (普人社〔2022〕27号, 2022-12-16 – 2025-12-31) is in force. */
export const PUTUO_IN_FORCE = '2025-06-01';

/** The site server and the browser for one test file. */
export async function setup() {
  assert.ok(
    existsSync(join(SITE, 'index.html')) && existsSync(join(SITE, 'skillcalc_app_bg.wasm')),
    `${SITE} is not built: run scripts/build-app.sh first`,
  );
  mkdirSync(ARTIFACTS, { recursive: true });
  const server = await serve({ root: SITE });
  const browser = await launchBrowser();
  return {
    server,
    browser,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

/**
 * A fresh context (own storage) and page that records every request, console error and page
 * error. `page.checkOffline()` asserts that no request left 127.0.0.1 and nothing failed.
 */
export async function openPage(env, path = '', { viewport = PHONE, wait = true } = {}) {
  const context = await env.browser.newContext({ viewport });
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
  page.checkOffline = () => {
    const origin = new URL(env.server.url).origin;
    const outside = requests.filter((u) => !u.startsWith(`${origin}/`) && !/^(data|blob|about):/.test(u));
    assert.deepEqual(outside, [], 'every request stays on 127.0.0.1');
    assert.ok(requests.every((u) => !/^https?:\/\/(?!127\.0\.0\.1[:/])/.test(u)), 'no request leaves 127.0.0.1');
    assert.deepEqual(errors, [], 'no page or console error');
  };
  page.closeAll = () => context.close();
  if (path !== null) {
    await page.goto(env.server.url + path);
    if (wait) await ready(page);
  }
  return page;
}

/** Waits until the app has rendered its results. */
export async function ready(page) {
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
      const which = value === true ? 'yes' : value === false ? 'no' : 'unknown';
      await page.locator(`#${id}-${which}`).check();
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

export async function chooseDoor(page, door) {
  await page.locator(`label[for=door-${door}]`).click();
  await page.locator(`#skillcalc[data-door=${door}]`).waitFor();
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
  await page.locator(`${cardSel(provision)}[data-status=${status}]`).waitFor({ timeout: 5000 });
}

/** A 375×667 screenshot kept in tests/artifacts/ (gitignored). */
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
