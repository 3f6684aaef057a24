// The pre-rendered first view of index.html (scripts/build-app.sh puts it there, rendered by the
// app's own components from the engine's real report: crates/app/src/first_view.rs). It arrives
// hidden; this script, run right after it (a classic script, no inline code, so a CSP of
// `script-src 'self'` is enough), shows it only when it is exactly what the app will show:
//
//   - the URL hash or, without one, local storage holds nothing but a first visit's state
//     (`door=person&lang=zh`, what the app itself writes before any answer). Answers, an as-of
//     date, English, the organisation door, a key not known here: the view is removed, and the
//     page says "loading" until the app renders the right one;
//   - today (the browser's local date, as the app's) is within data-valid-from..data-valid-until:
//     the days on which every policy's in-force state and every dated value are the same as on
//     the build date. The as-of field then shows today.
//
// Its controls are disabled until the app takes over (it replaces the whole view when its wasm
// is ready), so nothing typed is lost. Marks `skillcalc:first-result-painted` when the view is
// painted (the app marks it instead when no view was shown); scripts/measure-app.mjs reads it.
(function () {
  var view = document.getElementById('first-view');
  if (!view) return;

  function firstVisit(saved) {
    if (!saved) return true;
    var pairs = String(saved).replace(/^[#?]/, '').split('&');
    for (var i = 0; i < pairs.length; i++) {
      if (!pairs[i]) continue;
      var kv = pairs[i].split('=');
      if (kv.length !== 2) return false;
      if (!((kv[0] === 'door' && kv[1] === 'person') || (kv[0] === 'lang' && kv[1] === 'zh'))) return false;
    }
    return true;
  }
  function pad(n, w) {
    n = String(n);
    while (n.length < w) n = '0' + n;
    return n;
  }

  // A published pack (?pack=): the view is the built-in catalogue's, so never shown.
  if (/[?&]pack=/.test(location.search)) {
    view.parentNode.removeChild(view);
    return;
  }
  var saved = location.hash;
  if (!saved) {
    try {
      saved = localStorage.getItem(view.getAttribute('data-storage-key'));
    } catch (e) {
      saved = null; // no storage (a sandboxed frame): the app starts afresh too
    }
  }
  var d = new Date();
  var today = pad(d.getFullYear(), 4) + '-' + pad(d.getMonth() + 1, 2) + '-' + pad(d.getDate(), 2);
  var from = view.getAttribute('data-valid-from');
  var until = view.getAttribute('data-valid-until');
  if (!firstVisit(saved) || (from && today < from) || (until && today > until)) {
    view.parentNode.removeChild(view);
    return;
  }
  var asOf = document.getElementById('as-of');
  if (asOf) {
    asOf.setAttribute('value', today);
    asOf.value = today;
  }
  view.hidden = false;

  // When the view is painted: the browser's first contentful paint, where it reports one (nothing
  // with content was painted before: the view was hidden and the page's "loading" line is not
  // parsed yet); elsewhere, the next animation frame and then a task. Only if the app has not
  // marked it already (it does when it renders first).
  var name = 'skillcalc:first-result-painted';
  var perf = window.performance;
  if (!perf || !perf.mark || !perf.getEntriesByName) return;
  function mark(at) {
    if (perf.getEntriesByName(name).length) return;
    try {
      perf.mark(name, at === undefined ? undefined : { startTime: at });
    } catch (e) {
      perf.mark(name); // no mark options (User Timing 2): now, a little later than the paint
    }
  }
  var types = (window.PerformanceObserver && PerformanceObserver.supportedEntryTypes) || [];
  if (types.indexOf('paint') >= 0) {
    var seen = false;
    var po = new PerformanceObserver(function (list) {
      list.getEntriesByName('first-contentful-paint').forEach(function (e) {
        if (seen) return;
        seen = true;
        po.disconnect();
        mark(e.startTime);
      });
    });
    po.observe({ type: 'paint', buffered: true });
  } else {
    requestAnimationFrame(function () {
      setTimeout(function () {
        if (document.getElementById('first-view')) mark();
      }, 0);
    });
  }
})();
