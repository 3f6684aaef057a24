// Embedding: a host page mounts the calculator into its own element with one script and one
// call (examples/host.html); the host's CSS does not break the app and the app's CSS does not
// leak into the host. And the standalone page inside iframes at WeChat web-view widths
// (examples/webview.html). No request leaves 127.0.0.1, no COOP/COEP, no SharedArrayBuffer.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '../static-server.mjs';
import { answerAll, ARTIFACTS, openPage, PUTUO_IN_FORCE, setup, SITE } from './helpers.mjs';

let env;
before(async () => {
  env = await setup();
});
after(async () => {
  await env?.close();
});

/** Computed styles of some elements (piercing open shadow roots through a path of hosts). */
function styles(page, targets) {
  return page.evaluate((targets) => {
    const find = (sel) => {
      const [host, inner] = sel.split(' >>> ');
      const h = document.querySelector(host);
      return inner ? h?.shadowRoot?.querySelector(inner) : h;
    };
    const out = {};
    for (const [sel, props] of Object.entries(targets)) {
      const el = find(sel);
      if (!el) {
        out[sel] = null;
        continue;
      }
      const cs = getComputedStyle(el);
      out[sel] = Object.fromEntries(props.map((p) => [p, cs.getPropertyValue(p)]));
    }
    return out;
  }, targets);
}

const HOST_TARGETS = {
  body: ['font-size', 'text-transform', 'color', 'background-color'],
  '#host-title': ['color', 'font-size', 'font-family'],
  '#host-button': ['background-color', 'border-top-style', 'font-size'],
  '#host-text': ['font-size', 'color', 'text-transform', 'letter-spacing', 'margin-top'],
  '#host-list': ['list-style-type', 'padding-left'],
  '#host-heading': ['color', 'font-size', 'margin-top'],
};

test('host page: one script + one call mounts the app; styles are isolated both ways', async () => {
  // The host page without the app first, to know its own styles: the same host.html served
  // beside an embed.js that mounts nothing (works in every engine; no request interception).
  const dir = mkdtempSync(join(tmpdir(), 'e2e-bare-host-'));
  mkdirSync(join(dir, 'examples'));
  copyFileSync(join(SITE, 'examples', 'host.html'), join(dir, 'examples', 'host.html'));
  writeFileSync(join(dir, 'embed.js'), 'window.Skillcalc = { mount: () => null };\n');
  const bareServer = await serve({ root: dir });
  const bare = await openPage(env, null);
  await bare.goto(`${bareServer.url}examples/host.html`);
  const before = await styles(bare, HOST_TARGETS);
  await bare.closeAll();
  await bareServer.close();
  rmSync(dir, { recursive: true });

  const page = await openPage(env, 'examples/host.html', { viewport: { width: 1024, height: 800 } });
  // Found through the shadow root (Playwright's CSS locators pierce open shadow roots).
  assert.ok(await page.evaluate(() => !!document.getElementById('calc').shadowRoot), 'rendered in a Shadow DOM root');
  const host = await styles(page, HOST_TARGETS);
  assert.deepEqual(host, before, "the app's CSS does not change the host's elements");
  assert.equal(host['#host-button']['background-color'], 'rgb(255, 105, 180)', "the host's own button is still hotpink");

  // The host's aggressive CSS does not reach the app.
  const app = await styles(page, {
    '#calc >>> .sc': ['font-size', 'text-transform', 'letter-spacing', 'line-height', 'font-family'],
    '#calc >>> #lang': ['background-color', 'border-top-style', 'font-size'],
    '#calc >>> .card': ['display'],
    '#calc >>> #results': ['display'],
    '#calc >>> #totals': ['display'],
    '#calc >>> .field': ['display'],
    '#calc >>> #as-of': ['display', 'border-top-color', 'font-size'],
    '#calc >>> h1': ['color', 'font-size'],
  });
  assert.equal(app['#calc >>> .sc']['font-size'], '16px');
  assert.equal(app['#calc >>> .sc']['text-transform'], 'none');
  assert.equal(app['#calc >>> .sc']['letter-spacing'], 'normal');
  assert.doesNotMatch(app['#calc >>> .sc']['font-family'], /Georgia/);
  assert.equal(app['#calc >>> #lang']['background-color'], 'rgb(255, 255, 255)', 'not hotpink');
  assert.notEqual(app['#calc >>> #lang']['border-top-style'], 'dashed');
  for (const sel of ['.card', '#results', '#totals', '.field']) {
    assert.notEqual(app[`#calc >>> ${sel}`].display, 'none', `${sel} is shown despite the host's CSS`);
  }
  assert.equal(app['#calc >>> #as-of']['font-size'], '16px');
  assert.notEqual(app['#calc >>> h1'].color, 'rgb(139, 0, 0)');

  // It works inside the host: answer, see the result, switch language.
  await page.locator('#calc #as-of').fill(PUTUO_IN_FORCE);
  await page.locator('#calc #as-of').dispatchEvent('change');
  await answerAll(page, {
    'person.via_putuo_college': true,
    'contest.represented_putuo': true,
    'contest.won_prize': true,
    'contest.level': 'city',
    'contest.city_award_amount': '120000',
  });
  await page.locator('#calc #p-putuo-competition_award[data-status=eligible]').waitFor();
  await page.locator('#calc #lang').click();
  await page.locator('#calc #skillcalc[lang=en]').waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'en', "the host's language is untouched");
  assert.equal(await page.title(), 'Host page: the calculator mounted into a portal\'s own element');
  assert.equal(new URL(await page.url()).hash, '', "the host's URL is untouched (hash: false)");
  await page.screenshot({ path: join(ARTIFACTS, 'embed-host.png') });
  await page.setViewportSize({ width: 375, height: 667 });
  await page.locator('#calc #p-putuo-competition_award').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(ARTIFACTS, 'embed-host-375.png') });

  // No SharedArrayBuffer / cross-origin isolation needed, no COOP/COEP served.
  assert.equal(await page.evaluate(() => self.crossOriginIsolated), false);
  await page.checkOffline();
  await page.closeAll();
});

test('the embed can be unmounted and mounted again by a host', async () => {
  const page = await openPage(env, 'examples/host.html', { viewport: { width: 800, height: 700 } });
  await page.locator('#calc .card').first().waitFor();
  await page.evaluate(async () => (await window.mounted).unmount());
  assert.equal(await page.locator('#calc .card').count(), 0);
  await page.evaluate(() => window.Skillcalc.mount('#calc', { lang: 'en' }));
  await page.locator('#calc .card').first().waitFor();
  await page.checkOffline();
  await page.closeAll();
});

test('inside iframes at WeChat web-view widths (360, 375, 414 px): renders, fits, works', async () => {
  const page = await openPage(env, 'examples/webview.html', { viewport: { width: 1280, height: 900 }, wait: false });
  const widths = [360, 375, 414];
  // The app starts in every frame (the frames share one local storage: nothing is chosen before
  // all three have started) and asks what to check.
  for (const w of widths) {
    const frame = page.frameLocator(`#frame-${w}`);
    await frame.locator('#skillcalc #lang:not([disabled])').waitFor({ timeout: 15000 });
    await frame.locator('#first-view').waitFor({ state: 'detached' }); // the app, not the pre-rendered view
    await frame.locator('#goals .goal-list').waitFor();
    assert.equal(await frame.locator('.card').count(), 0, `${w}px: no result before a goal`);
  }
  for (const w of widths) {
    const frame = page.frameLocator(`#frame-${w}`);
    await frame.locator('label[for=goal-all]').click();
    await frame.locator('.card').first().waitFor({ timeout: 15000 });
    // innerWidth: the frame's width; clientWidth: what is left beside a classic scrollbar
    // (Firefox on Linux has one, phones and Chromium headless have overlay scrollbars).
    const { width, scroll, client } = await frame.locator('html').evaluate((html) => ({
      width: html.ownerDocument.defaultView.innerWidth,
      scroll: html.scrollWidth,
      client: html.clientWidth,
    }));
    assert.equal(width, w, `frame is ${w}px wide`);
    assert.ok(scroll <= client, `${w}px: no sideways scroll (${scroll} > ${client})`);
  }
  // Interact inside one frame: the other door, one goal, its results.
  const inner = page.frameLocator('#frame-360');
  await inner.locator('label[for=door-org]').click();
  await inner.locator('#skillcalc[data-door=org]').waitFor();
  await inner.locator('label[for=goal-training_base]').click();
  await inner.locator('#skillcalc[data-goals=training_base]').waitFor();
  await inner.locator('#p-qingpu-training_base_designation').waitFor();
  await page.screenshot({ path: join(ARTIFACTS, 'webview-widths.png') });
  await page.checkOffline();
  await page.closeAll();
});
