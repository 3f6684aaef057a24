// Skillcalc embed: the calculator inside any page, with one script and one call.
//
//   <div id="calc"></div>
//   <script type="module" src="https://your.host/skillcalc/embed.js"></script>
//   <script type="module">Skillcalc.mount(document.getElementById('calc'), { lang: 'zh' });</script>
//
// or with no call at all: <div data-skillcalc data-lang="en"></div> next to the script.
//
// The app renders into a Shadow DOM root of the element, with its stylesheet inside that root:
// the host's CSS does not reach the app, and the app's CSS does not reach the host. Every file is
// loaded from beside this script (no CDN, no outside request); no SharedArrayBuffer, so no
// COOP/COEP headers are needed; works in an iframe and in WeChat's web-view.
//
// Options (all optional):
//   lang        'zh' | 'en'   language until the user switches (the switch is remembered)
//   hash        boolean       keep the answers in the page's URL hash (default false here)
//   storageKey  string        local storage key (default 'skillcalc:v1'; '' = keep nothing)
//   shareBase   string        URL that share links start with (default: this page)
//   pack        { url, integrity }  a published rule pack instead of the built-in catalogue:
//                             fetched from url (any host this page's CSP and the pack's CORS
//                             allow), loaded only if its SHA-256 is integrity (`skillcalc export`
//                             prints it), compiled by the pack compiler (pack/, fetched only
//                             then). Every result names the pack. Refused (wrong integrity,
//                             download failed, invalid pack): the calculator runs on the built-in
//                             catalogue and says so. (data-pack / data-integrity with no call.)
//               or { text, integrity }  the pack file's text itself (the studio's draft),
//                             checked and compiled the same way: no more than a page could do
//                             by publishing the file on its own site.
// Returns a Promise of { unmount() }.

import init, { mount as mountApp } from './skillcalc_app.js';

const here = import.meta.url;
let loading;

function load() {
  loading ??= init({ module_or_path: new URL('skillcalc_app_bg.wasm', here) });
  return loading;
}

/**
 * Mounts the calculator into `host` (an element or a CSS selector).
 * @param {Element|string} host
 * @param {{lang?: 'zh'|'en', hash?: boolean, storageKey?: string, shareBase?: string,
 *          pack?: {url: string, integrity: string} | {text: string, integrity: string}}} [options]
 * @returns {Promise<{unmount(): void}>}
 */
export async function mount(host, options = {}) {
  const el = typeof host === 'string' ? document.querySelector(host) : host;
  if (!(el instanceof Element)) throw new TypeError(`Skillcalc.mount: no element ${host}`);
  const shadow = el.shadowRoot ?? el.attachShadow({ mode: 'open' });
  shadow.replaceChildren();
  const css = document.createElement('link');
  css.rel = 'stylesheet';
  css.href = new URL('app.css', here).href;
  const styled = new Promise((ok) => { css.onload = ok; css.onerror = ok; });
  const root = document.createElement('div');
  root.className = 'sc-root';
  shadow.append(css, root);
  // packBytes / packRefused are pack.js's answers to `pack`, never a host's to give.
  const { pack: wanted, packBytes, packRefused, ...rest } = options;
  let pack = {};
  if (wanted != null) {
    const p = document.createElement('p');
    p.className = 'boot';
    p.setAttribute('role', 'status');
    p.textContent = `正在加载规则包… Loading the rule pack…`;
    root.append(p);
    const { packOptions, packOptionsFromText } = await import(new URL('pack/pack.js', here).href);
    const loaded = 'text' in wanted
      ? packOptionsFromText(wanted.text, wanted.integrity)
      : packOptions(wanted.url, wanted.integrity);
    [pack] = await Promise.all([loaded, load(), styled]);
  } else {
    await Promise.all([load(), styled]);
  }
  const app = mountApp(root, { ...rest, ...pack, standalone: false });
  return { unmount: () => { app.unmount(); shadow.replaceChildren(); } };
}

const api = { mount, version: '0.1.0' };
window.Skillcalc = api;

for (const el of document.querySelectorAll('[data-skillcalc]')) {
  const pack = el.dataset.pack ? { url: el.dataset.pack, integrity: el.dataset.integrity } : undefined;
  mount(el, { lang: el.dataset.lang, pack }).catch((e) => console.error(e));
}

export default api;
