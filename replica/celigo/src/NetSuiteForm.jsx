// The NetSuite connection form (UI src/forms/definitions/connections/netsuite.js, as summarised
// in the facts, section 4). All values live in React state: a value written into an input by
// script without the events React listens to is not part of the form, and Save sends the value
// React holds.
import { useEffect, useMemo, useState } from 'react';
import Box from '@mui/material/Box';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogTitle from '@mui/material/DialogTitle';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogActions from '@mui/material/DialogActions';
import { api, dataChanged } from './api.js';
import { DynaText, DynaSelect } from './fields.jsx';
import { FormFrame, Section } from './FormFrame.jsx';

export const MESSAGES = {
  ok: 'Your connection is working great! Nice Job!',
  failed: 'Your test was not successful. Check your information and try again',
  required: 'A value must be provided', // ASSUMED: DynaForm's wording for an empty required field
  reenter: 'Note: for security reasons this field must always be re-entered.',
  // ASSUMED: the replica stops after saving a token-auto connection instead of opening the
  // /connection/<id>/oauth2 pop-up the real app opens.
  // ASSUMED: the wording of the confirmation after Save (the public UI source shows none).
  saved: 'Connection saved',
  noOauth: 'Connection saved. The replica does not implement the NetSuite authorization pop-up of Token Based Auth (Automatic).',
};

const AUTH_TYPES = [
  { value: 'token-auto', label: 'Token Based Auth (Automatic)' },
  { value: 'token', label: 'Token Based Auth (Manual)' },
  { value: 'basic', label: 'Basic (To be deprecated - Do not use)' },
];
const ENVIRONMENTS = [
  { value: 'production', label: 'Production' },
  { value: 'sandbox2.0', label: 'Sandbox2.0' },
  { value: 'beta', label: 'Beta' },
];

// Production UI hosts hide the iClient picker of plain (non-connector) connections.
const PRODUCTION_HOSTS = ['integrator.io', 'eu.integrator.io'];

function initialValues(c) {
  const ns = c.netsuite ?? {};
  return {
    name: c.name ?? '',
    'netsuite.authType': ns.authType ?? '',
    'netsuite.tokenEnvironment': ns.environment ?? '',
    'netsuite.tokenAccount': ns.account ?? '',
    'netsuite.tokenId': '', // write-only: never shown again, must be re-entered
    'netsuite.tokenSecret': '',
    'netsuite.token.auto.account': ns.account ?? '',
    'netsuite._iClientId': ns._iClientId ?? '',
    'netsuite.email': ns.email ?? '',
    'netsuite.password': '',
  };
}

/** Which fields show (all shown fields are required). */
function visibleFields(values, { connector, production }) {
  const auth = values['netsuite.authType'];
  const token = auth === 'token';
  const auto = auth === 'token-auto';
  const basic = auth === 'basic';
  return {
    name: true,
    'netsuite.authType': true,
    'netsuite.email': basic,
    'netsuite.password': basic,
    'netsuite.tokenEnvironment': token,
    'netsuite.tokenAccount': token,
    'netsuite.token.auto.account': auto,
    'netsuite.tokenId': token,
    'netsuite.tokenSecret': token,
    'netsuite._iClientId': (token || auto) && (connector || !production),
  };
}

function validate(values, visible) {
  const errors = {};
  for (const [id, shown] of Object.entries(visible)) {
    if (shown && !String(values[id] ?? '').trim()) errors[id] = MESSAGES.required;
  }
  return errors;
}

/** The connection document the form submits (preSave: tokenAccount → account, …). */
function toConnection(c, values, visible) {
  const auth = values['netsuite.authType'];
  const netsuite = { authType: auth };
  if (auth === 'token') {
    Object.assign(netsuite, {
      environment: values['netsuite.tokenEnvironment'],
      account: values['netsuite.tokenAccount'].trim().toUpperCase(),
      tokenId: values['netsuite.tokenId'],
      tokenSecret: values['netsuite.tokenSecret'],
      requestLevelCredentials: true,
    });
  } else if (auth === 'token-auto') {
    netsuite.account = values['netsuite.token.auto.account'].trim().toUpperCase();
  } else if (auth === 'basic') {
    Object.assign(netsuite, { email: values['netsuite.email'], password: values['netsuite.password'] });
  }
  if (visible['netsuite._iClientId']) netsuite._iClientId = values['netsuite._iClientId'];
  return { _id: c._id, type: 'netsuite', name: values.name.trim(), netsuite };
}

function useIClients(connection, wanted) {
  const [iClients, setIClients] = useState([]);
  useEffect(() => {
    if (!wanted) return undefined;
    let live = true;
    api(`/connections/${connection._id}/iclients`).then((r) => { if (live && r.ok) setIClients(r.body); });
    return () => { live = false; };
  }, [connection._id, wanted]);
  return iClients;
}

export function NetSuiteForm({ connection, onSaved, onClose }) {
  const [initial, setInitial] = useState(() => initialValues(connection));
  const [values, setValues] = useState(initial);
  const [showErrors, setShowErrors] = useState(false);
  const [serverErrors, setServerErrors] = useState({});
  const [testing, setTesting] = useState(false);
  const [saving, setSaving] = useState(false);
  const [status, setStatus] = useState(null); // { severity, title, message }
  const [confirm, setConfirm] = useState(null); // { message, close }

  const context = { connector: Boolean(connection._connectorId), production: PRODUCTION_HOSTS.includes(window.location.hostname) };
  const visible = visibleFields(values, context);
  const errors = showErrors ? { ...validate(values, visible), ...serverErrors } : serverErrors;
  const dirty = useMemo(() => Object.keys(values).some((k) => values[k] !== initial[k]), [values, initial]);
  const iClients = useIClients(connection, visible['netsuite._iClientId']);
  const auth = values['netsuite.authType'];
  const busy = testing || saving;

  const set = (id) => (v) => {
    setValues((old) => ({ ...old, [id]: v }));
    setServerErrors((old) => {
      if (!(id in old)) return old;
      const { [id]: _gone, ...rest } = old;
      return rest;
    });
  };

  // ASSUMED: Test and Save check the required fields first (inline errors, no request).
  const checked = () => {
    const errs = validate(values, visible);
    if (Object.keys(errs).length) {
      setShowErrors(true);
      return null;
    }
    return toConnection(connection, values, visible);
  };

  const test = async () => {
    const doc = checked();
    if (!doc) return;
    setTesting(true);
    setStatus(null);
    const r = await api('/connections/ping', { method: 'POST', body: doc });
    setTesting(false);
    setStatus(r.ok
      ? { severity: 'success', title: MESSAGES.ok }
      : { severity: 'error', title: MESSAGES.failed, message: r.body?.errors?.[0]?.message ?? `HTTP ${r.status}` });
  };

  const store = async (doc, close) => {
    setSaving(true);
    const r = await api(`/connections/${connection._id}`, { method: 'PUT', body: doc });
    setSaving(false);
    if (!r.ok) {
      const byField = {};
      for (const e of r.body?.errors ?? []) if (e.field) byField[e.field] = e.message;
      setServerErrors(byField);
      if (!Object.keys(byField).length) setStatus({ severity: 'error', title: 'Save failed', message: r.body?.errors?.[0]?.message ?? `HTTP ${r.status}` });
      return;
    }
    const next = initialValues(r.body);
    setInitial(next);
    setValues(next);
    setShowErrors(false);
    setServerErrors({});
    onSaved(r.body);
    dataChanged();
    if (doc.netsuite.authType === 'token-auto') setStatus({ severity: 'info', title: MESSAGES.noOauth });
    else if (close) onClose();
    else setStatus({ severity: 'success', title: MESSAGES.saved });
  };

  // Test and save: a token connection is pinged first; when the test fails, the user is asked.
  const save = async (close) => {
    const doc = checked();
    if (!doc) return;
    if (doc.netsuite.authType === 'token') {
      setSaving(true);
      const r = await api('/connections/ping', { method: 'POST', body: { ...doc, via: 'save' } });
      setSaving(false);
      if (!r.ok) {
        setConfirm({ message: r.body?.errors?.[0]?.message ?? `HTTP ${r.status}`, close, doc });
        return;
      }
    }
    await store(doc, close);
  };

  // ASSUMED: Save is disabled until the form is dirty; "Save & close" shows only when dirty.
  const saveLabel = saving ? 'Saving...' : auth === 'token-auto' ? 'Save & authorize' : 'Save';

  return (
    <FormFrame
      top={status && (
        <Alert severity={status.severity} data-test="testResult" sx={{ mb: 2 }} onClose={() => setStatus(null)}>
          {status.message ? <AlertTitle>{status.title}</AlertTitle> : status.title}
          {status.message}
        </Alert>
      )}
      actionsLeft={(
        <>
          <Button variant="contained" data-test="save" disabled={!dirty || busy} onClick={() => save(false)}>{saveLabel}</Button>
          {dirty && auth !== 'token-auto' && (
            <Button variant="outlined" data-test="saveAndClose" disabled={busy} onClick={() => save(true)}>Save &amp; close</Button>
          )}
          <Button data-test="cancel" onClick={onClose}>Close</Button>
        </>
      )}
      actionsRight={(
        <Button variant="outlined" data-test="test" disabled={busy} onClick={test}>{testing ? 'Testing' : 'Test connection'}</Button>
      )}
    >
      <Section title="General">
        <DynaText id="name" label="Name" required value={values.name} onChange={set('name')} error={errors.name} />
        {/* ASSUMED: the sections (General, Application details) and the read-only Application field. */}
        <DynaText id="application" label="Application" value="NetSuite" onChange={() => {}} disabled />
      </Section>
      <Section title="Application details">
        <DynaSelect id="netsuite.authType" label="Authentication type" required options={AUTH_TYPES} value={values['netsuite.authType']} onChange={set('netsuite.authType')} error={errors['netsuite.authType']} />
        {/* ASSUMED: Basic shows Email and Password (the legacy form had more fields). */}
        {visible['netsuite.email'] && <DynaText id="netsuite.email" label="Email" required value={values['netsuite.email']} onChange={set('netsuite.email')} error={errors['netsuite.email']} />}
        {visible['netsuite.password'] && <DynaText id="netsuite.password" label="Password" type="password" required value={values['netsuite.password']} onChange={set('netsuite.password')} error={errors['netsuite.password']} description={MESSAGES.reenter} />}
        {visible['netsuite.tokenEnvironment'] && <DynaSelect id="netsuite.tokenEnvironment" label="Environment" required options={ENVIRONMENTS} value={values['netsuite.tokenEnvironment']} onChange={set('netsuite.tokenEnvironment')} error={errors['netsuite.tokenEnvironment']} />}
        {visible['netsuite.tokenAccount'] && <DynaText id="netsuite.tokenAccount" label="Account ID" required uppercase value={values['netsuite.tokenAccount']} onChange={set('netsuite.tokenAccount')} error={errors['netsuite.tokenAccount']} />}
        {visible['netsuite.token.auto.account'] && <DynaText id="netsuite.token.auto.account" label="Account ID" required uppercase value={values['netsuite.token.auto.account']} onChange={set('netsuite.token.auto.account')} error={errors['netsuite.token.auto.account']} />}
        {visible['netsuite.tokenId'] && <DynaText id="netsuite.tokenId" label="Token ID" type="password" required value={values['netsuite.tokenId']} onChange={set('netsuite.tokenId')} error={errors['netsuite.tokenId']} description={MESSAGES.reenter} />}
        {visible['netsuite.tokenSecret'] && <DynaText id="netsuite.tokenSecret" label="Token secret" type="password" required value={values['netsuite.tokenSecret']} onChange={set('netsuite.tokenSecret')} error={errors['netsuite.tokenSecret']} description={MESSAGES.reenter} />}
        {visible['netsuite._iClientId'] && (
          <DynaSelect
            id="netsuite._iClientId"
            label="iClient"
            required
            options={iClients.map((i) => ({ value: i._id, label: i.name }))}
            value={values['netsuite._iClientId']}
            onChange={set('netsuite._iClientId')}
            error={errors['netsuite._iClientId']}
          />
        )}
      </Section>
      <Dialog open={Boolean(confirm)} onClose={() => setConfirm(null)} aria-labelledby="confirm-save-title">
        <DialogTitle id="confirm-save-title">Confirm save</DialogTitle>
        <DialogContent>
          {/* Wording from the UI's TestAndSave/index.jsx (facts, section 4). ASSUMED: the
              dialog's title and its two buttons, "Save" and "Cancel". */}
          <DialogContentText>
            Are you sure you want to save this connection? Test connection failed with the following error: {confirm?.message}
          </DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button data-test="confirmSave" variant="contained" onClick={() => { const c = confirm; setConfirm(null); store(c.doc, c.close); }}>Save</Button>
          <Button data-test="cancelSave" onClick={() => setConfirm(null)}>Cancel</Button>
        </DialogActions>
      </Dialog>
      <Box sx={{ height: 8 }} />
    </FormFrame>
  );
}
