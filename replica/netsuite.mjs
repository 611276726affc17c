// NetSuite replica: the classic-UI pages of the TBA set-up, rendered on the server as NetSuite
// renders them, with the page behaviour (subtabs, dropdowns, sublist machines, nlapi* globals) in
// assets/netsuite.js and the SuiteCloud terms pop-up in assets/netsuite-terms.js. Spec:
// ../shared/reference/real-site-evidence.md ("NetSuite classic UI"; it wins over the facts),
// then ../shared/reference/netsuite-celigo-facts.md §1–2.
//
// Conventions reproduced: `main_form`; field wrappers `div.uir-field-wrapper[data-nsps-type=field]
// [data-nsps-label][data-field-type][data-walkthrough="Field:<id>"]`; labels
// `<id>_fs_lbl_uir_label` > `<id>_fs_lbl` > "What's this?" link, mixed case upper-cased by CSS;
// values `span.uir-field[data-nsps-type=field_input]` (view: `.inputreadonly`, `<id>_fs`/`<id>_val`
// and a hidden `<id>`); single selects `.ns-dropdown[data-name][data-options]` with the visible
// `inpt_<id>_<N>` (name `inpt_<id>`) and the hidden `hddn_<id>_<N>` (name `<id>`); checkboxes
// with a hidden `<id>_send`; subtabs `<tab>lnk` > `<tab>txt`; sublists as `<m>_splits` tables whose
// rows travel in a hidden `<m>data` (rows split by \u0002, columns by \u0001, column names in
// `<m>fields`); Save = `#submitter` (+ `#btn_multibutton_submitter` on record pages); list pages
// as `#div__body`; `uir-*` classes; `e=T` (uppercase only) for edit mode.
//
// Markup or wording that no public source shows is marked ASSUMED, and kept in the small
// constants and helpers below so it is easy to change.
//
// State: `state.netsuite.accounts[ID]` (ID as NetSuite writes it: `1234567`, `1234567_SB1`),
// created on first visit; `state.netsuite.variant` picks the variant of each unknown markup
// (NETSUITE_VARIANTS below); `state.netsuite.sessionExpired = true` turns every page into the login
// form (as does `?replica_session=expired` on any URL).
import { randomBytes } from 'node:crypto';

const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));

/** `1234567-sb1.app.netsuite.com` → `1234567_SB1`; also answers for look-alike hosts (tests). */
export function netsuiteAccountOf(host) {
  const m = /^((?:tstdrv)?\d+)(?:-(sb\d+|rp))?\.app\.netsuite\.com(?:\.evil\.test)?$/.exec(host);
  return m ? (m[2] ? `${m[1]}_${m[2]}` : m[1]).toUpperCase() : null;
}

// ── Wording (ASSUMED where NetSuite's exact text is not public) ──────────────────────────────
export const TEXT = {
  saved: 'Your changes have been saved', // facts/brief: "Confirmation: Your changes have been saved"
  required: 'Please enter value(s) for: ', // NetSuite's mandatory-field message
  tbaOff: 'The Token-based Authentication feature is not enabled. Enable it at Setup > Company > Enable Features > SuiteCloud.', // ASSUMED
  tooMany: 'Too many access tokens for this user. A user may have at most 25 access tokens.', // Codat help [3P]
  roleTaken: 'A role with that name already exists. Please choose a different name.', // ASSUMED
  lockedRole: 'This role is locked and cannot be edited. Click Customize to create a copy you can change.', // ASSUMED
  tokenShownOnce: 'Token ID and Token Secret are displayed only once and cannot be retrieved again.', // wording after Oracle/Celigo help
  termsTitle: 'NetSuiteSuiteCloud Terms Of Service', // the pop-up's title, as the evidence writes it
};
export const CUSTOMIZED_PREFIX = 'Customized '; // ASSUMED: the name a Customize form proposes
export const MAX_TOKENS_PER_USER = 25;

// ── Variants of the markup no public source shows (all ASSUMED) ──────────────────────────────
// The real ids/markup of the access-token form, of its confirmation and of the TBA checkbox are
// not public (evidence: "find them by label and by structure … never by one assumed id"). Each
// test picks one variant per unknown through `replica.state.netsuite.variant`; the default comes
// from DEFAULT_VARIANT, overridable with TBA_NS_VARIANT="tokenForm=analytics,confirmation=table".
// Every variant keeps the same labels and the same behaviour (refusals, shown-once pair, …).
export const NETSUITE_VARIANTS = {
  tokenForm: ['replica', 'analytics', 'unknown', 'combobox'],
  confirmation: ['spans', 'table', 'inputs', 'text'],
  tbaCheckbox: ['tba', 'tokenbasedauthentication', 'unknown'],
};
/**
 * Markups a product cannot be expected to read, to prove it then says so loudly instead of
 * losing the once-shown token. ASSUMED: `split` wraps each long value in two halves (as a page
 * might, to let it break across lines), so the page shows four half-length hex words.
 */
export const UNREADABLE_VARIANTS = { confirmation: ['split'] };
const knownVariant = (k, v) => NETSUITE_VARIANTS[k]?.includes(v) || UNREADABLE_VARIANTS[k]?.includes(v);

/**
 * The access-token form's field names per tokenForm variant (labels never change: "Application
 * Name", "User", "Role", "Token Name", "Inactive"). ASSUMED, all of them:
 * - replica: the names this replica always used;
 * - analytics: the Analytics/SuiteQL `oauthtoken` record's field ids (Records Browser 2020.1);
 * - unknown: some other plausible names;
 * - combobox: the replica's names, the three selects drawn as ARIA comboboxes, not ns-dropdowns.
 */
export const TOKEN_FORM_FIELDS = {
  replica: { application: 'application', user: 'user', role: 'role', name: 'name', inactive: 'inactive' },
  analytics: { application: 'tba_app_name', user: 'entity_name', role: 'role_name', name: 'tba_token_name', inactive: 'binactive' },
  unknown: { application: 'appname', user: 'entity', role: 'roleid', name: 'tokenname', inactive: 'isinactive' },
  combobox: { application: 'application', user: 'user', role: 'role', name: 'name', inactive: 'inactive' },
};
/** The TOKEN-BASED AUTHENTICATION box's id (= name) per tbaCheckbox variant. ASSUMED, all. */
export const TBA_CHECKBOX_IDS = { tba: 'tba', tokenbasedauthentication: 'tokenbasedauthentication', unknown: 'oauthtokenauth' };
export const BASE_VARIANT = Object.freeze({ tokenForm: 'replica', confirmation: 'spans', tbaCheckbox: 'tba' });

/** Parses "tokenForm=analytics,confirmation=table" (unknown keys or names throw). */
export function parseVariant(text = '') {
  const out = {};
  for (const part of String(text).split(',').map((x) => x.trim()).filter(Boolean)) {
    const [k, v] = part.split('=').map((x) => x.trim());
    if (!knownVariant(k, v)) throw new Error(`TBA_NS_VARIANT: unknown ${k}=${v} (known: ${JSON.stringify(NETSUITE_VARIANTS)})`);
    out[k] = v;
  }
  return out;
}
/** The default variant: BASE_VARIANT, then TBA_NS_VARIANT. */
export const DEFAULT_VARIANT = Object.freeze({ ...BASE_VARIANT, ...parseVariant(process.env.TBA_NS_VARIANT) });

function variantOf(state) {
  const v = { ...DEFAULT_VARIANT, ...(state.netsuite.variant || {}) };
  for (const k of Object.keys(NETSUITE_VARIANTS)) if (!knownVariant(k, v[k])) throw new Error(`replica.state.netsuite.variant.${k}: unknown variant ${v[k]}`);
  return v;
}

// ── Permissions (facts §3; ids of the Lists/Transactions ones from NetSuite's permission names) ──
export const PERMISSIONS = [
  { key: 'ADMI_LOGIN_OAUTH', name: 'Log in using Access Tokens', group: 'setup' },
  { key: 'ADMI_MANAGE_OWN_OAUTH_TOKENS', name: 'User Access Tokens', group: 'setup' },
  { key: 'ADMI_MANAGE_OAUTH_TOKENS', name: 'Access Token Management', group: 'setup' },
  { key: 'ADMI_WEBSERVICES', name: 'SOAP Web Services', group: 'setup' },
  { key: 'ADMI_RESTWEBSERVICES', name: 'REST Web Services', group: 'setup' },
  { key: 'ADMI_CUSTRECORD', name: 'Custom Record Types', group: 'setup' }, // ASSUMED key
  { key: 'ADMI_DELETEDRECORDS', name: 'Deleted Records', group: 'setup' }, // ASSUMED key
  { key: 'LIST_CUSTJOB', name: 'Customers', group: 'lists' },
  { key: 'LIST_EMPLOYEE', name: 'Employees', group: 'lists' },
  { key: 'LIST_ITEM', name: 'Items', group: 'lists' },
  { key: 'LIST_VENDOR', name: 'Vendors', group: 'lists' },
  { key: 'LIST_CONTACT', name: 'Contacts', group: 'lists' },
  { key: 'TRAN_SALESORD', name: 'Sales Order', group: 'tran' },
  { key: 'TRAN_CUSTINVC', name: 'Invoice', group: 'tran' },
  { key: 'TRAN_CASHSALE', name: 'Cash Sale', group: 'tran' },
  { key: 'TRAN_CUSTPYMT', name: 'Customer Payment', group: 'tran' },
  { key: 'TRAN_ITEMSHIP', name: 'Item Fulfillment', group: 'tran' },
];
export const TOKEN_PERMISSION_KEY = 'ADMI_LOGIN_OAUTH';
export const TOKEN_PERMISSION = 'Log in using Access Tokens';
const LEVELS = ['View', 'Create', 'Edit', 'Full'];
// ASSUMED: the role form's permission sublists (machine ids and their field ids).
const PERMISSION_GROUPS = [
  { group: 'tran', machine: 'tranmach', tab: 'Transactions' },
  { group: 'lists', machine: 'listsmach', tab: 'Lists' },
  { group: 'setup', machine: 'setupmach', tab: 'Setup' },
];

const perm = (key, level = 'Full') => {
  const p = PERMISSIONS.find((x) => x.key === key);
  return { key, name: p.name, group: p.group, level };
};
export const hasPermission = (role, key) => role.permissions.some((p) => p.key === key);

// The features of Setup > Company > Enable Features, by subtab. `terms`: ticking asks "I Agree".
// Ids are NetSuite's lower-case feature ids where known (facts §2). TBA's is unknown: its state
// key is `tba`, its DOM id/name the tbaCheckbox variant's (TBA_CHECKBOX_IDS, ASSUMED).
const FEATURE_TABS = [
  { tab: 'company', label: 'Company', groups: [
    { title: 'Classifications', features: [['departments', 'Departments'], ['locations', 'Locations'], ['classes', 'Classes']] },
    { title: 'Projects', features: [['jobs', 'Projects']] },
  ] },
  { tab: 'accounting', label: 'Accounting', groups: [
    { title: 'Basic Features', features: [['accounting', 'Accounting'], ['accountingperiods', 'Accounting Periods']] },
  ] },
  { tab: 'transactions', label: 'Transactions', groups: [
    { title: 'Sales', features: [['estimates', 'Estimates'], ['salesorders', 'Sales Orders']] },
  ] },
  { tab: 'custom', label: 'SuiteCloud', groups: [
    { title: 'SuiteBuilder', features: [['customrecords', 'Custom Records'], ['advancedprinting', 'Advanced PDF/HTML Templates']] },
    { title: 'SuiteScript', features: [['customcode', 'Client SuiteScript', true], ['serversidescripting', 'Server SuiteScript', true]] },
    { title: 'SuiteTalk (Web Services)', features: [['webservicesexternal', 'SOAP Web Services', true], ['restwebservices', 'REST Web Services', true]] },
    { title: 'Manage Authentication', features: [['tba', 'Token-based Authentication', true], ['oauth2', 'OAuth 2.0', true]] },
  ] },
];
const FEATURE_IDS = FEATURE_TABS.flatMap((t) => t.groups.flatMap((g) => g.features.map((f) => f[0])));

function freshAccount() {
  const celigoPerms = () => [
    perm('ADMI_LOGIN_OAUTH'), perm('ADMI_WEBSERVICES'), perm('ADMI_RESTWEBSERVICES'), perm('ADMI_CUSTRECORD', 'View'), perm('ADMI_DELETEDRECORDS', 'View'),
    perm('LIST_CUSTJOB'), perm('LIST_ITEM'), perm('LIST_EMPLOYEE', 'View'), perm('LIST_CONTACT'),
    perm('TRAN_SALESORD'), perm('TRAN_CUSTINVC'), perm('TRAN_CASHSALE'), perm('TRAN_CUSTPYMT'), perm('TRAN_ITEMSHIP'),
  ];
  const standard = (id, name, permissions, centerType = 'Classic Center') => ({ id, name, standard: true, locked: false, custom: false, centerType, permissions });
  const locked = (id, name, bundle) => ({ id, name, standard: false, locked: true, custom: false, bundle, centerType: 'Classic Center', permissions: celigoPerms() });
  return {
    features: Object.fromEntries(FEATURE_IDS.map((f) => [f, ['accounting', 'accountingperiods', 'salesorders', 'customrecords', 'advancedprinting', 'customcode', 'serversidescripting'].includes(f)])),
    roles: [
      standard(3, 'Administrator', PERMISSIONS.map((p) => perm(p.key))),
      standard(1, 'Accountant', [perm('TRAN_CUSTINVC'), perm('TRAN_CUSTPYMT'), perm('LIST_CUSTJOB', 'Edit'), perm('LIST_VENDOR', 'Edit')]),
      standard(15, 'Employee Center', [perm('LIST_EMPLOYEE', 'View')], 'Employee Center'),
      standard(18, 'Full Access', [perm('LIST_CUSTJOB'), perm('LIST_ITEM'), perm('TRAN_SALESORD'), perm('ADMI_WEBSERVICES')]),
      standard(1002, 'Sales Manager', [perm('TRAN_SALESORD'), perm('LIST_CUSTJOB', 'Edit')], 'Sales Center'),
      locked(1031, 'Celigo integrator.io Full Access w/o 2FA [Locked]', 20038),
      // ASSUMED: the bundle ids of the connector roles (only 20038 is published).
      locked(1045, 'Celigo Jira Connector', 20038),
      locked(1050, 'Celigo eTail SmartConnectors', 20038),
      locked(1060, 'Celigo CashApp Manager SmartConnector', 20038),
    ],
    employees: [
      { id: -5, firstname: 'Alex', lastname: 'Admin', email: 'alex@example.com', title: 'Administrator', giveaccess: true, roles: [3] },
      { id: 42, firstname: 'Ivy', lastname: 'Integration', email: 'integration@example.com', title: 'Integration user', giveaccess: true, roles: [15] },
      { id: 43, firstname: 'Sam', lastname: 'Sales', email: 'sam@example.com', title: 'Sales Rep', giveaccess: false, roles: [] },
      { id: 44, firstname: 'Pat', lastname: 'Payables', email: 'pat@example.com', title: 'Accountant', giveaccess: true, roles: [1] },
    ],
    applications: [
      { id: 7, name: 'Integrator.io (Token-based Auth)' },
      { id: 8, name: 'High Tech Connectors Token-based Auth' },
      { id: 9, name: 'eTail Connectors (Token-Based Auth)' },
      { id: 10, name: 'NetSuite for Outlook' },
    ],
    tokens: [],
    currentUser: -5, // who is logged in: Alex Admin, Administrator
    nextId: 2000, // access tokens
    nextRoleId: 1100, // custom roles
    flash: {}, // one-shot messages shown after a redirect (NetSuite keeps them in the session)
  };
}

export function freshNetsuiteState() {
  return { accounts: {}, sessionExpired: false, variant: { ...DEFAULT_VARIANT } };
}

function account(state, id) {
  state.netsuite.accounts[id] ??= freshAccount();
  return state.netsuite.accounts[id];
}

export const employeeName = (e) => `${e.firstname} ${e.lastname}`;

// ── Markup helpers ─────────────────────────────────────────────────────────────────────────
// ASSUMED: the header's menu markup (NetSuite's real menu is script-built); the paths are
// Oracle's (Setup > Company > Enable Features; Setup > Users/Roles > User Management > …).
const MENU = [
  ['Setup', null, [
    ['Company', null, [['Enable Features', '/app/setup/features.nl?whence='], ['Company Information', '/app/common/otherlists/companyinfo.nl?whence=']]],
    ['Users/Roles', null, [
      ['User Management', null, [
        ['Manage Roles', '/app/setup/rolelist.nl?whence=', [['New', '/app/setup/role.nl?whence=']]],
        ['Manage Users', '/app/setup/listusers.nl?whence='],
        ['Access Tokens', '/app/setup/accesstokens.nl?whence=', [['New', '/app/setup/accesstoken.nl?whence=']]],
        ['View Login Audit Trail', '/app/setup/loginaudittrail.nl?whence='],
      ]],
    ]],
    ['Integration', null, [['Manage Integrations', '/app/common/integration/integrapplist.nl?whence=']]],
  ]],
];
function menuItems(items, depth) {
  return items.map(([text, href, sub]) => `<li class="ns-menuitem${sub ? ' ns-has-sub' : ''}"><a class="ns-menuitem-text" ${href ? `href="${esc(href)}"` : 'href="#" data-nonav="T"'}>${esc(text)}</a>${sub ? `<ul class="ns-menu ns-menu-${depth + 1}">${menuItems(sub, depth + 1)}</ul>` : ''}</li>`).join('');
}

/**
 * NetSuite's page frame: header and menu, title, button bars, a `main_form`, the page script.
 * `buttons` go in the top bar and (renamed `secondary<id>`) in the bottom bar, as NetSuite does.
 * `record`: a record page (employee, role, access token), whose Save is a multi-button.
 */
function page({ title, recordType = '', recordId = '', body, buttons = [], message = '', mode = '' }) {
  const record = !!recordType;
  const bar = (secondary) => buttons.map((b) => (b === SAVE ? saveButton({ record, secondary }) : button({ ...b, id: secondary ? `secondary${b.id.replace(/^_/, '')}` : b.id }))).join(' ');
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>${esc(title)} - NetSuite</title>
<link rel="stylesheet" href="/replica-assets/netsuite.css">
<script src="/replica-assets/netsuite.js" defer></script></head>
<body class="uir-page"${recordType ? ` data-record-type="${esc(recordType)}" data-record-id="${esc(recordId)}"` : ''}${mode ? ` data-mode="${mode}"` : ''}>
<div id="ns_header"><a class="ns-logo" href="/app/center/card.nl">NetSuite</a><nav id="ns-header-menu-main" class="ns-header-menu"><ul class="ns-menu ns-menu-0">${menuItems([['Home', '/app/center/card.nl'], ...MENU], 0)}</ul></nav></div>
<div class="uir-page-title"><div class="uir-page-title-firstline"><h1 class="uir-record-type">${esc(title)}</h1></div></div>
<div id="ns_messages">${message}</div>
<form name="main_form" id="main_form" method="post">
${buttons.length ? `<div class="uir-button-bar" id="tbl_buttons">${bar(false)}</div>` : ''}
${body}
${buttons.length && mode ? `<div class="uir-button-bar uir-button-bar-bottom" id="tbl_secondary_buttons">${bar(true)}</div>` : ''}
</form>
</body></html>`;
}

function button({ id, value, type = 'button', href, primary, disabled }) {
  return `<input type="${type}" id="${esc(id)}" name="${esc(id)}" class="${primary ? 'pgBntG' : 'pgBntB'}" value="${esc(value)}"${href ? ` data-href="${esc(href)}"` : ''}${disabled ? ' disabled' : ''}>`;
}
const SAVE = { id: 'submitter', value: 'Save', type: 'submit', primary: true };
const CANCEL = (href) => ({ id: '_cancel', value: 'Cancel', href });
const RESET = { id: 'resetter', value: 'Reset', type: 'reset' };

/**
 * Save. Evidence: "Save: input#submitter; on record pages also #btn_multibutton_submitter (bottom
 * copy #btn_secondarymultibutton_submitter)". ASSUMED combination: on a setup page (Enable
 * Features) the visible Save is `input#submitter` (bottom copy `input#secondarysubmitter`); on a
 * record page the visible Save is the multi-button `input#btn_multibutton_submitter` (bottom
 * `#btn_secondarymultibutton_submitter`) and `input#submitter` is the form's hidden submit input,
 * which the multi-button clicks (so scripts' `getElementById('submitter').click()` saves too).
 */
function saveButton({ record, secondary }) {
  if (!record) return button({ ...SAVE, id: secondary ? 'secondarysubmitter' : 'submitter' });
  const id = secondary ? 'btn_secondarymultibutton_submitter' : 'btn_multibutton_submitter';
  const multi = `<span class="uir-button-menu-divider"><input type="button" id="${id}" name="${secondary ? 'secondarymultibutton_submitter' : 'multibutton_submitter'}" class="pgBntG rndbuttoninpt bntBgT" value="Save" data-submit="submitter"></span>`;
  return secondary ? multi : `${multi}<input type="submit" id="submitter" name="submitter" value="Save" hidden>`;
}

/**
 * A field's label, as the evidence shows it: `<id>_fs_lbl_uir_label` > `<id>_fs_lbl` (edit:
 * `labelSpanEdit`, view: `uir-label-span`) > the "What's this?" help link holding the text. The
 * text is mixed case in the DOM; `.uir-label` upper-cases it (text-transform). The required `*`
 * is part of the visible label. `nlFieldHelp` is inert under the replica's CSP, as intended.
 */
function label(id, text, { required = false, view = false } = {}) {
  return `<span id="${id}_fs_lbl_uir_label" class="smallgraytextnolink uir-label" data-nsps-type="field_label"><span id="${id}_fs_lbl" class="smallgraytextnolink ${view ? 'uir-label-span' : 'labelSpanEdit'}"><a tabindex="-1" title="What's this?" href="javascript:void(&quot;help&quot;)" class="smallgraytextnolink" onclick="return nlFieldHelp('Field Help', '${id}', this)">${esc(text)}</a></span>${required ? '<span class="uir-required-icon">*</span>' : ''}</span>`;
}
const wrapper = (id, type, text, inner) => `<div class="uir-field-wrapper" data-nsps-type="field" data-nsps-label="${esc(text)}" data-field-type="${type}" data-walkthrough="Field:${id}" data-field-name="${id}">${inner}</div>`;
const fieldInput = (inner, cls = '') => `<span class="uir-field${cls}" data-nsps-type="field_input">${inner}</span>`;

// The dropdowns of one page are numbered 1, 2, … in page order (`inpt_<id>_<N>`); the counter is
// reset per request (the handler is synchronous). ASSUMED: NetSuite's N is such a page counter.
let dropdownCounter = 0;
const ARROW_IMG = 'data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7';

/**
 * The bare single select (evidence): `div.ns-dropdown[data-name][data-options]` holding the
 * visible box `inpt_<id>_<N>` (name `inpt_<id>`, class dropdownInput), the arrow
 * `<inpt id>_arrow` and the hidden value `hddn_<id>_<N>` (name `<id>`). No element has id `<id>`.
 */
function select(id, options, value = '', extra = '') {
  const n = ++dropdownCounter;
  const inpt = `inpt_${id}_${n}`;
  const chosen = options.find((o) => String(o.value) === String(value ?? ''));
  return `<div class="ns-dropdown" data-name="${id}" data-options="${esc(JSON.stringify(options))}"${extra}><input type="text" id="${inpt}" name="inpt_${id}" class="dropdownInput textbox" autocomplete="off" value="${esc(chosen?.text ?? '')}"><span id="${inpt}_arrow" class="ddarrowSpan"><img class="i_dropdownarrow" src="${ARROW_IMG}" alt="" width="14" height="14"></span><input type="hidden" id="hddn_${id}_${n}" name="${id}" value="${esc(chosen ? chosen.value : '')}"></div>`;
}

/**
 * ASSUMED (evidence: "newer record pages render some selects as combobox widgets … expect ARIA
 * comboboxes"): an ARIA 1.2 combobox. The box `cbx_<id>_<N>` (role combobox, aria-autocomplete
 * list, name `<id>_display`) controls `cbx_<id>_<N>_listbox` (role listbox, options role option
 * built when it opens); the value travels in the hidden `hddn_<id>_<N>` (name `<id>`).
 */
function combobox(id, options, value = '', extra = '') {
  const n = ++dropdownCounter;
  const box = `cbx_${id}_${n}`;
  const chosen = options.find((o) => String(o.value) === String(value ?? ''));
  return `<div class="uir-combobox" data-name="${id}" data-options="${esc(JSON.stringify(options))}"${extra}><input type="text" id="${box}" name="${id}_display" class="input uir-combobox-input" role="combobox" aria-autocomplete="list" aria-expanded="false" aria-controls="${box}_listbox" aria-labelledby="${id}_fs_lbl" autocomplete="off" value="${esc(chosen?.text ?? '')}"><div id="${box}_listbox" class="uir-combobox-listbox" role="listbox" aria-labelledby="${id}_fs_lbl" hidden></div><input type="hidden" id="hddn_${id}_${n}" name="${id}" value="${esc(chosen ? chosen.value : '')}"></div>`;
}

/** A labelled single select as NetSuite builds it on a record form. */
function dropdown(id, text, options, { required = true, value = '', extra = '', widget = select } = {}) {
  return wrapper(id, 'select', text, `${label(id, text, { required })}${fieldInput(widget(id, options, value, extra))}`);
}

function textField(id, text, value = '', { required = true, maxlength = 100, type = 'text', extra = '' } = {}) {
  return wrapper(id, type, text, `${label(id, text, { required })}${fieldInput(`<input type="${type}" id="${id}" name="${id}" class="input uir-custom-field" maxlength="${maxlength}" value="${type === 'password' ? '' : esc(value)}"${type === 'password' ? ' autocomplete="new-password"' : ''}${extra}>`)}`);
}

/** A checkbox as NetSuite builds it: the box plus a hidden `<id>_send` companion (T or empty). */
function checkbox(id, text, checked, { terms = false } = {}) {
  return wrapper(id, 'checkbox', text, `${label(id, text)}${fieldInput(`<input type="checkbox" id="${id}" name="${id}" class="checkbox nlsinglecheckbox" value="T"${checked ? ' checked' : ''}${terms ? ' data-terms="T"' : ''}><input type="hidden" id="${id}_send" name="${id}_send" value="${checked ? 'T' : ''}">`, ' checkbox')}`);
}

/**
 * A field in view mode (evidence): `span.uir-field.inputreadonly` with `<id>_fs` / `<id>_val`
 * spans and a hidden `<input name="<id>" id="<id>" type="hidden">` (the internal value).
 * `hidden: false` leaves the hidden input out (the token pair: shown once, in one place).
 */
function readonly(id, text, value, { hidden = value, type = 'text' } = {}) {
  const input = hidden === false ? '' : `<input name="${id}" id="${id}" type="hidden" value="${esc(hidden)}">`;
  return wrapper(id, type, text, `${label(id, text, { view: true })}${fieldInput(`<span id="${id}_fs" class="uir-field-value"><span id="${id}_val">${esc(value)}</span></span>${input}`, ' inputreadonly')}`);
}
const yesNo = (b) => (b ? 'Yes' : 'No');
const checkView = (id, text, on) => wrapper(id, 'checkbox', text, `${label(id, text, { view: true })}${fieldInput(`<span id="${id}_fs" class="checkbox_read${on ? ' checkbox_ck' : ' checkbox_unck'}" role="img" aria-label="${on ? 'Checked' : 'Not checked'}"><span id="${id}_val">${on ? 'Yes' : 'No'}</span></span><input name="${id}" id="${id}" type="hidden" value="${on ? 'T' : 'F'}">`, ' checkbox inputreadonly')}`);

/**
 * Subtabs (evidence): `<tab>lnk` (carrying `data-nsps-label="<Tab>"`) holding the link
 * `<tab>txt`, and their panes. `tabs`: [{ id, label, html }]. The first is shown.
 * ASSUMED: NetSuite's real strip is a table of `td`s; spans are used here.
 */
function subtabs(tabs, { nested = false } = {}) {
  const links = tabs.map((t, i) => `<span id="${t.id}lnk" class="formtab${i === 0 ? ' formtabon' : ' formtaboff'}" data-nsps-type="tab" data-nsps-label="${esc(t.label)}" data-pane="${t.id}_pane"><a id="${t.id}txt" href="#" class="formtabtext" role="tab" aria-selected="${i === 0}">${esc(t.label)}</a></span>`).join(' ');
  const panes = tabs.map((t, i) => `<div id="${t.id}_pane" class="uir-tab-pane" role="tabpanel"${i === 0 ? '' : ' hidden'}>${t.html}</div>`).join('\n');
  return `<div class="uir-subtabs${nested ? ' uir-subtabs-nested' : ''}" role="tablist">${links}</div>\n${panes}`;
}

/**
 * A sublist "machine" (inline editor). Rows are rendered in `<m>_splits` and carried in the hidden
 * `<m>data` (rows joined by \u0002, columns by \u0001, columns named in `<m>fields`); the page
 * script redraws the table from `<m>data` (`window['<m>_machine'].buildtable()`).
 * `columns`: [{ id, label, options? }] — a column with options is a select, carried as two data
 * columns `<id>` (internal id) and `<id>_display` (text). `rows`: objects keyed by those names.
 */
function machine(m, { title, columns, rows, editable, unique }) {
  const fields = columns.flatMap((c) => (c.options ? [c.id, `${c.id}_display`] : [c.id]));
  const data = rows.map((r) => fields.map((f) => String(r[f] ?? '').replace(/[\u0001\u0002]/g, ' ')).join('\u0001')).join('\u0002');
  const head = `<tr class="uir-machine-headerrow" id="${m}_headerrow">${columns.map((c) => `<td class="listheadertd" data-label="${esc(c.label)}"><div class="listheader">${esc(c.label)}</div></td>`).join('')}</tr>`;
  const body = rows.map((r, i) => `<tr id="${m}_row_${i + 1}" class="uir-machine-row ${i % 2 ? 'uir-machine-row-even' : 'uir-machine-row-odd'}">${columns.map((c) => `<td class="uir-list-row-cell">${esc(c.options ? r[`${c.id}_display`] : r[c.id])}</td>`).join('')}</tr>`).join('');
  const editor = editable ? `<tr id="${m}_row_${rows.length + 1}" class="uir-machine-row uir-machine-editrow uir-machine-row-focused">${columns.map((c) => `<td class="uir-list-row-cell listinlinefocusedrowcell">${c.options ? select(c.id, c.options, c.value ?? '') : `<input type="text" id="${c.id}" name="${c.id}" class="input">`}</td>`).join('')}</tr>` : '';
  const buttons = editable ? `<table class="uir-machine-button-row" id="${m}_buttons" role="presentation"><tr><td>${button({ id: `${m}_addedit`, value: 'Add' })}</td><td>${button({ id: `${m}_clear`, value: 'Cancel' })}</td><td>${button({ id: `${m}_remove`, value: 'Remove' })}</td></tr></table>` : '';
  return `<div class="uir-machine" id="${m}_layer" data-machine="${m}" data-columns="${esc(JSON.stringify(columns.map(({ id, label: l, options }) => ({ id, label: l, select: !!options }))))}"${unique ? ` data-unique="${unique}"` : ''}>
${title ? `<div class="fgroup_title uir-machine-title">${esc(title)}</div>` : ''}
<input type="hidden" id="${m}data" name="${m}data" value="${esc(data)}"><input type="hidden" id="${m}fields" name="${m}fields" value="${esc(fields.join('\u0001'))}">
${buttons}
<table id="${m}_splits" class="uir-machine-table listtable" role="grid">${head}${body}${editor}</table>
</div>`;
}

/** Rows of a machine as posted: objects keyed by the names in `<m>fields`. */
function machineRows(form, m) {
  const fields = (form.get(`${m}fields`) || '').split('\u0001');
  return (form.get(`${m}data`) || '').split('\u0002').filter((r) => r !== '').map((r) => {
    const cols = r.split('\u0001');
    return Object.fromEntries(fields.map((f, i) => [f, cols[i] ?? '']));
  });
}

function alertBox(kind, title, text) {
  return `<div class="uir-alert-box ${kind}" role="${kind === 'error' ? 'alert' : 'status'}"><div class="icon ${kind}"></div><div class="content"><div class="title">${esc(title)}</div><div class="descr">${esc(text)}</div></div></div>`;
}
const confirmation = (text = TEXT.saved) => alertBox('confirmation', 'Confirmation', text);
const errorBox = (text) => alertBox('error', 'Error', text);

/**
 * A list page's table (evidence): `#div__body` with rows `tr.uir-list-row-tr`; an empty list is one
 * `td.uir-nodata-cell` (ASSUMED: its row is not a `uir-list-row-tr`); the footer `#div__footer`
 * (ASSUMED content: the record count).
 */
function listTable(headers, rows, empty = 'No records to show.') {
  return `<div class="uir-list-body"><table id="div__body" class="listtable listborder uir-list-table"><thead><tr class="uir-list-headerrow">${headers.map((h) => `<th class="listheadertd">${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows.length ? rows.join('') : `<tr class="uir-list-row-nodata"><td colspan="${headers.length}" class="uir-nodata-cell">${empty}</td></tr>`}</tbody></table><div id="div__footer" class="uir-list-footer">Total: ${rows.length}</div></div>`;
}
const listRow = (cells, i) => `<tr class="uir-list-row-tr ${i % 2 ? 'uir-list-row-even' : 'uir-list-row-odd'}">${cells.map((c) => `<td class="uir-list-row-cell listtexthl">${c}</td>`).join('')}</tr>`;

function send(res, status, html, headers = {}) {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(html);
}
const redirect = (res, to) => { res.writeHead(302, { location: to, 'cache-control': 'no-store' }); res.end(); };
const hex64 = () => randomBytes(32).toString('hex');

/** One-shot messages: set before a redirect, shown once by the next page with that key. */
const setFlash = (acct, key, html) => { acct.flash[key] = html; };
const takeFlash = (acct, key) => { const m = acct.flash[key] || ''; delete acct.flash[key]; return m; };

const notFound = (ctx, what) => send(ctx.res, 404, page({ title: what, body: '', message: errorBox('That record does not exist.') }));

// ── Login (expired session) ──────────────────────────────────────────────────────────────────
// The login form's names are from SuiteTools (`form[name=login]`, `input#userName`); the rest of
// the markup and the post path are ASSUMED.
function login(ctx) {
  const back = new URL(ctx.url);
  back.searchParams.delete('replica_session');
  const html = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>NetSuite - Login</title>
<link rel="stylesheet" href="/replica-assets/netsuite.css"></head>
<body class="ns-login-page">
<div class="ns-login-box"><h1 class="ns-logo">NetSuite</h1>
<p class="ns-login-note">Your session has timed out. Please log in again.</p>
<form name="login" id="login" method="post" action="/app/login/nllogin.nl">
<input type="hidden" name="redirect" value="${esc(back.pathname + back.search)}">
<div class="ns-login-field"><label for="userName">Email address</label><input type="email" id="userName" name="email" autocomplete="username"></div>
<div class="ns-login-field"><label for="password">Password</label><input type="password" id="password" name="password" autocomplete="current-password"></div>
<div class="ns-login-field"><input type="checkbox" id="rememberme" name="rememberme" value="T"><label for="rememberme">Remember my email address</label></div>
<input type="submit" id="login-submit" value="Log In">
</form></div>
</body></html>`;
  send(ctx.res, 200, html);
}

function loginPost(ctx) {
  const form = new URLSearchParams(ctx.body);
  if (!form.get('email') || !form.get('password')) return login(ctx);
  ctx.state.netsuite.sessionExpired = false;
  const to = form.get('redirect') || '/app/center/card.nl';
  return redirect(ctx.res, to.startsWith('/') && !to.startsWith('//') ? to : '/app/center/card.nl');
}

// ── Home ─────────────────────────────────────────────────────────────────────────────────────
function home(ctx) {
  send(ctx.res, 200, page({ title: 'Home', body: `<div class="portlet"><h2>Reminders</h2><p>Welcome to the replica of NetSuite account ${esc(ctx.account)}.</p></div>` }));
}

// ── A. Enable Features ──────────────────────────────────────────────────────────────────────
function features(ctx, acct) {
  const domId = (f) => (f === 'tba' ? TBA_CHECKBOX_IDS[variantOf(ctx.state).tbaCheckbox] : f);
  if (ctx.req.method === 'POST') {
    const form = new URLSearchParams(ctx.body);
    // A box counts only if the form carried it (its `_send` companion is always posted).
    for (const id of FEATURE_IDS) if (form.has(`${domId(id)}_send`)) acct.features[id] = form.get(domId(id)) === 'T';
    setFlash(acct, 'features', confirmation());
    return redirect(ctx.res, '/app/setup/features.nl?whence=');
  }
  const tabs = FEATURE_TABS.map((t) => ({
    id: t.tab,
    label: t.label,
    html: t.groups.map((g) => `<div class="fgroup_title">${esc(g.title)}</div>${g.features.map(([id, text, terms]) => checkbox(domId(id), text, acct.features[id], { terms })).join('')}`).join(''),
  }));
  // Ticking a `data-terms` box opens the terms pop-up (termsPage) from the page script.
  send(ctx.res, 200, page({ title: 'Enable Features', mode: 'edit', body: subtabs(tabs), buttons: [SAVE, CANCEL('/app/center/card.nl'), RESET], message: takeFlash(acct, 'features') }));
}

/**
 * The SuiteCloud terms, in their own pop-up window (evidence: a separate window titled
 * "NetSuiteSuiteCloud Terms Of Service" with an "I Agree" button). ASSUMED: its path
 * (`/app/setup/featureterms.nl?feature=<box id>`), its text, the decline button, and that I Agree
 * ticks the box in `window.opener` and closes the pop-up (assets/netsuite-terms.js).
 */
export const TERMS_PATH = '/app/setup/featureterms.nl';
function termsPage(ctx) {
  const feature = ctx.url.searchParams.get('feature') || '';
  const html = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>${esc(TEXT.termsTitle)}</title>
<link rel="stylesheet" href="/replica-assets/netsuite.css">
<script src="/replica-assets/netsuite-terms.js" defer></script></head>
<body class="uir-page ns-terms-popup" data-feature="${esc(feature)}">
<div class="uir-page-title"><div class="uir-page-title-firstline"><h1>SuiteCloud Terms Of Service</h1></div></div>
<div class="ns-terms-text"><p>By enabling this feature, you agree to the NetSuite SuiteCloud Terms of Service, including the terms that govern the use of SuiteScript, web services and token-based authentication.</p>
<p>Subscriber acknowledges that SuiteCloud features are provided subject to the terms of the Subscription Services Agreement.</p></div>
<div class="ns-terms-buttons"><input type="button" id="agree" name="agree" class="pgBntG" value="I Agree"> <input type="button" id="disagree" name="disagree" class="pgBntB" value="I Do Not Agree"></div>
</body></html>`;
  send(ctx.res, 200, html);
}

// ── B. Manage Roles and the role record ──────────────────────────────────────────────────────
function roleList(ctx, acct) {
  // Evidence: the role's link is in the third cell. ASSUMED columns: Edit | Customize | Name (a
  // link to the role) | Center Type | Bundle | Inactive.
  const rows = acct.roles.map((r, i) => listRow([
    `<a class="dottedlink" href="/app/setup/role.nl?id=${r.id}&amp;e=T">Edit</a>`,
    `<a class="dottedlink" href="/app/setup/role.nl?id=${r.id}&amp;e=T&amp;cp=T">Customize</a>`,
    `<a class="dottedlink uir-list-name" href="/app/setup/role.nl?id=${r.id}">${esc(r.name)}</a>`,
    esc(r.centerType),
    r.bundle ? String(r.bundle) : '',
    yesNo(r.inactive),
  ], i));
  const body = listTable(['Edit', 'Customize', 'Name', 'Center Type', 'Bundle', 'Inactive'], rows);
  send(ctx.res, 200, page({ title: 'Manage Roles', body, buttons: [{ id: 'new', value: 'New Role', href: '/app/setup/role.nl?whence=' }], message: takeFlash(acct, 'rolelist') }));
}

const levelOptions = LEVELS.map((l) => ({ value: l, text: l }));
const permRows = (permissions, group, m) => permissions.filter((p) => p.group === group)
  .map((p) => ({ [`${m}_permission`]: p.key, [`${m}_permission_display`]: p.name, [`${m}_level`]: p.level, [`${m}_level_display`]: p.level }));

function permissionTabs(permissions, editable) {
  return subtabs(PERMISSION_GROUPS.map(({ group, machine: m, tab }) => ({
    id: m,
    label: tab,
    html: machine(m, {
      columns: [
        { id: `${m}_permission`, label: 'Permission', options: editable ? PERMISSIONS.filter((p) => p.group === group).map((p) => ({ value: p.key, text: p.name })) : [] },
        { id: `${m}_level`, label: 'Level', options: editable ? levelOptions : [] },
      ],
      rows: permRows(permissions, group, m),
      editable,
      unique: `${m}_permission`,
    }),
  })), { nested: true });
}

/** The role form: edit (`e=T`) of a custom role, Customize (`e=T&cp=T`) of any role, or New. */
function roleForm(ctx, acct, { source, editing, values, error = '' }) {
  const v = values ?? {
    name: editing ? editing.name : source ? `${CUSTOMIZED_PREFIX}${source.name}` : '',
    scriptid: editing ? editing.scriptid : '',
    centertype: (editing ?? source)?.centerType ?? 'Classic Center',
    webserviceonlyrole: (editing ?? source)?.webServicesOnly ?? false,
    isinactive: editing?.inactive ?? false,
    permissions: (editing ?? source)?.permissions ?? [],
  };
  const centers = ['Classic Center', 'Accounting Center', 'Sales Center', 'Employee Center'].map((c) => ({ value: c, text: c }));
  const main = `<div class="fgroup_title">Primary Information</div>
${textField('name', 'Name', v.name)}
${textField('scriptid', 'ID', v.scriptid, { required: false, maxlength: 40 })}
${dropdown('centertype', 'Center Type', centers, { value: v.centertype })}
${checkbox('webserviceonlyrole', 'Web Services Only Role', v.webserviceonlyrole)}
${checkbox('isinactive', 'Inactive', v.isinactive)}
<input type="hidden" name="id" id="id" value="${editing ? editing.id : ''}"><input type="hidden" name="cp" id="cp" value="${source ? source.id : ''}">`;
  const tabs = subtabs([
    { id: 'PERM_TAB', label: 'Permissions', html: permissionTabs(v.permissions, true) }, // evidence: #PERM_TABlnk
    { id: 'restrictions', label: 'Restrictions', html: '<p class="uir-empty-tab">No restrictions.</p>' },
    { id: 'forms', label: 'Forms', html: '<p class="uir-empty-tab">Default forms.</p>' },
  ]);
  const title = source ? 'Role (Customize)' : 'Role';
  send(ctx.res, 200, page({ title, recordType: 'role', recordId: editing?.id ?? '', mode: 'edit', body: main + tabs, buttons: [SAVE, CANCEL('/app/setup/rolelist.nl?whence='), RESET], message: error ? errorBox(error) : '' }));
}

function roleView(ctx, acct, role, message = '') {
  const fields = `<div class="fgroup_title">Primary Information</div>
${readonly('name', 'Name', role.name)}
${readonly('scriptid', 'ID', role.scriptid ?? '')}
${readonly('centertype', 'Center Type', role.centerType)}
${checkView('webserviceonlyrole', 'Web Services Only Role', role.webServicesOnly)}
${checkView('isinactive', 'Inactive', role.inactive)}
${role.bundle ? readonly('bundle', 'Bundle', String(role.bundle)) : ''}`;
  const tabs = subtabs([{ id: 'PERM_TAB', label: 'Permissions', html: permissionTabs(role.permissions, false) }]);
  const buttons = [
    ...(role.custom ? [{ id: 'edit', value: 'Edit', href: `/app/setup/role.nl?id=${role.id}&e=T` }] : []),
    { id: 'customize', value: 'Customize', href: `/app/setup/role.nl?id=${role.id}&e=T&cp=T` },
    { id: '_back', value: 'Back', href: '/app/setup/rolelist.nl?whence=' },
  ];
  send(ctx.res, 200, page({ title: 'Role', recordType: 'role', recordId: role.id, mode: 'view', body: fields + tabs, buttons, message: message || takeFlash(acct, `role:${role.id}`) }));
}

function postedPermissions(form) {
  const out = [];
  for (const { machine: m } of PERMISSION_GROUPS) {
    for (const r of machineRows(form, m)) {
      const p = PERMISSIONS.find((x) => x.key === r[`${m}_permission`]);
      if (p && !out.some((o) => o.key === p.key)) out.push({ key: p.key, name: p.name, group: p.group, level: LEVELS.includes(r[`${m}_level`]) ? r[`${m}_level`] : 'View' });
    }
  }
  return out;
}

function saveRole(ctx, acct) {
  const form = new URLSearchParams(ctx.body);
  const editing = acct.roles.find((r) => String(r.id) === form.get('id') && r.custom);
  const source = acct.roles.find((r) => String(r.id) === form.get('cp'));
  const values = {
    name: (form.get('name') || '').trim(),
    scriptid: (form.get('scriptid') || '').trim(),
    centertype: form.get('centertype') || 'Classic Center',
    webserviceonlyrole: form.get('webserviceonlyrole') === 'T',
    isinactive: form.get('isinactive') === 'T',
    permissions: postedPermissions(form),
  };
  const fail = (error) => roleForm(ctx, acct, { source: editing ? null : source, editing, values, error });
  if (!values.name) return fail(`${TEXT.required}Name`);
  // NetSuite accepts most characters; Celigo only ADVISES alphanumeric names (the extension
  // enforces that advice, not the replica). Names must be unique.
  if (acct.roles.some((r) => r !== editing && r.name.toLowerCase() === values.name.toLowerCase())) return fail(TEXT.roleTaken);
  let role = editing;
  if (!role) {
    role = { id: acct.nextRoleId++, standard: false, locked: false, custom: true };
    if (source) role.clonedFrom = source.id;
    acct.roles.push(role);
  }
  Object.assign(role, {
    name: values.name,
    scriptid: values.scriptid || role.scriptid || `customrole${role.id}`,
    centerType: values.centertype,
    webServicesOnly: values.webserviceonlyrole,
    inactive: values.isinactive,
    permissions: values.permissions,
  });
  setFlash(acct, `role:${role.id}`, confirmation());
  return redirect(ctx.res, `/app/setup/role.nl?id=${role.id}`);
}

function rolePage(ctx, acct) {
  if (ctx.req.method === 'POST') return saveRole(ctx, acct);
  const q = ctx.url.searchParams;
  const idParam = q.get('id');
  const role = idParam ? acct.roles.find((r) => String(r.id) === idParam) : null;
  if (idParam && !role) return notFound(ctx, 'Role');
  const edit = q.get('e') === 'T'; // `e=t` is view mode, as in NetSuite
  if (!role) return roleForm(ctx, acct, {}); // New Role
  if (edit && q.get('cp') === 'T') return roleForm(ctx, acct, { source: role });
  if (edit && role.custom) return roleForm(ctx, acct, { editing: role });
  if (edit) return roleView(ctx, acct, role, errorBox(TEXT.lockedRole));
  return roleView(ctx, acct, role);
}

// ── C. Manage Users and the employee record ─────────────────────────────────────────────────
function userList(ctx, acct) {
  // ASSUMED columns. The name opens the record (view), Edit opens it in edit mode.
  const rows = acct.employees.map((e, i) => listRow([
    `<a class="dottedlink" href="/app/common/entity/employee.nl?id=${e.id}&amp;e=T">Edit</a>`,
    `<a class="dottedlink" href="/app/common/entity/employee.nl?id=${e.id}">${esc(employeeName(e))}</a>`,
    esc(e.email),
    esc(e.roles.map((id) => acct.roles.find((r) => r.id === id)?.name).filter(Boolean).join(', ')),
    yesNo(e.giveaccess),
  ], i));
  send(ctx.res, 200, page({ title: 'Manage Users', body: listTable(['Edit', 'Name', 'Email', 'Roles', 'Login Access'], rows) }));
}

const roleOptions = (acct) => acct.roles.filter((r) => !r.inactive).map((r) => ({ value: r.id, text: r.name }));

function employeePage(ctx, acct) {
  const id = ctx.url.searchParams.get('id');
  const emp = acct.employees.find((e) => String(e.id) === id);
  if (ctx.req.method === 'POST') return saveEmployee(ctx, acct, emp);
  if (!emp) return notFound(ctx, 'Employee');
  return ctx.url.searchParams.get('e') === 'T' ? employeeForm(ctx, acct, emp) : employeeView(ctx, acct, emp);
}

function rolesMachine(acct, roleIds, editable) {
  const rows = roleIds.map((rid) => acct.roles.find((r) => r.id === rid)).filter(Boolean)
    .map((r) => ({ selectedrole: r.id, selectedrole_display: r.name }));
  return machine('roles', {
    title: 'Roles',
    columns: [{ id: 'selectedrole', label: 'Role', options: editable ? roleOptions(acct) : [] }],
    rows,
    editable,
    unique: 'selectedrole',
  });
}

function employeeForm(ctx, acct, emp, { values, error = '' } = {}) {
  const v = values ?? { firstname: emp.firstname, lastname: emp.lastname, email: emp.email, title: emp.title, giveaccess: emp.giveaccess, roles: emp.roles };
  // ASSUMED: the Custom Form select at the top of the record (so the record's dropdowns are
  // numbered from 2, as N counts every dropdown of the page).
  const main = `${dropdown('customform', 'Custom Form', [{ value: '-10', text: 'Standard Employee Form' }], { value: '-10' })}
<div class="fgroup_title">Primary Information</div>
${textField('firstname', 'First Name', v.firstname)}
${textField('lastname', 'Last Name', v.lastname)}
${textField('email', 'Email', v.email, { required: false })}
${textField('title', 'Job Title', v.title, { required: false })}`;
  // The Access subtab: the fields are the employee record's (giveaccess, sendemail, password,
  // password2, requirepwdchange, roles sublist with column selectedrole); their layout is ASSUMED.
  const access = `${checkbox('giveaccess', 'Give Access', v.giveaccess)}
${checkbox('sendemail', 'Send New Access Notification Email', false)}
${textField('password', 'Password', '', { required: false, type: 'password' })}
${textField('password2', 'Confirm Password', '', { required: false, type: 'password' })}
${checkbox('requirepwdchange', 'Require Password Change on Next Login', false)}
${rolesMachine(acct, v.roles, true)}`;
  const tabs = subtabs([
    { id: 'address', label: 'Address', html: '<p class="uir-empty-tab">No address.</p>' },
    { id: 'hr', label: 'Human Resources', html: textField('hiredate', 'Hire Date', '', { required: false }) },
    { id: 'access', label: 'Access', html: access },
    { id: 'systeminfo', label: 'System Information', html: '<p class="uir-empty-tab">Created by the replica.</p>' },
  ]);
  send(ctx.res, 200, page({
    title: 'Employee', recordType: 'employee', recordId: emp.id, mode: 'edit', body: main + tabs,
    buttons: [SAVE, CANCEL(`/app/common/entity/employee.nl?id=${emp.id}`), RESET],
    message: error ? errorBox(error) : '',
  }));
}

function employeeView(ctx, acct, emp) {
  const main = `<div class="fgroup_title">Primary Information</div>
${readonly('entityid', 'Name', employeeName(emp))}
${readonly('email', 'Email', emp.email)}
${readonly('title', 'Job Title', emp.title)}`;
  const tabs = subtabs([
    { id: 'address', label: 'Address', html: '<p class="uir-empty-tab">No address.</p>' },
    { id: 'hr', label: 'Human Resources', html: '' },
    { id: 'access', label: 'Access', html: checkView('giveaccess', 'Give Access', emp.giveaccess) + rolesMachine(acct, emp.roles, false) },
    { id: 'systeminfo', label: 'System Information', html: '' },
  ]);
  send(ctx.res, 200, page({
    title: 'Employee', recordType: 'employee', recordId: emp.id, mode: 'view', body: main + tabs,
    buttons: [{ id: 'edit', value: 'Edit', href: `/app/common/entity/employee.nl?id=${emp.id}&e=T` }, { id: '_back', value: 'Back', href: '/app/setup/listusers.nl?whence=' }],
    message: takeFlash(acct, `employee:${emp.id}`),
  }));
}

function saveEmployee(ctx, acct, emp) {
  if (!emp) return notFound(ctx, 'Employee');
  const form = new URLSearchParams(ctx.body);
  const roleIds = [];
  for (const r of machineRows(form, 'roles')) {
    const role = acct.roles.find((x) => String(x.id) === r.selectedrole);
    if (role && !roleIds.includes(role.id)) roleIds.push(role.id);
  }
  const values = {
    firstname: (form.get('firstname') || '').trim(), lastname: (form.get('lastname') || '').trim(),
    email: (form.get('email') || '').trim(), title: (form.get('title') || '').trim(),
    giveaccess: form.get('giveaccess') === 'T', roles: roleIds,
  };
  const missing = [!values.firstname && 'First Name', !values.lastname && 'Last Name'].filter(Boolean);
  if (missing.length) return employeeForm(ctx, acct, emp, { values, error: TEXT.required + missing.join(', ') });
  // ASSUMED wording: NetSuite needs an email and at least one role to give access.
  if (values.giveaccess && !values.email) return employeeForm(ctx, acct, emp, { values, error: `${TEXT.required}Email` });
  if (values.giveaccess && !roleIds.length) return employeeForm(ctx, acct, emp, { values, error: 'You must assign at least one role to give this employee access.' });
  Object.assign(emp, values);
  setFlash(acct, `employee:${emp.id}`, confirmation());
  return redirect(ctx.res, `/app/common/entity/employee.nl?id=${emp.id}`);
}

// ── D. Access tokens ───────────────────────────────────────────────────────────────────────
function tokenList(ctx, acct) {
  // Columns as SuiteTools reads them: (edit) | Internal ID | Token Name | User | Role | Application | Inactive | Created | Created By.
  const rows = acct.tokens.map((t, i) => listRow([
    `<a class="dottedlink" href="/app/setup/accesstoken.nl?id=${t.id}&amp;e=T">Edit</a>`,
    String(t.id), esc(t.name), esc(t.userName), esc(t.roleName), esc(t.appName), yesNo(t.inactive || t.revoked),
    esc((t.created || '').slice(0, 10)), esc(t.createdBy),
  ], i));
  const body = listTable(['Edit', 'Internal ID', 'Token Name', 'User', 'Role', 'Application', 'Inactive', 'Created', 'Created By'], rows);
  send(ctx.res, 200, page({ title: 'Access Tokens', body, buttons: [{ id: 'new', value: 'New Access Token', href: '/app/setup/accesstoken.nl?whence=' }] }));
}

const userRoleOptions = (acct, emp) => (emp ? emp.roles.map((id) => acct.roles.find((r) => r.id === id)).filter((r) => r && !r.inactive).map((r) => ({ value: r.id, text: r.name })) : []);
// Evidence: a dropdown's first option can be `- New -` (it opens a new-record form in NetSuite;
// ASSUMED here: choosing it clears the choice). Only the User select offers it.
const NEW_OPTION = { value: '-1', text: '- New -' };

function tokenForm(ctx, acct, { error = '', values = {} } = {}) {
  const { tokenForm: kind } = variantOf(ctx.state);
  const f = TOKEN_FORM_FIELDS[kind];
  const widget = kind === 'combobox' ? combobox : select;
  const apps = acct.applications.map((a) => ({ value: a.id, text: a.name }));
  const people = acct.employees.filter((e) => e.giveaccess);
  const users = [NEW_OPTION, ...people.map((e) => ({ value: e.id, text: employeeName(e) }))];
  const chosen = people.find((e) => String(e.id) === String(values.user ?? ''));
  // The Role list holds the chosen user's roles only. NetSuite sources it from the server when
  // the user changes; the replica ships the user → roles map with the page (ASSUMED mechanism).
  const sourcing = Object.fromEntries(people.map((e) => [e.id, userRoleOptions(acct, e)]));
  // The Token Name is proposed from the three choices (`data-propose-from`, page script).
  const propose = ` data-propose-from="${[f.application, f.user, f.role].join(',')}"`;
  // ASSUMED: a Custom Form select first on the analytics/unknown forms (so their dropdowns are
  // numbered from 2), none on the replica/combobox ones.
  const customform = kind === 'analytics' || kind === 'unknown' ? dropdown('customform', 'Custom Form', [{ value: '-100', text: 'Standard Access Token Form' }], { value: '-100' }) : '';
  const body = `${customform}<div class="fgroup_title">Primary Information</div>
${dropdown(f.application, 'Application Name', apps, { value: values.application, widget })}
${dropdown(f.user, 'User', users, { value: values.user, widget })}
${dropdown(f.role, 'Role', userRoleOptions(acct, chosen), { value: values.role, widget, extra: ` data-source-field="${f.user}" data-source-map="${esc(JSON.stringify(sourcing))}"` })}
${textField(f.name, 'Token Name', values.name ?? '', { extra: propose })}
${checkbox(f.inactive, 'Inactive', values.inactive ?? false)}`;
  send(ctx.res, 200, page({ title: 'Access Token', recordType: 'accesstoken', mode: 'edit', body, buttons: [SAVE, CANCEL('/app/setup/accesstokens.nl?whence='), RESET], message: error ? errorBox(error) : '' }));
}

function saveToken(ctx, acct) {
  const form = new URLSearchParams(ctx.body);
  const f = TOKEN_FORM_FIELDS[variantOf(ctx.state).tokenForm];
  // Only the hidden internal ids are read, by the variant's names: what the visible boxes show is
  // never trusted (NetSuite's pitfall).
  const values = { application: form.get(f.application), user: form.get(f.user), role: form.get(f.role), name: (form.get(f.name) || '').trim(), inactive: form.get(f.inactive) === 'T' };
  const app = acct.applications.find((a) => String(a.id) === values.application);
  const user = acct.employees.find((e) => String(e.id) === values.user && e.giveaccess);
  const role = acct.roles.find((r) => String(r.id) === values.role);
  const fail = (error) => tokenForm(ctx, acct, { error, values });
  if (!acct.features.tba) return fail(TEXT.tbaOff);
  const missing = [!app && 'Application Name', !user && 'User', !role && 'Role', !values.name && 'Token Name'].filter(Boolean);
  if (missing.length) return fail(TEXT.required + missing.join(', '));
  if (!user.roles.includes(role.id)) return fail(`The user ${employeeName(user)} does not have the role ${role.name}.`);
  if (!hasPermission(role, TOKEN_PERMISSION_KEY)) return fail(`The role ${role.name} does not have the permission "${TOKEN_PERMISSION}".`);
  // Oracle: tokens cannot be made for another user's Administrator role (ASSUMED wording).
  if (role.id === 3 && user.id !== acct.currentUser) return fail(`You cannot create an access token for the Administrator role of another user (${employeeName(user)}).`);
  if (acct.tokens.filter((t) => t.userId === user.id && !t.revoked).length >= MAX_TOKENS_PER_USER) return fail(TEXT.tooMany);
  const creator = acct.employees.find((e) => e.id === acct.currentUser);
  const token = {
    id: acct.nextId++, name: values.name, appId: app.id, appName: app.name, userId: user.id, userName: employeeName(user),
    roleId: role.id, roleName: role.name, inactive: values.inactive, revoked: false,
    tokenId: hex64(), tokenSecret: hex64(), shown: false, views: 0,
    created: new Date().toISOString(), createdBy: creator ? employeeName(creator) : '', account: ctx.account,
  };
  acct.tokens.push(token);
  return redirect(ctx.res, `/app/setup/accesstoken.nl?id=${token.id}`);
}

/**
 * The Token ID / Token Secret pair on the confirmation page, per confirmation variant. Evidence:
 * "their ids and markup are not public". ASSUMED, all four:
 * - spans: label span then value span, as a view-mode field (`tokenid_val`, `tokensecret_val`,
 *   no hidden input so each value is on the page once);
 * - table: a two-row table, labels and values in `td`s, no ids on the values;
 * - inputs: read-only text inputs (`tokenkey`, `tokensecret`) whose value is the token, labelled
 *   by `_fs_lbl` spans;
 * - text: one text block, "Token ID: <hex>" and "Token Secret: <hex>" lines.
 */
function tokenPair(kind, token) {
  if (kind === 'split') {
    const halves = (hex) => `<span class="uir-token-part">${hex.slice(0, 32)}</span><wbr><span class="uir-token-part">${hex.slice(32)}</span>`;
    return `<table id="tokencredentials" class="listtable uir-token-table" role="presentation"><tr><td class="smallgraytextnolink uir-label">Token ID</td><td class="uir-token-value">${halves(token.tokenId)}</td></tr><tr><td class="smallgraytextnolink uir-label">Token Secret</td><td class="uir-token-value">${halves(token.tokenSecret)}</td></tr></table>`;
  }
  if (kind === 'table') {
    return `<table id="tokencredentials" class="listtable uir-token-table" role="presentation"><tr><td class="smallgraytextnolink uir-label">Token ID</td><td class="uir-token-value">${token.tokenId}</td></tr><tr><td class="smallgraytextnolink uir-label">Token Secret</td><td class="uir-token-value">${token.tokenSecret}</td></tr></table>`;
  }
  if (kind === 'inputs') {
    const input = (id, text, value) => wrapper(id, 'text', text, `${label(id, text, { view: true })}${fieldInput(`<input type="text" id="${id}" name="${id}" class="input inputreadonly uir-token-input" readonly size="70" value="${value}">`)}`);
    return input('tokenkey', 'Token ID', token.tokenId) + input('tokensecret', 'Token Secret', token.tokenSecret);
  }
  if (kind === 'text') {
    return `<div id="tokencredentials" class="uir-token-text">Token ID: ${token.tokenId}<br>Token Secret: ${token.tokenSecret}</div>`;
  }
  return readonly('tokenid', 'Token ID', token.tokenId, { hidden: false }) + readonly('tokensecret', 'Token Secret', token.tokenSecret, { hidden: false });
}

function tokenView(ctx, acct, id) {
  const token = acct.tokens.find((t) => t.id === id);
  if (!token) return notFound(ctx, 'Access Token');
  const v = variantOf(ctx.state);
  const f = TOKEN_FORM_FIELDS[v.tokenForm];
  token.views += 1;
  const fields = `<div class="fgroup_title">Primary Information</div>
${readonly(f.application, 'Application Name', token.appName, { hidden: String(token.appId) })}
${readonly(f.user, 'User', token.userName, { hidden: String(token.userId) })}
${readonly(f.role, 'Role', token.roleName, { hidden: String(token.roleId) })}
${readonly(f.name, 'Token Name', token.name)}
${checkView(f.inactive, 'Inactive', token.inactive)}
${checkView('revoked', 'Revoked', token.revoked)}`;
  let reveal = '';
  let message = '';
  if (!token.shown) {
    // Shown once: the first view after saving; a reload shows the record without them.
    // The "only this once" wording is after Oracle's and Celigo's help (ASSUMED).
    token.shown = true;
    message = confirmation(`${TEXT.saved}. ${TEXT.tokenShownOnce}`);
    reveal = `<div class="fgroup_title">Token ID and Secret</div>\n${tokenPair(v.confirmation, token)}`;
  }
  const buttons = [{ id: 'edit', value: 'Edit', href: `/app/setup/accesstoken.nl?id=${token.id}&e=T`, disabled: token.revoked }, { id: '_back', value: 'Back', href: '/app/setup/accesstokens.nl?whence=' }];
  send(ctx.res, 200, page({ title: 'Access Token', recordType: 'accesstoken', recordId: token.id, mode: 'view', body: fields + reveal, message, buttons }));
}

/** Edit of an existing token: name and Inactive can change; Revoke ends it (Oracle). */
function tokenEdit(ctx, acct, id, error = '') {
  const token = acct.tokens.find((t) => t.id === id);
  if (!token) return notFound(ctx, 'Access Token');
  if (token.revoked) return tokenView(ctx, acct, id);
  const f = TOKEN_FORM_FIELDS[variantOf(ctx.state).tokenForm];
  const body = `<div class="fgroup_title">Primary Information</div>
${readonly(f.application, 'Application Name', token.appName, { hidden: String(token.appId) })}
${readonly(f.user, 'User', token.userName, { hidden: String(token.userId) })}
${readonly(f.role, 'Role', token.roleName, { hidden: String(token.roleId) })}
${textField(f.name, 'Token Name', token.name)}
${checkbox(f.inactive, 'Inactive', token.inactive)}
<input type="hidden" name="id" value="${token.id}"><input type="hidden" name="revoke" id="revoke" value="">`;
  send(ctx.res, 200, page({ title: 'Access Token', recordType: 'accesstoken', recordId: token.id, mode: 'edit', body, buttons: [SAVE, CANCEL(`/app/setup/accesstoken.nl?id=${token.id}`), { id: 'revokebutton', value: 'Revoke' }], message: error ? errorBox(error) : '' }));
}

function updateToken(ctx, acct, form) {
  const token = acct.tokens.find((t) => String(t.id) === form.get('id'));
  if (!token || token.revoked) return notFound(ctx, 'Access Token');
  const f = TOKEN_FORM_FIELDS[variantOf(ctx.state).tokenForm];
  if (form.get('revoke') === 'T') { token.revoked = true; token.inactive = true; token.revokedAt = new Date().toISOString(); } else {
    const name = (form.get(f.name) || '').trim();
    if (!name) return tokenEdit(ctx, acct, token.id, `${TEXT.required}Token Name`);
    token.name = name;
    token.inactive = form.get(f.inactive) === 'T';
  }
  return redirect(ctx.res, `/app/setup/accesstoken.nl?id=${token.id}`);
}

function tokenPage(ctx, acct) {
  if (ctx.req.method === 'POST') {
    const form = new URLSearchParams(ctx.body);
    return form.get('id') ? updateToken(ctx, acct, form) : saveToken(ctx, acct);
  }
  const id = Number(ctx.url.searchParams.get('id'));
  if (!id) return tokenForm(ctx, acct);
  return ctx.url.searchParams.get('e') === 'T' ? tokenEdit(ctx, acct, id) : tokenView(ctx, acct, id);
}

// ── Routing ────────────────────────────────────────────────────────────────────────────────
export function netsuiteHandler(ctx) {
  ctx.state.netsuite.sessionExpired ??= false;
  ctx.state.netsuite.variant ??= { ...DEFAULT_VARIANT };
  dropdownCounter = 0; // the page's dropdowns are numbered from 1 (the handler is synchronous)
  const p = ctx.url.pathname;
  if (p === '/app/login/nllogin.nl' && ctx.req.method === 'POST') return loginPost(ctx);
  if (ctx.state.netsuite.sessionExpired || ctx.url.searchParams.get('replica_session') === 'expired') return login(ctx);
  const acct = account(ctx.state, ctx.account);
  if (p === '/' || p === '/app/center/card.nl') return home(ctx);
  if (p === '/app/setup/features.nl') return features(ctx, acct);
  if (p === TERMS_PATH) return termsPage(ctx);
  if (p === '/app/setup/rolelist.nl') return roleList(ctx, acct);
  if (p === '/app/setup/role.nl') return rolePage(ctx, acct);
  if (p === '/app/setup/listusers.nl') return userList(ctx, acct);
  if (p === '/app/common/entity/employee.nl') return employeePage(ctx, acct);
  if (p === '/app/setup/accesstokens.nl') return tokenList(ctx, acct);
  if (p === '/app/setup/accesstoken.nl') return tokenPage(ctx, acct);
  send(ctx.res, 404, page({ title: 'Page Not Found', body: '', message: errorBox(`The replica has no page ${p}.`) }));
}
