// Form fields as integrator.io's DynaForm renders them (real-site-evidence.md, "Text and password
// fields" and "Dropdowns"), the same markup in both UI generations:
//   <div id="<fieldId>">                                   the wrapper the label points at
//     <label class="MuiFormLabel-root" for="<fieldId>">Label<span class="MuiFormLabel-asterisk"> *</span>
//     DynaText:   div.MuiFormControl-root.MuiTextField-root[data-test=<fieldId>] > … > input[name=/a/b]
//                 (no id of ours; MUI v5's TextField adds an auto-generated one)
//     DynaSelect: div.MuiInputBase-root.MuiInput-root[data-test=<fieldId>] >
//                 div[role=button|combobox][id=mui-component-select-/a/b] + input.MuiSelect-nativeInput#<fieldId>
//   and a CeligoSelect menu of its own (MUI's Select stays closed): a Popover#menu-/a/b portaled
//   to <body> > Paper > ul[role=listbox] > react-window FixedSizeList of li[role=menuitem] rows.
import { useCallback, useEffect, useRef, useState } from 'react';
import { FixedSizeList } from 'react-window';
import { FormLabel, FormHelperText, TextField, Select, Input, MenuItem, Popover } from 'celigo-ui';

export const fieldName = (id) => `/${id.replace(/\./g, '/')}`;

function Label({ htmlFor, required, error, children }) {
  return (
    <FormLabel htmlFor={htmlFor} required={required} error={error} className="dynaLabel">
      {children}
    </FormLabel>
  );
}

export function DynaText({ id, label, value, onChange, required, type = 'text', description, error, uppercase = false, disabled = false }) {
  const secret = type === 'password';
  return (
    <div id={id} className="dynaField">
      <Label htmlFor={id} required={required} error={Boolean(error)}>{label}</Label>
      <TextField
        data-test={id}
        data-private={secret ? 'true' : undefined}
        name={fieldName(id)}
        type={type}
        autoComplete="off"
        variant="standard"
        required={required}
        size="small"
        fullWidth
        disabled={disabled}
        value={value ?? ''}
        error={Boolean(error)}
        helperText={error || description || undefined}
        FormHelperTextProps={{ className: 'dynaHelp' }}
        onChange={(e) => onChange(uppercase ? e.target.value.toUpperCase() : e.target.value)}
      />
    </div>
  );
}

/**
 * The truncation wrapper of Celigo's option texts: the dots are there for a width measurement and
 * never shown, so `textContent` ends in "..." and `innerText` does not.
 */
function Truncated({ text }) {
  return (
    <span>
      <span>{text}</span>
      <span style={{ position: 'fixed', visibility: 'hidden' }}>...</span>
    </span>
  );
}

const ROW = 48;
const MAX_HEIGHT = 300;
const TYPE_AHEAD_MS = 1000; // ASSUMED: how long typed letters add up to one prefix

function Row({ index, style, data }) {
  const o = data.items[index];
  return (
    <MenuItem
      style={style}
      data-value={o.value}
      selected={o.value === data.value}
      className={`celigoOption${index === data.highlight ? ' highlighted Mui-focusVisible' : ''}`}
      onClick={() => data.choose(o.value)}
    >
      <Truncated text={o.label} />
    </MenuItem>
  );
}

function SelectMenu({ id, anchorEl, items, value, onChoose, onClose }) {
  const listRef = useRef(null);
  const selectedIndex = Math.max(0, items.findIndex((o) => o.value === value));
  const [highlight, setHighlight] = useState(selectedIndex);
  const typed = useRef({ text: '', at: 0 });

  const moveTo = useCallback((i) => {
    setHighlight(i);
    listRef.current?.scrollToItem(i, 'smart');
  }, []);

  // While open, a window keydown listener: letters search by prefix, arrows move, Enter picks,
  // Escape closes (as Celigo's CeligoSelect does).
  useEffect(() => {
    const onKey = (e) => {
      if (e.key === 'Escape') { e.preventDefault(); onClose(); return; }
      if (e.key === 'Enter') { e.preventDefault(); e.stopPropagation(); onChoose(items[highlight]?.value ?? value); return; }
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        moveTo(Math.min(items.length - 1, Math.max(0, highlight + (e.key === 'ArrowDown' ? 1 : -1))));
        return;
      }
      if (e.key.length !== 1 || e.ctrlKey || e.metaKey || e.altKey) return;
      e.preventDefault();
      const now = Date.now();
      const text = (now - typed.current.at < TYPE_AHEAD_MS ? typed.current.text : '') + e.key.toLowerCase();
      typed.current = { text, at: now };
      let i = items.findIndex((o) => o.label.toLowerCase().startsWith(text));
      if (i < 0) i = items.findIndex((o) => o.label.toLowerCase().startsWith(e.key.toLowerCase()));
      if (i >= 0) moveTo(i);
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [items, highlight, value, onChoose, onClose, moveTo]);

  const height = Math.min(MAX_HEIGHT, items.length * ROW);
  return (
    <Popover
      id={`menu-${fieldName(id)}`}
      open
      anchorEl={anchorEl}
      onClose={onClose}
      anchorOrigin={{ vertical: 'bottom', horizontal: 'left' }}
      transformOrigin={{ vertical: 'top', horizontal: 'left' }}
      PaperProps={{ style: { width: anchorEl?.offsetWidth ?? 300 } }}
    >
      <ul role="listbox" className="celigoSelectList" aria-labelledby={`mui-component-select-${fieldName(id)}`}>
        <FixedSizeList
          ref={listRef}
          height={height}
          width="100%"
          itemCount={items.length}
          itemSize={ROW}
          overscanCount={1}
          initialScrollOffset={Math.max(0, selectedIndex * ROW - (height - ROW) / 2)}
          itemData={{ items, value, highlight, choose: onChoose }}
        >
          {Row}
        </FixedSizeList>
      </ul>
    </Popover>
  );
}

/**
 * A CeligoSelect: MUI's Select, kept closed (`open={false}`, `onOpen`), for the display element
 * and the hidden input; the menu is our own (SelectMenu). "Please select" (value "") comes first.
 *
 * ASSUMED (real-site-evidence.md calls it INFERRED): a value written into the hidden native input
 * by script (untrusted input/change events) is ignored, as in Celigo's v4 CeligoSelect; MUI v5
 * would otherwise accept it (its autofill path), so a client must open the menu and click.
 */
export function DynaSelect({ id, label, value, onChange, options, required, description, error, placeholder = 'Please select', disabled = false }) {
  const ref = useRef(null);
  const [anchorEl, setAnchorEl] = useState(null);
  useEffect(() => {
    const el = ref.current;
    const block = (e) => {
      if (!e.isTrusted && e.target instanceof HTMLInputElement && e.target.classList.contains('MuiSelect-nativeInput')) e.stopPropagation();
    };
    el.addEventListener('input', block);
    el.addEventListener('change', block);
    return () => {
      el.removeEventListener('input', block);
      el.removeEventListener('change', block);
    };
  }, []);
  const v = value ?? '';
  const all = v && !options.some((o) => o.value === v) ? [...options, { value: v, label: v }] : options;
  const items = [{ value: '', label: placeholder }, ...all];
  const close = useCallback(() => setAnchorEl(null), []);
  const choose = useCallback((next) => {
    setAnchorEl(null);
    onChange(next);
  }, [onChange]);
  return (
    <div id={id} className="dynaField" ref={ref}>
      <Label htmlFor={id} required={required} error={Boolean(error)}>{label}</Label>
      <Select
        data-test={id}
        name={fieldName(id)}
        value={v}
        displayEmpty
        variant="standard"
        fullWidth
        disabled={disabled}
        error={Boolean(error)}
        input={<Input />}
        inputProps={{ id }}
        open={false}
        onOpen={() => setAnchorEl(ref.current.querySelector('.MuiInputBase-root'))}
        renderValue={(sel) => (sel === '' ? <span className="placeholderValue">{placeholder}</span> : all.find((o) => o.value === sel)?.label ?? sel)}
      >
        {[]}
      </Select>
      {(error || description) && (
        <FormHelperText id={`${id}-helper-text`} error={Boolean(error)} className="dynaHelp">{error || description}</FormHelperText>
      )}
      {anchorEl && <SelectMenu id={id} anchorEl={anchorEl} items={items} value={v} onChoose={choose} onClose={close} />}
    </div>
  );
}
