// tba-assist MAIN-world bridge, on NetSuite's access-token form only. NetSuite's dropdowns keep
// the chosen record's internal id in a hidden field that only the page's own API sets together
// with the visible text (typing into the box leaves the id unchanged), and page functions are
// out of the isolated executor's reach. So the executor asks this bridge, by DOM event, to call
// one of a few allow-listed nlapi functions. No secret is ever passed here; the executor checks
// the outcome by reading both fields back, so a page that lied here would be caught.
(() => {
  'use strict';
  const ALLOWED = new Set(['nlapiSetFieldText', 'nlapiSetFieldValue']);
  document.addEventListener('tba-assist:call', (event) => {
    let request;
    try { request = JSON.parse(event.detail); } catch { return; }
    const answer = (ok, reason) => document.dispatchEvent(new CustomEvent('tba-assist:result', { detail: JSON.stringify({ id: request.id, ok, reason }) }));
    const fn = globalThis[request.function];
    if (!ALLOWED.has(request.function) || typeof fn !== 'function' || !Array.isArray(request.args)) {
      return answer(false, `the page has no ${request.function}`);
    }
    // NetSuite's firefieldchanged flag is a boolean; the protocol carries strings.
    const args = request.args.map((a, i) => (i === 2 ? a === 'T' : String(a)));
    try {
      fn(...args);
      answer(true);
    } catch (e) {
      answer(false, `the page refused it (${e && e.message ? e.message : 'no reason given'})`);
    }
  });
})();
