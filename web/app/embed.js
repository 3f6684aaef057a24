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
 * @param {{lang?: 'zh'|'en', hash?: boolean, storageKey?: string, shareBase?: string}} [options]
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
  await Promise.all([load(), styled]);
  const app = mountApp(root, { ...options, standalone: false });
  return { unmount: () => { app.unmount(); shadow.replaceChildren(); } };
}

const api = { mount, version: '0.1.0' };
window.Skillcalc = api;

for (const el of document.querySelectorAll('[data-skillcalc]')) {
  mount(el, { lang: el.dataset.lang }).catch((e) => console.error(e));
}

export default api;
