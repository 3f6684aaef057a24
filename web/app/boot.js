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
    [pack] = await Promise.all([packOptions(packUrl, query.get('integrity'), { sameOrigin: true }), init()]);
  } else {
    await init();
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
