// The NetSuite replica, driven BY HAND (Playwright clicks and keystrokes, no extension actions):
// steps A–D of both playbooks, the dropdown pitfall, the Save errors, the page conventions the
// extension relies on, and the expired-session login. The manual flows also count the user's
// actions, with the Celigo part, and write them to dist/bench/manual-<playbook>.json for the benchmark.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, until, T, NS, NS_SANDBOX, CELIGO } from './harness.mjs';
import { Person } from './person.mjs';
import { PLAYBOOKS as FLOWS } from './flows.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BENCH = path.join(root, 'dist/bench');

const PROD = '1234567';
const SANDBOX = '1234567_SB1';
const HEX64 = /^[0-9a-f]{64}$/;

const PLAYBOOKS = [
  {
    id: 'integrator-io',
    roleToClone: 'Celigo integrator.io Full Access w/o 2FA [Locked]',
    cloneName: 'CeligoIntegratorIoTBA',
    user: 'Ivy Integration',
    application: 'Integrator.io (Token-based Auth)',
  },
  {
    id: 'jira-smartconnector',
    roleToClone: 'Celigo Jira Connector',
    cloneName: 'CeligoJiraTBA',
    user: 'Ivy Integration',
    application: 'High Tech Connectors Token-based Auth',
  },
];

let env;
before(async () => { env = await launch(); }, T);
after(async () => { await env?.close(); });

const ns = () => env.replica.state.netsuite;
const acct = (id) => ns().accounts[id];
const forget = (id) => { delete ns().accounts[id]; };

const confirmationShown = (page) => page.locator('.uir-alert-box.confirmation').waitFor();
const rowOf = (page, name) => page.locator('#div__body tr').filter({ has: page.getByText(name, { exact: true }) });

// ── The two manual flows ──────────────────────────────────────────────────────────────────────
for (const pb of PLAYBOOKS) {
  test(`by hand, the whole ${pb.id} flow: NetSuite steps A–D on ${NS}, then the Celigo connection`, T, async () => {
    forget(PROD); // each playbook starts from a new account
    const page = await env.context.newPage();
    await page.goto(`${NS}/app/center/card.nl`);
    const me = new Person(page);

    // A. Enable Features > SuiteCloud > Token-based Authentication, I Agree, Save.
    me.begin('enable_tba');
    await me.menu('Setup', 'Company', 'Enable Features');
    await page.waitForURL(/\/app\/setup\/features\.nl/);
    await me.click(page.locator('#customtxt'));
    assert.ok(await page.locator('#tba').isVisible());
    await me.click(page.locator('#tba'));
    await page.locator('#ns_terms_window').waitFor();
    assert.equal(await page.locator('#tba').isChecked(), false, 'the box waits for the terms');
    await me.click(page.locator('#agree'));
    assert.equal(await page.locator('#tba').isChecked(), true);
    assert.equal(await page.inputValue('#tba_send'), 'T');
    await me.click(page.locator('#submitter'));
    await confirmationShown(page);
    assert.match(await page.textContent('.uir-alert-box.confirmation'), /Confirmation\s*Your changes have been saved/);
    assert.equal(acct(PROD).features.tba, true);

    // B. Manage Roles > Customize the Celigo role > new name > Save.
    me.begin('clone_role');
    await me.menu('Setup', 'Users/Roles', 'User Management', 'Manage Roles');
    await page.waitForURL(/\/app\/setup\/rolelist\.nl/);
    await me.click(rowOf(page, pb.roleToClone).getByRole('link', { name: 'Customize', exact: true }));
    await page.waitForURL(/\/app\/setup\/role\.nl\?id=\d+&e=T&cp=T/);
    assert.equal(await page.inputValue('#name'), `Customized ${pb.roleToClone}`);
    assert.match(await page.inputValue('#setupmachdata'), /ADMI_LOGIN_OAUTH\u0001Log in using Access Tokens/);
    await me.click(page.locator('#name'));
    await me.press('Control+A');
    await me.type(page.locator('#name'), pb.cloneName);
    await me.click(page.locator('#submitter'));
    await confirmationShown(page);
    assert.match(page.url(), /\/app\/setup\/role\.nl\?id=\d+$/);
    const source = acct(PROD).roles.find((r) => r.name === pb.roleToClone);
    const clone = acct(PROD).roles.find((r) => r.name === pb.cloneName);
    assert.ok(clone, 'the clone was saved');
    assert.equal(clone.clonedFrom, source.id);
    assert.notEqual(clone.id, source.id);
    assert.equal(clone.custom, true);
    const levels = (role) => role.permissions.map((p) => `${p.key}:${p.level}`).sort();
    assert.deepEqual(levels(clone), levels(source), 'every permission is copied, with its level');
    assert.ok(clone.permissions.some((p) => p.key === 'ADMI_LOGIN_OAUTH' && p.name === 'Log in using Access Tokens'));

    // C. Manage Users > the user > Edit > Access > Roles: the new role > Save.
    me.begin('assign_role');
    await me.menu('Setup', 'Users/Roles', 'User Management', 'Manage Users');
    await page.waitForURL(/\/app\/setup\/listusers\.nl/);
    await me.click(page.getByRole('link', { name: pb.user, exact: true }));
    await page.waitForURL(/employee\.nl\?id=42$/);
    await me.click(page.locator('#edit'));
    await page.waitForURL(/employee\.nl\?id=42&e=T$/);
    assert.equal(await page.locator('#inpt_selectedrole').isVisible(), false, 'the Roles sublist is on the Access subtab');
    await me.click(page.locator('#accesstxt'));
    await me.choose('selectedrole', pb.cloneName);
    assert.equal(await page.inputValue('#selectedrole'), String(clone.id));
    await me.click(page.locator('#submitter')); // the seeds' step C: select the role, Save
    await confirmationShown(page);
    const ivy = acct(PROD).employees.find((e) => e.id === 42);
    assert.ok(ivy.roles.includes(clone.id), 'the role is on the user');
    assert.equal(ivy.giveaccess, true);
    await page.click('#accesstxt');
    await page.locator('#roles_splits').getByText(pb.cloneName, { exact: true }).waitFor();

    // D. Access Tokens > New: application, user, role, keep the proposed name, Save; copy the pair.
    me.begin('create_token');
    await me.menu('Setup', 'Users/Roles', 'User Management', 'Access Tokens', 'New');
    await page.waitForURL(/\/app\/setup\/accesstoken\.nl\?whence=/);
    await me.choose('application', pb.application);
    await me.choose('user', pb.user);
    const roleChoices = JSON.parse(await page.getAttribute('.ns-dropdown[data-name="role"]', 'data-options')).map((o) => o.text);
    assert.deepEqual(roleChoices.sort(), ['Employee Center', pb.cloneName].sort(), 'the Role list holds the user\'s roles only');
    await me.choose('role', pb.cloneName);
    assert.equal(await page.inputValue('#name'), `${pb.application} ${pb.user} ${pb.cloneName}`);
    await me.click(page.locator('#submitter'));
    await page.locator('#tokenid_val').waitFor();
    me.begin('capture_token');
    const tokenId = await me.copy(page.locator('#tokenid_val'));
    const tokenSecret = await me.copy(page.locator('#tokensecret_val'));
    assert.match(tokenId, HEX64);
    assert.match(tokenSecret, HEX64);
    const html = await page.content();
    assert.equal(html.split(tokenId).length - 1, 1, 'the Token ID is shown once on the page');
    assert.equal(html.split(tokenSecret).length - 1, 1, 'the Token Secret is shown once on the page');

    const tokens = acct(PROD).tokens;
    assert.equal(tokens.length, 1);
    const [t] = tokens;
    assert.deepEqual(
      { app: t.appName, user: t.userName, userId: t.userId, role: t.roleName, roleId: t.roleId, name: t.name, account: t.account },
      { app: pb.application, user: pb.user, userId: 42, role: pb.cloneName, roleId: clone.id, name: `${pb.application} ${pb.user} ${pb.cloneName}`, account: PROD },
    );
    assert.equal(t.tokenId, tokenId);
    assert.equal(t.tokenSecret, tokenSecret);

    // Reloading the confirmation does not show the secrets again.
    await page.reload();
    await page.locator('#name_val').waitFor();
    assert.equal(await page.locator('#tokenid_val, #tokensecret_val').count(), 0);
    const again = await page.content();
    assert.ok(!again.includes(tokenId) && !again.includes(tokenSecret), 'the pair is gone after a reload');
    await page.goto(`${NS}/app/setup/accesstokens.nl?whence=`);
    await rowOf(page, t.name).waitFor();
    assert.ok(!(await page.content()).includes(tokenSecret));

    // E. Celigo, by hand: the connection's Edit pencil, Authentication type, Environment, Account
    // ID typed, Token ID and Secret pasted, the iClient for a SmartConnector, Test, Save.
    const flow = FLOWS[pb.id];
    me.begin('fill_connection');
    await me.open(`${CELIGO}${flow.connectionsPath}`);
    await me.click(page.locator(`[data-test="editConnection"][aria-label="Edit ${flow.connectionName}"]`));
    await me.chooseMui('netsuite.authType', 'Token Based Auth (Manual)');
    await me.chooseMui('netsuite.tokenEnvironment', 'Production');
    const field = (id) => page.locator(`[data-test="${id}"] input`);
    await me.click(field('netsuite.tokenAccount'));
    await me.press('Control+A'); // the field may hold an account already: replace it
    await me.type(field('netsuite.tokenAccount'), PROD);
    await me.click(field('netsuite.tokenId'));
    await me.paste(field('netsuite.tokenId'), tokenId);
    await me.click(field('netsuite.tokenSecret'));
    await me.paste(field('netsuite.tokenSecret'), tokenSecret);
    if (flow.iClientId) await me.chooseMui('netsuite._iClientId', 'SmartConnector (HT) NetSuite iClient');
    await me.click(page.locator('[data-test="test"]'));
    await page.getByText('Your connection is working great! Nice Job!').waitFor();
    await me.click(page.locator('[data-test="save"]'));
    await page.getByText('Connection saved').waitFor();
    const saved = env.replica.state.celigo.connections.find((c) => c._id === flow.connectionId);
    assert.deepEqual(
      { account: saved.netsuite.account, environment: saved.netsuite.environment, tokenId: saved.netsuite.tokenId, tokenSecret: saved.netsuite.tokenSecret, iClient: saved.netsuite._iClientId },
      { account: PROD, environment: 'production', tokenId, tokenSecret, iClient: flow.iClientId },
    );

    const counts = me.summary({
      playbook: pb.id, site: 'netsuite+celigo', account: PROD, flow: 'manual', steps_covered: 'A enable TBA, B clone role, C assign role, D create token + copy Token ID/Secret, E fill, test and save the Celigo connection',
      counting: 'clicks: mouse clicks; keystrokes: characters typed plus shortcuts (Ctrl+A); copyPastes: values copied from the confirmation page (the paste happens on Celigo); hovers: menu levels pointed at (not in actions)',
    });
    await mkdir(BENCH, { recursive: true });
    await writeFile(path.join(BENCH, `manual-${pb.id}.json`), `${JSON.stringify(counts, null, 2)}\n`);
    await page.close();
  });
}

// ── Pitfall and errors of the token form ──────────────────────────────────────────────────────
/** An account where TBA is on and Ivy holds a token-capable custom role (set up in state). */
async function preparedAccount(page, base, id, { tba = true } = {}) {
  forget(id);
  await page.goto(`${base}/app/center/card.nl`);
  const a = acct(id);
  const source = a.roles.find((r) => r.id === 1031);
  a.roles.push({ id: 1500, name: 'PreparedTBA', custom: true, locked: false, standard: false, clonedFrom: 1031, centerType: 'Classic Center', permissions: source.permissions.map((p) => ({ ...p })) });
  a.employees.find((e) => e.id === 42).roles.push(1500);
  a.features.tba = tba;
  return a;
}

async function fillToken(page, { application = 'Integrator.io (Token-based Auth)', user = 'Ivy Integration', role = 'PreparedTBA' } = {}) {
  const me = new Person(page);
  await page.goto(`${page.url().replace(/(\.com).*/, '$1')}/app/setup/accesstoken.nl?whence=`);
  if (application) await me.choose('application', application);
  if (user) await me.choose('user', user);
  if (role) await me.choose('role', role);
}

const errorText = async (page) => { await page.locator('.uir-alert-box.error').waitFor(); return page.textContent('.uir-alert-box.error'); };

test('the dropdown pitfall: typing an application name without choosing it keeps the chosen one', T, async () => {
  const page = await env.context.newPage();
  const a = await preparedAccount(page, NS_SANDBOX, SANDBOX);
  await fillToken(page);
  assert.equal(await page.inputValue('#application'), '7');
  const typed = 'High Tech Connectors Token-based Auth';
  await page.fill('#inpt_application', typed); // text only: no choice is made
  assert.equal(await page.inputValue('#inpt_application'), typed);
  assert.equal(await page.inputValue('#application'), '7', 'the hidden id did not move');
  assert.equal(await page.evaluate(() => window.nlapiGetFieldValue('application')), '7');
  await page.click('#submitter');
  await page.locator('#tokenid_val').waitFor();
  assert.equal(a.tokens.length, 1);
  assert.equal(a.tokens[0].appName, 'Integrator.io (Token-based Auth)', 'the record saved the previously chosen application');
  assert.equal(a.tokens[0].appId, 7);
  assert.equal(await page.textContent('#application_val'), 'Integrator.io (Token-based Auth)');

  // The same text, chosen for real (type, then Enter on the highlighted match), does change it.
  await fillToken(page);
  await page.locator('#inpt_application').fill('');
  await page.locator('#inpt_application').pressSequentially('High Tech');
  await page.locator('#application_dropdown .dropdownHighlighted').waitFor();
  await page.keyboard.press('Enter');
  assert.equal(await page.inputValue('#application'), '8');
  await page.click('#submitter');
  await page.locator('#tokenid_val').waitFor();
  assert.equal(a.tokens[1].appName, typed);
  await page.close();
});

test('each refusal of the token Save: TBA off, missing values, user lacks the role, role lacks the permission, 25 tokens', T, async () => {
  const page = await env.context.newPage();
  const a = await preparedAccount(page, NS_SANDBOX, SANDBOX, { tba: false });

  // TBA not enabled.
  await fillToken(page);
  await page.click('#submitter');
  assert.match(await errorText(page), /Token-based Authentication feature is not enabled/);
  assert.equal(a.tokens.length, 0);
  assert.equal(await page.inputValue('#application'), '7', 'the form keeps what was chosen');
  assert.equal(await page.inputValue('#inpt_role'), 'PreparedTBA');
  a.features.tba = true;

  // Nothing chosen.
  await fillToken(page, { application: null, user: null, role: null });
  await page.fill('#name', '');
  await page.click('#submitter');
  assert.match(await errorText(page), /Please enter value\(s\) for: Application Name, User, Role, Token Name/);

  // The user no longer holds the role when the form is saved (changed meanwhile).
  await fillToken(page);
  const ivy = a.employees.find((e) => e.id === 42);
  ivy.roles = ivy.roles.filter((r) => r !== 1500);
  await page.click('#submitter');
  assert.match(await errorText(page), /The user Ivy Integration does not have the role PreparedTBA/);
  ivy.roles.push(1500);

  // A role without "Log in using Access Tokens".
  await fillToken(page, { role: 'Employee Center' });
  await page.click('#submitter');
  assert.match(await errorText(page), /The role Employee Center does not have the permission "Log in using Access Tokens"/);

  // The 25-tokens limit.
  for (let i = 0; i < 25; i++) a.tokens.push({ id: 9000 + i, userId: 42, name: `old ${i}`, inactive: false, revoked: false, tokenId: 'x', tokenSecret: 'y', created: new Date().toISOString() });
  await fillToken(page);
  await page.click('#submitter');
  assert.match(await errorText(page), /Too many access tokens/);
  assert.equal(a.tokens.length, 25, 'nothing was minted by any refused Save');
  await page.close();
});

// ── Page conventions ──────────────────────────────────────────────────────────────────────────
test('Enable Features: the terms open on ticking, refusing leaves the box unticked, the saved state is kept', T, async () => {
  forget(SANDBOX);
  const page = await env.context.newPage();
  await page.goto(`${NS_SANDBOX}/app/setup/features.nl?whence=`);
  await page.click('#customtxt');
  for (const id of ['customcode', 'serversidescripting']) {
    assert.equal(await page.isChecked(`#${id}`), true, `${id} is on`);
    assert.equal(await page.getAttribute(`#${id}`, 'data-terms'), 'T');
  }
  assert.equal(await page.locator('#agree').count(), 0, 'no terms until a box is ticked');

  await page.click('#tba');
  await page.locator('#ns_terms_window').waitFor();
  assert.match(await page.textContent('#ns_terms_title'), /NetSuite SuiteCloud Terms Of Service/);
  await page.click('#disagree');
  await page.locator('#ns_terms_window').waitFor({ state: 'detached' });
  assert.equal(await page.isChecked('#tba'), false);
  assert.equal(await page.inputValue('#tba_send'), '');

  await page.click('#tba');
  await page.click('#ns_terms_close');
  assert.equal(await page.isChecked('#tba'), false, 'closing the terms is not agreeing');

  // A box ticked behind the page's back (no click, no terms) cannot be saved.
  await page.evaluate(() => { document.getElementById('tba').checked = true; document.getElementById('tba_send').value = 'T'; });
  await page.click('#submitter');
  assert.match(await errorText(page), /accept the SuiteCloud Terms of Service/);
  assert.equal(acct(SANDBOX).features.tba, false);

  await page.reload();
  await page.click('#customtxt');
  await page.click('#tba');
  await page.click('#agree');
  await page.click('#submitter');
  await confirmationShown(page);
  assert.equal(acct(SANDBOX).features.tba, true);
  await page.click('#customtxt');
  assert.equal(await page.isChecked('#tba'), true);
  assert.equal(await page.evaluate(() => document.getElementById('tba').defaultChecked), true, 'saved state is in the markup');
  await page.reload();
  assert.equal(await page.locator('.uir-alert-box.confirmation').count(), 0, 'the confirmation is shown once');

  // Unticking a saved box needs no terms.
  await page.click('#customtxt');
  await page.click('#tba');
  assert.equal(await page.locator('#agree').count(), 0);
  await page.click('#submitter');
  await confirmationShown(page);
  assert.equal(acct(SANDBOX).features.tba, false);
  assert.equal(acct(SANDBOX).features.serversidescripting, true, 'the other boxes keep their state');
  await page.close();
});

test('Manage Roles and Customize: list, locked roles, name validation, any characters accepted', T, async () => {
  forget(SANDBOX);
  const page = await env.context.newPage();
  await page.goto(`${NS_SANDBOX}/app/setup/rolelist.nl?whence=`);
  for (const name of ['Administrator', 'Celigo integrator.io Full Access w/o 2FA [Locked]', 'Celigo Jira Connector']) {
    const row = rowOf(page, name);
    assert.equal(await row.count(), 1, name);
    assert.equal(await row.getByRole('link', { name: 'Edit', exact: true }).count(), 1);
    assert.equal(await row.getByRole('link', { name: 'Customize', exact: true }).count(), 1);
  }
  assert.match(await rowOf(page, 'Celigo integrator.io Full Access w/o 2FA [Locked]').textContent(), /20038/);

  // Edit on a locked role: the role is shown, not editable.
  await rowOf(page, 'Celigo Jira Connector').getByRole('link', { name: 'Edit', exact: true }).click();
  assert.match(await errorText(page), /locked/);
  assert.equal(await page.locator('#submitter').count(), 0);

  await page.goto(`${NS_SANDBOX}/app/setup/role.nl?id=1045&e=T&cp=T`);
  await page.fill('#name', '');
  await page.click('#submitter');
  assert.match(await errorText(page), /Please enter value\(s\) for: Name/);
  assert.match(await page.inputValue('#setupmachdata'), /ADMI_LOGIN_OAUTH/, 'the permissions survive the refused Save');
  await page.fill('#name', 'celigo JIRA connector');
  await page.click('#submitter');
  assert.match(await errorText(page), /already exists/);
  assert.equal(acct(SANDBOX).roles.filter((r) => r.custom).length, 0);

  // NetSuite accepts more than letters and digits (Celigo only advises alphanumeric names).
  await page.fill('#name', 'Jira TBA (sandbox) #2');
  await page.click('#submitter');
  await confirmationShown(page);
  const clone = acct(SANDBOX).roles.find((r) => r.name === 'Jira TBA (sandbox) #2');
  assert.equal(clone.clonedFrom, 1045);
  assert.ok(clone.permissions.some((p) => p.key === 'ADMI_LOGIN_OAUTH'));
  assert.equal(await page.textContent('#name_val'), 'Jira TBA (sandbox) #2');
  await page.goto(`${NS_SANDBOX}/app/setup/rolelist.nl?whence=`);
  assert.equal(await rowOf(page, 'Jira TBA (sandbox) #2').count(), 1, 'the new role is listed');

  // The permission sublist: adding a line redraws the table and the hidden data.
  await page.goto(`${NS_SANDBOX}/app/setup/role.nl?id=${clone.id}&e=T`);
  await page.click('#permissionstxt');
  await page.click('#setupmachtxt');
  await page.click('#inpt_setupmach_permission');
  await page.click('#setupmach_permission_dropdown [role=option]:text-is("Access Token Management")');
  await page.click('#inpt_setupmach_level');
  await page.click('#setupmach_level_dropdown [role=option]:text-is("View")');
  await page.click('#setupmach_addedit');
  await page.locator('#setupmach_splits td:text-is("Access Token Management")').waitFor();
  await page.click('#submitter');
  await confirmationShown(page);
  assert.ok(clone.permissions.some((p) => p.key === 'ADMI_MANAGE_OAUTH_TOKENS' && p.level === 'View'));
  await page.close();
});

test('Employee: e=t is view mode, the Roles sublist keeps its rows in rolesdata, Add/Remove redraw it', T, async () => {
  forget(SANDBOX);
  const page = await env.context.newPage();
  await page.goto(`${NS_SANDBOX}/app/setup/listusers.nl?whence=`);
  assert.match(await rowOf(page, 'Sam Sales').textContent(), /No$/, 'Sam Sales has no access');
  assert.equal(acct(SANDBOX).employees.find((e) => e.id === 43).giveaccess, false);

  await page.goto(`${NS_SANDBOX}/app/common/entity/employee.nl?id=43&e=t`);
  assert.equal(await page.locator('#edit').count(), 1, 'lower-case e=t renders VIEW mode');
  assert.equal(await page.locator('#submitter, #giveaccess').count(), 0);

  await page.goto(`${NS_SANDBOX}/app/common/entity/employee.nl?id=43&e=T`);
  assert.equal(await page.locator('form[name=main_form] #submitter').count(), 1);
  await page.click('#accesstxt');
  assert.equal(await page.isChecked('#giveaccess'), false);
  assert.equal(await page.inputValue('#giveaccess_send'), '');
  await page.click('#giveaccess');
  assert.equal(await page.inputValue('#giveaccess_send'), 'T');
  const opts = JSON.parse(await page.getAttribute('.ns-dropdown[data-name="selectedrole"]', 'data-options'));
  assert.ok(opts.some((o) => o.text === 'Celigo Jira Connector') && opts.some((o) => o.text === 'Administrator'), 'every role is offered');

  for (const role of ['Sales Manager', 'Accountant']) {
    await page.click('#inpt_selectedrole');
    await page.click(`#selectedrole_dropdown [role=option]:text-is("${role}")`);
    await page.click('#roles_addedit');
  }
  await page.locator('#roles_row_2').waitFor();
  assert.equal(await page.inputValue('#rolesdata'), '1002\u0001Sales Manager\u00021\u0001Accountant');
  assert.equal(await page.inputValue('#rolesfields'), 'selectedrole\u0001selectedrole_display');

  // A duplicate is refused; selecting a line and Remove takes it out.
  await page.click('#inpt_selectedrole');
  await page.click('#selectedrole_dropdown [role=option]:text-is("Accountant")');
  await page.click('#roles_addedit');
  assert.match(await errorText(page), /already been added/);
  await page.click('#roles_clear');
  await page.click('#roles_row_1');
  assert.equal(await page.inputValue('#roles_addedit'), 'OK');
  await page.click('#roles_remove');
  await until(async () => (await page.inputValue('#rolesdata')) === '1\u0001Accountant', 'the line removed');
  assert.equal(await page.locator('#roles_splits tr.uir-machine-row:not(.uir-machine-editrow)').count(), 1);
  assert.equal(await page.evaluate(() => window.nlapiGetLineItemCount('roles')), 1);

  await page.click('#submitter');
  await confirmationShown(page);
  const sam = acct(SANDBOX).employees.find((e) => e.id === 43);
  assert.equal(sam.giveaccess, true);
  assert.deepEqual(sam.roles, [1]);
  assert.match(page.url(), /employee\.nl\?id=43$/);
  await page.close();
});

// ── Expired session ───────────────────────────────────────────────────────────────────────────
const assistantState = () => env.session('assistant');

test('an expired session shows the login form, and the extension recognises it', T, async () => {
  const page = await env.context.newPage();
  const url = `${NS}/app/setup/rolelist.nl?whence=&replica_session=expired`;
  await page.goto(url);
  assert.equal(await page.locator('form[name=login] input#userName[name=email]').count(), 1);
  assert.equal(await page.getAttribute('input#password', 'type'), 'password');
  const seen = await until(async () => Object.values((await assistantState())?.tabs ?? {}).find((t) => t.url === url), 'a snapshot of the login page');
  assert.equal(seen.recognition.page, 'netsuite_login', JSON.stringify(seen.recognition.reasons));

  // The state flag does the same for every page; logging in brings the page back.
  ns().sessionExpired = true;
  await page.goto(`${NS}/app/setup/accesstokens.nl?whence=`);
  await page.locator('form[name=login]').waitFor();
  await page.fill('#userName', 'alex@example.com');
  await page.fill('#password', 'not-a-real-password');
  await page.click('#login-submit');
  await page.waitForURL(`${NS}/app/setup/accesstokens.nl?whence=`);
  await page.locator('#div__body').waitFor();
  assert.equal(ns().sessionExpired, false);
  await page.close();
});
