// NetSuite replica: the classic-UI pages of the TBA set-up, rendered on the server as NetSuite
// renders them, with the page behaviour (subtabs, dropdowns, nlapi* globals) in
// assets/netsuite.js. Facts: ../shared/reference/netsuite-celigo-facts.md. Markup that no public
// source shows is marked ASSUMED, and kept in one place so it is easy to change.
import { randomBytes } from 'node:crypto';

const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));

/** `1234567-sb1.app.netsuite.com` → `1234567_SB1`; also answers for look-alike hosts (tests). */
export function netsuiteAccountOf(host) {
  const m = /^((?:tstdrv)?\d+)(?:-(sb\d+|rp))?\.app\.netsuite\.com(?:\.evil\.test)?$/.exec(host);
  return m ? (m[2] ? `${m[1]}_${m[2]}` : m[1]).toUpperCase() : null;
}

export const TOKEN_PERMISSION = 'Log in using Access Tokens';

function freshAccount() {
  return {
    features: { tba: false },
    roles: [
      { id: 3, name: 'Administrator', locked: false, permissions: [] },
      { id: 1031, name: 'Celigo integrator.io Full Access w/o 2FA [Locked]', locked: true, bundle: 20038, permissions: [TOKEN_PERMISSION, 'Web Services'] },
      { id: 1045, name: 'Celigo Jira Connector', locked: true, permissions: [TOKEN_PERMISSION, 'Web Services'] },
      { id: 1050, name: 'Celigo eTail SmartConnectors', locked: true, permissions: [TOKEN_PERMISSION, 'Web Services'] },
    ],
    employees: [
      { id: -5, name: 'Alex Admin', email: 'alex@example.com', giveaccess: true, roles: [3] },
      { id: 42, name: 'Ivy Integration', email: 'integration@example.com', giveaccess: true, roles: [] },
      { id: 43, name: 'Sam Sales', email: 'sam@example.com', giveaccess: false, roles: [] },
    ],
    applications: [
      { id: 7, name: 'Integrator.io (Token-based Auth)' },
      { id: 8, name: 'High Tech Connectors Token-based Auth' },
      { id: 9, name: 'eTail Connectors (Token-Based Auth)' },
    ],
    tokens: [],
    nextId: 2000,
  };
}

export function freshNetsuiteState() {
  return { accounts: {} };
}

function account(state, id) {
  state.netsuite.accounts[id] ??= freshAccount();
  return state.netsuite.accounts[id];
}

/** NetSuite's page frame: header, title, buttons, a main_form, the page script. */
function page({ title, body, buttons = '', message = '' }) {
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>${esc(title)} - NetSuite</title>
<link rel="stylesheet" href="/replica-assets/netsuite.css">
<script src="/replica-assets/netsuite.js" defer></script></head>
<body class="uir-page">
<div id="ns_header"><span class="ns-logo">NetSuite</span> <nav><a href="/app/center/card.nl">Home</a> <a href="/app/setup/features.nl?whence=">Setup</a></nav></div>
<div class="uir-page-title"><h1 class="uir-record-type">${esc(title)}</h1></div>
${message}
<form name="main_form" id="main_form" method="post">
<div class="uir-button-bar">${buttons}</div>
${body}
</form>
</body></html>`;
}

const saveButtons = `<input type="submit" id="submitter" name="submitter" class="pgBntG" value="Save"> <input type="button" id="_cancel" name="_cancel" value="Cancel" data-href="/app/center/card.nl"> <input type="reset" id="resetter" value="Reset">`;

function label(id, text, required) {
  return `<span id="${id}_fs_lbl_uir_label" class="smallgraytextnolink uir-label"><span id="${id}_fs_lbl" class="smallgraytextnolink"><a tabindex="-1" class="smallgraytextnolink" href="#help">${esc(text)}</a></span>${required ? '<label class="uir-required-icon">*</label>' : ''}</span>`;
}

/** A single select as NetSuite builds it: visible `inpt_<id>`, hidden `<id>` with the internal id. */
function dropdown(id, text, options, { required = true, value = '' } = {}) {
  const chosen = options.find((o) => String(o.value) === String(value));
  return `<div class="uir-field-wrapper" data-field-name="${id}">${label(id, text, required)}<span class="uir-field">
<div class="ns-dropdown" data-name="${id}" data-options="${esc(JSON.stringify(options))}"><input type="text" id="inpt_${id}" name="inpt_${id}" class="dropdownInput textbox" autocomplete="off" value="${esc(chosen?.text ?? '')}"><span id="${id}_popup_link" class="ddarrowSpan" role="presentation"></span></div>
<input type="hidden" id="${id}" name="${id}" value="${esc(chosen ? chosen.value : '')}"></span></div>`;
}

function textField(id, text, value = '', { required = true, maxlength = 100 } = {}) {
  return `<div class="uir-field-wrapper" data-field-name="${id}">${label(id, text, required)}<span class="uir-field"><input type="text" id="${id}" name="${id}" class="input uir-custom-field" maxlength="${maxlength}" value="${esc(value)}"></span></div>`;
}

/** A checkbox as NetSuite builds it: the box plus a hidden `<id>_send` companion (T or empty). */
function checkbox(id, text, checked, { terms = false } = {}) {
  return `<div class="uir-field-wrapper" data-field-name="${id}">${label(id, text, false)}<span class="uir-field checkbox"><input type="checkbox" id="${id}" name="${id}" class="checkbox nlsinglecheckbox" value="T"${checked ? ' checked' : ''}${terms ? ' data-terms="T"' : ''}><input type="hidden" id="${id}_send" name="${id}_send" value="${checked ? 'T' : ''}"></span></div>`;
}

function alertBox(kind, title, text) {
  return `<div class="uir-alert-box ${kind}" role="${kind === 'error' ? 'alert' : 'status'}"><div class="title">${esc(title)}</div><div class="descr">${esc(text)}</div></div>`;
}

function send(res, status, html, headers = {}) {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(html);
}

const redirect = (res, to) => { res.writeHead(302, { location: to, 'cache-control': 'no-store' }); res.end(); };

const hex64 = () => randomBytes(32).toString('hex');

// ── Pages ──────────────────────────────────────────────────────────────────────────────────
function home(ctx, acct) {
  send(ctx.res, 200, page({ title: 'Home', body: `<div class="portlet"><h2>Reminders</h2><p>Welcome to the replica of NetSuite account ${esc(ctx.account)}.</p></div>` }));
}

function features(ctx, acct) {
  if (ctx.req.method === 'POST') {
    const form = new URLSearchParams(ctx.body);
    acct.features.tba = form.get('tba') === 'T';
    return redirect(ctx.res, '/app/setup/features.nl?whence=&saved=T');
  }
  const saved = ctx.url.searchParams.get('saved') === 'T' ? alertBox('confirmation', 'Confirmation', 'Your changes have been saved.') : '';
  const subtabs = [['companytxt', 'Company'], ['accountingtxt', 'Accounting'], ['customtxt', 'SuiteCloud']];
  const body = `<div class="uir-subtabs" role="tablist">${subtabs.map(([id, t], i) => `<a id="${id}" href="#" class="formtab${i === 0 ? ' formtabon' : ''}" role="tab" data-pane="${id.replace('txt', '')}_pane">${t}</a>`).join(' ')}</div>
<div id="company_pane" class="uir-pane"><h3 class="fgroup_title">Company</h3>${checkbox('departments', 'Departments', false)}${checkbox('locations', 'Locations', false)}</div>
<div id="accounting_pane" class="uir-pane" hidden><h3 class="fgroup_title">Basic Features</h3>${checkbox('accounting', 'Accounting', true)}</div>
<div id="custom_pane" class="uir-pane" hidden><h3 class="fgroup_title">SuiteScript</h3>${checkbox('serversidescripting', 'Server SuiteScript', true)}
<h3 class="fgroup_title">Manage Authentication</h3>${checkbox('tba', 'Token-based Authentication', acct.features.tba, { terms: true })}
</div>`;
  // ASSUMED: the TBA box's id (`tba`) and label; NetSuite's real id is not public.
  send(ctx.res, 200, page({ title: 'Enable Features', body, buttons: saveButtons, message: saved }));
}

function tokenList(ctx, acct) {
  const rows = acct.tokens.map((t) => `<tr class="uir-list-row-tr"><td><a href="/app/setup/accesstoken.nl?id=${t.id}&e=T">Edit</a></td><td>${t.id}</td><td>${esc(t.name)}</td><td>${esc(t.userName)}</td><td>${esc(t.roleName)}</td><td>${esc(t.appName)}</td><td>${t.inactive ? 'Yes' : 'No'}</td></tr>`).join('');
  const body = `<table id="div__body" class="listtable uir-list-table"><thead><tr><th>Edit</th><th>Internal ID</th><th>Token Name</th><th>User</th><th>Role</th><th>Application</th><th>Inactive</th></tr></thead><tbody>${rows || '<tr><td colspan="7">No records to show.</td></tr>'}</tbody></table>`;
  send(ctx.res, 200, page({ title: 'Access Tokens', body, buttons: '<input type="button" id="new" value="New Access Token" data-href="/app/setup/accesstoken.nl?whence=">' }));
}

function tokenForm(ctx, acct, { error = '', values = {} } = {}) {
  const apps = acct.applications.map((a) => ({ value: a.id, text: a.name }));
  const users = acct.employees.filter((e) => e.giveaccess).map((e) => ({ value: e.id, text: e.name }));
  const roles = acct.roles.map((r) => ({ value: r.id, text: r.name }));
  // ASSUMED ids (application, user, role, name, inactive): the real form's ids are not public.
  const body = `<div class="fgroup_title">Primary Information</div>
${dropdown('application', 'Application Name', apps, { value: values.application })}
${dropdown('user', 'User', users, { value: values.user })}
${dropdown('role', 'Role', roles, { value: values.role })}
${textField('name', 'Token Name', values.name ?? '')}
${checkbox('inactive', 'Inactive', false)}`;
  const message = error ? alertBox('error', 'Error', error) : '';
  send(ctx.res, error ? 400 : 200, page({ title: 'Access Token', body, buttons: saveButtons, message }));
}

function saveToken(ctx, acct) {
  const form = new URLSearchParams(ctx.body);
  const values = { application: form.get('application'), user: form.get('user'), role: form.get('role'), name: (form.get('name') || '').trim() };
  const app = acct.applications.find((a) => String(a.id) === values.application);
  const user = acct.employees.find((e) => String(e.id) === values.user);
  const role = acct.roles.find((r) => String(r.id) === values.role);
  const fail = (error) => tokenForm(ctx, acct, { error, values });
  if (!acct.features.tba) return fail('The Token-based Authentication feature is not enabled. Enable it at Setup > Company > Enable Features > SuiteCloud.');
  if (!app || !user || !role || !values.name) return fail('Please enter value(s) for: ' + [!app && 'Application Name', !user && 'User', !role && 'Role', !values.name && 'Token Name'].filter(Boolean).join(', '));
  if (!user.roles.includes(role.id)) return fail(`The user ${user.name} does not have the role ${role.name}.`);
  if (!role.permissions.includes(TOKEN_PERMISSION)) return fail(`The role ${role.name} does not have the permission "${TOKEN_PERMISSION}".`);
  if (acct.tokens.filter((t) => t.userId === user.id && !t.inactive).length >= 25) return fail('Too many access tokens for this user.');
  const token = {
    id: acct.nextId++, name: values.name, appId: app.id, appName: app.name, userId: user.id, userName: user.name,
    roleId: role.id, roleName: role.name, inactive: form.get('inactive') === 'T', tokenId: hex64(), tokenSecret: hex64(), shown: false,
    account: ctx.account,
  };
  acct.tokens.push(token);
  return redirect(ctx.res, `/app/setup/accesstoken.nl?id=${token.id}`);
}

function tokenView(ctx, acct, id) {
  const token = acct.tokens.find((t) => t.id === id);
  if (!token) return send(ctx.res, 404, page({ title: 'Access Token', body: '', message: alertBox('error', 'Error', 'That record does not exist.') }));
  const fields = [['Application Name', token.appName], ['User', token.userName], ['Role', token.roleName], ['Token Name', token.name]]
    .map(([l, v]) => `<div class="uir-field-wrapper"><span class="smallgraytextnolink uir-label"><span>${esc(l)}</span></span><span class="uir-field inputreadonly">${esc(v)}</span></div>`).join('');
  let reveal = '';
  let message = '';
  if (!token.shown) {
    // Shown once: the first view after saving. ASSUMED markup (labels from Oracle's help).
    token.shown = true;
    message = alertBox('confirmation', 'Confirmation', 'Token ID and Token Secret are shown only this once. They cannot be retrieved later.');
    reveal = `<div class="fgroup_title">Token ID and Secret</div>
<div class="uir-field-wrapper"><span class="smallgraytextnolink uir-label"><span>Token ID</span></span><span class="uir-field inputreadonly" id="tokenid_val">${token.tokenId}</span></div>
<div class="uir-field-wrapper"><span class="smallgraytextnolink uir-label"><span>Token Secret</span></span><span class="uir-field inputreadonly" id="tokensecret_val">${token.tokenSecret}</span></div>`;
  }
  send(ctx.res, 200, page({ title: 'Access Token', body: fields + reveal, message, buttons: '<input type="button" id="edit" value="Edit" disabled>' }));
}

export function netsuiteHandler(ctx) {
  const acct = account(ctx.state, ctx.account);
  const p = ctx.url.pathname;
  if (p === '/' || p === '/app/center/card.nl') return home(ctx, acct);
  if (p === '/app/setup/features.nl') return features(ctx, acct);
  if (p === '/app/setup/accesstokens.nl') return tokenList(ctx, acct);
  if (p === '/app/setup/accesstoken.nl') {
    if (ctx.req.method === 'POST') return saveToken(ctx, acct);
    const id = Number(ctx.url.searchParams.get('id'));
    return id ? tokenView(ctx, acct, id) : tokenForm(ctx, acct);
  }
  send(ctx.res, 404, page({ title: 'Page Not Found', body: '', message: alertBox('error', 'Error', `The replica has no page ${p}.`) }));
}
