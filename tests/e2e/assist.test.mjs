// Both seed flows WITH tba-assist, end to end in the real browser: NetSuite steps A–D, the
// capture of the one-time token into memory, the Celigo fill, Test and Save. Checked on the
// replicas' server state, and for the secret's whereabouts: never in the highlight's DOM, the
// console, storage.local/sync, and gone from memory after the save.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { launch, until, T, NS, NS_SANDBOX, CELIGO, DIST, watchWorlds, generations } from './harness.mjs';
import { CELIGO_SEED as S } from '../../replica/celigo.mjs';
import { Person } from './person.mjs';
import { readGuide, waitGuide, pressDoIt } from './guide.mjs';
import { PLAYBOOKS, choosePlaybook, netsuiteWithAssist, celigoWithAssist, saveOnPage } from './flows.mjs';

const BENCH = path.resolve(DIST, '../bench');

let env;
const consoleLines = [];
/** Every Token ID and Secret minted in this file's flows, for the profile search at the end. */
const minted = [];
const remember = (token) => minted.push(token.tokenId, token.tokenSecret);
before(async () => {
  env = await launch();
  env.context.on('console', (m) => consoleLines.push(m.text()));
  env.worker.on('console', (m) => consoleLines.push(m.text()));
}, T);
after(async () => { await env?.close(); });
beforeEach(async () => {
  env.replica.reset();
  await env.resetExtension();
});

const account = (id) => env.replica.state.netsuite.accounts[id];
/** The Celigo UI generation this case runs on (set after the replica's reset). */
const onUi = (ui) => { env.replica.state.celigo.ui = ui; };
const connection = (id) => env.replica.state.celigo.connections.find((c) => c._id === id);

/** A new tab, the playbook picked, and NetSuite's steps A–D done with tba-assist on `base`:
 * the token is in memory. Returns the tab, the person and the token NetSuite minted. */
async function tokenTaken(pb, base = NS) {
  const page = await env.context.newPage();
  const me = new Person(page);
  await choosePlaybook(env, me, pb.id);
  await netsuiteWithAssist(page, me, pb, base);
  const token = account(base === NS ? '1234567' : '1234567_SB1').tokens.at(-1);
  remember(token);
  return { page, me, token };
}

/** The vault as stored in storage.session (the test reads it to compare fingerprints). */
const vault = () => env.session('vault');

function fingerprint(keyHex, token) {
  return createHmac('sha256', Buffer.from(keyHex, 'hex')).update(`${token.tokenId}\0${token.tokenSecret}`).digest('hex').slice(0, 8);
}

async function panelTokens() {
  const panel = await env.panel();
  try {
    await panel.waitForSelector('#tokens');
    return await panel.$$eval('#tokens .token', (rows) => rows.map((r) => ({ account: r.dataset.account, fingerprint: r.dataset.fingerprint, text: r.textContent })));
  } finally {
    await panel.close();
  }
}

/** Nothing the product controls may hold the secret: storage.local/sync, console, the panel. */
async function assertNoLeak(token, where) {
  const sw = await env.sw();
  const persistent = await sw.evaluate(async () => JSON.stringify([await chrome.storage.local.get(null), await chrome.storage.sync.get(null)]));
  for (const secret of [token.tokenId, token.tokenSecret]) {
    assert.ok(!persistent.includes(secret), `${where}: a secret in storage.local/sync`);
    assert.ok(!consoleLines.some((l) => l.includes(secret)), `${where}: a secret in the console`);
  }
  const panel = await env.panel();
  await panel.waitForSelector('#tokens');
  const html = await panel.content();
  await panel.close();
  assert.ok(!html.includes(token.tokenId) && !html.includes(token.tokenSecret), `${where}: a secret in the side panel`);
}

for (const pb of Object.values(PLAYBOOKS)) for (const ui of generations()) {
  test(`[${ui}] the ${pb.id} flow end to end with tba-assist`, T, async () => {
    onUi(ui);
    const page = await env.context.newPage();
    const me = new Person(page);
    me.begin('choose_playbook');
    await choosePlaybook(env, me, pb.id);

    const taken = await netsuiteWithAssist(page, me, pb, NS);
    // NetSuite's side, as the server holds it.
    const acct = account('1234567');
    assert.equal(acct.features.tba, true);
    const clone = acct.roles.find((r) => r.name === pb.cloneName);
    assert.ok(clone, `role ${pb.cloneName} created`);
    assert.equal(acct.roles.find((r) => r.id === clone.clonedFrom)?.name, pb.roleToClone);
    const user = acct.employees.find((e) => `${e.firstname} ${e.lastname}` === pb.user || e.name === pb.user);
    assert.ok(user.roles.includes(clone.id), 'the role is on the user');
    assert.equal(acct.tokens.length, 1);
    const token = acct.tokens[0];
    remember(token);
    assert.equal(token.appName, pb.application);
    assert.equal(token.userId, user.id);
    assert.equal(token.roleId, clone.id);

    // The vault holds exactly the pair NetSuite showed, known by its fingerprint only.
    const stored = await vault();
    const fp = fingerprint(stored.fingerprint_key ?? stored.key, token);
    assert.match(taken.message, new RegExp(`fingerprint ${fp}`));
    assert.ok(!taken.html.includes(token.tokenId) && !taken.html.includes(token.tokenSecret), 'the highlight never holds the secret');
    const shown = await panelTokens();
    assert.deepEqual(shown.map((t) => [t.account, t.fingerprint]), [['1234567', fp]]);
    assert.match(shown[0].text, /•••• •••• \(64 characters\)/);
    await assertNoLeak(token, 'after capture');
    // The page's own scripts cannot reach it.
    assert.equal(await page.evaluate(() => typeof globalThis.chrome?.storage), 'undefined');

    const tested = await celigoWithAssist(page, me, pb, CELIGO);
    assert.equal(tested.tone, 'success', tested.message);
    assert.ok(!tested.html.includes(token.tokenSecret));
    await saveOnPage(page, me);

    const saved = connection(pb.connectionId);
    assert.equal(saved.netsuite.authType, 'token');
    assert.equal(saved.netsuite.account, '1234567');
    assert.equal(saved.netsuite.environment, 'production');
    assert.equal(saved.netsuite.tokenId, token.tokenId);
    assert.equal(saved.netsuite.tokenSecret, token.tokenSecret);
    if (pb.iClientId) assert.equal(saved.netsuite._iClientId, pb.iClientId);

    // Used: gone from memory.
    await until(async () => (await vault())?.entries?.length === 0, 'the vault emptied after the save');
    assert.deepEqual(await panelTokens(), []);
    await assertNoLeak(token, 'after save');

    const counts = me.summary({ flow: pb.id, with: 'tba-assist' });
    await mkdir(BENCH, { recursive: true });
    await writeFile(path.join(BENCH, `assisted-${pb.id}.json`), JSON.stringify(counts, null, 2));
    assert.equal(counts.keystrokes, 0, 'no typing');
    assert.equal(counts.copyPastes, 0, 'no copy/paste');
    await page.close();
  });
}

for (const ui of generations()) test(`[${ui}] a sandbox token survives a service-worker restart between capture and fill`, T, async () => {
  onUi(ui);
  const pb = PLAYBOOKS['jira-smartconnector'];
  const { page, me, token } = await tokenTaken(pb, NS_SANDBOX);

  await env.stopWorker();

  const tested = await celigoWithAssist(page, me, pb, CELIGO);
  assert.equal(tested.tone, 'success', tested.message);
  // This time the person confirms the save in the side panel.
  const panel = await env.panel();
  await panel.click('#save-connection');
  await waitGuide(page, (g) => /erased/.test(g.message), 'the save done from the panel');
  await panel.close();
  const saved = connection(pb.connectionId);
  assert.equal(saved.netsuite.account, '1234567_SB1');
  assert.equal(saved.netsuite.environment, 'sandbox2.0');
  assert.equal(saved.netsuite.tokenSecret, token.tokenSecret);
  await page.close();
});

for (const ui of generations()) test(`[${ui}] a revoked token: Celigo says Invalid login attempt, tba-assist explains and keeps the token`, T, async () => {
  onUi(ui);
  const pb = PLAYBOOKS['integrator-io'];
  const { page, me, token } = await tokenTaken(pb, NS);
  token.inactive = true; // revoked in NetSuite meanwhile

  const tested = await celigoWithAssist(page, me, pb, CELIGO);
  assert.equal(tested.tone, 'error');
  assert.match(tested.message, /Invalid login attempt/);
  assert.match(tested.message, /revoked/);
  assert.match(tested.message, /Log in using Access Tokens/);
  assert.equal(tested.doIt, 'Fill and test', 'the person can retry');
  assert.equal((await vault()).entries.length, 1, 'the token is kept until it expires');
  assert.equal(connection(pb.connectionId).netsuite.authType, 'basic', 'nothing saved');
  await page.close();
});

for (const ui of generations()) test(`[${ui}] an expired token fills nothing and says so`, T, async () => {
  onUi(ui);
  const pb = PLAYBOOKS['integrator-io'];
  const { page } = await tokenTaken(pb, NS);
  // Time passes: make the entry's expiry lie in the past and restart the worker, which
  // re-reads the vault and must drop it.
  const sw = await env.sw();
  await sw.evaluate(async () => {
    const { vault } = await chrome.storage.session.get('vault');
    const v = JSON.parse(vault);
    for (const e of v.entries) { e.expires_at_ms = Date.now() - 1000; e.captured_at_ms = e.expires_at_ms - v.ttl_ms; }
    await chrome.storage.session.set({ vault: JSON.stringify(v) });
  });
  await env.stopWorker();

  await page.goto(`${CELIGO}${pb.connectionsPath}`);
  await page.click(`[data-test="editConnection"][aria-label="Edit ${pb.connectionName}"]`);
  const g = await waitGuide(page, (g) => g.tone === 'error', 'the no-token message');
  assert.match(g.message, /No token is in memory/);
  assert.equal(g.doIt, null);
  assert.equal(await page.locator('[data-test="netsuite.tokenId"] input').count(), 0, 'still Basic: nothing was changed');
  assert.equal((await vault()).entries.length, 0);
  await page.close();
});

for (const ui of generations()) test(`[${ui}] two accounts at once: each connection gets its own token, never a guess`, T, async () => {
  onUi(ui);
  const pb = PLAYBOOKS['integrator-io'];
  const jira = PLAYBOOKS['jira-smartconnector'];
  const { page, me, token: prod } = await tokenTaken(pb, NS);
  await netsuiteWithAssist(page, me, pb, NS_SANDBOX);
  const sandbox = account('1234567_SB1').tokens[0];
  remember(sandbox);
  assert.deepEqual((await panelTokens()).map((t) => t.account).sort(), ['1234567', '1234567_SB1']);

  // The Jira connection names no account: tba-assist asks, then fills the one picked.
  await choosePlaybook(env, me, jira.id);
  await page.goto(`${CELIGO}${jira.connectionsPath}`);
  await page.click(`[data-test="editConnection"][aria-label="Edit ${jira.connectionName}"]`);
  const ask = await waitGuide(page, (g) => g.tone === 'error', 'the question which token');
  assert.match(ask.message, /Pick the one for this connection/);
  assert.equal(ask.doIt, null, 'no fill before the person picks');
  const panel = await env.panel();
  await panel.click('#pick-1234567_SB1');
  await panel.waitForSelector('#pick-1234567_SB1:has-text("Used for Celigo")');
  await panel.close();
  await waitGuide(page, (g) => g.doIt === 'Fill and test' && /1234567_SB1/.test(g.message), 'the offer with the picked token');
  await pressDoIt(page, 'Fill and test');
  const done = await waitGuide(page, (g) => g.tone !== 'info', 'the Jira connection tested');
  assert.equal(done.tone, 'success', done.message);
  await saveOnPage(page, me);
  let saved = connection(jira.connectionId);
  assert.equal(saved.netsuite.account, '1234567_SB1');
  assert.equal(saved.netsuite.tokenId, sandbox.tokenId);
  assert.deepEqual((await panelTokens()).map((t) => t.account), ['1234567'], 'only the used token was wiped');

  // The plain connection already uses a token for account 1234567 (tokens are re-created after
  // every sandbox refresh, for instance): the form names the account, no question is needed.
  Object.assign(connection(pb.connectionId).netsuite, { authType: 'token', account: '1234567', environment: 'production', tokenId: 'x'.repeat(64), tokenSecret: 'y'.repeat(64) });
  await choosePlaybook(env, me, pb.id);
  const tested = await celigoWithAssist(page, me, pb, CELIGO);
  assert.equal(tested.tone, 'success', tested.message);
  await saveOnPage(page, me);
  saved = connection(pb.connectionId);
  assert.equal(saved.netsuite.tokenId, prod.tokenId);
  assert.equal((await vault()).entries.length, 0);
  await page.close();
});

test('a token form missing its Role field: the message names it and nothing is written', T, async () => {
  const pb = PLAYBOOKS['integrator-io'];
  const page = await env.context.newPage();
  await page.goto(`${NS}/app/setup/accesstoken.nl?whence=`);
  await waitGuide(page, (g) => g.doIt === 'Fill the form', 'the token form guide');
  // A NetSuite release that dropped the field (or renamed it beyond the locators' synonyms).
  await page.evaluate(() => document.querySelector('[data-field-name="role"]').remove());
  await pressDoIt(page, 'Fill the form');
  const g = await waitGuide(page, (g) => g.tone === 'error', 'the refusal');
  assert.match(g.message, /changed nothing/);
  assert.match(g.message, /the Role dropdown was not found/);
  assert.equal(await page.inputValue('input[type=hidden][name="application"]'), '', 'the application was not set either');
  assert.equal(await page.inputValue('[name="inpt_application"]'), '');
  await page.close();
  void pb;
});

test('the dropdown pitfall: after Do it, the hidden internal ids are the right ones', T, async () => {
  const pb = PLAYBOOKS['jira-smartconnector'];
  const page = await env.context.newPage();
  const me = new Person(page);
  await choosePlaybook(env, me, pb.id);
  // Steps A–C by the product, then stop on the token form before saving.
  await netsuiteWithAssist(page, me, pb, NS).catch(() => {}); // full flow first, to create the role
  await page.goto(`${NS}/app/setup/accesstoken.nl?whence=`);
  await pressDoIt(page, 'Fill the form');
  await waitGuide(page, (g) => /then click Save/.test(g.message), 'the form filled');
  const acct = account('1234567');
  const app = acct.applications.find((a) => a.name === pb.application);
  const role = acct.roles.find((r) => r.name === pb.cloneName);
  assert.equal(await page.inputValue('input[type=hidden][name="application"]'), String(app.id));
  assert.equal(await page.inputValue('[name="inpt_application"]'), pb.application);
  assert.equal(await page.inputValue('input[type=hidden][name="role"]'), String(role.id));
  assert.equal(await page.inputValue('[name="inpt_role"]'), pb.cloneName);
  assert.equal(await page.inputValue('input[type=hidden][name="user"]'), '42');
  await page.close();
});

for (const ui of generations()) test(`[${ui}] a look-alike Celigo host gets nothing`, T, async () => {
  onUi(ui);
  const pb = PLAYBOOKS['integrator-io'];
  const { page } = await tokenTaken(pb, NS);
  const watch = await watchWorlds(page);
  const mark = watch.extensionWorlds().length; // the NetSuite page's own, reported on enable
  await page.goto(`https://integrator.io.evil.test/connections/edit/connections/${pb.connectionId}`, { waitUntil: 'load' });
  await page.waitForSelector('[data-test="netsuite.authType"]');
  const onLookAlike = watch.extensionWorlds().length - mark;
  assert.equal(await readGuide(page), null, 'no highlight on the look-alike host');
  // Control: the real host, same tab, does get the executor and offers the token.
  await page.goto(`${CELIGO}/connections/edit/connections/${pb.connectionId}`);
  await until(() => watch.extensionWorlds().length > mark + onLookAlike, 'the executor on the real host');
  assert.equal(onLookAlike, 0, 'executor injected on the look-alike host');
  await waitGuide(page, (g) => g.doIt === 'Fill and test', 'the offer on the real host');
  assert.equal((await vault()).entries.length, 1, 'the token stayed in memory');
  assert.deepEqual(env.replica.state.celigo.pings, [], 'nothing was tested anywhere');
  await page.close();
});

for (const ui of generations()) test(`[${ui}] Celigo is a single-page app: from /home through the Jira tile to the form, the executor follows`, T, async () => {
  onUi(ui);
  const pb = PLAYBOOKS['jira-smartconnector'];
  const { page } = await tokenTaken(pb, NS);
  const watch = await watchWorlds(page);
  const mark = watch.extensionWorlds().length;
  await page.goto(`${CELIGO}/home`);
  await page.waitForSelector('[aria-label="Settings: Jira - NetSuite"]');
  assert.equal(watch.extensionWorlds().length, mark, 'not injected on /home');
  await page.evaluate(() => { window.sameDocument = true; });
  await page.click('[aria-label="Settings: Jira - NetSuite"]');
  await page.click('nav[aria-label="Settings"] >> text=Connections');
  await page.click(`[data-test="editConnection"][aria-label="Edit ${pb.connectionName}"]`);
  await pressDoIt(page, 'Fill and test');
  const g = await waitGuide(page, (g) => g.tone !== 'info', 'the test outcome');
  assert.equal(g.tone, 'success', g.message);
  assert.ok(await page.evaluate(() => window.sameDocument === true), 'no page load on the way');
  await page.close();
});

for (const ui of generations()) test(`[${ui}] the integration route, Forget now in the side panel, and the page API fallback`, T, async () => {
  onUi(ui);
  const pb = PLAYBOOKS['integrator-io'];
  const { page } = await tokenTaken(pb, NS);

  // The connection opened from inside an integration.
  await page.goto(`${CELIGO}/integrations/${S.ordersIntegrationId}/connections/edit/connections/${pb.connectionId}`);
  await pressDoIt(page, 'Fill and test');
  const g = await waitGuide(page, (g) => g.tone !== 'info', 'the test outcome');
  assert.equal(g.tone, 'success', g.message);

  // Forget now: wiped at once, and the form's highlight says there is nothing to fill.
  const panel = await env.panel();
  await panel.click('#forget-1234567');
  await panel.waitForSelector('#tokens .empty');
  await panel.close();
  assert.equal((await vault()).entries.length, 0);
  await page.reload();
  await waitGuide(page, (g) => /No token is in memory/.test(g.message), 'nothing to fill');

  // Without NetSuite's page API (another release, a blocked bridge) the token form is filled
  // with clicks, which set the hidden internal ids through the page's own handlers.
  await page.goto(`${NS}/app/setup/accesstoken.nl?whence=`);
  await page.evaluate(() => { delete window.nlapiSetFieldText; delete window.nlapiSetFieldValue; });
  await pressDoIt(page, 'Fill the form');
  // The user too, by the name NetSuite's own list gives the internal id of step C.
  await waitGuide(page, (g) => /then click Save/.test(g.message), 'the form filled by clicks');
  const acct = account('1234567');
  assert.equal(await page.inputValue('input[type=hidden][name="application"]'), String(acct.applications.find((a) => a.name === pb.application).id));
  assert.equal(await page.inputValue('[name="inpt_application"]'), pb.application);
  assert.equal(await page.inputValue('input[type=hidden][name="user"]'), '42');
  await page.close();
});

test('the person names the role in the side panel; NetSuite refusing a token is explained', T, async () => {
  const pb = PLAYBOOKS['integrator-io'];
  const page = await env.context.newPage();
  const me = new Person(page);
  await choosePlaybook(env, me, pb.id);

  // A name Celigo advises against is refused with the reason; a good one is used.
  const panel = await env.panel();
  await panel.fill('#clone-name-input', 'Celigo TBA');
  await panel.click('#clone-name button');
  await panel.waitForSelector('#notice:has-text("letters and digits only")');
  await panel.fill('#clone-name-input', 'AcmeCeligoTBA');
  await panel.click('#clone-name button');
  await panel.waitForFunction(() => document.querySelector('li[data-step="clone_role"] .todo')?.textContent.includes('AcmeCeligoTBA'));
  await panel.close();
  await page.goto(`${NS}/app/setup/rolelist.nl?whence=`);
  await pressDoIt(page, 'Open Customize');
  await page.waitForURL(/cp=T/);
  await pressDoIt(page, 'Name it');
  await waitGuide(page, (g) => /named AcmeCeligoTBA/.test(g.message), 'the role named as the person chose');
  assert.equal(await page.inputValue('#name'), 'AcmeCeligoTBA');

  // Before the role exists and the user holds it, the token form cannot take it: said so.
  await page.goto(`${NS}/app/common/entity/employee.nl?id=42`); // the user, as at step C
  await waitGuide(page, (g) => g.doIt === 'Edit', 'the employee page');
  await page.goto(`${NS}/app/setup/accesstoken.nl?whence=`);
  await pressDoIt(page, 'Fill the form');
  const early = await waitGuide(page, (g) => g.tone === 'error', 'the missing role explained');
  assert.match(early.message, /does not offer the role AcmeCeligoTBA for this user: give the user the role \(step C\)/);
  assert.equal(early.doIt, 'Fill the form', 'the same button tries again');

  // Now it does, but TBA is off in this account: NetSuite refuses the token, the highlight says why.
  const acct = account('1234567');
  const source = acct.roles.find((r) => r.name === pb.roleToClone);
  acct.roles.push({ ...source, id: 1600, name: 'AcmeCeligoTBA', locked: false, custom: true, clonedFrom: source.id });
  acct.employees.find((e) => e.id === 42).roles.push(1600);
  await page.goto(`${NS}/app/setup/accesstoken.nl?whence=`);
  await pressDoIt(page, 'Fill the form');
  await waitGuide(page, (g) => /click Save/.test(g.message), 'the form filled');
  await page.click('#btn_multibutton_submitter');
  const refused = await waitGuide(page, (g) => g.tone === 'error', 'the refusal explained');
  assert.match(refused.message, /Token-based Authentication is off in this account.*do step A first/);
  assert.equal(account('1234567').tokens.length, 0);
  await page.close();
});

// Last: it closes the browser.
test('after the browser closes, no Token ID or Secret is anywhere in its profile', T, async () => {
  assert.ok(minted.length >= 8, `the flows above minted tokens (${minted.length / 2})`);
  const hits = await env.closeAndSearchProfile(minted);
  assert.deepEqual(hits, [], 'profile files holding a secret');
  assert.ok(!consoleLines.some((l) => minted.some((m) => l.includes(m))), 'a secret in a console message');
});
