// Form fields as integrator.io's DynaForm renders them (facts, section 4, "DOM"): a label above
// the field, `data-test="<fieldId>"` on the MUI wrapper, the inner input named
// `/<fieldId with dots as slashes>`, TextField variant "filled" with autoComplete "off", and
// MUI Selects whose options (with "Please select" first) open in a portal.
import { useEffect, useRef } from 'react';
import Box from '@mui/material/Box';
import FormLabel from '@mui/material/FormLabel';
import FormHelperText from '@mui/material/FormHelperText';
import TextField from '@mui/material/TextField';
import Select from '@mui/material/Select';
import FilledInput from '@mui/material/FilledInput';
import MenuItem from '@mui/material/MenuItem';

export const fieldName = (id) => `/${id.replace(/\./g, '/')}`;

function Label({ id, htmlFor, required, error, children }) {
  return (
    <FormLabel id={`${id}-label`} htmlFor={htmlFor} required={required} error={error} sx={{ display: 'block', mb: 0.5, fontSize: 14, fontWeight: 500, color: 'text.primary' }}>
      {children}
    </FormLabel>
  );
}

function Message({ id, error, description }) {
  if (!error && !description) return null;
  return (
    <FormHelperText id={`${id}-helper-text`} error={Boolean(error)} sx={{ mx: 0 }}>
      {error || description}
    </FormHelperText>
  );
}

export function DynaText({ id, label, value, onChange, required, type = 'text', description, error, uppercase = false, disabled = false }) {
  return (
    <Box className="dynaField" sx={{ mb: 2 }}>
      <Label id={id} htmlFor={id} required={required} error={Boolean(error)}>{label}</Label>
      <TextField
        data-test={id}
        id={id}
        name={fieldName(id)}
        type={type}
        autoComplete="off"
        variant="filled"
        hiddenLabel
        size="small"
        fullWidth
        disabled={disabled}
        value={value ?? ''}
        error={Boolean(error)}
        helperText={error || description || undefined}
        FormHelperTextProps={{ sx: { mx: 0 } }}
        onChange={(e) => onChange(uppercase ? e.target.value.toUpperCase() : e.target.value)}
      />
    </Box>
  );
}

/**
 * A MUI Select: opens on mousedown of the display element, options are `role="option"` with
 * `data-value` in a `role="listbox"` portal; "Please select" (value "") comes first.
 *
 * ASSUMED: like Celigo's MUI v4 CeligoSelect, whose hidden input takes no change events, a value
 * written into the hidden native input by script (untrusted input/change events) is ignored.
 * MUI v5 would otherwise accept it (its autofill path), which the real v4 form does not, so a
 * client must open the menu and click the option.
 */
export function DynaSelect({ id, label, value, onChange, options, required, description, error, placeholder = 'Please select', disabled = false }) {
  const ref = useRef(null);
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
  return (
    <Box className="dynaField" ref={ref} sx={{ mb: 2 }}>
      <Label id={id} required={required} error={Boolean(error)}>{label}</Label>
      <Select
        data-test={id}
        labelId={`${id}-label`}
        aria-describedby={error || description ? `${id}-helper-text` : undefined}
        name={fieldName(id)}
        value={v}
        displayEmpty
        fullWidth
        disabled={disabled}
        error={Boolean(error)}
        input={<FilledInput hiddenLabel size="small" disableUnderline={false} />}
        renderValue={(sel) => (sel === '' ? <Box component="span" sx={{ color: 'text.secondary' }}>{placeholder}</Box> : all.find((o) => o.value === sel)?.label ?? sel)}
        onChange={(e) => onChange(e.target.value)}
        MenuProps={{ PaperProps: { 'data-test': `${id}-menu` } }}
      >
        <MenuItem value="">{placeholder}</MenuItem>
        {all.map((o) => <MenuItem key={o.value} value={o.value}>{o.label}</MenuItem>)}
      </Select>
      <Message id={id} error={error} description={description} />
    </Box>
  );
}
