// Replica knob `state.pause` (../pause.mjs): the page points armed for this page, from
// <meta name="replica-pause">. At each point the page blocks on a synchronous request the
// server holds until the test releases it: the page, and the extension's content script with
// it (same thread), stand still exactly there. Served only while a point is armed.
(() => {
  'use strict';
  const meta = document.querySelector('meta[name="replica-pause"]');
  let points = [];
  try { points = JSON.parse(meta?.content || '[]'); } catch { return; }
  const pause = (at) => {
    const x = new XMLHttpRequest();
    x.open('GET', `/__tba_pause?at=${encodeURIComponent(at)}`, false); // synchronous: the point
    x.send();
  };
  for (const p of points) {
    if (p.on) {
      // Capture phase on the document: before the page's own handlers (React's, NetSuite's).
      const onEvent = (e) => {
        if (!(e.target instanceof Element) || !e.target.closest(p.selector)) return;
        document.removeEventListener(p.on, onEvent, true);
        pause(p.at);
      };
      document.addEventListener(p.on, onEvent, true);
    } else if (p.call && typeof window[p.call] === 'function') {
      const fn = window[p.call];
      let fired = false;
      window[p.call] = function paused(...args) {
        if (!fired) { fired = true; pause(p.at); }
        return fn.apply(this, args);
      };
    } else if (p.load && document.body?.textContent.includes(p.load)) {
      pause(p.at);
    }
  }
})();
