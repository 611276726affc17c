// Page behaviour of the NetSuite replica: what NetSuite's own scripts do on these pages.
// Runs in the page's main world, like NetSuite's scripts, so the nlapi* globals are real globals.
// Facts: ../../shared/reference/netsuite-celigo-facts.md §2. ASSUMED marks behaviour no public
// source shows.
(() => {
  'use strict';
  const $ = (sel, root = document) => root.querySelector(sel);
  const $$ = (sel, root = document) => Array.from(root.querySelectorAll(sel));
  const form = () => document.forms.main_form;
  const editMode = () => document.body.dataset.mode === 'edit';

  // ── Unsaved changes: NetSuite asks before leaving an edited record ─────────────────────────
  // The known way out (facts §2): `setWindowChanged(window, false); window.onbeforeunload = null`.
  let windowChanged = false;
  function beforeUnload(e) {
    if (!windowChanged) return undefined;
    e.preventDefault();
    e.returnValue = 'You have unsaved changes. Leave this page?';
    return e.returnValue;
  }
  function markChanged() {
    if (!editMode()) return;
    windowChanged = true;
    window.onbeforeunload = beforeUnload;
  }
  window.setWindowChanged = (win, changed) => {
    windowChanged = !!changed;
    if (changed) win.onbeforeunload = beforeUnload;
  };
  window.isWindowChanged = () => windowChanged;
  form()?.addEventListener('input', markChanged);
  form()?.addEventListener('change', markChanged);

  // ── Header menu: the items without a page only open their submenu ─────────────────────────
  for (const a of $$('a[data-nonav="T"]')) a.addEventListener('click', (e) => e.preventDefault());

  // ── Subtabs: a click on `<tab>txt` shows its pane (each tab strip on its own) ─────────────
  for (const strip of $$('.uir-subtabs')) {
    const tabs = $$(':scope > [role="tab"]', strip);
    for (const tab of tabs) {
      tab.addEventListener('click', (e) => {
        e.preventDefault();
        for (const t of tabs) {
          const on = t === tab;
          t.classList.toggle('formtabon', on);
          t.setAttribute('aria-selected', String(on));
          const pane = document.getElementById(t.dataset.pane);
          if (pane) pane.hidden = !on;
        }
      });
    }
  }

  // ── Buttons that navigate ──────────────────────────────────────────────────────────────────
  for (const b of $$('input[data-href]')) b.addEventListener('click', () => { location.href = b.dataset.href; });

  // ── Messages shown by the page script (NetSuite uses alert boxes above the form) ──────────
  function clientError(text) {
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
  function clearClientError() { $('#ns_client_error')?.remove(); }

  // ── Checkboxes keep their hidden `_send` companion in step ────────────────────────────────
  function syncSend(box) {
    const send = document.getElementById(`${box.id}_send`);
    if (send) send.value = box.checked ? 'T' : '';
  }
  // A box with data-terms asks for the SuiteCloud terms first, unless it was saved ticked.
  const needsTerms = (box) => box.dataset.terms === 'T' && !box.defaultChecked && box.dataset.agreed !== 'T';
  for (const box of $$('input.nlsinglecheckbox')) {
    box.addEventListener('click', (e) => {
      if (box.checked && needsTerms(box)) {
        // NetSuite opens the terms when the box is ticked; the box stays unticked until "I Agree".
        e.preventDefault();
        termsDialog(box);
        return;
      }
      syncSend(box);
    });
  }

  // The SuiteCloud terms. ASSUMED: NetSuite shows them in a pop-up window; the replica draws an
  // in-page modal window (Ext-style markup) because its CSP forbids framing. Its buttons exist
  // only while it is open.
  function termsDialog(box) {
    if ($('#ns_terms_window')) return;
    const label = $(`#${box.id}_fs_lbl`)?.textContent.trim() || box.id;
    const mask = document.createElement('div');
    mask.className = 'ext-el-mask';
    mask.id = 'ns_terms_mask';
    const win = document.createElement('div');
    win.className = 'x-window ns-terms';
    win.id = 'ns_terms_window';
    win.setAttribute('role', 'dialog');
    win.setAttribute('aria-modal', 'true');
    win.setAttribute('aria-labelledby', 'ns_terms_title');
    win.innerHTML = `<div class="x-window-header"><span class="x-window-header-text" id="ns_terms_title"></span><a href="#" class="x-tool-close" id="ns_terms_close" aria-label="Close">×</a></div>
<div class="x-window-body"><div class="ns-terms-text"><p class="ns-terms-feature"></p><p>By enabling this feature, you agree to the NetSuite SuiteCloud Terms of Service, including the terms that govern the use of SuiteScript, web services and token-based authentication.</p></div>
<div class="ns-terms-buttons"><input type="button" id="agree" name="agree" class="pgBntG" value="I Agree"> <input type="button" id="disagree" name="disagree" class="pgBntB" value="I Do Not Agree"></div></div>`;
    $('#ns_terms_title', win).textContent = 'NetSuite SuiteCloud Terms Of Service';
    $('.ns-terms-feature', win).textContent = `Feature: ${label}`;
    document.body.append(mask, win);
    const close = () => { win.remove(); mask.remove(); };
    $('#agree', win).addEventListener('click', () => {
      box.dataset.agreed = 'T';
      box.checked = true;
      syncSend(box);
      box.dispatchEvent(new Event('change', { bubbles: true }));
      close();
    });
    $('#disagree', win).addEventListener('click', close);
    $('#ns_terms_close', win).addEventListener('click', (e) => { e.preventDefault(); close(); });
  }

  // ── Single-select dropdowns ─────────────────────────────────────────────────────────────────
  // The visible `inpt_<id>` shows text; the hidden `<id>` holds the internal id, and only the
  // hidden one is saved. Only a choice (click, or Enter/Tab on a highlighted match while typing)
  // sets the hidden id: text put into the box by script or by typing alone changes nothing
  // else — NetSuite's real pitfall (facts §2).
  const dropdowns = new Map();
  for (const el of $$('.ns-dropdown')) {
    const id = el.dataset.name;
    const dd = { id, el, options: JSON.parse(el.dataset.options || '[]'), visible: document.getElementById(`inpt_${id}`), hidden: document.getElementById(id), list: null, active: -1, shown: [] };
    dropdowns.set(id, dd);
    const open = () => openList(dd, '');
    dd.visible.addEventListener('click', open);
    document.getElementById(`${id}_popup_link`)?.addEventListener('click', () => { dd.visible.focus(); open(); });
    dd.visible.addEventListener('input', () => openList(dd, dd.visible.value));
    dd.visible.addEventListener('keydown', (e) => {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        if (!dd.list) openList(dd, '');
        const n = dd.shown.length;
        if (n) highlight(dd, (dd.active + (e.key === 'ArrowDown' ? 1 : n - 1)) % n);
        e.preventDefault();
      } else if ((e.key === 'Enter' || e.key === 'Tab') && dd.list) {
        const o = dd.shown[dd.active];
        if (o) setValue(id, o.value, true);
        closeLists();
        if (e.key === 'Enter') e.preventDefault();
      } else if (e.key === 'Escape') {
        closeLists();
      }
    });
    dd.visible.addEventListener('blur', () => closeLists());
  }

  function openList(dd, filter) {
    closeLists();
    const f = filter.trim().toLowerCase();
    dd.shown = dd.options.filter((o) => !f || o.text.toLowerCase().includes(f));
    const list = document.createElement('div');
    list.className = 'dropdownDiv';
    list.id = `${dd.id}_dropdown`;
    list.setAttribute('role', 'listbox');
    dd.shown.forEach((o) => {
      const item = document.createElement('div');
      item.className = String(o.value) === dd.hidden.value ? 'dropdownSelected' : 'dropdownNotSelected';
      item.setAttribute('role', 'option');
      item.setAttribute('aria-selected', String(String(o.value) === dd.hidden.value));
      item.dataset.value = String(o.value);
      item.textContent = o.text;
      item.addEventListener('mousedown', (e) => e.preventDefault()); // keep the focus in the box
      item.addEventListener('click', (e) => { e.preventDefault(); setValue(dd.id, o.value, true); closeLists(); });
      list.appendChild(item);
    });
    dd.el.appendChild(list);
    dd.list = list;
    dd.active = -1;
    if (f && dd.shown.length) highlight(dd, 0);
  }
  function highlight(dd, i) {
    dd.active = i;
    $$('[role="option"]', dd.list).forEach((item, j) => item.classList.toggle('dropdownHighlighted', j === i));
  }
  function closeLists() {
    for (const dd of dropdowns.values()) { dd.list?.remove(); dd.list = null; dd.active = -1; }
  }
  document.addEventListener('click', (e) => { if (!e.target.closest('.ns-dropdown')) closeLists(); });

  function setOptions(id, options) {
    const dd = dropdowns.get(id);
    if (!dd) return;
    dd.options = options;
    dd.el.dataset.options = JSON.stringify(options);
    if (!options.some((o) => String(o.value) === dd.hidden.value)) { dd.hidden.value = ''; dd.visible.value = ''; }
  }

  function setValue(id, value, fire) {
    const dd = dropdowns.get(id);
    if (dd) {
      const o = dd.options.find((x) => String(x.value) === String(value));
      dd.hidden.value = o ? String(o.value) : '';
      dd.visible.value = o ? o.text : '';
      markChanged();
    } else {
      const el = document.getElementById(id);
      if (!el) return;
      if (el.type === 'checkbox') {
        const on = value === 'T' || value === true;
        if (on && !el.checked && needsTerms(el)) { termsDialog(el); return; }
        el.checked = on;
        syncSend(el);
      } else el.value = value;
      markChanged();
    }
    if (fire !== false) fieldChanged(id);
  }

  // Field changes NetSuite reacts to: sourcing (the user's roles) and the proposed Token Name.
  function fieldChanged(id) {
    for (const dd of dropdowns.values()) {
      if (dd.el.dataset.sourceField !== id) continue;
      const map = JSON.parse(dd.el.dataset.sourceMap || '{}');
      setOptions(dd.id, map[window.nlapiGetFieldValue(id)] || []);
    }
    if (['application', 'user', 'role'].includes(id)) {
      const name = document.getElementById('name');
      const parts = ['application', 'user', 'role'].map((f) => (dropdowns.get(f)?.hidden.value ? dropdowns.get(f).visible.value : ''));
      // ASSUMED separator: Oracle says the name is "Application Name + User + Role".
      if (name && parts.every(Boolean)) name.value = parts.join(' ');
    }
  }

  // ── Sublist machines (inline editors) ─────────────────────────────────────────────────────
  // Rows live in the hidden `<m>data` (rows \u0002, columns \u0001, names in `<m>fields`);
  // `buildtable()` redraws `<m>_splits` from it.
  const machines = new Map();
  for (const div of $$('.uir-machine')) {
    const m = div.dataset.machine;
    const machine = {
      name: m,
      columns: JSON.parse(div.dataset.columns || '[]'),
      unique: div.dataset.unique || '',
      data: document.getElementById(`${m}data`),
      fields: (document.getElementById(`${m}fields`)?.value || '').split('\u0001'),
      table: document.getElementById(`${m}_splits`),
      editRow: $('.uir-machine-editrow', div),
      addButton: document.getElementById(`${m}_addedit`),
      selected: null,
      rows() {
        return this.data.value.split('\u0002').filter((r) => r !== '').map((r) => {
          const cols = r.split('\u0001');
          return Object.fromEntries(this.fields.map((f, i) => [f, cols[i] ?? '']));
        });
      },
      setRows(rows) {
        this.data.value = rows.map((r) => this.fields.map((f) => String(r[f] ?? '').replace(/[\u0001\u0002]/g, ' ')).join('\u0001')).join('\u0002');
      },
      buildtable() {
        for (const tr of $$('tr.uir-machine-row:not(.uir-machine-editrow)', this.table)) tr.remove();
        this.rows().forEach((r, i) => {
          const tr = document.createElement('tr');
          tr.id = `${m}_row_${i + 1}`;
          tr.className = `uir-machine-row ${i % 2 ? 'uir-machine-row-even' : 'uir-machine-row-odd'}${this.selected === i ? ' uir-machine-row-selected' : ''}`;
          for (const c of this.columns) {
            const td = document.createElement('td');
            td.className = 'uir-list-row-cell';
            td.textContent = c.select ? r[`${c.id}_display`] : r[c.id];
            tr.appendChild(td);
          }
          if (this.editRow) tr.addEventListener('click', () => this.selectLine(i));
          if (this.editRow) this.editRow.before(tr); else (this.table.tBodies[0] || this.table).appendChild(tr);
        });
        if (this.editRow) this.editRow.id = `${m}_row_${(this.selected ?? this.rows().length) + 1}`;
      },
      current() {
        const r = {};
        for (const c of this.columns) {
          if (c.select) {
            const dd = dropdowns.get(c.id);
            const o = dd?.options.find((x) => String(x.value) === dd.hidden.value);
            r[c.id] = o ? String(o.value) : '';
            r[`${c.id}_display`] = o ? o.text : '';
          } else r[c.id] = document.getElementById(c.id)?.value ?? '';
        }
        return r;
      },
      pending() { return this.columns.some((c) => this.current()[c.id] !== ''); },
      clearEditor() {
        for (const c of this.columns) setValue(c.id, '', false);
        this.selected = null;
        if (this.addButton) this.addButton.value = 'Add';
      },
      /** Add (or, with a line selected, OK): false when the line is refused. */
      addedit() {
        const r = this.current();
        const first = this.columns[0];
        if (!r[first.id]) { clientError(`Please enter value(s) for: ${first.label}`); return false; }
        const rows = this.rows();
        // ASSUMED wording of the duplicate-line refusal.
        if (this.unique && rows.some((x, i) => i !== this.selected && x[this.unique] === r[this.unique])) { clientError(`This ${first.label.toLowerCase()} has already been added: ${r[`${first.id}_display`] || r[first.id]}.`); return false; }
        if (this.selected !== null) rows[this.selected] = r; else rows.push(r);
        this.setRows(rows);
        clearClientError();
        this.clearEditor();
        this.buildtable();
        markChanged();
        return true;
      },
      remove() {
        if (this.selected === null) return;
        const rows = this.rows();
        rows.splice(this.selected, 1);
        this.setRows(rows);
        this.clearEditor();
        this.buildtable();
        markChanged();
      },
      selectLine(i) {
        const r = this.rows()[i];
        if (!r) return;
        this.selected = i;
        for (const c of this.columns) setValue(c.id, r[c.id], false);
        if (this.addButton) this.addButton.value = 'OK';
        this.buildtable();
      },
    };
    machines.set(m, machine);
    window[`${m}_machine`] = machine;
    machine.addButton?.addEventListener('click', () => machine.addedit());
    document.getElementById(`${m}_clear`)?.addEventListener('click', () => { machine.clearEditor(); machine.buildtable(); });
    document.getElementById(`${m}_remove`)?.addEventListener('click', () => machine.remove());
  }

  // ── Token record: Revoke ──────────────────────────────────────────────────────────────────
  document.getElementById('revokebutton')?.addEventListener('click', () => {
    document.getElementById('revoke').value = 'T';
    form().requestSubmit();
  });

  // ── Save ────────────────────────────────────────────────────────────────────────────────────
  form()?.addEventListener('submit', (e) => {
    // Saving with the terms not accepted is refused, as NetSuite refuses.
    const pending = $$('input.nlsinglecheckbox[data-terms="T"]').find((b) => b.checked && needsTerms(b));
    if (pending || $('#ns_terms_window')) { e.preventDefault(); clientError('Please accept the SuiteCloud Terms of Service first.'); return; }
    // ASSUMED: a line left in a sublist's editor is committed on Save (the seeds' step C selects
    // the role and clicks Save); a line that cannot be committed stops the Save.
    for (const machine of machines.values()) {
      if (machine.editRow && machine.pending() && !machine.addedit()) { e.preventDefault(); return; }
    }
  });
  form()?.addEventListener('submit', (e) => {
    if (e.defaultPrevented) return;
    windowChanged = false;
    window.onbeforeunload = null;
  });

  // ── SuiteScript 1.0 client API, as NetSuite exposes it on record pages ─────────────────────
  window.nlapiGetRecordType = () => document.body.dataset.recordType || null;
  window.nlapiGetRecordId = () => document.body.dataset.recordId || '';
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
  // The dropdown object NetSuite's page scripts expose (NSFT reads valueArray/textArray).
  window.getDropdown = (input) => {
    const id = input && (input.id || input.name || '').replace(/^inpt_/, '');
    const dd = dropdowns.get(id);
    if (!dd) return null;
    return {
      get valueArray() { return dd.options.map((o) => String(o.value)); },
      get textArray() { return dd.options.map((o) => o.text); },
      getValue: () => dd.hidden.value,
      getText: () => dd.visible.value,
      setValue: (v, fire) => setValue(id, v, fire),
    };
  };
  // Sublist API (SuiteScript 1.0).
  const mach = (type) => machines.get(type);
  window.nlapiGetLineItemCount = (type) => mach(type)?.rows().length ?? -1;
  window.nlapiGetLineItemValue = (type, field, line) => mach(type)?.rows()[line - 1]?.[field] ?? null;
  window.nlapiSelectNewLineItem = (type) => { const m = mach(type); if (m) { m.clearEditor(); m.buildtable(); } };
  window.nlapiSelectLineItem = (type, line) => mach(type)?.selectLine(line - 1);
  window.nlapiSetCurrentLineItemValue = (type, field, value, fire) => setValue(field, value, fire);
  window.nlapiCommitLineItem = (type) => { mach(type)?.addedit(); };
  window.nlapiRemoveLineItem = (type, line) => { const m = mach(type); if (m) { m.selectLine(line - 1); m.remove(); } };
})();
