// Replica knob `state.celigo.dataTest = false`: a Celigo page without its `data-test`
// attributes (a release that drops them, or a build that strips them), to prove tba-assist then
// finds the form by roles and labels. Removes every data-test attribute as soon as it appears.
(() => {
  'use strict';
  const strip = (root) => {
    if (root.nodeType !== 1) return;
    if (root.hasAttribute('data-test')) root.removeAttribute('data-test');
    for (const el of root.querySelectorAll('[data-test]')) el.removeAttribute('data-test');
  };
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'attributes') strip(r.target);
      for (const n of r.addedNodes) strip(n);
    }
  }).observe(document.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-test'] });
})();
