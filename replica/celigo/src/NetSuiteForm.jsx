// The NetSuite connection form (UI src/forms/definitions/connections/netsuite.js; DOM, messages
// and buttons from real-site-evidence.md, "The NetSuite connection form"). All values live in React state: a value written into an input by
// script without the events React listens to is not part of the form, and Save sends the value
// React holds.
import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, AlertTitle, Button, Dialog, DialogTitle, DialogContent, DialogContentText, DialogActions, Snackbar } from 'celigo-ui';
import { api, dataChanged } from './api.js';
import { DynaText, DynaSelect } from './fields.jsx';
import { FormFrame, Section } from './FormFrame.jsx';

export const MESSAGES = {
  ok: 'Your connection is working great! Nice Job!',
  failed: 'Your test was not successful. Check your information and try again',
  testing: 'Testing your connection...',
  offline: 'This connection is currently offline. Re-enter your credentials to bring it back online.',
  required: 'A value must be provided', // ASSUMED: DynaForm's wording for an empty required field
  reenter: 'Note: for security reasons this field must always be re-entered.',
  // ASSUMED: the replica stops after saving a token-auto connection instead of opening the
  // /connection/<id>/oauth2 pop-up the real app opens.
  // ASSUMED: the wording of the confirmation after Save (the public UI source shows none).
  saved: 'Connection saved',
  noOauth: 'Connection saved. The replica does not implement the NetSuite authorization pop-up of Token Based Auth (Automatic).',
  concurrency: 'Enter a whole number from 1 to 25.', // ASSUMED
};

const AUTH_TYPES = [
  { value: 'token-auto', label: 'Token Based Auth (Automatic)' },
  { value: 'token', label: 'Token Based Auth (Manual)' },
  { value: 'basic', label: 'Basic (To be deprecated - Do not use)' },
];
const byLabel = (a, b) => a.label.localeCompare(b.label, 'en', { sensitivity: 'base' });
// Shown sorted: Please select, Beta, Production, Sandbox2.0.
const ENVIRONMENTS = [
  { value: 'production', label: 'Production' },
  { value: 'sandbox2.0', label: 'Sandbox2.0' },
  { value: 'beta', label: 'Beta' },
].sort(byLabel);
// ASSUMED: the WSDL versions offered and their labels; Basic is offered only on the old ones
// (real-site-evidence.md: Basic "only for old WSDL versions").
const WSDL_VERSIONS = [
  { value: 'next', label: '2023.2' },
  { value: '2020.2', label: '2020.2' },
  { value: '2018.1', label: '2018.1' },
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
    'netsuite.wsdlVersion': ns.wsdlVersion ?? 'next',
    concurrencyLevel: c.concurrencyLevel == null ? '' : String(c.concurrencyLevel),
  };
}

/** Which fields show, and which of them are required. */
function fieldsOf(values, { connector, production }) {
  const auth = values['netsuite.authType'];
  const token = auth === 'token';
  const auto = auth === 'token-auto';
  const basic = auth === 'basic';
  const iClient = (token || auto) && (connector || !production);
  const shown = {
    name: true,
    'netsuite.authType': true,
    'netsuite.email': basic,
    'netsuite.password': basic,
    'netsuite.tokenEnvironment': token,
    'netsuite.tokenAccount': token,
    'netsuite.token.auto.account': auto,
    'netsuite.tokenId': token,
    'netsuite.tokenSecret': token,
    'netsuite._iClientId': iClient,
    'netsuite.wsdlVersion': true,
    concurrencyLevel: true,
  };
  const required = {
    ...shown,
    'netsuite.tokenAccount': false, // real-site-evidence.md: Account ID is not required
    'netsuite.wsdlVersion': false,
    concurrencyLevel: false,
  };
  return { shown, required };
}

function validate(values, { shown, required }) {
  const errors = {};
  for (const [id, isShown] of Object.entries(shown)) {
    if (isShown && required[id] && !String(values[id] ?? '').trim()) errors[id] = MESSAGES.required;
  }
  return errors;
}

/** Errors shown at once, whatever was pressed: values that cannot be right. */
function invalid(values) {
  const c = values.concurrencyLevel.trim();
  return c && !(/^\d+$/.test(c) && Number(c) >= 1 && Number(c) <= 25) ? { concurrencyLevel: MESSAGES.concurrency } : {};
}

/** The connection document the form submits (preSave: tokenAccount → account, …). */
function toConnection(c, values, { shown }) {
  const auth = values['netsuite.authType'];
  const netsuite = { authType: auth, wsdlVersion: values['netsuite.wsdlVersion'] };
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
  if (shown['netsuite._iClientId']) netsuite._iClientId = values['netsuite._iClientId'];
  const level = values.concurrencyLevel.trim();
  return { _id: c._id, type: 'netsuite', name: values.name.trim(), netsuite, concurrencyLevel: level ? Number(level) : null };
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

const firstError = (r) => r.body?.errors?.[0]?.message ?? `HTTP ${r.status}`;

export function NetSuiteForm({ connection, onSaved, onClose, onDirty }) {
  const [initial, setInitial] = useState(() => initialValues(connection));
  const [values, setValues] = useState(initial);
  const [touched, setTouched] = useState(false);
  const [showErrors, setShowErrors] = useState(false);
  const [serverErrors, setServerErrors] = useState({});
  const [testing, setTesting] = useState(false);
  const [saving, setSaving] = useState(false);
  const [status, setStatus] = useState(connection.offline ? { severity: 'error', title: MESSAGES.offline } : null); // the panel above the form
  const [snack, setSnack] = useState(null); // an error snackbar: { message }
  const [confirm, setConfirm] = useState(null); // { message, close, doc }
  const testCall = useRef(null);

  const context = { connector: Boolean(connection._connectorId), production: PRODUCTION_HOSTS.includes(window.location.hostname) };
  const fields = fieldsOf(values, context);
  const { shown, required } = fields;
  const errors = { ...invalid(values), ...(showErrors ? validate(values, fields) : {}), ...serverErrors };
  const dirty = useMemo(() => Object.keys(values).some((k) => values[k] !== initial[k]), [values, initial]);
  useEffect(() => { onDirty?.(dirty); }, [dirty, onDirty]);
  const iClients = useIClients(connection, shown['netsuite._iClientId']);
  const auth = values['netsuite.authType'];
  const busy = testing || saving;
  const authTypes = values['netsuite.wsdlVersion'] === 'next' && initial['netsuite.authType'] !== 'basic' ? AUTH_TYPES.filter((a) => a.value !== 'basic') : AUTH_TYPES;

  const set = (id) => (v) => {
    setTouched(true);
    setValues((old) => ({ ...old, [id]: v }));
    setServerErrors((old) => {
      if (!(id in old)) return old;
      const { [id]: _gone, ...rest } = old;
      return rest;
    });
  };

  // ASSUMED: Test and Save check the required fields first (inline errors, no request).
  const checked = () => {
    const errs = { ...validate(values, fields), ...invalid(values) };
    if (Object.keys(errs).length) {
      setShowErrors(true);
      return null;
    }
    return toConnection(connection, values, fields);
  };

  const test = async () => {
    const doc = checked();
    if (!doc) return;
    const call = new AbortController();
    testCall.current = call;
    setTesting(true);
    setStatus(null);
    setSnack(null);
    let r;
    try {
      r = await api('/connections/ping', { method: 'POST', body: doc, signal: call.signal });
    } catch (e) {
      r = call.signal.aborted ? null : { ok: false, status: 0, body: { errors: [{ message: String(e.message ?? e) }] } };
    }
    if (testCall.current === call) testCall.current = null;
    setTesting(false);
    if (!r) return; // cancelled
    if (r.ok) {
      setStatus({ severity: 'success', title: MESSAGES.ok });
    } else {
      setStatus({ severity: 'error', title: MESSAGES.failed });
      setSnack({ message: firstError(r) });
    }
  };
  const cancelTest = () => testCall.current?.abort();

  const store = async (doc, close) => {
    setSaving(true);
    const r = await api(`/connections/${connection._id}`, { method: 'PUT', body: doc });
    setSaving(false);
    if (!r.ok) {
      const byField = {};
      for (const e of r.body?.errors ?? []) if (e.field) byField[e.field] = e.message;
      setServerErrors(byField);
      if (!Object.keys(byField).length) setStatus({ severity: 'error', title: 'Save failed', message: firstError(r) });
      return;
    }
    const next = initialValues(r.body);
    setInitial(next);
    setValues(next);
    setTouched(false);
    setShowErrors(false);
    setServerErrors({});
    onSaved(r.body);
    dataChanged();
    if (doc.netsuite.authType === 'token-auto') setStatus({ severity: 'info', title: MESSAGES.noOauth });
    else if (close) onClose(true);
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
        setConfirm({ message: firstError(r), close, doc });
        return;
      }
    }
    await store(doc, close);
  };

  const saveLabel = auth === 'token-auto' ? (saving ? 'Authorizing...' : 'Save & authorize') : (saving ? 'Saving...' : 'Save');

  return (
    <FormFrame
      top={status && (
        <Alert severity={status.severity} data-test="testResult" className="status-panel" onClose={() => setStatus(null)}>
          {status.message ? <AlertTitle>{status.title}</AlertTitle> : status.title}
          {status.message}
        </Alert>
      )}
      actionsLeft={(
        <>
          <Button variant="contained" color="primary" data-test="save" disabled={!dirty || busy} onClick={() => save(false)}>{saveLabel}</Button>
          {dirty && auth !== 'token-auto' && (
            <Button variant="outlined" color="primary" data-test="saveAndClose" disabled={busy} onClick={() => save(true)}>Save &amp; close</Button>
          )}
          <Button data-test="cancel" onClick={() => onClose(false)}>Close</Button>
        </>
      )}
      actionsRight={auth === 'token' && (
        <Button variant="outlined" color="primary" data-test="test" disabled={!touched || busy} onClick={test}>{testing ? 'Testing' : 'Test connection'}</Button>
      )}
    >
      <Section title="General" needsAttention>
        <DynaText id="name" label="Name" required value={values.name} onChange={set('name')} error={errors.name} />
        {/* ASSUMED: the read-only Application field. */}
        <DynaText id="application" label="Application" value="NetSuite" onChange={() => {}} disabled />
      </Section>
      <Section title="Application details" needsAttention>
        <DynaSelect id="netsuite.authType" label="Authentication type" required options={authTypes} value={values['netsuite.authType']} onChange={set('netsuite.authType')} error={errors['netsuite.authType']} />
        {/* ASSUMED: Basic shows Email and Password (the legacy form had more fields). */}
        {shown['netsuite.email'] && <DynaText id="netsuite.email" label="Email" required value={values['netsuite.email']} onChange={set('netsuite.email')} error={errors['netsuite.email']} />}
        {shown['netsuite.password'] && <DynaText id="netsuite.password" label="Password" type="password" required value={values['netsuite.password']} onChange={set('netsuite.password')} error={errors['netsuite.password']} description={MESSAGES.reenter} />}
        {shown['netsuite.tokenEnvironment'] && <DynaSelect id="netsuite.tokenEnvironment" label="Environment" required options={ENVIRONMENTS} value={values['netsuite.tokenEnvironment']} onChange={set('netsuite.tokenEnvironment')} error={errors['netsuite.tokenEnvironment']} />}
        {shown['netsuite.tokenAccount'] && <DynaText id="netsuite.tokenAccount" label="Account ID" required={required['netsuite.tokenAccount']} uppercase value={values['netsuite.tokenAccount']} onChange={set('netsuite.tokenAccount')} error={errors['netsuite.tokenAccount']} />}
        {shown['netsuite.token.auto.account'] && <DynaText id="netsuite.token.auto.account" label="Account ID" required uppercase value={values['netsuite.token.auto.account']} onChange={set('netsuite.token.auto.account')} error={errors['netsuite.token.auto.account']} />}
        {shown['netsuite.tokenId'] && <DynaText id="netsuite.tokenId" label="Token ID" type="password" required value={values['netsuite.tokenId']} onChange={set('netsuite.tokenId')} error={errors['netsuite.tokenId']} description={MESSAGES.reenter} />}
        {shown['netsuite.tokenSecret'] && <DynaText id="netsuite.tokenSecret" label="Token secret" type="password" required value={values['netsuite.tokenSecret']} onChange={set('netsuite.tokenSecret')} error={errors['netsuite.tokenSecret']} description={MESSAGES.reenter} />}
        {shown['netsuite._iClientId'] && (
          <DynaSelect
            id="netsuite._iClientId"
            label="iClient"
            required
            options={iClients.map((i) => ({ value: i._id, label: i.name })).sort(byLabel)}
            value={values['netsuite._iClientId']}
            onChange={set('netsuite._iClientId')}
            error={errors['netsuite._iClientId']}
          />
        )}
      </Section>
      {/* ASSUMED: what Advanced holds (WSDL version, Concurrency level). */}
      <Section title="Advanced" needsAttention={Boolean(errors['netsuite.wsdlVersion'] || errors.concurrencyLevel)}>
        <DynaSelect id="netsuite.wsdlVersion" label="NetSuite WSDL version" options={WSDL_VERSIONS} value={values['netsuite.wsdlVersion']} onChange={set('netsuite.wsdlVersion')} error={errors['netsuite.wsdlVersion']} />
        <DynaText id="concurrencyLevel" label="Concurrency level" value={values.concurrencyLevel} onChange={set('concurrencyLevel')} error={errors.concurrencyLevel} />
      </Section>
      <Snackbar open={testing} anchorOrigin={{ vertical: 'top', horizontal: 'center' }} message={MESSAGES.testing} ContentProps={{ 'data-test': 'testingSnackbar' }}
        action={<Button color="secondary" size="small" data-test="cancelTestCall" onClick={cancelTest}>Cancel</Button>}
      />
      {/* ASSUMED: the error snackbar stays until closed or the next test. */}
      <Snackbar open={Boolean(snack) && !testing} anchorOrigin={{ vertical: 'top', horizontal: 'center' }}>
        <Alert severity="error" variant="filled" data-test="errorSnackbar" onClose={() => setSnack(null)}>{snack?.message}</Alert>
      </Snackbar>
      <Dialog open={Boolean(confirm)} onClose={() => setConfirm(null)} aria-labelledby="confirm-save-title" data-test="confirmSaveDialog">
        <DialogTitle id="confirm-save-title">Confirm save</DialogTitle>
        <DialogContent>
          {/* Wording from the UI's TestAndSave/index.jsx (real-site-evidence.md). ASSUMED: the
              buttons' data-test names. */}
          <DialogContentText>
            Are you sure you want to save this connection? Test connection failed with the following error: {confirm?.message}
          </DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button data-test="confirmSave" variant="contained" color="primary" onClick={() => { const c = confirm; setConfirm(null); store(c.doc, c.close); }}>Save</Button>
          <Button data-test="cancelSave" onClick={() => setConfirm(null)}>Cancel</Button>
        </DialogActions>
      </Dialog>
    </FormFrame>
  );
}
