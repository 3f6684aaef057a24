// The WeChat web-view profile, in every engine: WeChat's user agent, a 360 px and a 414 px
// viewport, touch input, the page from the plain static server (no COOP/COEP, not cross-origin
// isolated). WeChat's web-view is WKWebView on iPhones (E2E_BROWSER=webkit is the nearest here)
// and Chromium-based on Android.
//
// Touch, by engine: Chromium gets a touch screen (Playwright hasTouch + isMobile) and real taps;
// Firefox gets WebDriver touch actions (touch events, pointerType "touch"); WebKitGTK's driver
// has no touch input, its taps arrive as mouse events: said in the output, and expected so.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  answer,
  card,
  ENGINE,
  note,
  openPage,
  PUTUO_IN_FORCE,
  qid,
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

export const WECHAT_UA =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) ' +
  'Mobile/15E148 MicroMessenger/8.0.47(0x18002f2c) NetType/WIFI Language/zh_CN';

/** What a tap is, as the page sees it, in each engine. */
const TAP = {
  chromium: { pointerType: 'touch', touchEvents: true },
  firefox: { pointerType: 'touch', touchEvents: true },
  webkit: { pointerType: 'mouse', touchEvents: false },
}[ENGINE];

for (const viewport of [{ width: 360, height: 640 }, { width: 414, height: 736 }]) {
  test(`web-view profile, ${viewport.width} px: WeChat UA, touch, plain static server`, async (t) => {
    const page = await openPage(env, '', {
      viewport,
      context: { userAgent: WECHAT_UA, hasTouch: true, isMobile: true }, // isMobile: Chromium only
    });
    assert.match(await page.evaluate(() => navigator.userAgent), /MicroMessenger\/8\.0\.47/);
    // Served plainly: no cross-origin isolation headers, and the app does not need them.
    const served = await page.evaluate(async () => {
      const r = await fetch(location.href, { cache: 'no-store' });
      return {
        coop: r.headers.get('cross-origin-opener-policy'),
        coep: r.headers.get('cross-origin-embedder-policy'),
        isolated: self.crossOriginIsolated,
      };
    });
    assert.deepEqual(served, { coop: null, coep: null, isolated: false });
    const size = await page.evaluate(() => [innerWidth, document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    assert.equal(size[0], viewport.width, 'the viewport');
    assert.equal(size[2], viewport.width, 'the page has the whole width (overlay scrollbars, as on phones)');
    assert.ok(size[1] <= size[2], `no sideways scrolling (${size[1]} > ${size[2]})`);

    // Every tap below is recorded as the page sees it.
    await page.evaluate(() => {
      window.inputs = [];
      for (const type of ['touchstart', 'touchend', 'pointerdown', 'click']) {
        document.addEventListener(type, (e) => window.inputs.push({ type, pointerType: e.pointerType }), { capture: true, passive: true });
      }
    });
    await setAsOf(page, PUTUO_IN_FORCE);
    for (const fact of ['person.via_putuo_college', 'contest.represented_putuo', 'contest.won_prize']) {
      await page.locator(`label[for=${qid(fact)}-yes]`).tap();
      assert.ok(await page.locator(`#${qid(fact)}-yes`).isChecked(), `${fact}: yes, by a tap on its label`);
    }
    await answer(page, 'contest.level', 'city'); // a <select>: the native picker is not scriptable
    const amount = page.locator(`#${qid('contest.city_award_amount')}`);
    await amount.tap();
    assert.equal(await page.evaluate(() => document.activeElement?.id), qid('contest.city_award_amount'), 'a tap focuses the field');
    await amount.pressSequentially('120000');
    await waitStatus(page, 'putuo.competition_award', 'eligible');
    const c = await card(page, 'putuo.competition_award');
    assert.match(await c.text(), /5万元/);
    await c.locator.locator('details.why summary').tap();
    await c.locator.locator('.why-body').waitFor();
    await screenshot(page, `webview-${viewport.width}-person`);

    await page.locator('#lang').tap();
    await page.locator('#skillcalc[lang=en]').waitFor();
    await page.locator('label[for=door-org]').tap();
    await page.locator('#skillcalc[data-door=org]').waitFor();
    await page.locator('label[for=goal-all]').tap(); // another door: what to check, by a tap
    await page.locator('#skillcalc[data-goals=all]').waitFor();
    await page.locator('.card').first().waitFor();
    await screenshot(page, `webview-${viewport.width}-org-en`);

    const inputs = await page.evaluate(() => window.inputs);
    const downs = inputs.filter((e) => e.type === 'pointerdown').map((e) => e.pointerType);
    const touches = inputs.filter((e) => e.type.startsWith('touch')).length;
    assert.ok(downs.length >= 7, `every tap reached the page (${JSON.stringify(inputs.slice(0, 6))})`);
    assert.deepEqual([...new Set(downs)], [TAP.pointerType], 'the pointer type of a tap');
    assert.equal(touches > 0, TAP.touchEvents, 'touch events');
    if (!TAP.touchEvents) note(t, 'no touch input over WebKitGTK\'s WebDriver: taps arrive as mouse events (pointerType "mouse", no touch events)');
    const coarse = await page.evaluate(() => ({ coarse: matchMedia('(pointer: coarse)').matches, ontouchstart: 'ontouchstart' in window, points: navigator.maxTouchPoints }));
    note(t, `${viewport.width} px: pointer: coarse = ${coarse.coarse}, 'ontouchstart' in window = ${coarse.ontouchstart}, maxTouchPoints = ${coarse.points}, ${touches} touch events, pointerType ${downs[0]}`);
    await page.checkOffline();
    await page.closeAll();
  });
}
