// The SuiteCloud terms pop-up of the NetSuite replica (netsuite.mjs termsPage). Evidence: a
// separate window titled "NetSuiteSuiteCloud Terms Of Service" with an "I Agree" button, after
// which the person is back on Enable Features. ASSUMED: how it reaches the opener — on I Agree it
// ticks the box (id in ?feature=) in `window.opener` (same origin), keeps its `_send` companion
// in step, marks it agreed (data-agreed="T") and fires change there, then closes itself. I Do Not
// Agree only closes it: the box stays unticked.
(() => {
  'use strict';
  const feature = document.body.dataset.feature || '';
  function tickOpener() {
    const opener = window.opener;
    if (!opener || opener.closed) return false;
    let box;
    try { box = opener.document.getElementById(feature); } catch { return false; } // not same origin
    if (!box || box.type !== 'checkbox') return false;
    box.dataset.agreed = 'T';
    box.checked = true;
    const send = opener.document.getElementById(`${feature}_send`);
    if (send) send.value = 'T';
    box.dispatchEvent(new opener.Event('change', { bubbles: true }));
    return true;
  }
  document.getElementById('agree')?.addEventListener('click', () => { tickOpener(); window.close(); });
  document.getElementById('disagree')?.addEventListener('click', () => window.close());
})();
