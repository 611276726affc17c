// The integrator.io seed flow with the extension's service worker STOPPED at its message
// boundaries, each time picking up where it was: Chrome stops an idle worker whenever it likes,
// and a person's set-up must not depend on when. The points are made exact, not raced:
// - quiet points (the highlight shows an offer or an outcome, nothing is being done): the test
//   waits for that highlight, then stops the worker;
// - points inside a step: the replica holds the page (or its answer) there (replica/pause.mjs),
//   the test stops the worker and waits until Chrome reports it stopped, then lets the page go;
// - the one point with no page event (the worker about to read the token off the confirmation
//   page): the test holds that message in the worker and stops it there (restart.mjs).
// What a restart must not change: the flow completes (connection saved with the pair NetSuite
// minted), the token is taken exactly once and kept until the save, then wiped, and no secret
// is left in the profile. The product's contract after a restart (the worker asks every open
// tab for a fresh look and resumes or reports what was in flight; a content script resends a
// snapshot the worker did not answer) is what the in-step points check.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { launch, until, T, NS, CELIGO, generations } from './harness.mjs';
import { Person } from './person.mjs';
import { readGuide, waitGuide, pressDoIt } from './guide.mjs';
import { PLAYBOOKS, choosePlaybook, nsSave } from './flows.mjs';
import { workerControl, stopAt, holdCapturePlan, doItAgainAfterRestart, celigoTokenFields } from './restart.mjs';

// One Celigo UI generation is enough here (the restart logic is the worker's, not the form's):
// the first, or the one TBA_CELIGO_UI names.
const UI = generations()[0];
const pb = PLAYBOOKS['integrator-io'];
const ACCOUNT = '1234567';

let env;
let control;
/** Every Token ID and Secret minted in this file, for the profile search at the end. */
const minted = new Set();
/** Notes what NetSuite minted in this run, whether or not the run got as far as the capture. */
const rememberMinted = () => { for (const t of env.replica.state.netsuite.accounts[ACCOUNT]?.tokens ?? []) minted.add(t.tokenId).add(t.tokenSecret); };
before(async () => {
  env = await launch();
  control = await workerControl(env);
}, T);
after(async () => {
  await control?.close();
  await env?.close();
});
beforeEach(async () => {
  env.replica.reset();
  env.replica.state.celigo.ui = UI;
  await env.resetExtension();
});

const says = (re) => (g) => re.test(g.message);
const account = () => env.replica.state.netsuite.accounts[ACCOUNT];
const connection = () => env.replica.state.celigo.connections.find((c) => c._id === pb.connectionId);
const vault = () => env.session('vault');
const fingerprint = (keyHex, t) => createHmac('sha256', Buffer.from(keyHex, 'hex')).update(`${t.tokenId}\0${t.tokenSecret}`).digest('hex').slice(0, 8);

/** Waits for the highlight, with a failure limit of its own (a worker that does not resume
 * should fail the point in seconds, not hold the file up). */
async function guideWithin(page, predicate, what, ms) {
  let last = null;
  try {
    return await until(async () => {
      last = await readGuide(page).catch(() => null);
      return last && predicate(last) ? last : null;
    }, what, ms);
  } catch (e) {
    throw new Error(`${e.message}; the highlight says: ${last ? `[${last.tone}] ${last.title}: ${last.message}` : 'nothing'}`);
  }
}

/**
 * One run of the flow. `at(name)` is called at every quiet boundary; `inStep` names the one
 * point inside a step where this run stops the worker: `{ doIt: label, point }` for a NetSuite
 * Do it, `{ confirmation: 'load' | 'capture' }`, `{ celigo: point }`, `{ save: true }`.
 */
function flow(page, { at = async () => {}, inStep = {} } = {}) {
  const me = new Person(page);
  const f = {
    me,
    page,
    at,
    token: null,
    /** What the person saw after the stop, for the test's diagnostics. */
    notes: [],
    captured: null, // the vault's entry right after the capture: { fingerprint, captured_at_ms }
    /** Presses a NetSuite Do it and waits for its outcome; at this run's in-step point, the
     * worker is stopped mid-way and the person presses again when the highlight asks. */
    async doIt(label, done, what) {
      if (inStep.doIt !== label) {
        await me.doIt(label);
        return waitGuide(page, done, what);
      }
      await pressedThroughPause(me.doIt(label), inStep.point);
      return doItAgainAfterRestart(page, label, done, what, (g) => f.notes.push(`after the stop in ${label} the highlight said: [${g.tone}] ${g.title}: ${g.message} (button: ${g.doIt ?? 'none'})`));
    },
    /** Arms this run's pause point before the page that holds it loads. */
    arm(point) { if (point) env.replica.state.pause.arm(point); },
  };
  return f;
}

/**
 * A press of Do it whose step the replica holds at `point`: the worker is stopped there and the
 * page let go. The press is not awaited first: the page may stand still at the point before
 * the DevTools calls that end the press (the mouse-up's answer, the session's detach) come
 * back, and they come back only once the page is let go.
 */
async function pressedThroughPause(press, point) {
  const pressed = press.then(() => null, (e) => e);
  await stopAt(env, control, point);
  const failed = await pressed;
  if (failed) throw failed;
}

/** The vault holds the one entry taken at the capture, unchanged (not taken twice, not lost). */
async function assertSameToken(f, where) {
  const v = await vault();
  assert.equal(v?.entries?.length, 1, `${where}: one token in memory`);
  assert.equal(v.entries[0].fingerprint, f.captured.fingerprint, `${where}: the same token`);
  assert.equal(v.entries[0].captured_at_ms, f.captured.captured_at_ms, `${where}: taken once, not again`);
}

// ── The steps, as flows.mjs does them, with a boundary wherever the worker is between messages ──

async function enableTba(f, inStep = {}) {
  const { page, me } = f;
  if (inStep.doIt === 'Tick it for me') f.arm(inStep.point);
  await me.open(`${NS}/app/setup/features.nl?whence=`);
  await waitGuide(page, (g) => g.doIt === 'Tick it for me', 'the offer to tick TBA');
  await f.at('features: Tick it for me offered (before Do it)');
  // NetSuite shows its terms in a pop-up window of its own: accepting them is the person's.
  const opened = page.context().waitForEvent('page');
  // The Do it's own word (the page's offer says "separate window" too).
  await f.doIt('Tick it for me', says(/opened its SuiteCloud Terms of Service in a separate window/), 'the word about the terms window');
  const terms = await opened;
  await f.at('features: terms window open (after Do it)');
  await me.clickClosing(terms, '#agree');
  await waitGuide(page, says(/Click Save/), 'the pointer at Save');
  await f.at('features: box ticked, Save pointed at');
  await me.click(nsSave(page));
  await waitGuide(page, (g) => g.tone === 'success' && /is on/.test(g.message), 'TBA on');
  await f.at('features: saved, TBA on');
}

async function cloneRole(f, inStep = {}) {
  const { page, me } = f;
  if (inStep.doIt === 'Name it') f.arm(inStep.point);
  await me.open(`${NS}/app/setup/rolelist.nl?whence=`);
  await waitGuide(page, (g) => g.doIt === 'Open Customize', 'the offer to customize the role');
  await f.at('role list: Open Customize offered (before Do it)');
  await me.doIt('Open Customize');
  await page.waitForURL(/\/app\/setup\/role\.nl\?id=\d+&e=T&cp=T/);
  await waitGuide(page, (g) => g.doIt === 'Name it', 'the offer to name the role');
  await f.at('role form: Name it offered (after Open Customize, before Name it)');
  await f.doIt('Name it', says(new RegExp(`named ${pb.cloneName}.*click Save`)), 'the role named');
  await f.at('role form: named, Save pointed at (after Name it)');
  await me.click(nsSave(page));
  await waitGuide(page, (g) => g.tone === 'success', 'the role saved');
  await f.at('role: saved');
}

async function assignRole(f, inStep = {}) {
  const { page, me } = f;
  if (inStep.doIt === 'Add the role') f.arm(inStep.point);
  await me.open(`${NS}/app/setup/listusers.nl?whence=`);
  await me.click(page.getByRole('link', { name: pb.user, exact: true }));
  await waitGuide(page, (g) => g.doIt === 'Edit', 'the offer to edit the user');
  await f.at('employee: Edit offered (before Do it)');
  await me.doIt('Edit');
  await page.waitForURL(/\/app\/common\/entity\/employee\.nl\?id=\d+&e=T/);
  await waitGuide(page, (g) => g.doIt === 'Add the role', 'the offer to add the role');
  await f.at('employee form: Add the role offered (after Edit, before Add the role)');
  await f.doIt('Add the role', says(/is in the list\. Click Save/), 'the role in the sublist');
  await f.at('employee form: role in the list, Save pointed at (after Add the role)');
  await me.click(nsSave(page));
  await waitGuide(page, (g) => g.tone === 'success', 'the user saved with the role');
  await f.at('employee: saved with the role');
}

async function createToken(f, inStep = {}) {
  const { page, me } = f;
  if (inStep.doIt === 'Fill the form') f.arm(inStep.point);
  await me.open(`${NS}/app/setup/accesstoken.nl?whence=`);
  await waitGuide(page, (g) => g.doIt === 'Fill the form', 'the offer to fill the token form');
  await f.at('token form: Fill the form offered (before Do it)');
  await f.doIt('Fill the form', says(/keep the proposed Token Name, then click Save/), 'the token form filled');
  await f.at('token form: filled, Save pointed at (after Do it)');
  if (inStep.confirmation === 'load') f.arm('ns-confirmation-load');
  const hold = inStep.confirmation === 'capture' ? await holdCapturePlan(env) : null;
  // The click waits for the page it opens to load, which a pause point holds: it goes on meanwhile.
  const saved = me.click(nsSave(page));
  if (inStep.confirmation === 'load') {
    // The confirmation page is loaded and shows the pair; tba-assist has not seen it yet.
    await stopAt(env, control, 'ns-confirmation-load');
  }
  await saved;
  if (hold) {
    // The worker has recognised the confirmation page and is about to read the pair.
    await until(hold.reached, 'the worker about to take the token');
    assert.ok(await control.stop('the service worker stopped before the capture'), 'the worker was running, holding the capture');
  }
  // No click: the pair is taken when tba-assist sees the page, restart or not.
  await waitGuide(page, (g) => g.title === 'Token taken', 'the token taken');
  const tokens = account().tokens;
  assert.equal(tokens.length, 1, 'NetSuite minted one token');
  f.token = tokens[0];
  rememberMinted();
  const v = await vault();
  assert.equal(v?.entries?.length, 1, 'one token in memory after the capture');
  assert.equal(v.entries[0].fingerprint, fingerprint(v.fingerprint_key, f.token), 'the pair NetSuite showed');
  f.captured = { fingerprint: v.entries[0].fingerprint, captured_at_ms: v.entries[0].captured_at_ms };
  await f.at('token taken, Celigo not opened yet (between capture and Celigo)');
}

/** The Celigo connection form: Fill and test, to a passing test and Save offered in the panel. */
async function fillAndTest(f, inStep = {}) {
  const { page, me } = f;
  if (inStep.celigo) f.arm(inStep.celigo);
  await me.open(`${CELIGO}${pb.connectionsPath}`);
  await me.click(page.locator(`[data-test="editConnection"][aria-label="Edit ${pb.connectionName}"]`));
  await waitGuide(page, (g) => g.doIt === 'Fill and test', 'the Fill and test button');
  await assertSameToken(f, 'on the Celigo form');
  await f.at('celigo form: Fill and test offered (before Do it)');
  let tested;
  if (inStep.celigo) {
    await pressedThroughPause(me.doIt('Fill and test'), inStep.celigo);
    tested = await resumedToPassingTest(f, inStep.celigo);
  } else {
    await me.doIt('Fill and test');
    tested = await waitGuide(page, (g) => g.tone !== 'info', 'the test outcome');
  }
  assert.equal(tested.tone, 'success', tested.message);
  assert.match(tested.message, /The connection works/);
  assert.ok(!tested.html.includes(f.token.tokenSecret) && !tested.html.includes(f.token.tokenId), 'the highlight never holds the secret');
  assert.ok(await panelOffersSave(), 'the side panel offers Save after the passing test');
  await assertSameToken(f, 'after the test');
  await f.at('celigo form: test passed, Save not confirmed yet in the panel');
}

/**
 * After a stop inside Fill and test, the worker resumes by itself (or reads the test's outcome
 * back): the end is the same as without the stop. A form left with the Token ID in and the
 * Token Secret empty, without an error saying what to do, is the one thing never acceptable.
 */
async function resumedToPassingTest(f, point) {
  try {
    return await guideWithin(f.page, (g) => g.tone === 'success' && /The connection works/.test(g.message), `the flow resumed after the stop at ${point}: test passed`, 10_000);
  } catch (e) {
    const fields = await celigoTokenFields(f.page).catch(() => null);
    const g = await readGuide(f.page).catch(() => null);
    const half = fields && fields.tokenId > 0 && fields.tokenSecret === 0;
    if (half && g?.tone !== 'error') {
      throw new Error(`after the stop at ${point}: the form has the Token ID and no Token Secret, and the highlight does not say what to do ([${g?.tone}] ${g?.message ?? 'nothing'}); ${e.message}`);
    }
    throw new Error(`${e.message}; the form's token fields (lengths): ${JSON.stringify(fields)}; Test connection pressed ${env.replica.state.celigo.pings.filter((p) => p.via === 'test').length} time(s)`);
  }
}

/** Whether the side panel, opened now, offers to save the tested connection. */
async function panelOffersSave() {
  const panel = await env.panel();
  try {
    await panel.waitForSelector('#tokens');
    return (await panel.locator('#save-connection').count()) === 1;
  } finally {
    await panel.close();
  }
}

/** The person confirms Save in the side panel; tba-assist saves, reads the outcome, wipes. */
async function saveFromPanel(f, inStep = {}) {
  if (inStep.save) f.arm('celigo-save');
  const panel = await env.panel();
  try {
    await panel.waitForSelector('#save-connection');
    await panel.click('#save-connection');
    if (inStep.save) await stopAt(env, control, 'celigo-save');
    const saved = await guideWithin(f.page, (g) => g.tone === 'success' && /erased/.test(g.message), 'the save done and the token erased', inStep.save ? 10_000 : 15_000);
    assert.match(saved.message, /Saved/);
  } finally {
    await panel.close();
  }
}

/** The end of every run: the connection holds the pair NetSuite minted, the vault is empty. */
async function assertCompleted(f) {
  const c = connection();
  assert.equal(c.netsuite.authType, 'token');
  assert.equal(c.netsuite.account, ACCOUNT);
  assert.equal(c.netsuite.environment, 'production');
  assert.equal(c.netsuite.tokenId, f.token.tokenId);
  assert.equal(c.netsuite.tokenSecret, f.token.tokenSecret);
  assert.equal(env.replica.state.celigo.saves.length, 1, 'saved once');
  assert.equal(account().tokens.length, 1, 'one token minted in all');
  await until(async () => (await vault())?.entries?.length === 0, 'the vault emptied after the save');
}

/**
 * The NetSuite steps before `step` as they stand after the flow did them, written into the
 * replica's state, so a run about a later point starts there: for 'role', TBA on; for 'user',
 * also the role cloned; for 'token', also the user holding it, and the employee page visited as
 * at step C, where tba-assist learns the user.
 */
async function preparedAccount(f, step = 'token') {
  if (step === 'features') return;
  await f.page.goto(`${NS}/app/center/card.nl`); // NetSuite creates the account's state here
  const acct = account();
  acct.features.tba = true;
  if (step === 'role') return;
  const source = acct.roles.find((r) => r.name === pb.roleToClone);
  const role = { ...source, permissions: [...source.permissions], id: acct.nextRoleId++, name: pb.cloneName, standard: false, locked: false, custom: true, clonedFrom: source.id };
  acct.roles.push(role);
  if (step === 'user') return;
  const user = acct.employees.find((e) => `${e.firstname} ${e.lastname}` === pb.user);
  user.roles.push(role.id);
  await f.page.goto(`${NS}/app/common/entity/employee.nl?id=${user.id}`);
  await waitGuide(f.page, (g) => new RegExp(`has the role ${pb.cloneName}`).test(g.message), 'the employee page, as at step C');
}

async function newRun(opts) {
  const page = await env.context.newPage();
  const f = flow(page, opts);
  await choosePlaybook(env, f.me, pb.id);
  return f;
}

// ── The whole flow, the worker stopped at every quiet boundary ────────────────────────────────

test(`[${UI}] the whole flow, the worker stopped at each of its quiet boundaries`, T, async (t) => {
  const points = [];
  const running = control.stoppedRunning;
  const f = await newRun({
    at: async (name) => {
      points.push(name);
      await control.stop(`the service worker stopped at "${name}"`);
    },
  });
  try {
    await enableTba(f);
    await cloneRole(f);
    await assignRole(f);
    await createToken(f);
    await fillAndTest(f);
    await saveFromPanel(f);
    await assertCompleted(f);
  } finally {
    t.diagnostic(`stopped at ${points.length} quiet boundaries (the worker was running at ${control.stoppedRunning - running} of them): ${points.join(' | ')}`);
    rememberMinted();
    await f.page.close();
  }
  assert.ok(points.length >= 16, `stopped at every quiet boundary (${points.length})`);
});

// ── Points inside a step ──────────────────────────────────────────────────────────────────────
// Each run stops the worker once, inside one step, and goes on to the end of the flow. Runs
// about the NetSuite steps start where the flow is at that step; runs about the token and Celigo
// start from a prepared account (preparedAccount), to keep the file short.

const NETSUITE_IN_STEP = [
  { name: 'Enable Features: during Tick it for me (the TBA box being clicked)', doIt: 'Tick it for me', point: 'ns-tba-click', from: 'features' },
  { name: 'role form: during Name it (the Name being filled)', doIt: 'Name it', point: 'ns-role-name', from: 'role' },
  { name: 'employee form: during Add the role (the sublist\'s Add being clicked)', doIt: 'Add the role', point: 'ns-role-add', from: 'user' },
  { name: 'token form: during Fill the form (a dropdown being set through the page\'s API)', doIt: 'Fill the form', point: 'ns-token-form-api', from: 'token' },
];

const NETSUITE_STEPS = [['features', enableTba], ['role', cloneRole], ['user', assignRole], ['token', createToken]];

for (const c of NETSUITE_IN_STEP) {
  test(`[${UI}] worker stopped in ${c.name}: the person presses Do it again, the flow completes`, T, async (t) => {
    const inStep = { doIt: c.doIt, point: c.point };
    const f = await newRun({ inStep });
    try {
      await preparedAccount(f, c.from);
      for (const [, step] of NETSUITE_STEPS.slice(NETSUITE_STEPS.findIndex(([k]) => k === c.from))) await step(f, inStep);
      await fillAndTest(f);
      await saveFromPanel(f);
      await assertCompleted(f);
    } finally {
      for (const n of f.notes) t.diagnostic(n);
      rememberMinted();
      await f.page.close();
    }
  });
}

test(`[${UI}] worker stopped when the token's confirmation page has loaded, before tba-assist saw it: taken with no click`, T, async (t) => {
  const inStep = { confirmation: 'load' };
  const f = await newRun({ inStep });
  try {
    await preparedAccount(f);
    await createToken(f, inStep);
    await fillAndTest(f);
    await saveFromPanel(f);
    await assertCompleted(f);
  } finally {
    for (const n of f.notes) t.diagnostic(n);
    rememberMinted();
    await f.page.close();
  }
});

test(`[${UI}] worker stopped as it was about to read the confirmation page: taken after the restart with no click`, T, async () => {
  const inStep = { confirmation: 'capture' };
  const f = await newRun({ inStep });
  try {
    await preparedAccount(f);
    await createToken(f, inStep);
    await fillAndTest(f);
    await saveFromPanel(f);
    await assertCompleted(f);
  } finally {
    for (const n of f.notes) t.diagnostic(n);
    rememberMinted();
    await f.page.close();
  }
});

const CELIGO_IN_STEP = [
  { name: 'the Authentication type being chosen (first fill step)', point: 'celigo-auth-choice' },
  { name: 'the Account ID being filled (non-secret fields)', point: 'celigo-fill-account' },
  { name: 'the Token ID being filled, the Token Secret not sent yet', point: 'celigo-fill-token-id' },
  { name: 'the Token Secret about to be typed', point: 'celigo-fill-secret' },
  { name: 'Test connection running (clicked, no result yet)', point: 'celigo-test' },
];

for (const c of CELIGO_IN_STEP) {
  test(`[${UI}] worker stopped during Fill and test, ${c.name}: the test passes and Save is offered`, T, async (t) => {
    const inStep = { celigo: c.point };
    const f = await newRun({ inStep });
    try {
      await preparedAccount(f);
      await createToken(f);
      await fillAndTest(f, inStep);
      await saveFromPanel(f);
      await assertCompleted(f);
    } finally {
      for (const n of f.notes) t.diagnostic(n);
      rememberMinted();
      await f.page.close();
    }
  });
}

test(`[${UI}] worker stopped during the Save confirmed in the panel (clicked, Celigo not answered yet): saved and wiped`, T, async (t) => {
  const inStep = { save: true };
  const f = await newRun({ inStep });
  try {
    await preparedAccount(f);
    await createToken(f);
    await fillAndTest(f);
    await saveFromPanel(f, inStep);
    await assertCompleted(f);
  } finally {
    for (const n of f.notes) t.diagnostic(n);
    rememberMinted();
    await f.page.close();
  }
});

// Last: it closes the browser.
test('after the browser closes, no Token ID or Secret is anywhere in its profile', T, async () => {
  assert.ok(minted.size >= 2, `the runs above minted tokens (${minted.size / 2})`);
  assert.ok(control.stops >= 16, `the worker was stopped at every point (${control.stops} stops)`);
  await control.close();
  const hits = await env.closeAndSearchProfile([...minted]);
  assert.deepEqual(hits, [], 'profile files holding a secret');
});
