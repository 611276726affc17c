// The integrator.io replica driven by hand (no help from the extension), in the real browser with
// the real host names: the React + Material UI app must behave as the real one does for the
// things the extension relies on (routes, MUI selects, controlled inputs, Test and Save).
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import https from 'node:https';
import { randomBytes } from 'node:crypto';
import { launch, until, T, CELIGO } from './harness.mjs';
import { CELIGO_SEED as S } from '../../replica/celigo.mjs';
import { ensureCeligoBundle } from '../../replica/celigo/build.mjs';

const CELIGO_EU = 'https://eu.integrator.io';
const OK = 'Your connection is working great! Nice Job!';
const FAILED = 'Your test was not successful. Check your information and try again';
const REQUIRED = 'A value must be provided';
const REENTER = 'Note: for security reasons this field must always be re-entered.';

let env;
before(async () => { env = await launch(); }, T);
after(async () => { await env?.close(); });
beforeEach(() => env.replica.reset());

const field = (id) => `[data-test="${id}"]`;
const input = (id) => `${field(id)} input`;
const celigo = () => env.replica.state.celigo;
const connection = (id) => celigo().connections.find((c) => c._id === id);

/** GET on a replica host from Node (the browser's host mapping does not apply here). */
function replicaGet(host, path) {
  return new Promise((resolve, reject) => {
    https.get({ host: '127.0.0.1', port: env.replica.port, path, servername: host, headers: { host }, rejectUnauthorized: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    }).on('error', reject);
  });
}

/** A live access token in the NetSuite replica for `accountId` (TBA enabled), as its token page would mint. */
async function mintToken(accountId) {
  await replicaGet(`${accountId.toLowerCase().replace('_', '-')}.app.netsuite.com`, '/app/setup/accesstokens.nl?whence=');
  const acct = env.replica.state.netsuite.accounts[accountId];
  assert.ok(acct, `the NetSuite replica has account ${accountId}`);
  acct.features.tba = true;
  const token = { tokenId: randomBytes(32).toString('hex'), tokenSecret: randomBytes(32).toString('hex'), inactive: false, account: accountId };
  acct.tokens.push(token);
  return token;
}

async function open(path, base = CELIGO) {
  const page = await env.context.newPage();
  const response = await page.goto(base + path);
  return { page, response };
}

/** Marks the document, so a later check can tell that navigation did not load a new one. */
const markDocument = (page) => page.evaluate(() => { window.sameDocument = true; });
const sameDocument = (page) => page.evaluate(() => window.sameDocument === true);

/** Opens a MUI select with a mouse press (it opens on mousedown) and clicks the option. */
async function choose(page, id, value) {
  // hover() waits until the select stops moving (the drawer slides in), then puts the mouse on it.
  await page.locator(`${field(id)} [role="combobox"]`).hover();
  await page.mouse.down();
  await page.waitForSelector('[role="listbox"] [role="option"]'); // open before the button is released
  await page.mouse.up();
  await page.click(`[role="listbox"] [role="option"][data-value="${value}"]`);
  await page.waitForSelector('[role="listbox"]', { state: 'detached' });
  await page.waitForFunction(([sel, v]) => document.querySelector(sel)?.value === v, [input(id), value]);
}

/** The option values and texts a MUI select offers (opens it, reads, closes it with Escape). */
async function optionsOf(page, id) {
  await page.click(field(id));
  await page.waitForSelector('[role="listbox"] [role="option"]');
  const options = await page.$$eval('[role="listbox"] [role="option"]', (os) => os.map((o) => [o.dataset.value, o.textContent]));
  await page.keyboard.press('Escape');
  await page.waitForSelector('[role="listbox"]', { state: 'detached' });
  return options;
}

/** Records every text the element shows from now on (to see a transient label). */
async function watchText(page, selector) {
  await page.evaluate((sel) => {
    const el = document.querySelector(sel);
    window.seenTexts = [el.textContent];
    new MutationObserver(() => window.seenTexts.push(el.textContent)).observe(el, { subtree: true, childList: true, characterData: true });
  }, selector);
  return () => page.evaluate(() => window.seenTexts);
}

async function resultText(page, expected) {
  await page.waitForFunction((t) => document.querySelector('[data-test="testResult"][role="alert"]')?.textContent.includes(t), expected);
  return page.textContent('[data-test="testResult"]');
}

/**
 * Presses a form button from the keyboard (focus, Enter): the extension's own guide card may sit
 * over the drawer's bottom-right corner, and these tests drive the page, not the extension.
 */
async function press(page, selector) {
  await page.focus(selector);
  await page.keyboard.press('Enter');
}

async function fillTokenPair(page, { tokenId, tokenSecret }) {
  await page.fill(input('netsuite.tokenId'), tokenId);
  await page.fill(input('netsuite.tokenSecret'), tokenSecret);
}

test('Connections > Edit pencil > Token Based Auth (Manual): a wrong pair fails, a live token passes and is saved', T, async () => {
  const { page, response } = await open('/connections');
  const csp = response.headers()['content-security-policy'];
  assert.match(csp, /script-src 'self';/);
  assert.doesNotMatch(csp, /unsafe-eval/);

  await page.waitForSelector('[data-test="editConnection"][aria-label="Edit NetSuite connection"]');
  await markDocument(page);
  await page.click('[aria-label="Edit NetSuite connection"]');
  await page.waitForSelector(field('netsuite.authType'));
  assert.equal(new URL(page.url()).pathname, `/connections/edit/connections/${S.netsuiteConnectionId}`);
  assert.ok(await sameDocument(page), 'the drawer opened without loading a new document');

  // The seeded connection is a legacy Basic one; nothing changed yet.
  assert.equal(await page.inputValue(input('netsuite.authType')), 'basic');
  assert.equal(await page.locator(field('saveAndClose')).count(), 0);
  assert.ok(await page.isDisabled(field('save')));
  assert.deepEqual(await optionsOf(page, 'netsuite.authType'), [
    ['', 'Please select'],
    ['token-auto', 'Token Based Auth (Automatic)'],
    ['token', 'Token Based Auth (Manual)'],
    ['basic', 'Basic (To be deprecated - Do not use)'],
  ]);

  await choose(page, 'netsuite.authType', 'token');
  await page.waitForSelector(field('netsuite.tokenId'));
  await page.waitForSelector(field('saveAndClose'));
  assert.equal(await page.locator(field('netsuite._iClientId')).count(), 0, 'a plain connection on a production host has no iClient');
  assert.deepEqual(await optionsOf(page, 'netsuite.tokenEnvironment'), [['', 'Please select'], ['production', 'Production'], ['sandbox2.0', 'Sandbox2.0'], ['beta', 'Beta']]);
  for (const [id, name] of [['netsuite.tokenId', '/netsuite/tokenId'], ['netsuite.tokenSecret', '/netsuite/tokenSecret']]) {
    const attrs = await page.$eval(input(id), (el) => [el.name, el.type, el.autocomplete]);
    assert.deepEqual(attrs, [name, 'password', 'off']);
    assert.match(await page.textContent(field(id)), new RegExp(REENTER.replace(/\./g, '\\.')));
  }
  assert.equal(await page.getAttribute(input('netsuite.tokenAccount'), 'name'), '/netsuite/tokenAccount');

  await choose(page, 'netsuite.tokenEnvironment', 'production');
  await page.fill(input('netsuite.tokenAccount'), '');
  await page.locator(input('netsuite.tokenAccount')).pressSequentially('tstdrv1');
  assert.equal(await page.inputValue(input('netsuite.tokenAccount')), 'TSTDRV1', 'Account ID is upper-cased as it is typed');
  await page.fill(input('netsuite.tokenAccount'), '1234567');
  await fillTokenPair(page, { tokenId: 'a'.repeat(64), tokenSecret: 'b'.repeat(64) });

  const seen = await watchText(page, field('test'));
  await press(page, field('test'));
  const failure = await resultText(page, 'Invalid login attempt.');
  assert.ok(failure.includes(FAILED), failure);
  assert.ok((await seen()).includes('Testing'), 'the Test button read "Testing" while the ping ran');
  assert.deepEqual(celigo().pings.map(({ ok, connectionId, region, via }) => ({ ok, connectionId, region, via })), [{ ok: false, connectionId: S.netsuiteConnectionId, region: 'us', via: 'test' }]);

  const token = await mintToken('1234567');
  await fillTokenPair(page, token);
  await press(page, field('test'));
  await resultText(page, OK);
  assert.equal(celigo().pings.at(-1).ok, true);

  await press(page, field('save'));
  await until(() => connection(S.netsuiteConnectionId).savedCount === 1, 'the connection saved');
  const saved = connection(S.netsuiteConnectionId);
  assert.equal(saved.netsuite.authType, 'token');
  assert.equal(saved.netsuite.account, '1234567');
  assert.equal(saved.netsuite.environment, 'production');
  assert.equal(saved.netsuite.tokenId, token.tokenId);
  assert.equal(saved.netsuite.tokenSecret, token.tokenSecret);
  assert.equal(saved.savedRegion, 'us');
  assert.ok(saved.savedAt > 0);
  assert.equal(celigo().pings.at(-1).via, 'save', 'Save tests the connection first');

  // The secrets must be re-entered: the form shows them empty, and the API returns them masked.
  await page.waitForFunction((sels) => sels.every((s) => document.querySelector(s).value === ''), [input('netsuite.tokenId'), input('netsuite.tokenSecret')]);
  await page.waitForSelector(field('saveAndClose'), { state: 'detached' });
  const api = await page.evaluate(async (id) => (await fetch(`/api/connections/${id}`)).json(), S.netsuiteConnectionId);
  assert.equal(api.netsuite.tokenId, '******');
  assert.equal(api.netsuite.tokenSecret, '******');
  assert.equal(api.netsuite.account, '1234567');

  // Stateful across a reload.
  await page.reload();
  await page.waitForSelector(field('netsuite.tokenAccount'));
  assert.equal(await page.inputValue(input('netsuite.authType')), 'token');
  assert.equal(await page.inputValue(input('netsuite.tokenAccount')), '1234567');
  assert.equal(await page.inputValue(input('netsuite.tokenId')), '');
  await page.close();
});

test('React owns the values: el.value without events is not taken, the native setter plus an input event is', T, async () => {
  const token = await mintToken('1234567');
  const { page } = await open(`/connections/edit/connections/${S.netsuiteConnectionId}`);
  await page.waitForSelector(field('netsuite.authType'));
  await choose(page, 'netsuite.authType', 'token');
  await choose(page, 'netsuite.tokenEnvironment', 'production');
  await page.fill(input('netsuite.tokenAccount'), '1234567');

  // What the extension does: the native value setter, then a bubbling input event.
  for (const [id, value] of [['netsuite.tokenId', token.tokenId], ['netsuite.tokenSecret', token.tokenSecret]]) {
    await page.$eval(input(id), (el, v) => {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(el, v);
      el.dispatchEvent(new Event('input', { bubbles: true }));
    }, value);
  }
  // A plain assignment, no event: the page shows it, React does not know it.
  await page.$eval(input('netsuite.tokenAccount'), (el) => { el.value = '7654321'; });
  assert.equal(await page.inputValue(input('netsuite.tokenAccount')), '7654321');
  // A script writing the select's hidden input, even with events: a MUI select must be clicked.
  await page.$eval(input('netsuite.tokenEnvironment'), (el) => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(el, 'beta');
    el.dispatchEvent(new Event('input', { bubbles: true }));
    el.dispatchEvent(new Event('change', { bubbles: true }));
  });

  await press(page, field('save'));
  await until(() => connection(S.netsuiteConnectionId).savedCount === 1, 'the connection saved');
  const ns = connection(S.netsuiteConnectionId).netsuite;
  assert.equal(ns.account, '1234567', 'Save sent the value React held, not the one written into the DOM');
  assert.equal(ns.environment, 'production');
  assert.equal(ns.tokenId, token.tokenId);
  assert.equal(ns.tokenSecret, token.tokenSecret);
  await page.close();
});

test('missing required fields: inline errors, no ping, nothing stored (the API refuses too)', T, async () => {
  const { page } = await open(`/connections/edit/connections/${S.netsuiteConnectionId}`);
  await page.waitForSelector(field('netsuite.authType'));
  await choose(page, 'netsuite.authType', 'token');
  await page.fill(input('netsuite.tokenAccount'), '');
  await press(page, field('test'));
  await press(page, field('save'));
  for (const id of ['netsuite.tokenAccount', 'netsuite.tokenId', 'netsuite.tokenSecret']) {
    await page.waitForSelector(`${field(id)} .Mui-error:has-text("${REQUIRED}")`);
  }
  assert.equal(celigo().pings.length, 0);
  assert.equal(celigo().saves.length, 0);
  assert.equal(connection(S.netsuiteConnectionId).savedCount, undefined);
  assert.equal(connection(S.netsuiteConnectionId).netsuite.authType, 'basic');

  const r = await page.evaluate(async (id) => {
    const res = await fetch(`/api/connections/${id}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'x', netsuite: { authType: 'token', account: '1234567', environment: 'production', tokenId: 'a' } }) });
    return { status: res.status, body: await res.json() };
  }, S.netsuiteConnectionId);
  assert.equal(r.status, 422);
  assert.deepEqual(r.body.errors.map((e) => e.field), ['netsuite.tokenSecret']);
  assert.equal(connection(S.netsuiteConnectionId).netsuite.authType, 'basic');
  assert.equal(connection(S.netsuiteConnectionId).name, 'NetSuite connection');
  await page.close();
});

test('Jira - NetSuite tile > Settings > Connections > Edit pencil: sandbox account, iClient, Save & close', T, async () => {
  const { page } = await open('/home');
  await page.waitForSelector('[aria-label="Settings: Jira - NetSuite"]');
  await markDocument(page);
  await page.click('[aria-label="Settings: Jira - NetSuite"]');
  await page.waitForURL(`${CELIGO}/integrationapps/JiraNetSuite/${S.jiraIntegrationId}/general`);
  await page.click('nav[aria-label="Settings"] >> text=Connections');
  await page.waitForURL(`${CELIGO}/integrationapps/JiraNetSuite/${S.jiraIntegrationId}/connections`);
  await page.click('[data-test="editConnection"][aria-label="Edit NetSuite connection (Jira - NetSuite)"]');
  await page.waitForSelector(field('netsuite.authType'));
  assert.equal(new URL(page.url()).pathname, `/integrationapps/JiraNetSuite/${S.jiraIntegrationId}/connections/edit/connections/${S.jiraNetsuiteConnectionId}`);
  assert.ok(await sameDocument(page), 'home > settings > connections > drawer without a document load');

  await choose(page, 'netsuite.authType', 'token');
  await page.waitForSelector(field('netsuite._iClientId'));
  const iClients = await optionsOf(page, 'netsuite._iClientId');
  assert.deepEqual(iClients.map(([, text]) => text), ['Please select', 'SmartConnector (HT) NetSuite iClient', 'eTail SmartConnector NetSuite iClient']);

  await choose(page, 'netsuite.tokenEnvironment', 'sandbox2.0');
  await page.locator(input('netsuite.tokenAccount')).pressSequentially('1234567_sb1');
  assert.equal(await page.inputValue(input('netsuite.tokenAccount')), '1234567_SB1');
  const token = await mintToken('1234567_SB1');
  await fillTokenPair(page, token);

  // The iClient is required for a connector's connection.
  await press(page, field('save'));
  await page.waitForSelector(`[id="netsuite._iClientId-helper-text"].Mui-error:has-text("${REQUIRED}")`);
  assert.equal(celigo().saves.length, 0);
  const ht = iClients.find(([, text]) => text === 'SmartConnector (HT) NetSuite iClient')[0];
  assert.equal(ht, S.htIClientId);
  await choose(page, 'netsuite._iClientId', ht);

  // A sandbox token needs the Sandbox environment.
  await choose(page, 'netsuite.tokenEnvironment', 'production');
  await press(page, field('test'));
  await resultText(page, 'Invalid login attempt.');
  await choose(page, 'netsuite.tokenEnvironment', 'sandbox2.0');
  await press(page, field('test'));
  await resultText(page, OK);

  await press(page, field('saveAndClose'));
  await page.waitForURL(`${CELIGO}/integrationapps/JiraNetSuite/${S.jiraIntegrationId}/connections`);
  await page.waitForSelector(field('netsuite.authType'), { state: 'detached' });
  const ns = connection(S.jiraNetsuiteConnectionId).netsuite;
  assert.deepEqual(
    { authType: ns.authType, environment: ns.environment, account: ns.account, tokenId: ns.tokenId, tokenSecret: ns.tokenSecret, _iClientId: ns._iClientId },
    { authType: 'token', environment: 'sandbox2.0', account: '1234567_SB1', tokenId: token.tokenId, tokenSecret: token.tokenSecret, _iClientId: S.htIClientId },
  );
  assert.ok(await sameDocument(page));
  await page.close();
});

test('eu.integrator.io, Token Based Auth (Automatic): Account ID only, "Save & authorize", region recorded', T, async () => {
  const { page } = await open(`/integrations/${S.ordersIntegrationId}/connections`, CELIGO_EU);
  await page.click('[aria-label="Edit NetSuite connection"]');
  await page.waitForSelector(field('netsuite.authType'));
  assert.equal(new URL(page.url()).pathname, `/integrations/${S.ordersIntegrationId}/connections/edit/connections/${S.netsuiteConnectionId}`);
  await choose(page, 'netsuite.authType', 'token-auto');
  await page.waitForSelector(field('netsuite.token.auto.account'));
  assert.equal(await page.locator(field('netsuite.tokenId')).count(), 0);
  assert.equal(await page.textContent(field('save')), 'Save & authorize');
  await page.fill(input('netsuite.token.auto.account'), 'tstdrv123');
  await press(page, field('save'));
  await resultText(page, 'does not implement');
  const c = connection(S.netsuiteConnectionId);
  assert.equal(c.netsuite.authType, 'token-auto');
  assert.equal(c.netsuite.account, 'TSTDRV123');
  assert.equal(c.savedRegion, 'eu');
  assert.deepEqual(celigo().saves.map((s) => s.region), ['eu']);
  await page.close();
});

test('the app bundle is not rebuilt when up to date', T, async () => {
  const r = await ensureCeligoBundle();
  assert.equal(r.built, false);
  assert.ok(r.ms < 2000, `${r.ms} ms`);
  assert.match(r.js, /^app-[A-Z0-9]+\.js$/);
});
