// Page behaviour of the NetSuite replica: what NetSuite's own scripts do on these pages.
// Runs in the page's main world, like NetSuite's scripts, so the nlapi* globals are real globals.
(() => {
  'use strict';
  const $ = (sel, root = document) => root.querySelector(sel);
  const $$ = (sel, root = document) => Array.from(root.querySelectorAll(sel));
  const form = () => document.forms.main_form;

  // ── Subtabs: a click on `<tab>txt` shows its pane ──────────────────────────────────────────
  for (const tab of $$('.uir-subtabs [role="tab"]')) {
    tab.addEventListener('click', (e) => {
      e.preventDefault();
      for (const t of $$('.uir-subtabs [role="tab"]')) {
        t.classList.toggle('formtabon', t === tab);
        const pane = document.getElementById(t.dataset.pane);
        if (pane) pane.hidden = t !== tab;
      }
    });
  }

  // ── Buttons that navigate ──────────────────────────────────────────────────────────────────
  for (const b of $$('input[data-href]')) b.addEventListener('click', () => { location.href = b.dataset.href; });

  // ── Checkboxes keep their hidden `_send` companion in step ────────────────────────────────
  function syncSend(box) {
    const send = document.getElementById(`${box.id}_send`);
    if (send) send.value = box.checked ? 'T' : '';
  }
  for (const box of $$('input.nlsinglecheckbox')) {
    box.addEventListener('click', () => {
      syncSend(box);
      if (box.checked && box.dataset.terms === 'T') termsDialog(box);
    });
  }

  // Ticking some SuiteCloud features asks the user to accept terms, as NetSuite does.
  function termsDialog(box) {
    const dlg = document.createElement('div');
    dlg.className = 'ns-terms';
    dlg.setAttribute('role', 'dialog');
    dlg.setAttribute('aria-label', 'NetSuite SuiteCloud Terms Of Service');
    dlg.innerHTML = '<h2>NetSuite SuiteCloud Terms Of Service</h2><p>By enabling this feature you agree to the SuiteCloud Terms of Service.</p><button type="button" id="agree">I Agree</button> <button type="button" id="disagree">I Do Not Agree</button>';
    document.body.appendChild(dlg);
    $('#agree', dlg).addEventListener('click', () => { box.dataset.agreed = 'T'; dlg.remove(); });
    $('#disagree', dlg).addEventListener('click', () => { box.checked = false; syncSend(box); dlg.remove(); });
  }
  // Saving with the terms not accepted is refused, as NetSuite refuses.
  form()?.addEventListener('submit', (e) => {
    const pending = $$('input.nlsinglecheckbox[data-terms="T"]').find((b) => b.checked && b.dataset.agreed !== 'T' && !b.defaultChecked);
    if (pending || $('.ns-terms')) { e.preventDefault(); alertBox('Please accept the terms of service first.'); }
  });
  function alertBox(text) {
    let box = $('#ns_client_error');
    if (!box) {
      box = document.createElement('div');
      box.id = 'ns_client_error';
      box.className = 'uir-alert-box error';
      box.setAttribute('role', 'alert');
      $('#main_form').before(box);
    }
    box.textContent = text;
  }

  // ── Single-select dropdowns ─────────────────────────────────────────────────────────────────
  // The visible `inpt_<id>` shows text; the hidden `<id>` holds the internal id, and only the
  // hidden one is saved. Typing into the visible box changes neither: NetSuite's real pitfall.
  const dropdowns = new Map();
  for (const dd of $$('.ns-dropdown')) {
    const id = dd.dataset.name;
    const options = JSON.parse(dd.dataset.options || '[]');
    const visible = document.getElementById(`inpt_${id}`);
    const hidden = document.getElementById(id);
    dropdowns.set(id, { options, visible, hidden });
    const open = () => {
      closeLists();
      const list = document.createElement('div');
      list.className = 'dropdownDiv';
      list.setAttribute('role', 'listbox');
      for (const o of options) {
        const item = document.createElement('div');
        item.className = 'dropdownNotSelected';
        item.setAttribute('role', 'option');
        item.textContent = o.text;
        item.addEventListener('mousedown', (e) => { e.preventDefault(); setValue(id, o.value, true); closeLists(); });
        list.appendChild(item);
      }
      dd.appendChild(list);
    };
    visible.addEventListener('click', open);
    document.getElementById(`${id}_popup_link`)?.addEventListener('click', open);
  }
  function closeLists() { for (const l of $$('.dropdownDiv')) l.remove(); }
  document.addEventListener('click', (e) => { if (!e.target.closest('.ns-dropdown')) closeLists(); });

  function setValue(id, value, fire) {
    const dd = dropdowns.get(id);
    if (dd) {
      const o = dd.options.find((x) => String(x.value) === String(value));
      dd.hidden.value = o ? String(o.value) : '';
      dd.visible.value = o ? o.text : '';
    } else {
      const el = document.getElementById(id);
      if (!el) return;
      if (el.type === 'checkbox') { el.checked = value === 'T' || value === true; syncSend(el); } else el.value = value;
    }
    if (fire !== false) fieldChanged(id);
  }

  // The Token Name is proposed from the three choices, as NetSuite does.
  function fieldChanged(id) {
    if (!['application', 'user', 'role'].includes(id)) return;
    const name = document.getElementById('name');
    const parts = ['application', 'user', 'role'].map((f) => dropdowns.get(f)?.hidden.value ? dropdowns.get(f).visible.value : '');
    if (name && parts.every(Boolean)) name.value = parts.join(' ');
  }

  // ── SuiteScript 1.0 client API, as NetSuite exposes it on record pages ─────────────────────
  window.nlapiGetFieldValue = (id) => {
    const dd = dropdowns.get(id);
    if (dd) return dd.hidden.value;
    const el = document.getElementById(id);
    if (!el) return null;
    return el.type === 'checkbox' ? (el.checked ? 'T' : 'F') : el.value;
  };
  window.nlapiGetFieldText = (id) => dropdowns.get(id)?.visible.value ?? window.nlapiGetFieldValue(id);
  window.nlapiSetFieldValue = (id, value, firefieldchanged) => setValue(id, value, firefieldchanged);
  window.nlapiSetFieldText = (id, text, firefieldchanged) => {
    const dd = dropdowns.get(id);
    if (!dd) return setValue(id, text, firefieldchanged);
    const o = dd.options.find((x) => x.text === text);
    setValue(id, o ? o.value : '', firefieldchanged);
  };
})();
