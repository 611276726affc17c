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
  // Handles start at a random number in every document, so a plan made for a page that has
  // since been replaced cannot hit an element of the new one.
  let nextHandle = (crypto.getRandomValues(new Uint32Array(1))[0] % 0x7fff0000) + 1;
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
  // Any long unbroken word (a token, a key) is replaced by its length in every text the
  // snapshot carries (and whether it is hex, so a once-shown token can be recognised by its
  // shape); only a `capture` action ever reads such a value.
  const clean = (s) => squash(s).replace(/\S{32,}/g, (w) => `[${w.length}${/^[0-9a-f]+$/i.test(w) ? ' hex' : ''} characters]`);
  // The text a person sees: CSS text-transform applied, hidden descendants (a truncation
  // component's "...") left out. innerText of an element that is not rendered is its textContent.
  const seen = (el) => squash(el ? (typeof el.innerText === 'string' ? el.innerText : el.textContent) : '');
  // How two option or label texts are compared: case, spacing and a required-field asterisk
  // do not count.
  const same = (s) => squash(s).toLowerCase().replace(/[\s*:]+$/, '').replace(/\s+/g, '');
  const short = (s) => { const t = clean(s); return t.length > MAX_TEXT ? t.slice(0, MAX_TEXT) : t; };
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
    // A control that names itself (Material UI's select points aria-labelledby at its own id,
    // whose text is the current choice) has no label from it.
    const by = (el.getAttribute('aria-labelledby') || '').split(/\s+/).filter((id) => id && id !== el.id);
    if (by.length) {
      const t = by.map((id) => seen(document.getElementById(id))).join(' ');
      if (squash(t)) return short(t);
    }
    if (el.labels && el.labels.length) return short(Array.from(el.labels, seen).join(' '));
    const wrap = el.closest('label');
    if (wrap) return short(seen(wrap));
    // A <label for> that names a wrapper of the control rather than the control itself.
    let a = el.parentElement;
    for (let depth = 0; a && a !== document.body && depth < 6; depth++, a = a.parentElement) {
      const l = a.id && labelsFor().get(a.id);
      if (l) return short(seen(l));
    }
    return '';
  }

  // Every <label for> of the page by the id it names, read once per snapshot.
  let labelIndex = null;
  function labelsFor() {
    if (!labelIndex) {
      labelIndex = new Map();
      for (const l of document.querySelectorAll('label[for]')) if (!labelIndex.has(l.htmlFor)) labelIndex.set(l.htmlFor, l);
    }
    return labelIndex;
  }

  // The nearest text before the element within a few levels of its parents: where pages that do
  // not use <label> put the field's name.
  function nearbyText(el) {
    let node = el;
    for (let depth = 0; depth < 4 && node && node !== document.body; depth++) {
      for (let sib = node.previousElementSibling; sib; sib = sib.previousElementSibling) {
        // innerText lays the element out: a previous sibling may be a whole table. Its raw text
        // decides first (what is shown is part of it): none means none shown, a lot means too
        // long to be a field's name.
        const raw = sib.textContent;
        if (!/\S/.test(raw)) continue;
        if (raw.length > 1000) return '';
        const t = clean(seen(sib));
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
      popup: el.getAttribute('aria-haspopup') || '', field: el.closest('[data-name]')?.getAttribute('data-name') || '',
      label: labelText(el), text: tag === 'input' || tag === 'select' || tag === 'textarea' ? '' : short(seen(el)),
      nearby: '', placeholder: el.getAttribute('placeholder') || '',
      href: tag === 'a' ? el.getAttribute('href') || '' : '',
      row: el.closest('tr') ? short(el.closest('tr').textContent) : '',
      value: null, value_opaque: null, checked: null, default_checked: null,
      visible: visible(el), disabled: !!el.disabled || el.getAttribute('aria-disabled') === 'true',
      readonly: !!el.readOnly, options: [],
    };
    if (!c.label) c.nearby = nearbyText(el);
    c.default_checked = null;
    if (type === 'checkbox' || type === 'radio') { c.checked = !!el.checked; c.default_checked = !!el.defaultChecked; }
    else if (el.getAttribute('role') === 'checkbox') c.checked = el.getAttribute('aria-checked') === 'true';
    if (type !== 'password' && 'value' in el && tag !== 'button') {
      const o = opaqueOf(el.value);
      if (o) c.value_opaque = o; else c.value = short(el.value);
    }
    if (tag === 'select') {
      c.options = Array.from(el.options, (o) => ({ value: o.value, text: short(o.text), selected: o.selected }));
    } else if (tag === 'input' && el.closest('[data-options]')) {
      c.options = dataOptions(el.closest('[data-options]'));
    }
    return c;
  }

  // A custom dropdown that carries its choices as data (NetSuite's `data-options` JSON): what it
  // offers, without opening it.
  function dataOptions(holder) {
    try {
      const list = JSON.parse(holder.getAttribute('data-options') || '[]');
      return Array.isArray(list) ? list.slice(0, 300).map((o) => ({ value: short(String(o?.value ?? '')), text: short(String(o?.text ?? '')), selected: false })) : [];
    } catch {
      return [];
    }
  }

  // An element's own words, its text nodes apart (a <br> between two lines is a space, not
  // nothing: "Token ID: <hex><br>Token Secret: <hex>" must stay two values).
  function ownText(el) {
    const parts = [];
    for (const n of el.childNodes) if (n.nodeType === Node.TEXT_NODE) parts.push(n.nodeValue);
    return squash(parts.join(' '));
  }

  // Visible text with its own words (not only its children's): headings, labels, cells, values.
  function textBlocks() {
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_ELEMENT);
    for (let el = walker.nextNode(); el && out.length < MAX_TEXTS; el = walker.nextNode()) {
      if (el.matches('script, style, noscript, template')) continue;
      const own = ownText(el);
      if (!own) continue;
      const b = { handle: handle(el), tag: el.tagName.toLowerCase(), id: el.id || '', role: el.getAttribute('role') || '', text: null, opaque: null, visible: visible(el) };
      const o = opaqueOf(own);
      if (o) b.opaque = o; else b.text = short(own);
      out.push(b);
    }
    return out;
  }

  // Only what differs from the protocol's defaults travels (every Rust field has a default):
  // most fields of most controls are empty, and the message is about half the size for it.
  function compact(o) {
    const out = {};
    for (const k in o) {
      const v = o[k];
      if (v === '' || v === null || v === false || (Array.isArray(v) && v.length === 0)) continue;
      out[k] = v;
    }
    return out;
  }

  function snapshot() {
    labelIndex = null;
    const all = document.querySelectorAll(CONTROL_SELECTOR);
    const controls = [];
    for (const el of all) {
      if (controls.length >= MAX_CONTROLS) break;
      controls.push(compact(describeControl(el)));
    }
    const texts = document.body ? textBlocks() : [];
    return { url: location.href, title: document.title, controls, texts: texts.map(compact), truncated: all.length > MAX_CONTROLS || texts.length >= MAX_TEXTS };
  }

  // ── Running a plan ───────────────────────────────────────────────────────────────────────
  const nativeSetter = (el) => Object.getOwnPropertyDescriptor(Object.getPrototypeOf(el), 'value')?.set;
  const isSecretInput = (el) => el.tagName === 'INPUT' && el.type === 'password';

  // Framework-controlled inputs (React) only notice a value set through the prototype's setter
  // followed by a bubbling input event.
  function fill(el, value) {
    // A credential goes only into a password field, whatever the plan says.
    if (opaqueOf(value) && !isSecretInput(el)) throw new Error('a credential may only be typed into a password field');
    el.focus();
    const set = nativeSetter(el);
    if (set) set.call(el, value); else el.value = value;
    el.dispatchEvent(new Event('input', { bubbles: true }));
    el.dispatchEvent(new Event('change', { bubbles: true }));
    el.blur();
    // A password's value never travels back: only whether it holds what was filled.
    return isSecretInput(el) ? { status: 'done', value: null, matches: el.value === value } : { status: 'done', value: readBack(el), matches: null };
  }

  function readBack(el) {
    if (isSecretInput(el)) return null;
    if ('value' in el && el.tagName !== 'BUTTON' && el.tagName !== 'LI') return el.type === 'checkbox' ? String(el.checked) : el.value;
    if (el.getAttribute('role') === 'checkbox') return el.getAttribute('aria-checked');
    return seen(el);
  }

  function waitFor(find, ms) {
    return new Promise((resolve) => {
      const found = find();
      if (found) return resolve(found);
      const obs = new MutationObserver(() => { const f = find(); if (f) { obs.disconnect(); clearTimeout(t); resolve(f); } });
      obs.observe(document.documentElement, { childList: true, subtree: true, attributes: true, characterData: true });
      const t = setTimeout(() => { obs.disconnect(); resolve(find() || null); }, ms);
    });
  }

  // What a person's click sends: custom dropdowns listen to different parts of it (Material UI
  // opens on mousedown, NetSuite's lists on click and mousedown).
  function press(el) {
    const at = { bubbles: true, cancelable: true, button: 0, view: window };
    el.dispatchEvent(new MouseEvent('mousedown', at));
    el.dispatchEvent(new MouseEvent('mouseup', at));
    el.click();
  }

  // Options of an open dropdown: ARIA options and menu items, or what the plan names (NetSuite's
  // list is plain divs).
  const OPTION_SELECTOR = '[role="option"], [role="menuitem"]';
  const shownOptions = (list) => Array.from(document.querySelectorAll(list || OPTION_SELECTOR)).filter(visible);
  // An option's visible text, read from its text nodes: innerText of a row a virtualized list
  // has just rendered (or is moving) can come back as textContent, hidden "..." included.
  function optionText(o) {
    let out = '';
    const walker = document.createTreeWalker(o, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const style = n.parentElement && getComputedStyle(n.parentElement);
      if (style && (style.visibility !== 'visible' || style.display === 'none')) continue;
      out += n.nodeValue;
    }
    return squash(out);
  }
  function findOption(wanted, list) {
    const all = shownOptions(list);
    for (const w of wanted) {
      const hit = all.find((o) => same(optionText(o)) === w);
      if (hit) return hit;
    }
    return null;
  }

  // The scrolling box of a virtualized list (react-window renders only the rows in view).
  function scroller(option) {
    for (let box = option?.parentElement; box && box !== document.body; box = box.parentElement) {
      if (box.scrollHeight > box.clientHeight + 1 && /(auto|scroll)/.test(getComputedStyle(box).overflowY)) return box;
    }
    return null;
  }

  // Resolves on the next change of the page, or after `ms` with nothing.
  function nextChange(ms) {
    return new Promise((resolve) => {
      const obs = new MutationObserver(() => { obs.disconnect(); clearTimeout(t); resolve(true); });
      obs.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
      const t = setTimeout(() => { obs.disconnect(); resolve(false); }, ms);
    });
  }

  // Looks for the option through the whole list, scrolling it from the top when it is
  // virtualized: the wanted option may be the seventh, which is not rendered until scrolled to.
  async function reachOption(wanted, list) {
    const first = await waitFor(() => shownOptions(list)[0] || null, 3000);
    if (!first) return null;
    let hit = findOption(wanted, list);
    // The options may still be loading (Celigo fetches an Integration App's iClients): give the
    // list a few seconds to grow.
    const until = Date.now() + 5000;
    let box = null;
    while (!hit && !(box = scroller(shownOptions(list)[0])) && Date.now() < until) {
      await nextChange(250);
      hit = findOption(wanted, list);
    }
    if (hit || !box) return hit;
    box.scrollTop = 0;
    box.dispatchEvent(new Event('scroll'));
    for (let step = 0; step < 200 && !hit; step++) {
      await nextChange(150);
      hit = findOption(wanted, list);
      if (hit || box.scrollTop + box.clientHeight >= box.scrollHeight - 1) break;
      box.scrollTop += Math.max(24, box.clientHeight - 48);
      box.dispatchEvent(new Event('scroll'));
    }
    return hit || findOption(wanted, list);
  }

  async function choose(el, options, list) {
    const wanted = options.map(same);
    const shown = () => same(readBack(el) || '');
    if (wanted.includes(shown())) return readBack(el);
    el.focus();
    press(el);
    const option = await reachOption(wanted, list);
    if (!option) {
      const offered = shownOptions(list).map(optionText).filter(Boolean).slice(0, 8);
      document.activeElement?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
      throw new Error(`none of the options ${options.map((o) => `"${o}"`).join(', ')} is in the list${offered.length ? ` (it shows ${offered.map((o) => `"${short(o)}"`).join(', ')})` : ''}`);
    }
    option.scrollIntoView({ block: 'nearest' });
    press(option);
    await waitFor(() => wanted.includes(shown()) || null, 2000);
    return readBack(el);
  }

  // The MAIN-world bridge (bridge.js) calls the page's own functions, for NetSuite's nlapi*.
  // Only the call's name and non-secret arguments cross; the answer is checked by read-backs.
  let nextCall = crypto.getRandomValues(new Uint32Array(1))[0];
  function callPage(fn, args) {
    const id = nextCall++;
    return new Promise((resolve) => {
      const onResult = (e) => {
        let r;
        try { r = JSON.parse(e.detail); } catch { return; }
        if (r.id !== id) return;
        document.removeEventListener('tba-assist:result', onResult);
        clearTimeout(t);
        // The page can see these events: its words never reach the product's messages.
        resolve(r.ok ? { status: 'done', value: null, matches: null } : { status: 'failed', reason: "NetSuite's page functions did not take the value" });
      };
      document.addEventListener('tba-assist:result', onResult);
      const t = setTimeout(() => {
        document.removeEventListener('tba-assist:result', onResult);
        resolve({ status: 'failed', reason: "the page's own functions are not reachable" });
      }, 2000);
      document.dispatchEvent(new CustomEvent('tba-assist:call', { detail: JSON.stringify({ id, function: fn, args }) }));
    });
  }

  async function waitText(texts, ms) {
    const wanted = texts.map((t) => t.toLowerCase());
    const line = () => (document.body?.innerText || '').split('\n').map(clean).find((l) => wanted.some((w) => l.toLowerCase().includes(w)));
    const found = await waitFor(line, ms);
    if (!found) throw new Error('the page did not show the expected message in time');
    return found;
  }

  async function run(action) {
    if (action.op === 'call_page') return callPage(action.function, action.args);
    if (action.op === 'wait_text') {
      try { return { status: 'done', value: await waitText(action.texts, action.timeout_ms), matches: null }; } catch (e) { return { status: 'failed', reason: String(e.message) }; }
    }
    const el = element(action.handle);
    if (!el) return { status: 'failed', reason: 'the element is no longer on the page' };
    const done = (value) => ({ status: 'done', value, matches: null });
    try {
      switch (action.op) {
        case 'fill': return fill(el, action.value);
        case 'check': if (!!el.checked !== action.on) el.click(); return done(String(!!el.checked));
        case 'select': el.value = action.value; el.dispatchEvent(new Event('change', { bubbles: true })); return done(el.value);
        case 'choose': return done(await choose(el, action.options, action.list));
        case 'click': el.click(); return done(null);
        case 'point': point(el, action.message); return done(null);
        case 'read_back': return done(readBack(el));
        case 'capture': return done(el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' ? squash(el.value) : ownText(el) || squash(el.textContent));
        default: return { status: 'failed', reason: `unknown operation ${action.op}` };
      }
    } catch (e) {
      return { status: 'failed', reason: String(e && e.message || e) };
    }
  }

  async function runPlan(plan) {
    const results = [];
    for (const action of plan.actions) {
      const r = await run(action);
      results.push(r);
      if (r.status !== 'done') break;
    }
    return { plan_id: plan.plan_id, results };
  }

  // ── The highlight: the step, what to do, a pointer and "Do it" ───────────────────────────
  // Drawn in a closed shadow root so the page's CSS cannot reach it and its CSS cannot reach
  // the page. It shows only text the service worker sent, which never holds a secret.
  let ui = null;
  function overlay() {
    if (ui) return ui;
    const host = document.createElement('tba-assist-guide');
    const root = host.attachShadow({ mode: 'closed' });
    root.innerHTML = `<style>
:host{all:initial}
.box{position:fixed;z-index:2147483646;pointer-events:none;border:3px solid #0f6cbd;border-radius:6px;box-shadow:0 0 0 4px rgba(15,108,189,.25);display:none}
.card{position:fixed;left:16px;bottom:16px;z-index:2147483647;width:320px;background:#fff;color:#1b1b1b;font:13px/1.4 system-ui,sans-serif;border:1px solid #c8c8c8;border-left:6px solid #0f6cbd;border-radius:8px;box-shadow:0 6px 24px rgba(0,0,0,.18);padding:10px 12px}
.card.success{border-left-color:#107c10}.card.error{border-left-color:#c50f1f}
.title{font-weight:600;margin:0 24px 4px 0}.msg{margin:0 0 8px}
button{font:inherit;border-radius:4px;cursor:pointer}
.doit{background:#0f6cbd;color:#fff;border:0;padding:5px 12px}.doit[disabled]{opacity:.6;cursor:default}
.close{position:absolute;top:6px;right:8px;border:0;background:none;font-size:16px;color:#555}
.brand{font-size:11px;color:#616161;margin-bottom:2px}
</style><div class="box"></div><div class="card" role="status" aria-live="polite"><div class="brand">tba-assist</div><button class="close" aria-label="Hide">×</button><p class="title"></p><p class="msg"></p><button class="doit" type="button"></button></div>`;
    ui = { host, box: root.querySelector('.box'), card: root.querySelector('.card'), title: root.querySelector('.title'), msg: root.querySelector('.msg'), doit: root.querySelector('.doit'), target: null };
    root.querySelector('.close').addEventListener('click', () => { host.remove(); ui = null; });
    ui.doit.addEventListener('click', doIt);
    document.documentElement.appendChild(host);
    addEventListener('scroll', placeBox, { passive: true, capture: true });
    addEventListener('resize', placeBox, { passive: true });
    return ui;
  }

  // The card goes to the corner farthest from what it points at, so it never hides the target
  // (nor, on a drawer form, the buttons next to it).
  function placeBox() {
    if (!ui) return;
    const el = ui.target;
    const corner = { left: '16px', right: 'auto', top: 'auto', bottom: '16px' };
    if (!el || !el.isConnected || !visible(el)) {
      ui.box.style.display = 'none';
    } else {
      const r = el.getBoundingClientRect();
      Object.assign(ui.box.style, { display: 'block', left: `${r.left - 4}px`, top: `${r.top - 4}px`, width: `${r.width + 8}px`, height: `${r.height + 8}px` });
      const right = r.left + r.width / 2 < innerWidth / 2;
      const below = r.top + r.height / 2 < innerHeight / 2;
      Object.assign(corner, { left: right ? 'auto' : '16px', right: right ? '16px' : 'auto', top: below ? 'auto' : '16px', bottom: below ? '16px' : 'auto' });
    }
    Object.assign(ui.card.style, corner);
  }

  function point(el, message) {
    const u = overlay();
    u.target = el;
    el.scrollIntoView({ block: 'center', inline: 'nearest' });
    if (message) u.msg.textContent = message;
    placeBox();
  }

  function render(answer) {
    if (!answer || answer.kind !== 'guide') {
      if (ui) { ui.host.remove(); ui = null; }
      return;
    }
    draw(answer.guide);
  }

  function draw(g) {
    const u = overlay();
    u.card.className = `card ${g.tone}`;
    u.title.textContent = g.title;
    u.msg.textContent = g.message;
    u.doit.hidden = !g.do_it;
    u.doit.disabled = false;
    u.doit.textContent = g.do_it || '';
    // No scrolling here: the page must not move under the person's mouse. The box follows the
    // target as they scroll.
    u.target = g.point_at ? element(g.point_at) : null;
    placeBox();
  }

  async function doIt() {
    if (!ui) return;
    const label = ui.doit.textContent;
    ui.doit.disabled = true;
    ui.doit.textContent = 'Working…';
    // Answers to snapshots sent before or during the Do it describe the page as it was: the
    // Do it's own answer is the one to show.
    doing = true;
    epoch++;
    const answer = await ask({ kind: 'do_it', snapshot: snapshot() });
    doing = false;
    epoch++;
    // No answer: the service worker was stopped meanwhile (Chrome does that), and the one it
    // starts carries on from what it kept; the next snapshot wakes it. Keep the button anyway.
    if (answered(answer)) render(answer);
    else {
      draw({ title: 'tba-assist was interrupted', message: 'It picks up where it was in a moment. If nothing changes, press the button again or reload this page.', tone: 'error', point_at: null, do_it: label });
      resend();
    }
  }

  function ask(message) {
    try {
      return chrome.runtime.sendMessage(message).catch(() => null);
    } catch {
      return Promise.resolve(null); // the extension was reloaded: this page's executor is orphaned
    }
  }

  // Requests from the service worker: run a plan, send a fresh snapshot, show a guide.
  chrome.runtime.onMessage.addListener((message, sender, respond) => {
    if (sender.id !== chrome.runtime.id || !message) return false;
    if (message.kind === 'run') { runPlan(message).then(respond); return true; }
    if (message.kind === 'snapshot_please') { respond({ kind: 'snapshot', snapshot: snapshot() }); return false; }
    if (message.kind === 'guide' || message.kind === 'idle') { render(message); respond({}); return false; }
    if (message.kind === 'ping') { respond({}); return false; } // "this page has an executor"
    return false;
  });

  // ── Telling the service worker what the page shows ───────────────────────────────────────
  let lastSent = '';
  let doing = false;
  let epoch = 0;
  let timer = 0;
  // What the last look cost the page (ms): the next one waits ten times that, so a page that
  // changes all the time (a big NetSuite record re-rendering) gives tba-assist at most a tenth of
  // its main thread, whatever its size.
  let lastCost = 0;
  function report() {
    timer = 0;
    const started = performance.now();
    const snap = snapshot();
    const json = JSON.stringify(snap);
    lastCost = performance.now() - started;
    if (json === lastSent) return;
    lastSent = json;
    const sent = epoch;
    ask({ kind: 'snapshot', snapshot: snap }).then((answer) => {
      // Lost (the worker stopped before it answered): send it again, or this page, which may
      // show the token once only, would never be seen. A few times, then the page's changes.
      if (!answered(answer)) return resend();
      failures = 0;
      if (!doing && sent === epoch) render(answer);
    });
  }
  // background.js answers a failure with an error object; anything but a guide is no answer.
  const answered = (a) => !!a && (a.kind === 'guide' || a.kind === 'idle');
  let failures = 0;
  function resend() {
    lastSent = '';
    if (failures < 12) setTimeout(schedule, 250 * Math.min(2 ** failures++, 16));
  }
  // Pages re-render (React, NetSuite's subtabs): report again once they settle.
  const schedule = () => { if (!timer) timer = setTimeout(report, Math.max(250, lastCost * 9)); };
  // Injected at document_start, it looks at the page only once the page has loaded, and not
  // within its load event: nothing of it is in the page's own loading time.
  function watch() {
    new MutationObserver(schedule).observe(document.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ['class', 'style', 'hidden', 'aria-hidden', 'aria-expanded', 'value', 'checked'] });
    document.addEventListener('change', schedule, true);
    // Back from another window (NetSuite's terms open in a pop-up that ticks a box here).
    addEventListener('focus', schedule);
    document.addEventListener('click', schedule, true);
    report();
  }
  if (document.readyState === 'complete') watch();
  else addEventListener('load', () => setTimeout(watch, 0), { once: true });
})();
