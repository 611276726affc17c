// The NetSuite replica, driven BY HAND (Playwright clicks and keystrokes, no extension actions):
// steps A–D of both playbooks, the dropdown pitfall, the Save errors, the page conventions the
// extension relies on (the markup of real-site-evidence.md), every variant of the markup no public
// source shows (replica.state.netsuite.variant), and the expired-session login. The manual flows also count the user's
// actions, with the Celigo part, and write them to dist/bench/manual-<playbook>.json for the benchmark.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, until, T, NS, NS_SANDBOX, CELIGO, generations } from './harness.mjs';
import { Person } from './person.mjs';
import { PLAYBOOKS as FLOWS } from './flows.mjs';
import { NETSUITE_VARIANTS, TOKEN_FORM_FIELDS, TBA_CHECKBOX_IDS, DEFAULT_VARIANT, TERMS_PATH, TEXT } from '../../replica/netsuite.mjs';

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
const errorText = async (page) => { await page.locator('.uir-alert-box.error').waitFor(); return page.textContent('.uir-alert-box.error'); };

// ── Variants ──────────────────────────────────────────────────────────────────────────────────
const variant = () => ({ ...DEFAULT_VARIANT, ...ns().variant });
/** Runs `body` with these variants, then puts the default back. */
async function withVariant(v, body) {
  ns().variant = { ...DEFAULT_VARIANT, ...v };
  try { return await body(); } finally { ns().variant = { ...DEFAULT_VARIANT }; }
}
const fields = () => TOKEN_FORM_FIELDS[variant().tokenForm];
const tbaId = () => TBA_CHECKBOX_IDS[variant().tbaCheckbox];
/** The hidden value of a field, by its NAME (a select's value input has no id of its own). */
const hiddenValue = (page, name) => page.inputValue(`input[type="hidden"][name="${name}"]`);
/** Record pages save with the multi-button; `#submitter` is their hidden submit input. */
const SAVE_RECORD = '#btn_multibutton_submitter';

/** A select of the token form, by hand: the classic dropdown, or the ARIA combobox variant. */
async function chooseField(page, me, name, text) {
  if (variant().tokenForm !== 'combobox') return me.choose(name, text);
  const box = page.locator(`input[role="combobox"][name="${name}_display"]`);
  await me.click(box);
  const listbox = page.locator(`#${await box.getAttribute('aria-controls')}`);
  await me.click(listbox.locator('[role="option"]', { hasText: new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`) }));
  return undefined;
}

/** Copies the 64-hex word that follows `prefix` in a text block, by double-clicking it. */
async function copyWordAfter(page, me, root, prefix) {
  const box = await root.evaluate((el, p) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const i = n.data.indexOf(p);
      if (i < 0) continue;
      const r = document.createRange();
      r.setStart(n, i + p.length + 4);
      r.setEnd(n, i + p.length + 5);
      const b = r.getBoundingClientRect();
      return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
    }
    return null;
  }, prefix);
  assert.ok(box, `a value after ${prefix}`);
  await page.mouse.dblclick(box.x, box.y);
  const selected = await page.evaluate(() => getSelection().toString());
  await page.keyboard.press('Control+C');
  me.count('copyPastes');
  return selected.trim();
}

/** Reads (copies by hand) the Token ID and Secret from the confirmation, in its variant. */
async function copyPair(page, me) {
  const kind = variant().confirmation;
  if (kind === 'spans') return { tokenId: await me.copy(page.locator('#tokenid_val')), tokenSecret: await me.copy(page.locator('#tokensecret_val')) };
  if (kind === 'inputs') return { tokenId: await me.copy(page.locator('#tokenkey')), tokenSecret: await me.copy(page.locator('#tokensecret')) };
  if (kind === 'table') {
    const cell = (text) => page.locator('#tokencredentials tr').filter({ has: page.locator('td', { hasText: new RegExp(`^${text}$`) }) }).locator('td').nth(1);
    return { tokenId: await me.copy(cell('Token ID')), tokenSecret: await me.copy(cell('Token Secret')) };
  }
  const block = page.locator('#tokencredentials');
  return { tokenId: await copyWordAfter(page, me, block, 'Token ID: '), tokenSecret: await copyWordAfter(page, me, block, 'Token Secret: ') };
}
/** Whatever element holds the pair in this confirmation variant. */
const pairShown = (page) => page.locator('#tokenid_val, #tokencredentials, #tokenkey');

/**
 * Step D by hand, in the current variants: New access token, the three choices, the proposed
 * name kept, Save, the pair copied; checks the record and the shown-once pair.
 */
async function createTokenByHand(page, me, { base = NS, account = PROD, application, user, role }) {
  const f = fields();
  const before = acct(account).tokens.length;
  await me.menu('Setup', 'Users/Roles', 'User Management', 'Access Tokens', 'New');
  await page.waitForURL(`${base}/app/setup/accesstoken.nl?whence=`);
  await chooseField(page, me, f.application, application);
  await chooseField(page, me, f.user, user);
  const roleWidget = page.locator(`[data-name="${f.role}"]`);
  const roleChoices = JSON.parse(await roleWidget.getAttribute('data-options')).map((o) => o.text);
  assert.ok(roleChoices.includes(role), `the Role list offers ${role}`);
  assert.ok(!roleChoices.includes('Accountant'), 'the Role list holds the user\'s roles only');
  await chooseField(page, me, f.role, role);
  const proposed = `${application} ${user} ${role}`;
  assert.equal(await page.inputValue(`[name="${f.name}"]`), proposed, 'the Token Name is proposed');
  await me.click(page.locator(SAVE_RECORD));
  await pairShown(page).first().waitFor();
  me.begin('capture_token');
  const { tokenId, tokenSecret } = await copyPair(page, me);
  assert.match(tokenId, HEX64);
  assert.match(tokenSecret, HEX64);
  const html = await page.content();
  assert.equal(html.split(tokenId).length - 1, 1, 'the Token ID is shown once on the page');
  assert.equal(html.split(tokenSecret).length - 1, 1, 'the Token Secret is shown once on the page');
  const tokens = acct(account).tokens;
  assert.equal(tokens.length, before + 1);
  const t = tokens.at(-1);
  assert.deepEqual({ app: t.appName, user: t.userName, role: t.roleName, name: t.name, account: t.account, tokenId: t.tokenId, tokenSecret: t.tokenSecret },
    { app: application, user, role, name: proposed, account, tokenId, tokenSecret });
  // Reloading the confirmation does not show the secrets again.
  await page.reload();
  await page.locator(`#${f.name}_val`).waitFor();
  assert.equal(await pairShown(page).count(), 0);
  const again = await page.content();
  assert.ok(!again.includes(tokenId) && !again.includes(tokenSecret), 'the pair is gone after a reload');
  return { token: t, tokenId, tokenSecret };
}

/**
 * Clicks a button of the terms pop-up that closes the pop-up: the window may close before
 * Playwright has finished the click, which is then not an error. Counts one click when `me`.
 */
async function clickClosing(popup, selector, me) {
  const closed = popup.waitForEvent('close');
  await popup.locator(selector).click().catch(async (e) => { await closed.catch(() => { throw e; }); });
  me?.count('clicks');
  await closed;
}

/** Step A by hand: SuiteCloud subtab, tick the TBA box, I Agree in the pop-up, Save. */
async function enableTbaByHand(page, me, account) {
  await me.menu('Setup', 'Company', 'Enable Features');
  await page.waitForURL(/\/app\/setup\/features\.nl/);
  await me.click(page.locator('#customtxt'));
  const box = page.locator(`#${tbaId()}`);
  assert.ok(await box.isVisible());
  const [popup] = await Promise.all([env.context.waitForEvent('page'), me.click(box)]);
  await popup.waitForLoadState();
  assert.equal(await popup.title(), 'NetSuiteSuiteCloud Terms Of Service');
  assert.equal(new URL(popup.url()).pathname, TERMS_PATH);
  assert.equal(await box.isChecked(), false, 'the box waits for the terms');
  await clickClosing(popup, '#agree', me);
  assert.equal(await box.isChecked(), true, 'I Agree ticked the box in the opener');
  assert.equal(await page.inputValue(`#${tbaId()}_send`), 'T');
  await me.click(page.locator('#submitter'));
  await confirmationShown(page);
  assert.match(await page.textContent('.uir-alert-box.confirmation'), /Confirmation\s*Your changes have been saved/);
  assert.equal(acct(account).features.tba, true);
}

// ── The two manual flows ──────────────────────────────────────────────────────────────────────
for (const pb of PLAYBOOKS) for (const ui of generations()) {
  test(`[${ui}] by hand, the whole ${pb.id} flow: NetSuite steps A–D on ${NS}, then the Celigo connection`, T, async () => {
    // Each flow starts from new sites: a new NetSuite account, Celigo's seed connections.
    env.replica.reset();
    env.replica.state.celigo.ui = ui;
    forget(PROD);
    const page = await env.context.newPage();
    await page.goto(`${NS}/app/center/card.nl`);
    const me = new Person(page);

    // A. Enable Features > SuiteCloud > Token-based Authentication, I Agree (pop-up), Save.
    me.begin('enable_tba');
    await enableTbaByHand(page, me, PROD);

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
    await me.click(page.locator(SAVE_RECORD));
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
    assert.equal(await page.locator('[name="inpt_selectedrole"]').isVisible(), false, 'the Roles sublist is on the Access subtab');
    await me.click(page.locator('#accesstxt'));
    await me.choose('selectedrole', pb.cloneName);
    assert.equal(await hiddenValue(page, 'selectedrole'), String(clone.id));
    await me.click(page.locator(SAVE_RECORD)); // the seeds' step C: select the role, Save
    await confirmationShown(page);
    const ivy = acct(PROD).employees.find((e) => e.id === 42);
    assert.ok(ivy.roles.includes(clone.id), 'the role is on the user');
    assert.equal(ivy.giveaccess, true);
    await page.click('#accesstxt');
    await page.locator('#roles_splits').getByText(pb.cloneName, { exact: true }).waitFor();

    // D. Access Tokens > New: application, user, role, keep the proposed name, Save; copy the pair.
    me.begin('create_token');
    const { token: t, tokenId, tokenSecret } = await createTokenByHand(page, me, { application: pb.application, user: pb.user, role: pb.cloneName });
    assert.deepEqual({ userId: t.userId, roleId: t.roleId }, { userId: 42, roleId: clone.id });
    assert.equal(acct(PROD).tokens.length, 1);
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

// ── Every variant of the unknown markup, by hand ──────────────────────────────────────────────
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

for (const tokenForm of NETSUITE_VARIANTS.tokenForm) {
  test(`tokenForm=${tokenForm}: a token made by hand, its pair copied in every confirmation variant`, T, async () => {
    const page = await env.context.newPage();
    await preparedAccount(page, NS_SANDBOX, SANDBOX);
    for (const confirmation of NETSUITE_VARIANTS.confirmation) {
      await withVariant({ tokenForm, confirmation }, async () => {
        const f = fields();
        await page.goto(`${NS_SANDBOX}/app/center/card.nl`);
        const me = new Person(page);
        await createTokenByHand(page, me, { base: NS_SANDBOX, account: SANDBOX, application: 'High Tech Connectors Token-based Auth', user: 'Ivy Integration', role: 'PreparedTBA' });
        assert.equal(me.total.copyPastes, 2, `${confirmation}: both values copied`);
        // The record view reads by the variant's names too; the form had no field of another variant.
        assert.equal(await hiddenValue(page, f.application), '8');
        for (const [other, names] of Object.entries(TOKEN_FORM_FIELDS)) {
          if (names.application !== f.application) assert.equal(await page.locator(`[name="${names.application}"]`).count(), 0, `no ${other} field`);
        }
      });
    }
    assert.equal(acct(SANDBOX).tokens.length, NETSUITE_VARIANTS.confirmation.length);
    await page.close();
  });
}

for (const tbaCheckbox of NETSUITE_VARIANTS.tbaCheckbox) {
  test(`tbaCheckbox=${tbaCheckbox}: the box is #${TBA_CHECKBOX_IDS[tbaCheckbox]}, labelled Token-based Authentication, ticked through the terms pop-up`, T, async () => {
    forget(SANDBOX);
    const page = await env.context.newPage();
    await page.goto(`${NS_SANDBOX}/app/center/card.nl`);
    await withVariant({ tbaCheckbox }, async () => {
      const id = tbaId();
      await page.goto(`${NS_SANDBOX}/app/center/card.nl`);
      const me = new Person(page);
      await enableTbaByHand(page, me, SANDBOX);
      await page.click('#customtxt');
      const box = page.locator(`#${id}`);
      assert.equal(await box.getAttribute('name'), id);
      assert.equal(await box.isChecked(), true);
      const wrapper = page.locator(`div.uir-field-wrapper[data-nsps-type="field"][data-field-type="checkbox"][data-walkthrough="Field:${id}"]`);
      assert.equal(await wrapper.getAttribute('data-nsps-label'), 'Token-based Authentication');
      assert.equal(await page.locator(`#${id}_fs_lbl a`).textContent(), 'Token-based Authentication');
      assert.equal(await page.locator(`#${id}_fs_lbl_uir_label`).innerText(), 'TOKEN-BASED AUTHENTICATION');
      for (const other of Object.values(TBA_CHECKBOX_IDS)) if (other !== id) assert.equal(await page.locator(`#${other}`).count(), 0, `no #${other}`);
    });
    await page.close();
  });
}

// ── Pitfall and errors of the token form ──────────────────────────────────────────────────────
async function fillToken(page, { application = 'Integrator.io (Token-based Auth)', user = 'Ivy Integration', role = 'PreparedTBA' } = {}) {
  const me = new Person(page);
  const f = fields();
  await page.goto(`${page.url().replace(/(\.com).*/, '$1')}/app/setup/accesstoken.nl?whence=`);
  if (application) await chooseField(page, me, f.application, application);
  if (user) await chooseField(page, me, f.user, user);
  if (role) await chooseField(page, me, f.role, role);
}
/** The visible text box of a token-form select, in its variant. */
const visibleBox = (page, name) => page.locator(variant().tokenForm === 'combobox' ? `input[role="combobox"][name="${name}_display"]` : `[name="inpt_${name}"]`);

for (const tokenForm of ['replica', 'combobox']) {
  test(`the dropdown pitfall (tokenForm=${tokenForm}): typing an application name without choosing it keeps the chosen one`, T, async () => {
    const page = await env.context.newPage();
    const a = await preparedAccount(page, NS_SANDBOX, SANDBOX);
    await withVariant({ tokenForm }, async () => {
      const f = fields();
      await fillToken(page);
      assert.equal(await hiddenValue(page, f.application), '7');
      const typed = 'High Tech Connectors Token-based Auth';
      await visibleBox(page, f.application).fill(typed); // text only: no choice is made
      assert.equal(await visibleBox(page, f.application).inputValue(), typed);
      assert.equal(await hiddenValue(page, f.application), '7', 'the hidden id did not move');
      assert.equal(await page.evaluate((n) => window.nlapiGetFieldValue(n), f.application), '7');
      await page.click(SAVE_RECORD);
      await pairShown(page).first().waitFor();
      assert.equal(a.tokens.length, 1);
      assert.equal(a.tokens[0].appName, 'Integrator.io (Token-based Auth)', 'the record saved the previously chosen application');
      assert.equal(a.tokens[0].appId, 7);
      assert.equal(await page.textContent(`#${f.application}_val`), 'Integrator.io (Token-based Auth)');

      // The same text, chosen for real (type, then Enter on the highlighted match), does change it.
      await fillToken(page);
      await visibleBox(page, f.application).fill('');
      await visibleBox(page, f.application).pressSequentially('High Tech');
      await page.locator('.dropdownHighlighted').waitFor();
      await page.keyboard.press('Enter');
      assert.equal(await hiddenValue(page, f.application), '8');
      await page.click(SAVE_RECORD);
      await pairShown(page).first().waitFor();
      assert.equal(a.tokens[1].appName, typed);
    });
    await page.close();
  });
}

for (const tokenForm of NETSUITE_VARIANTS.tokenForm) {
  test(`each refusal of the token Save (tokenForm=${tokenForm}): TBA off, missing values, user lacks the role, role lacks the permission, another user's Administrator, 25 tokens`, T, async () => {
    const page = await env.context.newPage();
    const a = await preparedAccount(page, NS_SANDBOX, SANDBOX, { tba: false });
    await withVariant({ tokenForm }, async () => {
      const f = fields();
      // TBA not enabled.
      await fillToken(page);
      await page.click(SAVE_RECORD);
      assert.match(await errorText(page), /Token-based Authentication feature is not enabled/);
      assert.equal(a.tokens.length, 0);
      assert.equal(await hiddenValue(page, f.application), '7', 'the form keeps what was chosen');
      assert.equal(await visibleBox(page, f.role).inputValue(), 'PreparedTBA');
      a.features.tba = true;

      // Nothing chosen.
      await fillToken(page, { application: null, user: null, role: null });
      await page.fill(`[name="${f.name}"]`, '');
      await page.click(SAVE_RECORD);
      assert.match(await errorText(page), /Please enter value\(s\) for: Application Name, User, Role, Token Name/);

      // `- New -` is no choice.
      await fillToken(page, { user: '- New -', role: null });
      assert.equal(await hiddenValue(page, f.user), '');
      await page.click(SAVE_RECORD);
      assert.match(await errorText(page), /Please enter value\(s\) for: User, Role/);

      // The user no longer holds the role when the form is saved (changed meanwhile).
      await fillToken(page);
      const ivy = a.employees.find((e) => e.id === 42);
      ivy.roles = ivy.roles.filter((r) => r !== 1500);
      await page.click(SAVE_RECORD);
      assert.match(await errorText(page), /The user Ivy Integration does not have the role PreparedTBA/);
      ivy.roles.push(1500);

      // A role without "Log in using Access Tokens".
      await fillToken(page, { role: 'Employee Center' });
      await page.click(SAVE_RECORD);
      assert.match(await errorText(page), /The role Employee Center does not have the permission "Log in using Access Tokens"/);

      // Another user's Administrator role.
      ivy.roles.push(3);
      await fillToken(page, { role: 'Administrator' });
      await page.click(SAVE_RECORD);
      assert.match(await errorText(page), /cannot create an access token for the Administrator role of another user/);
      ivy.roles = ivy.roles.filter((r) => r !== 3);

      // The 25-tokens limit.
      for (let i = 0; i < 25; i++) a.tokens.push({ id: 9000 + i, userId: 42, name: `old ${i}`, inactive: false, revoked: false, tokenId: 'x', tokenSecret: 'y', created: new Date().toISOString() });
      await fillToken(page);
      await page.click(SAVE_RECORD);
      assert.match(await errorText(page), /Too many access tokens/);
      assert.equal(a.tokens.length, 25, 'nothing was minted by any refused Save');
    });
    await page.close();
  });
}

// ── Page conventions (real-site-evidence.md, "NetSuite classic UI") ───────────────────────────
test('dropdown markup: inpt_<id>_<N> / hddn_<id>_<N> numbered per page, arrow, data-options, - New -, no element with the field\'s id', T, async () => {
  const page = await env.context.newPage();
  await preparedAccount(page, NS_SANDBOX, SANDBOX);
  const ids = () => page.$$eval('.ns-dropdown', (els) => els.map((el) => {
    const inpt = el.querySelector('input.dropdownInput');
    const hddn = el.querySelector('input[type="hidden"]');
    return `${el.dataset.name}:${inpt.id}:${inpt.name}:${hddn.id}:${hddn.name}`;
  }));
  for (const [tokenForm, first] of [['replica', 1], ['analytics', 2], ['unknown', 2]]) {
    await withVariant({ tokenForm }, async () => {
      const f = fields();
      await page.goto(`${NS_SANDBOX}/app/setup/accesstoken.nl?whence=`);
      const got = (await ids()).filter((x) => !x.startsWith('customform:'));
      assert.deepEqual(got, [f.application, f.user, f.role].map((n, i) => `${n}:inpt_${n}_${first + i}:inpt_${n}:hddn_${n}_${first + i}:${n}`), tokenForm);
      for (const n of [f.application, f.user, f.role]) assert.equal(await page.locator(`[id="${n}"]`).count(), 0, `no element has the id ${n}`);
      const inpt = `inpt_${f.user}_${first + 1}`;
      assert.match(await page.getAttribute(`#${inpt}`, 'class'), /dropdownInput/);
      assert.equal(await page.locator(`span.ddarrowSpan#${inpt}_arrow img.i_dropdownarrow`).count(), 1);
      const users = JSON.parse(await page.getAttribute(`div.ns-dropdown[data-name="${f.user}"]`, 'data-options'));
      assert.deepEqual(users[0], { value: '-1', text: '- New -' });
      assert.ok(users.some((o) => o.text === 'Ivy Integration' && o.value === 42));
      assert.match(await page.evaluate(() => document.querySelector('.ns-dropdown').outerHTML), /data-options="\[\{&quot;value&quot;/, 'data-options is HTML-encoded JSON');
      // The open list: a visible div.dropdownDiv of plain divs, no roles, no ids.
      await page.click(`#${inpt}_arrow`);
      await page.locator('div.dropdownDiv').waitFor({ state: 'visible' });
      assert.deepEqual(await page.$$eval('div.dropdownDiv > div', (ds) => ds.map((d) => [d.textContent, d.id, d.getAttribute('role')])).then((x) => x.slice(0, 2)), [['- New -', '', null], ['Alex Admin', '', null]]);
      await page.click('div.dropdownDiv > div:text-is("Ivy Integration")');
      await page.locator('div.dropdownDiv').waitFor({ state: 'detached' });
      assert.equal(await page.inputValue(`#hddn_${f.user}_${first + 1}`), '42');
    });
  }
  // The numbers continue over the page: the employee form's Custom Form is 1, the sublist's Role 2.
  await page.goto(`${NS_SANDBOX}/app/common/entity/employee.nl?id=42&e=T`);
  assert.deepEqual(await ids(), ['customform:inpt_customform_1:inpt_customform:hddn_customform_1:customform', 'selectedrole:inpt_selectedrole_2:inpt_selectedrole:hddn_selectedrole_2:selectedrole']);
  await page.goto(`${NS_SANDBOX}/app/setup/role.nl?id=1031&e=T&cp=T`);
  assert.deepEqual((await ids()).map((x) => x.split(':')[1]), ['inpt_centertype_1', 'inpt_tranmach_permission_2', 'inpt_tranmach_level_3', 'inpt_listsmach_permission_4', 'inpt_listsmach_level_5', 'inpt_setupmach_permission_6', 'inpt_setupmach_level_7']);

  // The combobox variant: ARIA comboboxes, no ns-dropdown.
  await withVariant({ tokenForm: 'combobox' }, async () => {
    await page.goto(`${NS_SANDBOX}/app/setup/accesstoken.nl?whence=`);
    assert.equal(await page.locator('.ns-dropdown').count(), 0);
    const box = page.locator('input[role="combobox"][name="user_display"]');
    assert.equal(await box.getAttribute('aria-autocomplete'), 'list');
    assert.equal(await box.getAttribute('aria-expanded'), 'false');
    await box.click();
    assert.equal(await box.getAttribute('aria-expanded'), 'true');
    const listbox = page.locator(`#${await box.getAttribute('aria-controls')}[role="listbox"]`);
    await listbox.locator('[role="option"]').first().waitFor();
    assert.equal(await listbox.locator('[role="option"]').first().textContent(), '- New -');
    await listbox.locator('[role="option"]:text-is("Ivy Integration")').click();
    assert.equal(await box.getAttribute('aria-expanded'), 'false');
    assert.equal(await hiddenValue(page, 'user'), '42');
  });
  await page.close();
});

test('nlapi* address fields by NAME; DOM ids (inpt_X_N, hddn_X_N) do nothing; dropdowns[], getDropdown(), NS.form.isInited()', T, async () => {
  const page = await env.context.newPage();
  await preparedAccount(page, NS_SANDBOX, SANDBOX);
  for (const tokenForm of NETSUITE_VARIANTS.tokenForm) {
    await withVariant({ tokenForm }, async () => {
      const f = fields();
      await page.goto(`${NS_SANDBOX}/app/setup/accesstoken.nl?whence=`);
      const hddnId = await page.locator(`input[type="hidden"][name="${f.application}"]`).getAttribute('id');
      const boxId = await visibleBox(page, f.application).getAttribute('id');
      const r = await page.evaluate(({ f, hddnId, boxId }) => {
        const out = {};
        window.nlapiSetFieldValue(boxId, '8');
        window.nlapiSetFieldValue(hddnId, '8');
        out.byId = [window.nlapiGetFieldValue(boxId), window.nlapiGetFieldValue(hddnId), window.nlapiGetFieldText(hddnId), window.nlapiGetFieldValue(f.application)];
        window.nlapiSetFieldValue(f.application, '8', true);
        window.nlapiSetFieldText(f.user, 'Ivy Integration', true);
        window.nlapiSetFieldValue(f.role, '1500', true);
        out.byName = [window.nlapiGetFieldValue(f.application), window.nlapiGetFieldText(f.application), window.nlapiGetFieldValue(f.user), window.nlapiGetFieldText(f.role), window.nlapiGetFieldValue(f.name), window.nlapiGetFieldValue(f.inactive)];
        out.inited = window.NS.form.isInited();
        const dd = window.dropdowns[f.user];
        out.dd = dd ? { inpt: dd.inpt.id, hddn: dd.hddn.name, values: dd.valueArray.slice(0, 2), texts: dd.textArray.slice(0, 2), same: window.getDropdown(document.getElementsByName(`inpt_${f.user}`)[0]) === dd } : null;
        return out;
      }, { f, hddnId, boxId });
      assert.deepEqual(r.byId, [null, null, null, ''], `${tokenForm}: DOM ids address nothing`);
      assert.deepEqual(r.byName, ['8', 'High Tech Connectors Token-based Auth', '42', 'PreparedTBA', 'High Tech Connectors Token-based Auth Ivy Integration PreparedTBA', 'F']);
      assert.equal(await visibleBox(page, f.application).inputValue(), 'High Tech Connectors Token-based Auth');
      assert.equal(r.inited, true);
      if (tokenForm === 'combobox') assert.equal(r.dd, null, 'the ARIA comboboxes are no dropdowns[] entries');
      else {
        assert.deepEqual(r.dd, { inpt: `inpt_${f.user}_${tokenForm === 'replica' ? 2 : 3}`, hddn: f.user, values: ['-1', '-5'], texts: ['- New -', 'Alex Admin'], same: true });
        // setAndClose(i) chooses the i-th option, as a click would.
        await page.evaluate((n) => window.dropdowns[n].setAndClose(3), f.user); // Pat Payables
        assert.equal(await hiddenValue(page, f.user), '44');
      }
    });
  }
  await page.close();
});

test('labels, fields and view mode follow the evidence: mixed case in the DOM, upper-cased by CSS, help link, no <label for>', T, async () => {
  const page = await env.context.newPage();
  await preparedAccount(page, NS_SANDBOX, SANDBOX);
  ns().variant = { ...DEFAULT_VARIANT, tokenForm: 'replica' }; // the names below are the replica variant's
  await page.goto(`${NS_SANDBOX}/app/setup/accesstoken.nl?whence=`);
  ns().variant = { ...DEFAULT_VARIANT };
  const w = page.locator('div.uir-field-wrapper[data-nsps-type="field"][data-nsps-label="Application Name"][data-field-type="select"][data-walkthrough="Field:application"]');
  assert.equal(await w.count(), 1);
  const lbl = w.locator('span#application_fs_lbl_uir_label.smallgraytextnolink.uir-label[data-nsps-type="field_label"] > span#application_fs_lbl.labelSpanEdit > a[title="What\'s this?"]');
  assert.equal(await lbl.textContent(), 'Application Name');
  assert.equal(await lbl.getAttribute('onclick'), "return nlFieldHelp('Field Help', 'application', this)");
  assert.equal(await page.locator('#application_fs_lbl_uir_label').innerText(), 'APPLICATION NAME*', 'rendered upper case, the * part of the label');
  assert.equal(await page.locator('#application_fs_lbl_uir_label').evaluate((el) => getComputedStyle(el).textTransform), 'uppercase');
  assert.equal(await page.locator('#inactive_fs_lbl a').textContent(), 'Inactive');
  assert.equal(await w.locator('span.uir-field[data-nsps-type="field_input"] div.ns-dropdown[data-name="application"]').count(), 1);
  assert.equal(await page.locator('div.uir-field-wrapper[data-nsps-label="Token Name"][data-field-type="text"]').count(), 1);
  assert.equal(await page.locator('div.uir-field-wrapper[data-nsps-label="Inactive"][data-field-type="checkbox"]').count(), 1);
  assert.equal(await page.locator('label[for]').count(), 0, 'no <label for>');
  // Buttons of a record page: the multi-button Save top and bottom; #submitter is its hidden submit.
  assert.ok(await page.locator('#btn_multibutton_submitter').isVisible());
  assert.ok(await page.locator('#btn_secondarymultibutton_submitter').isVisible());
  assert.equal(await page.locator('input#submitter[type="submit"]').count(), 1);
  assert.equal(await page.locator('#submitter').isVisible(), false);

  // View mode: .uir-label-span; span.uir-field.inputreadonly with _fs/_val and a hidden input.
  await page.goto(`${NS_SANDBOX}/app/setup/role.nl?id=1031`);
  assert.equal(await page.locator('#name_fs_lbl.uir-label-span a').textContent(), 'Name');
  assert.equal(await page.locator('span.uir-field.inputreadonly[data-nsps-type="field_input"] > span#name_fs > span#name_val').textContent(), 'Celigo integrator.io Full Access w/o 2FA [Locked]');
  assert.equal(await page.getAttribute('input#name[name="name"][type="hidden"]', 'value'), 'Celigo integrator.io Full Access w/o 2FA [Locked]');
  assert.equal(await page.locator('#centertype_fs_lbl_uir_label').innerText(), 'CENTER TYPE');
  // The setup page: a visible input#submitter.
  await page.goto(`${NS_SANDBOX}/app/setup/features.nl?whence=`);
  assert.ok(await page.locator('input#submitter[type="submit"]').isVisible());
  assert.equal(await page.locator('#btn_multibutton_submitter').count(), 0);
  assert.equal(await page.locator('.uir-page-title-firstline h1').textContent(), 'Enable Features');
  assert.equal(await page.getAttribute('#customlnk', 'data-nsps-label'), 'SuiteCloud');
  await page.close();
});

test('Enable Features: the terms open in a pop-up on ticking, refusing or closing it leaves the box unticked, the saved state is kept', T, async () => {
  forget(SANDBOX);
  const page = await env.context.newPage();
  await page.goto(`${NS_SANDBOX}/app/setup/features.nl?whence=`);
  await page.click('#customtxt');
  const id = tbaId();
  for (const f of ['customcode', 'serversidescripting']) {
    assert.equal(await page.isChecked(`#${f}`), true, `${f} is on`);
    assert.equal(await page.getAttribute(`#${f}`, 'data-terms'), 'T');
  }
  assert.equal(await page.locator('#agree, #ns_terms_window').count(), 0, 'no terms in the page');
  const openTerms = async () => {
    const [popup] = await Promise.all([env.context.waitForEvent('page'), page.click(`#${id}`)]);
    await popup.waitForLoadState();
    return popup;
  };

  let popup = await openTerms();
  assert.equal(await popup.title(), 'NetSuiteSuiteCloud Terms Of Service');
  assert.equal(await popup.title(), TEXT.termsTitle);
  assert.match(popup.url(), new RegExp(`${TERMS_PATH.replace(/\./g, '\\.')}\\?feature=${id}$`));
  assert.equal(await popup.locator('#agree').getAttribute('value'), 'I Agree');
  await clickClosing(popup, '#disagree');
  assert.equal(await page.isChecked(`#${id}`), false);
  assert.equal(await page.inputValue(`#${id}_send`), '');

  popup = await openTerms();
  await popup.close(); // the window's own close box
  assert.equal(await page.isChecked(`#${id}`), false, 'closing the terms is not agreeing');

  // A box ticked behind the page's back (no click, no terms) cannot be saved.
  await page.evaluate((i) => { document.getElementById(i).checked = true; document.getElementById(`${i}_send`).value = 'T'; }, id);
  await page.click('#submitter');
  assert.match(await errorText(page), /accept the SuiteCloud Terms of Service/);
  assert.equal(acct(SANDBOX).features.tba, false);

  await page.reload();
  await page.click('#customtxt');
  popup = await openTerms();
  await clickClosing(popup, '#agree');
  assert.equal(await page.isChecked(`#${id}`), true);
  await page.click('#submitter');
  await confirmationShown(page);
  assert.equal(acct(SANDBOX).features.tba, true);
  await page.click('#customtxt');
  assert.equal(await page.isChecked(`#${id}`), true);
  assert.equal(await page.evaluate((i) => document.getElementById(i).defaultChecked, id), true, 'saved state is in the markup');
  await page.reload();
  assert.equal(await page.locator('.uir-alert-box.confirmation').count(), 0, 'the confirmation is shown once');

  // Unticking a saved box needs no terms.
  const pages = env.context.pages().length;
  await page.click('#customtxt');
  await page.click(`#${id}`);
  await page.click('#submitter');
  await confirmationShown(page);
  assert.equal(env.context.pages().length, pages, 'no pop-up opened');
  assert.equal(acct(SANDBOX).features.tba, false);
  assert.equal(acct(SANDBOX).features.serversidescripting, true, 'the other boxes keep their state');

  // nlapiSetFieldValue on a terms box opens the terms too, and leaves it unticked until I Agree.
  await page.click('#customtxt');
  const [viaApi] = await Promise.all([env.context.waitForEvent('page'), page.evaluate((i) => window.nlapiSetFieldValue(i, 'T'), id)]);
  await viaApi.waitForLoadState();
  assert.equal(await page.isChecked(`#${id}`), false);
  await clickClosing(viaApi, '#agree');
  assert.equal(await page.evaluate((i) => window.nlapiGetFieldValue(i), id), 'T');
  await page.close();
});

test('Manage Roles and Customize: list (link in the third cell), locked roles, name validation, PERM_TAB sublists', T, async () => {
  forget(SANDBOX);
  const page = await env.context.newPage();
  await page.goto(`${NS_SANDBOX}/app/setup/rolelist.nl?whence=`);
  assert.equal(await page.locator('.uir-page-title-firstline h1').textContent(), 'Manage Roles');
  for (const name of ['Administrator', 'Celigo integrator.io Full Access w/o 2FA [Locked]', 'Celigo Jira Connector']) {
    const row = rowOf(page, name);
    assert.equal(await row.count(), 1, name);
    assert.match(await row.getAttribute('class'), /uir-list-row-tr/);
    assert.equal(await row.getByRole('link', { name: 'Edit', exact: true }).count(), 1);
    assert.equal(await row.getByRole('link', { name: 'Customize', exact: true }).count(), 1);
    assert.equal(await row.locator('td').nth(2).locator('a').textContent(), name, 'the role\'s link is in the third cell');
  }
  assert.match(await page.textContent('#div__footer'), /\d/);
  assert.match(await rowOf(page, 'Celigo integrator.io Full Access w/o 2FA [Locked]').textContent(), /20038/);

  // Edit on a locked role: the role is shown, not editable.
  await rowOf(page, 'Celigo Jira Connector').getByRole('link', { name: 'Edit', exact: true }).click();
  assert.match(await errorText(page), /locked/);
  assert.equal(await page.locator('#submitter, #btn_multibutton_submitter').count(), 0);

  await page.goto(`${NS_SANDBOX}/app/setup/role.nl?id=1045&e=T&cp=T`);
  await page.fill('#name', '');
  await page.click(SAVE_RECORD);
  assert.match(await errorText(page), /Please enter value\(s\) for: Name/);
  assert.match(await page.inputValue('#setupmachdata'), /ADMI_LOGIN_OAUTH/, 'the permissions survive the refused Save');
  await page.fill('#name', 'celigo JIRA connector');
  await page.click('#btn_secondarymultibutton_submitter'); // the bottom copy saves as well
  assert.match(await errorText(page), /already exists/);
  assert.equal(acct(SANDBOX).roles.filter((r) => r.custom).length, 0);

  // NetSuite accepts more than letters and digits (Celigo only advises alphanumeric names).
  await page.fill('#name', 'Jira TBA (sandbox) #2');
  await page.click(SAVE_RECORD);
  await confirmationShown(page);
  const clone = acct(SANDBOX).roles.find((r) => r.name === 'Jira TBA (sandbox) #2');
  assert.equal(clone.clonedFrom, 1045);
  assert.ok(clone.permissions.some((p) => p.key === 'ADMI_LOGIN_OAUTH'));
  assert.equal(await page.textContent('#name_val'), 'Jira TBA (sandbox) #2');
  await page.goto(`${NS_SANDBOX}/app/setup/rolelist.nl?whence=`);
  assert.equal(await rowOf(page, 'Jira TBA (sandbox) #2').count(), 1, 'the new role is listed');

  // The permission sublist: adding a line redraws the table and the hidden data.
  await page.goto(`${NS_SANDBOX}/app/setup/role.nl?id=${clone.id}&e=T`);
  await page.click('#PERM_TABlnk');
  for (const t of ['tranmachtxt', 'listsmachtxt', 'setupmachtxt']) assert.equal(await page.locator(`#${t}`).count(), 1, t);
  await page.click('#setupmachtxt');
  assert.ok(await page.locator('#setupmach_splits tr.uir-machine-row').first().isVisible());
  const me = new Person(page);
  await me.choose('setupmach_permission', 'Access Token Management');
  await me.choose('setupmach_level', 'View');
  await page.click('#setupmach_addedit');
  await page.locator('#setupmach_splits td:text-is("Access Token Management")').waitFor();
  await page.click(SAVE_RECORD);
  await confirmationShown(page);
  assert.ok(clone.permissions.some((p) => p.key === 'ADMI_MANAGE_OAUTH_TOKENS' && p.level === 'View'));
  await page.close();
});

test('lists: rows tr.uir-list-row-tr, an empty list is td.uir-nodata-cell, the footer #div__footer', T, async () => {
  forget(SANDBOX);
  const page = await env.context.newPage();
  await page.goto(`${NS_SANDBOX}/app/setup/accesstokens.nl?whence=`);
  assert.equal(await page.locator('#div__body td.uir-nodata-cell').textContent(), 'No records to show.');
  assert.equal(await page.locator('#div__body tr.uir-list-row-tr').count(), 0);
  assert.match(await page.textContent('#div__footer'), /0/);
  await page.goto(`${NS_SANDBOX}/app/setup/listusers.nl?whence=`);
  assert.equal(await page.locator('#div__body tr.uir-list-row-tr').count(), acct(SANDBOX).employees.length);
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
  assert.equal(await page.locator('#submitter, #btn_multibutton_submitter, input[type="checkbox"]#giveaccess').count(), 0);
  assert.equal(await page.getAttribute('input[type="hidden"]#giveaccess', 'value'), 'F');

  await page.goto(`${NS_SANDBOX}/app/common/entity/employee.nl?id=43&e=T`);
  assert.equal(await page.locator('form[name=main_form] #submitter').count(), 1);
  await page.click('#accesstxt');
  assert.equal(await page.isChecked('#giveaccess'), false);
  assert.equal(await page.inputValue('#giveaccess_send'), '');
  await page.click('#giveaccess');
  assert.equal(await page.inputValue('#giveaccess_send'), 'T');
  const opts = JSON.parse(await page.getAttribute('.ns-dropdown[data-name="selectedrole"]', 'data-options'));
  assert.ok(opts.some((o) => o.text === 'Celigo Jira Connector') && opts.some((o) => o.text === 'Administrator'), 'every role is offered');

  const me = new Person(page);
  for (const role of ['Sales Manager', 'Accountant']) {
    await me.choose('selectedrole', role);
    await page.click('#roles_addedit');
  }
  await page.locator('#roles_row_2').waitFor();
  assert.equal(await page.inputValue('#rolesdata'), '1002\u0001Sales Manager\u00021\u0001Accountant');
  assert.equal(await page.inputValue('#rolesfields'), 'selectedrole\u0001selectedrole_display');

  // A duplicate is refused; selecting a line and Remove takes it out.
  await me.choose('selectedrole', 'Accountant');
  await page.click('#roles_addedit');
  assert.match(await errorText(page), /already been added/);
  await page.click('#roles_clear');
  await page.click('#roles_row_1');
  assert.equal(await page.inputValue('#roles_addedit'), 'OK');
  await page.click('#roles_remove');
  await until(async () => (await page.inputValue('#rolesdata')) === '1\u0001Accountant', 'the line removed');
  assert.equal(await page.locator('#roles_splits tr.uir-machine-row:not(.uir-machine-editrow)').count(), 1);
  assert.equal(await page.evaluate(() => window.nlapiGetLineItemCount('roles')), 1);

  await page.click(SAVE_RECORD);
  await confirmationShown(page);
  const sam = acct(SANDBOX).employees.find((e) => e.id === 43);
  assert.equal(sam.giveaccess, true);
  assert.deepEqual(sam.roles, [1]);
  assert.match(page.url(), /employee\.nl\?id=43$/);
  await page.close();
});

// ── Expired session ───────────────────────────────────────────────────────────────────────────
// The session's persisted state: the assistant (tabs, choices) and the ops in flight.
const assistantState = async () => (await env.session('session'))?.assistant;

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
