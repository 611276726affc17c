// Page behaviour of the NetSuite replica: what NetSuite's own scripts do on these pages.
// Markup it works on: ../netsuite.mjs (after ../../shared/reference/real-site-evidence.md).
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

  // ── Subtabs: a click on `<tab>lnk` / `<tab>txt` shows its pane (each tab strip on its own) ──
  for (const strip of $$('.uir-subtabs')) {
    const tabs = $$(':scope > [data-nsps-type="tab"]', strip);
    for (const tab of tabs) {
      tab.addEventListener('click', (e) => {
        e.preventDefault();
        for (const t of tabs) {
          const on = t === tab;
          t.classList.toggle('formtabon', on);
          t.classList.toggle('formtaboff', !on);
          t.querySelector('a')?.setAttribute('aria-selected', String(on));
          const pane = document.getElementById(t.dataset.pane);
          if (pane) pane.hidden = !on;
        }
      });
    }
  }

  // ── Buttons that navigate; the Save multi-button clicks the form's `#submitter` ───────────
  for (const b of $$('input[data-href]')) b.addEventListener('click', () => { location.href = b.dataset.href; });
  for (const b of $$('input[data-submit]')) b.addEventListener('click', () => document.getElementById(b.dataset.submit)?.click());
  window.nlFieldHelp = () => false; // the labels' "What's this?" links (inert: inline handlers do not run under the CSP)

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
        openTerms(box);
        return;
      }
      syncSend(box);
    });
  }

  // The SuiteCloud terms open in their own pop-up window (evidence). ASSUMED: the path, the
  // window name and features; the pop-up (netsuite-terms.js) ticks the box here on "I Agree"
  // (setting data-agreed="T", the `_send` companion, and firing change) and closes itself.
  function openTerms(box) {
    window.open(`/app/setup/featureterms.nl?feature=${encodeURIComponent(box.id)}`, 'nsfeatureterms', 'width=640,height=520,scrollbars=yes,resizable=yes');
  }

  // ── Single selects: `.ns-dropdown` (classic) and `.uir-combobox` (ARIA, ASSUMED) ───────────
  // The visible box shows text; the hidden `hddn_<id>_<N>` (name `<id>`) holds the internal id,
  // and only the hidden one is saved. Only a choice (click on an option, or Enter/Tab on a
  // highlighted match while typing) sets it: text put into the box by script or by typing alone
  // changes nothing else — NetSuite's real pitfall (facts §2). Widgets are keyed by field NAME.
  const widgets = new Map();
  const NEW_VALUE = '-1'; // `- New -`: ASSUMED, choosing it clears the choice
  for (const el of $$('.ns-dropdown, .uir-combobox')) {
    const aria = el.classList.contains('uir-combobox');
    const w = {
      name: el.dataset.name, el, aria,
      options: JSON.parse(el.dataset.options || '[]'),
      inpt: aria ? $('input[role="combobox"]', el) : $('input.dropdownInput', el),
      hddn: $(':scope > input[type="hidden"]', el),
      list: null, active: -1, shown: [],
    };
    widgets.set(w.name, w);
    const open = () => openList(w, '');
    w.inpt.addEventListener('click', () => { if (!w.list) open(); });
    $('.ddarrowSpan', el)?.addEventListener('mousedown', (e) => e.preventDefault());
    $('.ddarrowSpan', el)?.addEventListener('click', () => { w.inpt.focus(); if (w.list) closeLists(); else open(); });
    w.inpt.addEventListener('input', () => openList(w, w.inpt.value));
    w.inpt.addEventListener('keydown', (e) => {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        if (!w.list) openList(w, '');
        const n = w.shown.length;
        if (n) highlight(w, (w.active + (e.key === 'ArrowDown' ? 1 : n - 1)) % n);
        e.preventDefault();
      } else if ((e.key === 'Enter' || e.key === 'Tab') && w.list) {
        const o = w.shown[w.active];
        if (o) setValue(w.name, o.value, true);
        closeLists();
        if (e.key === 'Enter') e.preventDefault();
      } else if (e.key === 'Escape') {
        closeLists();
      }
    });
    w.inpt.addEventListener('blur', () => closeLists());
  }

  function openList(w, filter) {
    closeLists();
    const f = filter.trim().toLowerCase();
    w.shown = w.options.filter((o) => !f || o.text.toLowerCase().includes(f));
    let list;
    if (w.aria) {
      list = $('[role="listbox"]', w.el);
      list.replaceChildren();
      list.hidden = false;
      w.inpt.setAttribute('aria-expanded', 'true');
    } else {
      // The classic list: a `div.dropdownDiv` on the page's body under the box, one plain `div`
      // per option (evidence); no roles, no ids.
      list = document.createElement('div');
      list.className = 'dropdownDiv';
      const r = w.inpt.getBoundingClientRect();
      list.style.left = `${r.left + window.scrollX}px`;
      list.style.top = `${r.bottom + window.scrollY}px`;
      list.style.minWidth = `${r.width}px`;
      document.body.appendChild(list);
    }
    w.shown.forEach((o, i) => {
      const item = document.createElement('div');
      const selected = String(o.value) === w.hddn.value;
      item.className = selected ? 'dropdownSelected' : 'dropdownNotSelected';
      if (w.aria) {
        item.id = `${w.inpt.id}_opt_${i}`;
        item.setAttribute('role', 'option');
        item.setAttribute('aria-selected', String(selected));
      }
      item.textContent = o.text;
      item.addEventListener('mousedown', (e) => e.preventDefault()); // keep the focus in the box
      item.addEventListener('click', (e) => { e.preventDefault(); setValue(w.name, o.value, true); closeLists(); });
      list.appendChild(item);
    });
    w.list = list;
    w.active = -1;
    if (f && w.shown.length) highlight(w, 0);
  }
  function highlight(w, i) {
    w.active = i;
    Array.from(w.list.children).forEach((item, j) => item.classList.toggle('dropdownHighlighted', j === i));
    if (w.aria) w.inpt.setAttribute('aria-activedescendant', `${w.inpt.id}_opt_${i}`);
  }
  function closeLists() {
    for (const w of widgets.values()) {
      if (!w.list) continue;
      if (w.aria) {
        w.list.hidden = true;
        w.list.replaceChildren();
        w.inpt.setAttribute('aria-expanded', 'false');
        w.inpt.removeAttribute('aria-activedescendant');
      } else w.list.remove();
      w.list = null;
      w.active = -1;
    }
  }
  document.addEventListener('mousedown', (e) => { if (!e.target.closest('.ns-dropdown, .uir-combobox, .dropdownDiv')) closeLists(); });

  function setOptions(w, options) {
    w.options = options;
    w.el.dataset.options = JSON.stringify(options);
    if (!options.some((o) => String(o.value) === w.hddn.value)) { w.hddn.value = ''; w.inpt.value = ''; }
  }

  /** A field's element by NAME (not a dropdown: those are widgets); never a select's text box. */
  function fieldElement(name) {
    if (!name || /^inpt_/.test(name)) return null;
    return Array.from(document.getElementsByName(String(name))).find((el) => el.form === form() || !form()) ?? null;
  }

  function setValue(name, value, fire) {
    const w = widgets.get(name);
    if (w) {
      const o = w.options.find((x) => String(x.value) === String(value) && String(x.value) !== NEW_VALUE);
      w.hddn.value = o ? String(o.value) : '';
      w.inpt.value = o ? o.text : '';
      markChanged();
    } else {
      const el = fieldElement(name);
      if (!el) return;
      if (el.type === 'checkbox') {
        const on = value === 'T' || value === true;
        if (on && !el.checked && needsTerms(el)) { openTerms(el); return; }
        el.checked = on;
        syncSend(el);
      } else el.value = value;
      markChanged();
    }
    if (fire !== false) fieldChanged(name);
  }
  const getValue = (name) => {
    const w = widgets.get(name);
    if (w) return w.hddn.value;
    const el = fieldElement(name);
    if (!el) return null;
    return el.type === 'checkbox' ? (el.checked ? 'T' : 'F') : el.value;
  };
  const getText = (name) => {
    const w = widgets.get(name);
    if (w) return w.hddn.value ? w.inpt.value : '';
    return getValue(name);
  };

  // Field changes NetSuite reacts to: sourcing (the user's roles) and the proposed Token Name.
  function fieldChanged(name) {
    for (const w of widgets.values()) {
      if (w.el.dataset.sourceField !== name) continue;
      const map = JSON.parse(w.el.dataset.sourceMap || '{}');
      setOptions(w, map[getValue(name)] || []);
    }
    for (const input of $$('[data-propose-from]')) {
      const from = input.dataset.proposeFrom.split(',');
      if (!from.includes(name)) continue;
      // ASSUMED separator: Oracle says the name is "Application Name + User + Role".
      const parts = from.map((n) => (getValue(n) ? getText(n) : ''));
      if (parts.every(Boolean)) input.value = parts.join(' ');
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
            const w = widgets.get(c.id);
            const o = w?.options.find((x) => String(x.value) === w.hddn.value);
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
    if (pending) { e.preventDefault(); clientError('Please accept the SuiteCloud Terms of Service first.'); return; }
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
  // Fields are addressed by NAME (a select's hidden input's name, e.g. `application`), as in
  // NetSuite: a DOM id such as `inpt_application_3` or `hddn_application_3` finds nothing.
  window.nlapiGetRecordType = () => document.body.dataset.recordType || null;
  window.nlapiGetRecordId = () => document.body.dataset.recordId || '';
  window.nlapiGetFieldValue = (name) => getValue(name);
  window.nlapiGetFieldText = (name) => (widgets.has(name) || fieldElement(name) ? getText(name) : null);
  window.nlapiSetFieldValue = (name, value, firefieldchanged) => { setValue(name, value, firefieldchanged); };
  window.nlapiSetFieldText = (name, text, firefieldchanged) => {
    const w = widgets.get(name);
    if (!w) { setValue(name, text, firefieldchanged); return; }
    const o = w.options.find((x) => x.text === text);
    setValue(name, o ? o.value : '', firefieldchanged);
  };
  // The dropdown objects NetSuite's page scripts expose (evidence: `dropdowns[key]` with `inpt`,
  // `hddn`, `valueArray`, `textArray`, `setAndClose`; `getDropdown(input)`). ASSUMED: the key is
  // the field name; `setAndClose(i)` chooses the i-th option and closes the list. The ARIA
  // comboboxes are not in it.
  const dropdowns = {};
  for (const w of widgets.values()) {
    if (w.aria) continue;
    dropdowns[w.name] = {
      name: w.name,
      inpt: w.inpt,
      hddn: w.hddn,
      get valueArray() { return w.options.map((o) => String(o.value)); },
      get textArray() { return w.options.map((o) => o.text); },
      getValue: () => w.hddn.value,
      getText: () => w.inpt.value,
      setValue: (v, fire) => setValue(w.name, v, fire),
      setAndClose(i) { const o = w.options[i]; if (o) setValue(w.name, o.value, true); closeLists(); },
    };
  }
  window.dropdowns = dropdowns;
  window.getDropdown = (input) => {
    if (!input) return null;
    return Object.values(dropdowns).find((d) => d.inpt === input || d.hddn === input) ?? null;
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

  // NetSuite's "the form is ready" flag (evidence: `NS.form.isInited()`).
  let inited = false;
  window.NS = Object.assign(window.NS || {}, { form: { isInited: () => inited } });
  inited = true;
})();
