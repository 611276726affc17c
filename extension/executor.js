// tba-assist page executor. Injected into the NetSuite and Celigo pages of the flow only (see
// manifest.json). It knows nothing about NetSuite or Celigo: it describes the page's controls to
// the service worker (a `snapshot`, see core/src/protocol.rs) and runs the plan that comes back.
// Chromium will not compile Wasm here under these sites' CSP, hence plain JavaScript.
//
// Rules kept here: a password input's value is never read into a snapshot, and text that looks
// like a credential (one long unbroken word) is sent as its length only. Nothing is logged.
(() => {
  'use strict';
  if (globalThis.__tbaAssistExecutor) return; // injected twice (SPA re-injection): keep one
  globalThis.__tbaAssistExecutor = true;

  const MAX_CONTROLS = 1500;
  const MAX_TEXTS = 3000;
  const MAX_TEXT = 200;
  const OPAQUE_MIN = 32;

  // Handles: numbers for elements, valid for the life of the page.
  let nextHandle = 1;
  const handleOf = new WeakMap();
  const elementOf = new Map();
  function handle(el) {
    let h = handleOf.get(el);
    if (!h) {
      h = nextHandle++;
      handleOf.set(el, h);
      elementOf.set(h, new WeakRef(el));
    }
    return h;
  }
  function element(h) {
    const el = elementOf.get(h)?.deref();
    return el && el.isConnected ? el : null;
  }

  const squash = (s) => (s || '').replace(/\s+/g, ' ').trim();
  const short = (s) => { const t = squash(s); return t.length > MAX_TEXT ? t.slice(0, MAX_TEXT) : t; };
  const opaqueOf = (s) => {
    const t = (s || '').trim();
    return t.length >= OPAQUE_MIN && !/\s/.test(t) ? { len: t.length, hex: /^[0-9a-fA-F]+$/.test(t) } : null;
  };

  function visible(el) {
    if (el.closest('[aria-hidden="true"]')) return false;
    if (el.type === 'hidden') return false;
    if (typeof el.checkVisibility === 'function') return el.checkVisibility({ visibilityProperty: true });
    return el.getClientRects().length > 0;
  }

  function labelText(el) {
    const by = el.getAttribute('aria-labelledby');
    if (by) {
      const t = by.split(/\s+/).map((id) => document.getElementById(id)?.textContent || '').join(' ');
      if (squash(t)) return short(t);
    }
    if (el.labels && el.labels.length) return short(Array.from(el.labels, (l) => l.textContent).join(' '));
    const wrap = el.closest('label');
    return wrap ? short(wrap.textContent) : '';
  }

  // The nearest text before the element within a few levels of its parents: where pages that do
  // not use <label> put the field's name.
  function nearbyText(el) {
    let node = el;
    for (let depth = 0; depth < 4 && node && node !== document.body; depth++) {
      for (let sib = node.previousElementSibling; sib; sib = sib.previousElementSibling) {
        const t = squash(sib.textContent);
        if (t) return t.length <= 80 ? t : '';
      }
      node = node.parentElement;
    }
    return '';
  }

  function dataTest(el) {
    const owner = el.closest('[data-test]');
    return owner ? owner.getAttribute('data-test') : '';
  }

  const CONTROL_SELECTOR = 'input, select, textarea, button, a[href], [role="button"], [role="combobox"], [role="checkbox"], [role="tab"], [role="link"], [role="listbox"]';

  function describeControl(el) {
    const tag = el.tagName.toLowerCase();
    const type = (el.getAttribute('type') || (tag === 'button' ? 'submit' : '')).toLowerCase();
    const c = {
      handle: handle(el), tag, type,
      id: el.id || '', name: el.getAttribute('name') || '', data_test: dataTest(el),
      role: el.getAttribute('role') || '', aria_label: el.getAttribute('aria-label') || '',
      label: labelText(el), text: tag === 'input' || tag === 'select' || tag === 'textarea' ? '' : short(el.textContent),
      nearby: '', placeholder: el.getAttribute('placeholder') || '',
      href: tag === 'a' ? el.getAttribute('href') || '' : '',
      row: el.closest('tr') ? short(el.closest('tr').textContent) : '',
      value: null, value_opaque: null, checked: null,
      visible: visible(el), disabled: !!el.disabled || el.getAttribute('aria-disabled') === 'true',
      readonly: !!el.readOnly, options: [],
    };
    if (!c.label) c.nearby = nearbyText(el);
    if (type === 'checkbox' || type === 'radio') c.checked = !!el.checked;
    else if (el.getAttribute('role') === 'checkbox') c.checked = el.getAttribute('aria-checked') === 'true';
    if (type !== 'password' && 'value' in el && tag !== 'button') {
      const o = opaqueOf(el.value);
      if (o) c.value_opaque = o; else c.value = short(el.value);
    }
    if (tag === 'select') {
      c.options = Array.from(el.options, (o) => ({ value: o.value, text: short(o.text), selected: o.selected }));
    }
    return c;
  }

  // Visible text with its own words (not only its children's): headings, labels, cells, values.
  function textBlocks() {
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_ELEMENT);
    for (let el = walker.nextNode(); el && out.length < MAX_TEXTS; el = walker.nextNode()) {
      if (el.matches('script, style, noscript, template')) continue;
      let own = '';
      for (const n of el.childNodes) if (n.nodeType === Node.TEXT_NODE) own += n.nodeValue;
      own = squash(own);
      if (!own) continue;
      const b = { handle: handle(el), tag: el.tagName.toLowerCase(), id: el.id || '', role: el.getAttribute('role') || '', text: null, opaque: null, visible: visible(el) };
      const o = opaqueOf(own);
      if (o) b.opaque = o; else b.text = short(own);
      out.push(b);
    }
    return out;
  }

  function snapshot() {
    const all = document.querySelectorAll(CONTROL_SELECTOR);
    const controls = [];
    for (const el of all) {
      if (controls.length >= MAX_CONTROLS) break;
      controls.push(describeControl(el));
    }
    const texts = document.body ? textBlocks() : [];
    return { url: location.href, title: document.title, controls, texts, truncated: all.length > MAX_CONTROLS || texts.length >= MAX_TEXTS };
  }

  // ── Running a plan ───────────────────────────────────────────────────────────────────────
  const nativeSetter = (el) => Object.getOwnPropertyDescriptor(Object.getPrototypeOf(el), 'value')?.set;

  function fill(el, value) {
    el.focus();
    const set = nativeSetter(el);
    if (set) set.call(el, value); else el.value = value;
    el.dispatchEvent(new Event('input', { bubbles: true }));
    el.dispatchEvent(new Event('change', { bubbles: true }));
    el.blur();
    return readBack(el);
  }

  function readBack(el) {
    if ('value' in el && el.tagName !== 'BUTTON') return el.value;
    if (el.getAttribute('role') === 'checkbox') return el.getAttribute('aria-checked');
    return squash(el.textContent);
  }

  function waitFor(find, ms) {
    return new Promise((resolve) => {
      const found = find();
      if (found) return resolve(found);
      const obs = new MutationObserver(() => { const f = find(); if (f) { obs.disconnect(); clearTimeout(t); resolve(f); } });
      obs.observe(document.documentElement, { childList: true, subtree: true, attributes: true });
      const t = setTimeout(() => { obs.disconnect(); resolve(null); }, ms);
    });
  }

  async function choose(el, optionText) {
    const wanted = squash(optionText).toLowerCase();
    el.focus();
    el.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, cancelable: true, button: 0 }));
    el.click();
    const option = await waitFor(() => Array.from(document.querySelectorAll('[role="option"], [role="menuitem"]'))
      .find((o) => squash(o.textContent).toLowerCase() === wanted), 3000);
    if (!option) {
      document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
      throw new Error(`no option "${optionText}" appeared`);
    }
    option.click();
    await waitFor(() => squash(el.textContent).toLowerCase() === wanted || null, 1000);
    return squash(el.textContent);
  }

  // The product's pointer: drawn in a closed shadow root so the page's CSS cannot reach it and
  // its CSS cannot reach the page. It only ever shows text the service worker sent.
  let pointerHost = null;
  function point(el, message) {
    el.scrollIntoView({ block: 'center', inline: 'nearest' });
    if (!pointerHost) {
      pointerHost = document.createElement('tba-assist-pointer');
      const root = pointerHost.attachShadow({ mode: 'closed' });
      root.innerHTML = '<style>:host{all:initial}.box{position:fixed;z-index:2147483647;pointer-events:none;border:3px solid #0f6cbd;border-radius:6px;box-shadow:0 0 0 4px rgba(15,108,189,.25)}.tip{position:fixed;z-index:2147483647;max-width:320px;background:#0f6cbd;color:#fff;font:13px/1.35 system-ui,sans-serif;padding:6px 8px;border-radius:6px}</style><div class="box"></div><div class="tip" role="status"></div>';
      pointerHost.parts = { box: root.querySelector('.box'), tip: root.querySelector('.tip') };
      document.documentElement.appendChild(pointerHost);
    }
    const r = el.getBoundingClientRect();
    Object.assign(pointerHost.parts.box.style, { left: `${r.left - 4}px`, top: `${r.top - 4}px`, width: `${r.width + 8}px`, height: `${r.height + 8}px` });
    Object.assign(pointerHost.parts.tip.style, { left: `${Math.max(4, r.left)}px`, top: `${r.bottom + 10}px` });
    pointerHost.parts.tip.textContent = message;
    return '';
  }

  async function run(action) {
    const el = element(action.handle);
    if (!el) return { status: 'failed', reason: 'the element is no longer on the page' };
    try {
      switch (action.op) {
        case 'fill': return { status: 'done', value: fill(el, action.value) };
        case 'check': if (!!el.checked !== action.on) el.click(); return { status: 'done', value: String(!!el.checked) };
        case 'select': el.value = action.value; el.dispatchEvent(new Event('change', { bubbles: true })); return { status: 'done', value: el.value };
        case 'choose': return { status: 'done', value: await choose(el, action.option_text) };
        case 'click': el.click(); return { status: 'done', value: null };
        case 'point': return { status: 'done', value: point(el, action.message) };
        case 'read_back': return { status: 'done', value: readBack(el) };
        case 'capture': return { status: 'done', value: squash(el.textContent) };
        default: return { status: 'failed', reason: `unknown operation ${action.op}` };
      }
    } catch (e) {
      return { status: 'failed', reason: String(e && e.message || e) };
    }
  }

  async function runPlan(answer) {
    if (!answer || answer.kind !== 'run') return;
    const results = [];
    for (const action of answer.actions) {
      const r = await run(action);
      results.push(r);
      if (r.status !== 'done') break;
    }
    send({ kind: 'plan_result', plan_id: answer.plan_id, results });
  }

  function send(message) {
    try {
      return chrome.runtime.sendMessage(message).then(runPlan, () => {});
    } catch {
      return Promise.resolve(); // the extension was reloaded: this page's executor is orphaned
    }
  }

  // ── Telling the service worker what the page shows ───────────────────────────────────────
  let lastSent = '';
  let timer = 0;
  function report() {
    timer = 0;
    const snap = snapshot();
    const json = JSON.stringify(snap);
    if (json === lastSent) return;
    lastSent = json;
    send({ kind: 'snapshot', snapshot: snap });
  }
  // Pages re-render (React, NetSuite's subtabs): report again once they settle.
  const schedule = () => { if (!timer) timer = setTimeout(report, 250); };
  new MutationObserver(schedule).observe(document.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ['class', 'style', 'hidden', 'aria-hidden', 'aria-expanded', 'value', 'checked'] });
  document.addEventListener('change', schedule, true);
  document.addEventListener('click', schedule, true);
  report();
})();
