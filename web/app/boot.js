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
try {
  await init();
  // standalone: the app sets the page's language and title; hash: the URL holds the answers.
  window.skillcalcApp = mount(el, { standalone: true, hash: true });
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
