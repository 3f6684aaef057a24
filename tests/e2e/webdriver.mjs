// Firefox and WebKit for the end-to-end tests: the part of Playwright's Browser / BrowserContext /
// Page / Locator API that tests/e2e/ uses, on top of selenium-webdriver (W3C WebDriver). Only
// browser.mjs imports this file. Chromium keeps real Playwright (playwright-core's own Firefox
// and WebKit need patched builds that cannot be downloaded here; TOOLCHAIN.md §7).
//
// What is the same as Playwright:
//   - locators: CSS that pierces open shadow roots (`#calc #lang` finds #lang inside #calc's
//     shadow root), chained with .locator(), .first(), .nth(), .filter({ hasText }); strict (an
//     action on a locator matching several elements fails); actions and reads wait for the
//     element (15 s); page.frameLocator(css).locator(css) for same-origin iframes;
//   - click / tap / check are real WebDriver input (pointer and key actions), fill types with
//     real key events (select-all, then the text), except date inputs and <select>, which are
//     set and get `input` + `change` events as Playwright's fill / selectOption do;
//   - a context is a fresh browser session (own profile, own storage), like Playwright's.
//   - page.on('request' | 'pageerror' | 'console') events, from the best each driver offers:
//       firefox  WebDriver BiDi (network.beforeRequestSent, log.entryAdded), per session;
//       webkit   WebKitWebDriver 2.50 has no BiDi: outside requests are seen by a sink proxy
//                (MiniBrowser --proxy; 127.0.0.1 bypasses it) that logs and refuses them, and
//                errors by hooks put into the page after it loaded (window error /
//                unhandledrejection / console.error), collected by page.pullEvents(); an error
//                thrown while the page was loading is seen only by its effect (the app failing
//                to render, which the tests notice).
// What is not there (helpers.mjs names the substitute or the skip): route, emulateMedia,
// page.pdf in WebKit (WebKitWebDriver has no Print Page command; Firefox prints through it).
//
// Narrow windows: Firefox and MiniBrowser refuse windows narrower than their toolbars (500 px
// and 447 px); a userChrome.css (Firefox) and a GTK stylesheet (MiniBrowser) remove the minimum
// widths of the browser's own toolbar, so a 360 px viewport is a real 360 px window. Neither
// touches the page.

import { Builder, Capabilities, Key } from 'selenium-webdriver';
import firefox from 'selenium-webdriver/firefox.js';
import remote from 'selenium-webdriver/remote/index.js';
import input from 'selenium-webdriver/lib/input.js';
import BIDI from 'selenium-webdriver/bidi/index.js';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

/** Always explicit paths: Selenium's own driver download cannot work here. */
export const PATHS = {
  firefox: process.env.FIREFOX_PATH || '/usr/bin/firefox-esr',
  geckodriver: process.env.GECKODRIVER_PATH || join(homedir(), '.cargo', 'bin', 'geckodriver'),
  webkitDriver: process.env.WEBKIT_DRIVER_PATH || '/usr/bin/WebKitWebDriver',
  // Debian's libwebkit2gtk-4.1-0 (a dependency of webkit2gtk-driver), in the multiarch directory.
  miniBrowser: process.env.WEBKIT_BROWSER_PATH ||
    `/usr/lib/${{ x64: 'x86_64', arm64: 'aarch64' }[process.arch] ?? process.arch}-linux-gnu/webkit2gtk-4.1/MiniBrowser`,
};

const TIMEOUT = 15000; // Playwright's default is 30 s; 15 s is plenty for a local page.
const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

/** Launches Firefox (headless) or WebKitGTK's MiniBrowser (needs an X display: xvfb-run -a). */
export async function launch(engine) {
  const need = engine === 'firefox' ? ['firefox', 'geckodriver'] : ['webkitDriver', 'miniBrowser'];
  for (const k of need) {
    if (!existsSync(PATHS[k])) throw new Error(`${engine}: ${PATHS[k]} not found (scripts/bootstrap.sh installs it)`);
  }
  if (engine === 'webkit' && !process.env.DISPLAY) {
    throw new Error('webkit: WebKitGTK has no headless mode; run under `timeout 900 xvfb-run -a ...`');
  }
  const dir = mkdtempSync(join(tmpdir(), `e2e-${engine}-`));
  if (engine === 'firefox') {
    mkdirSync(join(dir, 'profile', 'chrome'), { recursive: true });
    writeFileSync(join(dir, 'profile', 'chrome', 'userChrome.css'), '* { min-width: 0 !important; }\n');
  } else {
    mkdirSync(join(dir, 'gtk-3.0'), { recursive: true });
    writeFileSync(join(dir, 'gtk-3.0', 'gtk.css'), '* { min-width: 0; min-height: 0; padding: 0; margin: 0; }\n');
  }
  const sink = engine === 'webkit' ? await sinkProxy() : null;
  const contexts = new Set();
  return {
    engine,
    async newContext(options = {}) {
      const context = await newContext(engine, dir, sink, options);
      contexts.add(context);
      return context;
    },
    async close() {
      for (const c of contexts) await c.close();
      await sink?.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** An HTTP proxy that records every request it gets and answers none (502 / closed tunnel). */
async function sinkProxy() {
  const listeners = new Set();
  const seen = (url) => listeners.forEach((l) => l(url));
  const server = createServer((req, res) => {
    seen(req.url); // absolute URL
    res.writeHead(502).end();
  });
  server.on('connect', (req, socket) => {
    seen(`https://${req.url}/`);
    socket.destroy();
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  server.unref(); // never what keeps the test process alive
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    listeners,
    close: () => new Promise((ok) => {
      server.close(ok);
      server.closeAllConnections();
    }),
  };
}

/** A fresh session. Options as Playwright's: viewport, userAgent, hasTouch (Firefox only; WebKitGTK
 * has no touch emulation). isMobile (meta viewport, Chromium) is not there: ignored. */
async function newContext(engine, dir, sink, { viewport = { width: 1280, height: 720 }, userAgent, hasTouch = false } = {}) {
  let driver;
  let service;
  if (engine === 'firefox') {
    const o = new firefox.Options()
      .setBinary(PATHS.firefox)
      .addArguments('-headless')
      .enableBidi()
      .setProfile(join(dir, 'profile'))
      .setPreference('toolkit.legacyUserProfileCustomizations.stylesheets', true);
    if (userAgent) o.setPreference('general.useragent.override', userAgent);
    if (hasTouch) {
      // A touch screen as the page sees it: touch event APIs, a coarse pointer without hover.
      o.setPreference('dom.w3c_touch_events.enabled', 1);
      o.setPreference('dom.w3c_touch_events.legacy_apis.enabled', true);
      o.setPreference('dom.maxtouchpoints.testing.value', 5);
      o.setPreference('ui.primaryPointerCapabilities', 1);
      o.setPreference('ui.allPointerCapabilities', 1);
      o.setPreference('ui.useOverlayScrollbars', 1); // as on phones: the page gets the full width
    }
    driver = await new Builder()
      .forBrowser('firefox')
      .setFirefoxOptions(o)
      .setFirefoxService(new firefox.ServiceBuilder(PATHS.geckodriver))
      .build();
  } else {
    // One WebKitWebDriver per session (it serves one session at a time). It inherits
    // XDG_CONFIG_HOME (the GTK stylesheet) and passes it on to MiniBrowser.
    const args = ['--automation', `--proxy=${sink.url}`, '--ignore-host=127.0.0.1'];
    if (userAgent) args.push(`--user-agent=${userAgent}`);
    const caps = new Capabilities({
      browserName: 'MiniBrowser',
      'webkitgtk:browserOptions': { binary: PATHS.miniBrowser, args },
    });
    // Session creation hangs (never fails) when MiniBrowser does not start, which happens now
    // and then on a loaded machine: give up after 30 s, stop that driver (or it keeps the test
    // process alive), and try again, three times in all.
    for (let attempt = 1; !driver; attempt++) {
      service = new remote.DriverService.Builder(PATHS.webkitDriver)
        .setLoopback(true)
        .setEnvironment({ ...process.env, XDG_CONFIG_HOME: dir })
        .build();
      const url = await service.start();
      let timer;
      try {
        driver = await Promise.race([
          new Builder().usingServer(url).withCapabilities(caps).build(),
          new Promise((_, fail) => {
            timer = setTimeout(() => fail(new Error('webkit: no session after 30 s (no X display? MiniBrowser failed to start?)')), 30000);
          }),
        ]);
      } catch (e) {
        await service.kill();
        if (attempt === 3) throw e;
      } finally {
        clearTimeout(timer);
      }
    }
  }
  const page = new Page(engine, driver);
  await page.setViewportSize(viewport);
  let opened = false;
  const context = {
    async newPage() {
      if (opened) throw new Error('one page per context here (a context is a browser session)');
      opened = true;
      await page.attach(sink);
      return page;
    },
    async close() {
      await page.detach?.();
      await driver.quit().catch(() => {});
      await service?.kill();
    },
  };
  return context;
}

// ---- in the page ------------------------------------------------------------------------------

/** Installed once per document (and per iframe document): the locator engine, and in WebKit
 * the error hooks. Serialised with toString(), so it must not use anything from this module. */
function pageRuntime(hooks) {
  if (window.__e2e) return;
  const errors = [];
  if (hooks) {
    addEventListener('error', (e) => errors.push(['pageerror', e.message]));
    addEventListener('unhandledrejection', (e) => errors.push(['pageerror', String(e.reason?.message ?? e.reason)]));
    const original = console.error;
    console.error = (...a) => {
      errors.push(['console', a.map(String).join(' ')]);
      original.apply(console, a);
    };
  }
  // "a b > c d" -> ["a", "b > c", "d"]: split at descendant combinators only (those may cross
  // shadow roots); other combinators stay inside one part, matched by Element.matches.
  const split = (css) => {
    const parts = [];
    let cur = '';
    let depth = 0;
    let quote = null;
    for (let i = 0; i < css.length; i++) {
      const ch = css[i];
      if (quote) quote = ch === quote ? null : quote;
      else if (ch === '"' || ch === "'") quote = ch;
      else if (ch === '[' || ch === '(') depth++;
      else if (ch === ']' || ch === ')') depth--;
      else if (/\s/.test(ch) && depth === 0) {
        const rest = css.slice(i).trimStart();
        if (cur.trim() && !/[>+~]$/.test(cur.trim()) && !/^[>+~]/.test(rest)) {
          parts.push(cur.trim());
          cur = '';
        } else cur += ' ';
        continue;
      }
      cur += ch;
    }
    if (cur.trim()) parts.push(cur.trim());
    return parts;
  };
  const up = (el) => el.parentElement ?? (el.parentNode instanceof ShadowRoot ? el.parentNode.host : null);
  const descendants = (node, out = []) => {
    if (node.shadowRoot) descendants(node.shadowRoot, out);
    for (const el of node.children) {
      out.push(el);
      descendants(el, out);
    }
    return out;
  };
  const matches = (el, parts, scope) => {
    if (!el.matches(parts[parts.length - 1])) return false;
    let cur = el;
    for (let i = parts.length - 2; i >= 0; i--) {
      do cur = up(cur);
      while (cur && cur !== scope && !cur.matches(parts[i]));
      if (!cur || cur === scope) return false;
    }
    return true;
  };
  const norm = (s) => (s ?? '').replace(/\s+/g, ' ').trim().toLowerCase();
  const query = (chain) => {
    let found = [document];
    for (const step of chain) {
      if (step.css) {
        const parts = split(step.css);
        const next = new Set();
        for (const scope of found) for (const el of descendants(scope)) if (matches(el, parts, scope)) next.add(el);
        found = [...next];
      }
      if (step.hasText) found = found.filter((el) => norm(el.textContent).includes(norm(step.hasText)));
      if (step.nth !== undefined) found = found.at(step.nth) ? [found.at(step.nth)] : [];
    }
    return found;
  };
  const visible = (el) => {
    // As Playwright's: checkVisibility() first (false inside a closed <details>, whose content
    // Firefox and WebKit still lay out with a box, and under display: none or
    // content-visibility: hidden), then the visibility and a box with an area.
    if (el.checkVisibility && el.nodeName !== 'OPTION' && !el.checkVisibility()) return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
  };
  /** The one element of a locator: { el } or why not ({ wait } to retry, { fatal }). */
  const one = (chain, { visible: mustShow = false, enabled = false } = {}) => {
    const els = query(chain);
    if (els.length > 1) return { fatal: `strict mode: ${els.length} elements match ${JSON.stringify(chain)}` };
    const [el] = els;
    if (!el) return { wait: 'no element' };
    if (mustShow && !visible(el)) return { wait: 'not visible' };
    if (enabled && el.disabled) return { wait: 'disabled' };
    return { el };
  };
  window.__e2e = { query, one, visible, takeErrors: () => errors.splice(0) };
}

// ---- Page and Locator -------------------------------------------------------------------------

const KEYS = {
  Tab: Key.TAB, Enter: Key.ENTER, Escape: Key.ESCAPE, Backspace: Key.BACK_SPACE, Space: Key.SPACE,
  ArrowDown: Key.ARROW_DOWN, ArrowUp: Key.ARROW_UP, ArrowLeft: Key.ARROW_LEFT, ArrowRight: Key.ARROW_RIGHT,
};

class Page {
  constructor(engine, driver) {
    this.engine = engine;
    this.driver = driver;
    this.listeners = { request: [], pageerror: [], console: [] };
    this.keyboard = { press: (key) => this.driver.actions().sendKeys(KEYS[key] ?? key).perform() };
    this.prelude = `(${pageRuntime})(${engine === 'webkit'});`;
  }

  on(event, listener) {
    this.listeners[event].push(listener);
  }

  emit(event, payload) {
    for (const l of this.listeners[event] ?? []) l(payload);
  }

  /** Starts the event feeds (see the top of this file). */
  async attach(sink) {
    if (this.engine === 'firefox') {
      const onMessage = (m) => {
        const { method, params } = JSON.parse(m.toString());
        if (method === 'network.beforeRequestSent') this.emit('request', { url: () => params.request.url });
        if (method === 'log.entryAdded' && params.level === 'error') {
          if (params.type === 'javascript') this.emit('pageerror', { message: params.text });
          else this.emit('console', { type: () => 'error', text: () => params.text });
        }
      };
      // Our own BiDi connection (Selenium's cached one cannot be retried): connecting right
      // after the session started now and then meets ECONNRESET; a second try works.
      const url = (await this.driver.getCapabilities()).get('webSocketUrl').replace('localhost', '127.0.0.1');
      for (let attempt = 1; ; attempt++) {
        const bidi = new BIDI(url);
        bidi.socket.on('message', onMessage);
        try {
          await bidi.subscribe(['network.beforeRequestSent', 'log.entryAdded']);
          this.detach = () => bidi.close().catch(() => {});
          break;
        } catch (e) {
          await bidi.close().catch(() => {});
          if (attempt === 3) throw e;
          await sleep(250);
        }
      }
    } else {
      const l = (url) => this.emit('request', { url: () => url });
      sink.listeners.add(l);
      this.detach = () => sink.listeners.delete(l);
    }
  }

  /** WebKit: hands what the page's hooks recorded to the listeners (elsewhere a no-op). */
  async pullEvents() {
    if (this.engine !== 'webkit') return;
    const got = await this.driver.executeScript('return window.__e2e ? window.__e2e.takeErrors() : []').catch(() => []);
    for (const [kind, text] of got) {
      if (kind === 'pageerror') this.emit('pageerror', { message: text });
      else this.emit('console', { type: () => 'error', text: () => text });
    }
  }

  /** Runs `body` (a function's source) in the page as `body(...args)`, awaiting a promise. */
  async run(body, ...args) {
    return this.driver.executeScript(`${this.prelude} return (${body})(...arguments);`, ...args);
  }

  async goto(url) {
    await this.pullEvents();
    await this.driver.get(url);
    await this.run('() => 0'); // hooks in as early as WebDriver allows (after `load`)
  }

  async reload() {
    await this.pullEvents();
    await this.driver.navigate().refresh();
    await this.run('() => 0');
  }

  /** The browser's Back (a same-document entry: the page and its hooks stay). */
  async goBack() {
    await this.driver.navigate().back();
  }

  /** A promise here (Playwright's is synchronous): the tests `await page.url()`, fine in both. */
  url() {
    return this.driver.getCurrentUrl();
  }

  title() {
    return this.driver.getTitle();
  }

  evaluate(fn, arg) {
    return this.run(`(a) => (${fn})(a)`, arg);
  }

  async waitForFunction(fn, arg, { timeout = TIMEOUT } = {}) {
    const end = Date.now() + timeout;
    while (!(await this.evaluate(fn, arg))) {
      if (Date.now() > end) throw new Error(`waitForFunction: timed out after ${timeout} ms: ${fn}`);
      await sleep(50);
    }
  }

  locator(css) {
    return new Locator(this, [{ css }]);
  }

  frameLocator(frameCss) {
    return { locator: (css) => new Locator(this, [{ css }], frameCss) };
  }

  async addScriptTag({ path }) {
    await this.evaluate((src) => {
      const s = document.createElement('script');
      s.textContent = src;
      document.head.append(s);
    }, readFileSync(path, 'utf8'));
  }

  /** Sizes the window so that the viewport (innerWidth × innerHeight) is the size asked for:
   * the window is the viewport plus the browser's own frame, measured, not assumed. A resize
   * is applied asynchronously (WebKit under load): read the viewport once it stopped changing. */
  async setViewportSize({ width, height }) {
    const win = this.driver.manage().window();
    const settled = async () => {
      let a = await this.evaluate(() => [innerWidth, innerHeight]);
      for (let i = 0; i < 40; i++) {
        await sleep(25);
        const b = await this.evaluate(() => [innerWidth, innerHeight]);
        if (b[0] === a[0] && b[1] === a[1]) return b;
        a = b;
      }
      return a;
    };
    let inner;
    for (let i = 0; i < 5; i++) {
      inner = await settled();
      if (inner[0] === width && inner[1] === height) break;
      const r = await win.getRect();
      await win.setRect({ width: Math.max(width, r.width + width - inner[0]), height: Math.max(height, r.height + height - inner[1]) });
    }
    if (inner[0] !== width || inner[1] !== height) {
      throw new Error(`${this.engine}: cannot make the viewport ${width}×${height} (it is ${inner.join('×')})`);
    }
    this.viewport = { width, height };
  }

  /** The viewport as a PNG (fullPage: the window made as tall as the page for the shot). */
  async screenshot({ path, fullPage = false } = {}) {
    const vp = this.viewport;
    const tall = fullPage && (await this.evaluate(() => document.documentElement.scrollHeight));
    if (tall > vp.height) await this.setViewportSize({ width: vp.width, height: tall });
    // WebKit's first screenshot can be stale: two animation frames first (TOOLCHAIN.md §7).
    await this.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
    const png = Buffer.from(await this.driver.takeScreenshot(), 'base64');
    if (tall > vp.height) await this.setViewportSize(vp);
    if (path) writeFileSync(path, png);
    return png;
  }

  /** WebDriver's Print Page (Firefox); WebKitWebDriver 2.50 does not have it. */
  async pdf({ path }) {
    if (this.engine === 'webkit') {
      const e = new Error('WebKitWebDriver 2.50 has no Print Page command (POST /session/{id}/print: "Unknown command")');
      e.unsupported = true;
      throw e;
    }
    const pdf = Buffer.from(await this.driver.printPage({ width: 21, height: 29.7 }), 'base64');
    writeFileSync(path, pdf);
    return pdf;
  }
}

class Locator {
  constructor(page, chain, frame = null) {
    this.page = page;
    this.chain = chain;
    this.frame = frame; // CSS of a same-origin iframe in the top document, or null
  }

  locator(css) {
    return new Locator(this.page, [...this.chain, { css }], this.frame);
  }

  nth(nth) {
    return new Locator(this.page, [...this.chain, { nth }], this.frame);
  }

  first() {
    return this.nth(0);
  }

  filter({ hasText }) {
    return new Locator(this.page, [...this.chain, { hasText }], this.frame);
  }

  /** Runs fn with the WebDriver switched into this locator's iframe (if any). */
  async inFrame(fn) {
    if (!this.frame) return fn();
    const d = this.page.driver;
    const frameEl = await new Locator(this.page, [{ css: this.frame }]).element();
    await d.switchTo().frame(frameEl);
    try {
      return await fn();
    } finally {
      await d.switchTo().defaultContent();
    }
  }

  /** `body(element, arg)` on the one element, once it is there (and visible/enabled if asked). */
  async withOne(body, arg, { visible = false, enabled = false, timeout = TIMEOUT } = {}) {
    return this.inFrame(async () => {
      const end = Date.now() + timeout;
      for (;;) {
        const r = await this.page.run(
          `async (chain, opts, arg) => {
            const r = window.__e2e.one(chain, opts);
            return r.el ? { value: await (${body})(r.el, arg) } : r;
          }`,
          this.chain, { visible, enabled }, arg,
        );
        if ('value' in r) return r.value;
        if (r.fatal) throw new Error(r.fatal);
        if (Date.now() > end) throw new Error(`${JSON.stringify(this.chain)}: ${r.wait} after ${timeout} ms`);
        await sleep(50);
      }
    });
  }

  /** The WebElement, scrolled to the middle of the screen when it is not fully in view or
   * something (the sticky bar at the bottom) covers its centre. */
  element(opts = {}) {
    return this.withOne((el) => {
      const r = el.getBoundingClientRect();
      const hit = el.getRootNode().elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      const covered = !hit || !(el.contains(hit) || (el.labels && [...el.labels].some((l) => l.contains(hit))));
      if (covered || r.top < 0 || r.left < 0 || r.bottom > innerHeight || r.right > innerWidth) {
        el.scrollIntoView({ block: 'center', inline: 'center' });
      }
      return el;
    }, undefined, opts);
  }

  evaluate(fn, arg) {
    return this.withOne(`(el, a) => (${fn})(el, a)`, arg);
  }

  evaluateAll(fn, arg) {
    return this.inFrame(() => this.page.run(`(chain, a) => (${fn})(window.__e2e.query(chain), a)`, this.chain, arg));
  }

  count() {
    return this.evaluateAll((els) => els.length);
  }

  async all() {
    return Array.from({ length: await this.count() }, (_, i) => this.nth(i));
  }

  async waitFor({ state = 'visible', timeout = TIMEOUT } = {}) {
    const end = Date.now() + timeout;
    for (;;) {
      const [n, shown] = await this.evaluateAll((els) => [els.length, els.length === 1 && window.__e2e.visible(els[0])]);
      if (n > 1 && state !== 'detached') throw new Error(`strict mode: ${n} elements match ${JSON.stringify(this.chain)}`);
      const ok = { attached: n === 1, visible: shown, detached: n === 0, hidden: !shown }[state];
      if (ok) return;
      if (Date.now() > end) throw new Error(`${JSON.stringify(this.chain)}: not ${state} after ${timeout} ms`);
      await sleep(50);
    }
  }

  isVisible() {
    return this.evaluateAll((els) => els.length === 1 && window.__e2e.visible(els[0]));
  }

  innerText() { return this.evaluate((el) => el.innerText); }
  textContent() { return this.evaluate((el) => el.textContent); }
  inputValue() { return this.evaluate((el) => el.value); }
  isChecked() { return this.evaluate((el) => el.checked); }
  getAttribute(name) { return this.evaluate((el, n) => el.getAttribute(n), name); }
  focus() { return this.evaluate((el) => el.focus()); }

  scrollIntoViewIfNeeded() {
    return this.element();
  }

  dispatchEvent(type) {
    return this.evaluate((el, t) => el.dispatchEvent(new Event(t, { bubbles: true, cancelable: true, composed: true })), type);
  }

  /** Waits until the element stays where it is for two animation frames (Playwright's
   * "stable"): a click aimed while an answer re-renders the form can land beside it. */
  async stable() {
    const end = Date.now() + TIMEOUT;
    for (;;) {
      const still = await this.withOne(async (el) => {
        const at = (r) => [r.top, r.left, r.width, r.height].join();
        const before = at(el.getBoundingClientRect());
        await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
        return el.isConnected && at(el.getBoundingClientRect()) === before;
      });
      if (still) return;
      if (Date.now() > end) throw new Error(`${JSON.stringify(this.chain)}: still moving after ${TIMEOUT} ms`);
    }
  }

  /** A real click (WebDriver Element Click) once the element is stable, retried while
   * something covers the element. */
  async click() {
    const end = Date.now() + TIMEOUT;
    for (;;) {
      await this.stable();
      const el = await this.element({ visible: true, enabled: true });
      try {
        return await this.inFrame(() => el.click());
      } catch (e) {
        if (!/intercepted|not interactable|stale/i.test(e.name + e.message) || Date.now() > end) throw e;
        await sleep(100);
      }
    }
  }

  /** A touch (pointer type "touch") at the element's centre. Firefox sends touch events and
   * touch pointer events; WebKitGTK's driver turns it into mouse events (no touch on desktop GTK). */
  async tap() {
    await this.stable();
    const el = await this.element({ visible: true, enabled: true });
    await this.inFrame(async () => {
      const finger = new input.Pointer('finger', input.Pointer.Type.TOUCH);
      await this.page.driver.actions({ async: true })
        .insert(finger, finger.move({ origin: el, duration: 0 }), finger.press(), finger.release())
        .perform();
    });
  }

  async check() {
    if (!(await this.isChecked())) await this.click();
    if (!(await this.isChecked())) throw new Error(`${JSON.stringify(this.chain)}: not checked after a click`);
  }

  async selectOption(value) {
    await this.withOne((el, v) => {
      if (![...el.options].some((o) => o.value === v)) throw new Error(`no option ${v}`);
      el.value = v;
      el.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      el.dispatchEvent(new Event('change', { bubbles: true }));
    }, value, { visible: true, enabled: true });
  }

  /** Types into the element key by key (after what is already there), as Playwright's. */
  async pressSequentially(text) {
    await this.focus();
    await this.inFrame(() => this.page.driver.actions().sendKeys(text).perform());
  }

  /** Text fields: focus, select all (Ctrl+A), type (real key events; '' = Backspace).
   * Date-like inputs cannot be typed alike in every engine: set + input + change, as Playwright. */
  async fill(value) {
    const typed = await this.withOne((el, v) => {
      if (/^(date|time|datetime-local|month|week|color|range)$/.test(el.type)) {
        el.value = v;
        el.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
        el.dispatchEvent(new Event('change', { bubbles: true }));
        return false;
      }
      el.focus();
      return true;
    }, value, { visible: true, enabled: true });
    if (!typed) return;
    const type = () => this.inFrame(() => this.page.driver.actions()
      .keyDown(Key.CONTROL).sendKeys('a').keyUp(Key.CONTROL)
      .sendKeys(value === '' ? Key.BACK_SPACE : value)
      .perform());
    await type();
    // Real keys go where the focus is. On a loaded machine a re-render between focusing and
    // typing (a field that had just appeared) has sent them elsewhere in WebKit, and the answer
    // was lost: what the field holds is checked, and typed once more, focused again, if it is
    // not the value.
    if ((await this.withOne((el) => el.value)) === value) return;
    await this.withOne((el) => el.focus(), undefined, { visible: true, enabled: true });
    await type();
  }
}
