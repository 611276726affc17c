// tba-assist on every plausible form of the pages nobody outside Oracle and Celigo has seen:
// the TBA checkbox, the access-token form and the confirmation page in each of the NetSuite
// replica's markups, and Celigo's connection form in both UI generations (Material UI v4 on
// React 17, v5 on React 18). Each case is what a person does with the product; each checks
// the sites' state (what NetSuite saved, what Celigo stored) and, for the token, that what was
// taken is what NetSuite minted (by the vault's keyed fingerprint).
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { launch, until, T, NS, CELIGO, generations } from './harness.mjs';
import { NETSUITE_VARIANTS } from '../../replica/netsuite.mjs';
import { Person } from './person.mjs';
import { waitGuide } from './guide.mjs';
import { PLAYBOOKS, choosePlaybook, celigoWithAssist, saveOnPage, nsSave } from './flows.mjs';

let env;
const consoleLines = [];
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

const says = (re) => (g) => re.test(g.message);
const ns = () => env.replica.state.netsuite;
const account = (id = '1234567') => ns().accounts[id];
const connection = (id) => env.replica.state.celigo.connections.find((c) => c._id === id);

/** Chooses the replica's markup for the pages nobody has seen. */
function variant(v) {
  ns().variant = { ...ns().variant, ...v };
}

function fingerprint(keyHex, token) {
  return createHmac('sha256', Buffer.from(keyHex, 'hex')).update(`${token.tokenId}\0${token.tokenSecret}`).digest('hex').slice(0, 8);
}

/** Steps A to C done in NetSuite's state, as if by hand before: TBA on, the role cloned, the
 * user given it. The employee page is opened so tba-assist knows the user (step C's record). */
async function stepsAtoCDone(page, pb) {
  await page.goto(`${NS}/app/common/entity/employee.nl?id=42`);
  const acct = account();
  acct.features.tba = true;
  const source = acct.roles.find((r) => r.name === pb.roleToClone);
  const clone = { ...structuredClone(source), id: 1100, name: pb.cloneName, locked: false, custom: true, clonedFrom: source.id };
  acct.roles.push(clone);
  acct.employees.find((e) => e.id === 42).roles.push(clone.id);
  await page.reload();
  return clone;
}

/** A tab where the playbook is picked, steps A–C are done and step D with tba-assist has
 * taken the token: the tab, the person and the token NetSuite minted. */
async function tokenTaken(pb) {
  const page = await env.context.newPage();
  const me = new Person(page);
  await choosePlaybook(env, me, pb.id);
  await stepsAtoCDone(page, pb);
  const taken = await tokenWithAssist(page, me);
  assert.equal(taken.title, 'Token taken', taken.message);
  return { page, me, token: account().tokens.at(-1) };
}

/** Step D with tba-assist: Do it on the token form, the person's Save, the capture. */
async function tokenWithAssist(page, me) {
  await me.open(`${NS}/app/setup/accesstoken.nl?whence=`);
  await me.doIt('Fill the form');
  await waitGuide(page, says(/keep the proposed Token Name, then click Save/), 'the token form filled');
  await me.click(nsSave(page));
  return waitGuide(page, (g) => g.title === 'Token taken' || g.tone === 'error', 'the token taken');
}

async function vaultFingerprint(accountId = '1234567') {
  const stored = await env.session('vault');
  const entry = stored?.entries?.find((e) => e.account?.id === accountId || e.account === accountId);
  return { key: stored?.fingerprint_key, fingerprint: entry?.fingerprint };
}

// ── NetSuite: the TBA checkbox in each markup ─────────────────────────────────────────────────
for (const tbaCheckbox of NETSUITE_VARIANTS.tbaCheckbox) {
  test(`Enable Features, TBA box "${tbaCheckbox}": Do it ticks, I Agree in NetSuite's pop-up, Save`, T, async () => {
    variant({ tbaCheckbox });
    const page = await env.context.newPage();
    const me = new Person(page);
    await choosePlaybook(env, me, 'integrator-io');
    await me.open(`${NS}/app/setup/features.nl?whence=`);
    const opened = env.context.waitForEvent('page');
    await me.doIt('Tick it for me');
    const terms = await opened;
    await waitGuide(page, says(/separate window/), 'the word about the terms window');
    assert.equal(account().features.tba, false, 'nothing saved before the person decides');
    await me.clickClosing(terms, '#agree');
    await waitGuide(page, says(/Click Save/), 'the pointer at Save');
    await me.click(nsSave(page));
    await waitGuide(page, (g) => g.tone === 'success' && /is on/.test(g.message), 'TBA on');
    assert.equal(account().features.tba, true);
    await page.close();
  });
}

// ── NetSuite: the access-token form and the confirmation page in each markup ─────────────────
// Each token-form markup meets a different confirmation markup, so every one of each is run.
const forms = NETSUITE_VARIANTS.tokenForm;
const confirmations = NETSUITE_VARIANTS.confirmation;
const pairs = Array.from({ length: Math.max(forms.length, confirmations.length) }, (_, i) => [forms[i % forms.length], confirmations[i % confirmations.length]]);
for (const [tokenForm, confirmation] of pairs) {
  test(`token form "${tokenForm}", confirmation "${confirmation}": filled by field name, saved by the person, the pair taken`, T, async () => {
    variant({ tokenForm, confirmation });
    const pb = PLAYBOOKS['integrator-io'];
    const page = await env.context.newPage();
    const me = new Person(page);
    await choosePlaybook(env, me, pb.id);
    const clone = await stepsAtoCDone(page, pb);
    const taken = await tokenWithAssist(page, me);
    assert.equal(taken.title, 'Token taken', `${taken.title}: ${taken.message}`);
    const token = account().tokens.at(-1);
    assert.equal(token.appName, 'Integrator.io (Token-based Auth)');
    assert.equal(token.userId, 42);
    assert.equal(token.roleId, clone.id);
    const { key, fingerprint: fp } = await vaultFingerprint();
    assert.equal(fp, fingerprint(key, token), 'the Token ID and Secret taken are the ones NetSuite showed, in the right order');
    assert.ok(!taken.html.includes(token.tokenId) && !taken.html.includes(token.tokenSecret), 'no secret in the highlight');
    assert.ok(!consoleLines.some((l) => l.includes(token.tokenSecret)), 'no secret in the console');
    await page.close();
  });
}

// ── Celigo: both UI generations, both seed connectors ─────────────────────────────────────────
for (const ui of generations()) {
  for (const pb of Object.values(PLAYBOOKS)) {
    test(`[${ui}] ${pb.id}: the Celigo form filled (options past the sixth row too), tested, saved`, T, async () => {
      env.replica.state.celigo.ui = ui;
      const { page, me, token } = await tokenTaken(pb);
      const tested = await celigoWithAssist(page, me, pb, CELIGO);
      assert.equal(tested.tone, 'success', tested.message);
      await saveOnPage(page, me);
      const saved = connection(pb.connectionId);
      assert.equal(saved.netsuite.authType, 'token');
      assert.equal(saved.netsuite.environment, 'production');
      assert.equal(saved.netsuite.account, '1234567');
      assert.equal(saved.netsuite.tokenId, token.tokenId);
      assert.equal(saved.netsuite.tokenSecret, token.tokenSecret);
      if (pb.iClientId) assert.equal(saved.netsuite._iClientId, pb.iClientId);
      else assert.equal(saved.netsuite._iClientId, undefined, 'no iClient on a plain production connection');
      await until(async () => ((await env.session('vault'))?.entries?.length ?? 0) === 0, 'the token gone after the save');
      await page.close();
    });
  }
}


// ── "This page looks different": the report never holds a value ──────────────────────────────
/** Presses the side panel's report button and returns the report it shows (and copied). */
async function pageReport() {
  const panel = await env.panel();
  try {
    await panel.click('#copy-report');
    const text = await panel.waitForFunction(() => document.querySelector('#report-text')?.value);
    return await text.jsonValue();
  } finally {
    await panel.close();
  }
}

for (const ui of generations()) test(`[${ui}] the page report, taken on the confirmation page and on a filled Celigo form, holds no secret and no value`, T, async () => {
  env.replica.state.celigo.ui = ui;
  const pb = PLAYBOOKS['integrator-io'];
  const { page, me, token } = await tokenTaken(pb);
  await page.bringToFront();
  const onConfirmation = await pageReport();
  assert.match(onConfirmation, /page: NetsuiteTokenConfirmation/);
  assert.match(onConfirmation, /controls: \d+/);
  for (const secret of [token.tokenId, token.tokenSecret]) {
    assert.ok(!onConfirmation.includes(secret.slice(0, 12)), 'no part of a token in the report');
  }

  // The Celigo form, filled and tested, with a name of the person's own.
  const tested = await celigoWithAssist(page, me, pb, CELIGO);
  assert.equal(tested.tone, 'success', tested.message);
  const name = 'AcmeZetaConnection77';
  await page.fill('[data-test="name"] input', name);
  await page.bringToFront();
  const onCeligo = await pageReport();
  assert.match(onCeligo, /page: CeligoConnectionEdit/);
  assert.match(onCeligo, /token_secret: found c\d+ by data_?test/i);
  for (const value of [token.tokenId.slice(0, 12), token.tokenSecret.slice(0, 12), name, 'Token Based Auth (Manual)']) {
    assert.ok(!onCeligo.includes(value), `the report holds ${value}`);
  }
  await page.close();
});

// ── A confirmation page tba-assist cannot read: it says so, loudly, in the page ───────────────
test('a confirmation whose values cannot be told apart: a loud warning to copy them now, nothing kept', T, async () => {
  variant({ confirmation: 'split' });
  const pb = PLAYBOOKS['integrator-io'];
  const page = await env.context.newPage();
  const me = new Person(page);
  await choosePlaybook(env, me, pb.id);
  await stepsAtoCDone(page, pb);
  const warned = await tokenWithAssist(page, me);
  assert.equal(warned.tone, 'error');
  assert.match(warned.message, /Copy both by hand NOW/);
  assert.match(warned.message, /shows them only this once/);
  assert.equal(warned.doIt, 'Try to take them again', 'the highlight offers to try again');
  const token = account().tokens.at(-1);
  assert.ok(!warned.html.includes(token.tokenId.slice(0, 32)) && !warned.html.includes(token.tokenSecret.slice(32)), 'no part of a secret in the highlight');
  assert.equal((await env.session('vault'))?.entries?.length ?? 0, 0, 'nothing half-read was kept');
  await page.close();
});

// ── Celigo without its data-test attributes: found by roles and labels ───────────────────────
for (const ui of generations()) {
  test(`[${ui}] a Celigo release without data-test attributes: the form is still recognised, filled and tested`, T, async () => {
    env.replica.state.celigo.ui = ui;
    env.replica.state.celigo.dataTest = false;
    const pb = PLAYBOOKS['jira-smartconnector'];
    const { page, me, token } = await tokenTaken(pb);
    await me.open(`${CELIGO}${pb.connectionsPath}`);
    await me.click(page.locator(`[aria-label="Edit ${pb.connectionName}"]`).first());
    await page.waitForURL(/\/edit\/connections\//);
    assert.equal(await page.locator('[data-test]').count(), 0, 'the page has no data-test attribute left');
    await me.doIt('Fill and test');
    const tested = await waitGuide(page, (g) => g.tone !== 'info', 'the test outcome');
    assert.equal(tested.tone, 'success', tested.message);
    await me.click(page.getByRole('button', { name: 'Save', exact: true }));
    await waitGuide(page, says(/erased/), 'the save noticed');
    const saved = connection(pb.connectionId);
    assert.equal(saved.netsuite.tokenSecret, token.tokenSecret);
    assert.equal(saved.netsuite._iClientId, pb.iClientId);
    await page.close();
  });
}
