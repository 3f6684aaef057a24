// The calculator's service worker: keeps the app's own files on the device, so a person who
// opened it once (in a lift, in a WeChat web-view on a flaky connection) can reload it offline.
// Same origin only: it never touches another host's request, and it stores no answers (they
// stay in the page's local storage). scripts/build-app.sh writes the version (a hash of the
// files) and the file list below; a new build is a new cache, and the old one is deleted once
// the new worker takes over.
//
// Written by hand rather than with Workbox: what it does fits in these lines (precache a fixed
// list, serve it when the network fails), and Workbox would need a bundling step and ship more
// code than this whole file.
const VERSION = '__VERSION__';
const FILES = __FILES__;
const CACHE = `skillcalc-${VERSION}`;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((c) => c.addAll(FILES)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) if (key.startsWith('skillcalc-') && key !== CACHE) await caches.delete(key);
    await self.clients.claim();
  })());
});

// The network first (a new build is seen at once); the cached copy when the network fails.
self.addEventListener('fetch', (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (req.method !== 'GET' || url.origin !== self.location.origin) return;
  event.respondWith((async () => {
    try {
      return await fetch(req);
    } catch (e) {
      const cache = await caches.open(CACHE);
      // A page with a hash or a query is the same page.
      const hit = await cache.match(req, { ignoreSearch: true }) ?? (req.mode === 'navigate' ? await cache.match('./') : undefined);
      if (hit) return hit;
      throw e;
    }
  })());
});
