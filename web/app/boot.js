// Starts the standalone page (index.html): loads the app's glue and wasm and mounts it into
// <main id="app">, replacing the pre-rendered first view or the "loading" line.
import init, { mount } from './skillcalc_app.js';

// scripts/build-app.sh puts app.css into the page. Under a Content-Security-Policy that refuses
// inline styles (and did not allow this one by its hash: target/site/csp.txt), load the file.
const inlined = document.getElementById('app-css-inline');
if (inlined && !inlined.sheet) {
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = 'app.css';
  document.head.append(link);
}

const el = document.getElementById('app');

// The app's wasm, fetched here (not by the glue) to show how much of it has come: on a slow
// phone connection its download is most of the wait, and a line that never moves reads as
// stuck. The bar goes on the "loading" line and on the first view's pill, whichever is shown,
// and goes away with them when the app replaces them.
const WASM = new URL('skillcalc_app_bg.wasm', import.meta.url);
function fetchWasm() {
  const fetched = fetch(WASM); // the request the page's <link rel="preload"> already made
  const total = Number(document.getElementById('boot-line')?.dataset.wasmBytes);
  // Only on a first download: a response from the service worker's cache comes at once, and
  // only a response straight from fetch() keeps the browser's cache of compiled wasm.
  const cached = 'serviceWorker' in navigator && navigator.serviceWorker.controller;
  if (!(total > 0) || cached || typeof TransformStream !== 'function') return fetched;
  return fetched.then((response) => {
    if (!response.ok || !response.body) return response;
    const bars = [...document.querySelectorAll('#boot-line, .first-view-loading')].map((line) => {
      const bar = document.createElement('progress');
      bar.className = 'boot-progress';
      bar.max = 100;
      bar.value = 0;
      bar.setAttribute('aria-hidden', 'true'); // the line's words say it is loading
      line.append(bar);
      return bar;
    });
    let received = 0;
    const counted = new TransformStream({
      transform(chunk, controller) {
        received += chunk.byteLength;
        const percent = Math.min(100, Math.floor((received * 100) / total));
        for (const bar of bars) bar.value = percent;
        controller.enqueue(chunk);
      },
    });
    // Its headers kept (Content-Type: application/wasm), so the wasm still compiles as it streams.
    return new Response(response.body.pipeThrough(counted), {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  });
}
// `?pack=URL&integrity=sha256-…`: a published rule pack instead of the built-in catalogue (pack/pack.js,
// loaded only then). Only a pack published on this site: a link must not make the page fetch from
// another host (the shipped CSP, `default-src 'self'`, would refuse it anyway).
const query = new URLSearchParams(location.search);
const packUrl = query.get('pack');
try {
  let pack = {};
  if (packUrl !== null) {
    const p = document.createElement('p');
    p.className = 'boot';
    p.id = 'pack-loading';
    p.setAttribute('role', 'status');
    p.textContent = `正在加载规则包 ${packUrl}… Loading the rule pack ${packUrl}…`;
    el.replaceChildren(p);
    const { packOptions } = await import('./pack/pack.js');
    [pack] = await Promise.all([
      packOptions(packUrl, query.get('integrity'), { sameOrigin: true }),
      init({ module_or_path: fetchWasm() }),
    ]);
  } else {
    await init({ module_or_path: fetchWasm() });
  }
  // standalone: the app sets the page's language and title; hash: the URL holds the answers.
  window.skillcalcApp = mount(el, { standalone: true, hash: true, ...pack });
  // Keeps the app's own files on the device for a reload offline (sw.js; same origin only), once
  // the app is up: its first download must not share a slow connection with the worker's copy.
  if ('serviceWorker' in navigator && location.protocol !== 'file:') {
    navigator.serviceWorker.register('sw.js').catch(() => {});
  }
} catch (e) {
  el.replaceChildren();
  const p = document.createElement('p');
  p.className = 'boot';
  p.setAttribute('role', 'alert');
  p.textContent = '计算器加载失败 / The calculator failed to load: ' + e;
  el.append(p);
}
