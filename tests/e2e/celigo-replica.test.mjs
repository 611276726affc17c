// The integrator.io replica driven by hand (no help from the extension), in the real browser with
// the real host names: the React + Material UI app must behave as the real one does for the
// things the extension relies on (routes, MUI selects, controlled inputs, Test and Save), and
// follow the DOM contract of shared/reference/real-site-evidence.md. Every case runs on both UI
// generations (CELIGO_UIS: mui4 = @material-ui/core 4 + React 17, mui5 = @mui/material 5 + React 18).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import https from 'node:https';
import { randomBytes } from 'node:crypto';
import { launch, until, T, CELIGO } from './harness.mjs';
import { CELIGO_SEED as S, CELIGO_UIS } from '../../replica/celigo.mjs';
import { ensureCeligoBundle } from '../../replica/celigo/build.mjs';

const CELIGO_EU = 'https://eu.integrator.io';
const OK = 'Your connection is working great! Nice Job!';
const FAILED = 'Your test was not successful. Check your information and try again';
const REQUIRED = 'A value must be provided';
const REENTER = 'Note: for security reasons this field must always be re-entered.';
const TESTING = 'Testing your connection...';
const SAVED = 'Connection saved';
const HT = 'SmartConnector (HT) NetSuite iClient';

let env;
before(async () => { env = await launch(); }, T);
after(async () => { await env?.close(); });

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

const opener = (id) => `${field(id)} [aria-haspopup="listbox"]`;
const MENU = '[role="presentation"].MuiPopover-root [role="listbox"]';
const ITEM = `${MENU} [role="menuitem"]`;
/** The virtualized list's scrolling element (react-window's outer div). */
const SCROLLER = `${MENU} > div`;

/** Opens a select as a person does: a mouse press on it (it opens on mousedown), then release. */
async function openMenu(page, id) {
  // hover() waits until the select stops moving (the drawer slides in), then puts the mouse on it.
  await page.locator(opener(id)).hover();
  await page.mouse.down();
  await page.waitForSelector(ITEM); // open before the button is released
  await page.mouse.up();
}

/** Scrolls the open menu down by `px`; resolves false at the end of the list. */
async function scrollMenu(page, px) {
  const { moved, top } = await page.$eval(SCROLLER, (el, by) => {
    const before = el.scrollTop;
    el.scrollTop += by;
    return { moved: el.scrollTop !== before, top: el.scrollTop };
  }, px);
  // react-window renders the rows of the new offset on its scroll event.
  if (moved) await page.waitForFunction(([sel, t]) => [...document.querySelectorAll(sel)].some((o) => parseFloat(o.style.top) >= t), [ITEM, top]);
  return moved;
}

/** Scrolls the open menu down until an option with `data-value` is rendered; false if none. */
async function scrollTo(page, value) {
  const here = () => page.locator(`${ITEM}[data-value="${value}"]`).count().then(Boolean);
  for (;;) {
    if (await here()) return true;
    if (!(await scrollMenu(page, 96))) return here();
  }
}

/** Opens a select, scrolls to the option and clicks it. */
async function choose(page, id, value) {
  await openMenu(page, id);
  assert.ok(await scrollTo(page, value), `${id} offers ${value}`);
  await page.click(`${ITEM}[data-value="${value}"]`);
  await page.waitForSelector(MENU, { state: 'detached' });
  await page.waitForFunction(([sel, v]) => document.querySelector(sel)?.value === v, [input(id), value]);
}

/**
 * The option values and visible texts (innerText) a select offers, scrolling through its
 * virtualized list; closes it with Escape. Also how many rows the DOM held at the start.
 */
async function menuOf(page, id) {
  await openMenu(page, id);
  const seen = new Map();
  const read = async () => {
    // What a row shows: its innerText, without the hidden "...". Read once every rendered row
    // shows a text: now and then (full runs only; the cause is not pinned down) a row read right
    // after opening or scrolling gave its textContent or nothing, as for an element not laid out
    // yet. A lasting fault still fails here (the wait times out).
    const rows = await (await page.waitForFunction((sel) => {
      const os = [...document.querySelectorAll(sel)];
      const got = os.map((o) => [o.dataset.value, o.innerText.trim(), parseFloat(o.style.top)]);
      return os.length && got.every(([, t]) => t && !t.endsWith('...')) && got;
    }, ITEM)).jsonValue();
    for (const [value, text, top] of rows) seen.set(top, [value, text]);
  };
  const rendered = await page.locator(ITEM).count();
  // The menu opens scrolled to the current choice: start from the top.
  await page.$eval(SCROLLER, (el) => { el.scrollTop = 0; });
  await page.waitForSelector(`${ITEM}[data-value=""]`);
  do await read(); while (await scrollMenu(page, 144));
  await page.keyboard.press('Escape');
  await page.waitForSelector(MENU, { state: 'detached' });
  return { options: [...seen.entries()].sort((a, b) => a[0] - b[0]).map(([, o]) => o), rendered };
}
const optionsOf = async (page, id) => (await menuOf(page, id)).options;

/** Records every text the element shows from now on (to see a transient label). */
async function watchText(page, selector) {
  await page.evaluate((sel) => {
    const el = document.querySelector(sel);
    window.seenTexts = [el.textContent];
    new MutationObserver(() => window.seenTexts.push(el.textContent)).observe(el, { subtree: true, childList: true, characterData: true });
  }, selector);
  return () => page.evaluate(() => window.seenTexts);
}

/** The status panel above the form, once it shows `expected`. */
async function resultText(page, expected) {
  await page.waitForFunction((t) => document.querySelector('[data-test="testResult"][role="alert"]')?.textContent.includes(t), expected);
  return page.textContent('[data-test="testResult"]');
}

/** The error snackbar, once it shows `expected`. */
async function snackbarText(page, expected) {
  await page.waitForFunction((t) => document.querySelector('[data-test="errorSnackbar"][role="alert"]')?.textContent.includes(t), expected);
  return page.textContent('[data-test="errorSnackbar"]');
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

for (const ui of CELIGO_UIS) {
  /** A test on generation `ui`: a fresh replica state with that UI. */
  const uiTest = (name, fn) => test(`${ui}: ${name}`, T, async () => {
    env.replica.reset();
    celigo().ui = ui;
    await fn();
  });
  const selectRole = ui === 'mui4' ? 'button' : 'combobox';

  uiTest('Connections > Edit pencil > Token Based Auth (Manual): a wrong pair fails, a live token passes and is saved', async () => {
    const { page, response } = await open('/connections');
    const csp = response.headers()['content-security-policy'];
    assert.match(csp, /script-src 'self';/);
    assert.doesNotMatch(csp, /unsafe-eval/);

    await page.waitForSelector('[data-test="editConnection"][aria-label="Edit NetSuite connection"]');
    assert.equal(await page.getAttribute('html', 'data-ui'), ui, 'the shell loaded this generation');
    await markDocument(page);
    await page.click('[aria-label="Edit NetSuite connection"]');
    await page.waitForSelector(field('netsuite.authType'));
    assert.equal(new URL(page.url()).pathname, `/connections/edit/connections/${S.netsuiteConnectionId}`);
    assert.ok(await sameDocument(page), 'the drawer opened without loading a new document');

    // The seeded connection is a legacy Basic one; nothing changed yet: no Test, Save disabled.
    assert.equal(await page.inputValue(input('netsuite.authType')), 'basic');
    assert.equal(await page.locator(field('saveAndClose')).count(), 0);
    assert.equal(await page.locator(field('test')).count(), 0);
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
    assert.deepEqual(await optionsOf(page, 'netsuite.tokenEnvironment'), [['', 'Please select'], ['beta', 'Beta'], ['production', 'Production'], ['sandbox2.0', 'Sandbox2.0']]);
    for (const [id, name] of [['netsuite.tokenId', '/netsuite/tokenId'], ['netsuite.tokenSecret', '/netsuite/tokenSecret']]) {
      const attrs = await page.$eval(input(id), (el) => [el.name, el.type, el.autocomplete, el.required]);
      assert.deepEqual(attrs, [name, 'password', 'off', true]);
      assert.match(await page.textContent(`[id="${id}"]`), new RegExp(REENTER.replace(/\./g, '\\.')));
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
    // While the ping runs: "Testing" on the button, the snackbar with its Cancel.
    await page.waitForSelector(`[data-test="testingSnackbar"]:has-text("${TESTING}") [data-test="cancelTestCall"]`);
    assert.equal(await page.textContent(field('test')), 'Testing');
    assert.equal(await snackbarText(page, 'Invalid login attempt.'), 'Invalid login attempt.');
    assert.equal(await resultText(page, FAILED), FAILED);
    await page.waitForSelector('[data-test="testingSnackbar"]', { state: 'detached' });
    assert.ok((await seen()).includes('Testing'), 'the Test button read "Testing" while the ping ran');
    assert.deepEqual(celigo().pings.map(({ ok, connectionId, region, via }) => ({ ok, connectionId, region, via })), [{ ok: false, connectionId: S.netsuiteConnectionId, region: 'us', via: 'test' }]);

    const token = await mintToken('1234567');
    await fillTokenPair(page, token);
    await press(page, field('test'));
    await resultText(page, OK);
    await page.waitForSelector('[data-test="errorSnackbar"]', { state: 'detached' });
    assert.equal(celigo().pings.at(-1).ok, true);

    const saving = await watchText(page, field('save'));
    await press(page, field('save'));
    await until(() => connection(S.netsuiteConnectionId).savedCount === 1, 'the connection saved');
    await page.getByText(SAVED, { exact: true }).waitFor();
    assert.ok((await saving()).includes('Saving...'), 'Save read "Saving..." while it ran');
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
    assert.ok(await page.isDisabled(field('test')), 'Test is disabled until the form is touched');
    await page.close();
  });

  uiTest('the DOM contract: labels point at wrapper divs, inputs carry no field id, the select, its virtualized menu, sentinels, accordions', async () => {
    const { page } = await open(`/integrationapps/${S.jiraAppName}/${S.jiraIntegrationId}/connections/edit/connections/${S.jiraNetsuiteConnectionId}`);
    await page.waitForSelector(field('netsuite.authType'));
    await choose(page, 'netsuite.authType', 'token');
    await page.waitForSelector(field('netsuite.tokenId'));

    // Text and password fields.
    const text = await page.evaluate(() => {
      const label = document.querySelector('label[for="netsuite.tokenId"]');
      const root = document.querySelector('[data-test="netsuite.tokenId"]');
      const inp = root.querySelector('input');
      return {
        label: label.outerHTML.replace(/ class="[^"]*"/g, (m) => (m.includes('MuiFormLabel-asterisk') ? ' class="MuiFormLabel-asterisk"' : m.includes('MuiFormLabel-root') ? ' class="MuiFormLabel-root"' : m)),
        asterisk: label.querySelector('.MuiFormLabel-asterisk').textContent,
        target: document.getElementById('netsuite.tokenId').tagName,
        rootClasses: ['MuiFormControl-root', 'MuiTextField-root'].every((c) => root.classList.contains(c)),
        isDiv: root.tagName,
        private: root.getAttribute('data-private'),
        inputId: inp.id,
        labels: inp.labels.length,
        attrs: [inp.name, inp.type, inp.getAttribute('autocomplete'), inp.required],
        help: root.querySelector('.MuiFormHelperText-root')?.textContent,
        labelsText: [...document.querySelectorAll('[data-test="editConnectionDrawer"] label.MuiFormLabel-root')].map((l) => l.firstChild.textContent),
        namePrivate: document.querySelector('[data-test="name"]').getAttribute('data-private'),
      };
    });
    assert.equal(text.label, '<label class="MuiFormLabel-root" for="netsuite.tokenId">Token ID<span aria-hidden="true" class="MuiFormLabel-asterisk">\u2009*</span></label>');
    assert.equal(text.asterisk, '\u2009*');
    assert.equal(text.target, 'DIV', 'the label points at the wrapper div');
    assert.ok(text.rootClasses);
    assert.equal(text.private, 'true');
    assert.equal(text.namePrivate, null);
    assert.equal(text.labels, 0, 'input.labels is empty');
    if (ui === 'mui4') assert.equal(text.inputId, '', 'MUI v4 gives the input no id');
    else assert.notEqual(text.inputId, 'netsuite.tokenId', 'MUI v5 may auto-generate an id, never the field id');
    assert.deepEqual(text.attrs, ['/netsuite/tokenId', 'password', 'off', true]);
    assert.equal(text.help, REENTER);
    assert.deepEqual(text.labelsText, ['Name', 'Application', 'Authentication type', 'Environment', 'Account ID', 'Token ID', 'Token secret', 'iClient', 'NetSuite WSDL version', 'Concurrency level']);

    // The select: label row, data-test on the Input root, the clickable element, the hidden input.
    const select = await page.evaluate(() => {
      const root = document.querySelector('[data-test="netsuite._iClientId"]');
      const button = root.querySelector('[aria-haspopup="listbox"]');
      const hidden = root.querySelector('input');
      return {
        label: document.querySelector('label[for="netsuite._iClientId"]').firstChild.textContent,
        rootClasses: ['MuiInputBase-root', 'MuiInput-root'].every((c) => root.classList.contains(c)),
        role: button.getAttribute('role'),
        button: [button.id, button.getAttribute('aria-labelledby'), button.getAttribute('tabindex'), button.textContent],
        hidden: [hidden.getAttribute('aria-hidden'), hidden.getAttribute('tabindex'), hidden.className.split(' ').includes('MuiSelect-nativeInput'), hidden.name, hidden.id, hidden.value],
        twice: document.querySelectorAll('[id="netsuite._iClientId"]').length,
      };
    });
    assert.equal(select.label, 'iClient');
    assert.ok(select.rootClasses);
    assert.equal(select.role, selectRole);
    assert.deepEqual(select.button, ['mui-component-select-/netsuite/_iClientId', 'mui-component-select-/netsuite/_iClientId', '0', 'Please select']);
    assert.deepEqual(select.hidden, ['true', '-1', true, '/netsuite/_iClientId', 'netsuite._iClientId', '']);
    assert.equal(select.twice, 2, 'the field id is on the wrapper div and on the hidden input');

    // The open menu: portaled to <body>, virtualized, options as menuitems with a hidden "...".
    await openMenu(page, 'netsuite._iClientId');
    // innerText leaves out the hidden "..." (waited for: see menuOf).
    await page.waitForFunction((sel) => document.querySelector(sel)?.innerText === 'Please select', `${ITEM}[data-value=""]`);
    const menu = await page.evaluate(() => {
      const pop = document.getElementById('menu-/netsuite/_iClientId');
      const items = [...pop.querySelectorAll('[role="listbox"] li[role="menuitem"]')];
      return {
        parent: pop.parentElement.tagName,
        pop: [pop.getAttribute('role'), pop.classList.contains('MuiPopover-root')],
        paper: Boolean(pop.querySelector('.MuiPaper-root > ul[role="listbox"]')),
        rendered: items.length,
        heights: [...new Set(items.map((i) => i.offsetHeight))],
        listHeight: pop.querySelector('[role="listbox"] > div').offsetHeight,
        first: [items[0].dataset.value, items[0].textContent],
        ht: items.some((i) => i.textContent.startsWith('SmartConnector (HT) NetSuite iClient')),
        sentinels: [...pop.querySelectorAll('[data-test^="sentinel"], [data-testid^="sentinel"]')].map((s) => `${s.hasAttribute('data-test') ? 'data-test' : 'data-testid'}=${s.getAttribute('data-test') ?? s.getAttribute('data-testid')}`),
      };
    });
    assert.equal(menu.parent, 'BODY');
    assert.deepEqual(menu.pop, ['presentation', true]);
    assert.ok(menu.paper);
    assert.ok(menu.rendered >= 6 && menu.rendered <= 8, `${menu.rendered} rows in the DOM`);
    assert.deepEqual(menu.heights, [48]);
    assert.equal(menu.listHeight, 300);
    assert.deepEqual(menu.first, ['', 'Please select...']);
    assert.equal(menu.ht, false, 'the wanted iClient is further down, not rendered yet');
    const attr = ui === 'mui4' ? 'data-test' : 'data-testid';
    assert.deepEqual(menu.sentinels, [`${attr}=sentinelStart`, `${attr}=sentinelEnd`]);
    // The drawer is a Modal too: its sentinels are on the page.
    assert.equal(await page.locator(`[${attr}="sentinelStart"]`).count(), 2);
    // Scrolling renders further options; the wanted one is picked with a click.
    assert.ok(await scrollTo(page, S.htIClientId));
    await page.locator(ITEM).getByText(HT, { exact: true }).click();
    await page.waitForSelector(MENU, { state: 'detached' });
    assert.equal(await page.inputValue(input('netsuite._iClientId')), S.htIClientId);
    assert.equal(await page.textContent(opener('netsuite._iClientId')), HT);

    // The whole list, read by scrolling: Please select, then the app's iClients sorted.
    const { options } = await menuOf(page, 'netsuite._iClientId');
    assert.equal(options[0][1], 'Please select');
    const names = options.slice(1).map(([, t]) => t);
    assert.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })));
    assert.ok(names.indexOf(HT) >= 7, `${HT} is option ${names.indexOf(HT) + 2}`);
    assert.ok(!names.includes('Salesforce iClient'), 'only NetSuite iClients');

    // Accordions: General and Application details opened (required fields), Advanced collapsed.
    const sections = await page.$$eval('[data-test="General"], [data-test="Application details"], [data-test="Advanced"]', (els) => els.map((e) => [e.getAttribute('data-test'), e.getAttribute('aria-expanded')]));
    assert.deepEqual(sections, [['General', 'true'], ['Application details', 'true'], ['Advanced', 'false']]);
    assert.ok(!(await page.isVisible(field('concurrencyLevel'))), 'Advanced is collapsed');
    await page.click('[data-test="Advanced"]');
    await page.locator(input('concurrencyLevel')).waitFor({ state: 'visible' });
    await page.close();
  });

  uiTest('type-ahead in an open menu: letters move to the first match, Enter picks it, Escape closes', async () => {
    const { page } = await open(`/integrationapps/${S.jiraAppName}/${S.jiraIntegrationId}/connections/edit/connections/${S.jiraNetsuiteConnectionId}`);
    await page.waitForSelector(field('netsuite.authType'));
    await choose(page, 'netsuite.authType', 'token');
    await openMenu(page, 'netsuite._iClientId');
    await page.keyboard.type('Sm');
    await page.waitForSelector(`${ITEM}.highlighted[data-value="${S.htIClientId}"]`);
    await page.keyboard.press('Enter');
    await page.waitForSelector(MENU, { state: 'detached' });
    assert.equal(await page.inputValue(input('netsuite._iClientId')), S.htIClientId);

    await openMenu(page, 'netsuite.tokenEnvironment');
    await page.keyboard.type('s');
    await page.waitForSelector(`${ITEM}.highlighted[data-value="sandbox2.0"]`);
    await page.keyboard.press('Escape');
    await page.waitForSelector(MENU, { state: 'detached' });
    assert.equal(await page.inputValue(input('netsuite.tokenEnvironment')), '', 'Escape chose nothing');
    await page.close();
  });

  uiTest('React owns the values: el.value without events is not taken, the native setter plus an input event is', async () => {
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

  uiTest('missing required fields: inline errors, no ping, nothing stored (the API refuses too)', async () => {
    const { page } = await open(`/connections/edit/connections/${S.netsuiteConnectionId}`);
    await page.waitForSelector(field('netsuite.authType'));
    await choose(page, 'netsuite.authType', 'token');
    await choose(page, 'netsuite.tokenEnvironment', '');
    await press(page, field('test'));
    await press(page, field('save'));
    for (const id of ['netsuite.tokenId', 'netsuite.tokenSecret']) {
      await page.waitForSelector(`${field(id)} .Mui-error:has-text("${REQUIRED}")`);
    }
    await page.waitForSelector(`[id="netsuite.tokenEnvironment-helper-text"].Mui-error:has-text("${REQUIRED}")`);
    assert.equal(await page.locator(`${field('netsuite.tokenAccount')} .Mui-error`).count(), 0, 'Account ID is not required');
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

  uiTest('Test connection can be cancelled while it runs; Save after a failed test asks "Confirm save"', async () => {
    const { page } = await open(`/connections/edit/connections/${S.netsuiteConnectionId}`);
    await page.waitForSelector(field('netsuite.authType'));
    await choose(page, 'netsuite.authType', 'token');
    await choose(page, 'netsuite.tokenEnvironment', 'production');
    await page.fill(input('netsuite.tokenAccount'), '1234567');
    await fillTokenPair(page, { tokenId: 'c'.repeat(64), tokenSecret: 'd'.repeat(64) });

    await press(page, field('test'));
    await page.click('[data-test="cancelTestCall"]');
    await page.waitForSelector('[data-test="testingSnackbar"]', { state: 'detached' });
    await page.waitForFunction((sel) => document.querySelector(sel)?.textContent === 'Test connection', field('test'));
    assert.equal(await page.locator('[data-test="testResult"]').count(), 0, 'a cancelled test reports nothing');
    assert.equal(await page.locator('[data-test="errorSnackbar"]').count(), 0);

    await press(page, field('test'));
    await snackbarText(page, 'Invalid login attempt.');
    await resultText(page, FAILED);

    await press(page, field('save'));
    const dialog = page.getByRole('dialog', { name: 'Confirm save' });
    await dialog.waitFor();
    assert.equal(
      (await dialog.locator('.MuiDialogContent-root').textContent()).trim(),
      'Are you sure you want to save this connection? Test connection failed with the following error: Invalid login attempt.',
    );
    await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    assert.equal(celigo().saves.length, 0, 'Cancel saved nothing');

    await press(page, field('save'));
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await until(() => connection(S.netsuiteConnectionId).savedCount === 1, 'saved after confirming');
    await page.getByText(SAVED, { exact: true }).waitFor();
    assert.equal(connection(S.netsuiteConnectionId).netsuite.tokenId, 'c'.repeat(64));
    await page.close();
  });

  uiTest('closing with unsaved changes asks to discard them', async () => {
    const { page } = await open('/connections');
    await page.click('[aria-label="Edit NetSuite connection"]');
    await page.waitForSelector(field('name'));
    await page.fill(input('name'), 'Renamed');
    await press(page, field('cancel'));
    await page.waitForSelector('[data-test="Discard changes"]');
    await page.click('[data-test="Cancel"]');
    await page.waitForSelector('[data-test="Discard changes"]', { state: 'detached' });
    assert.equal(new URL(page.url()).pathname, `/connections/edit/connections/${S.netsuiteConnectionId}`, 'Cancel keeps the drawer');
    await press(page, field('cancel'));
    await page.click('[data-test="Discard changes"]');
    await page.waitForURL(`${CELIGO}/connections`);
    await page.waitForSelector(field('name'), { state: 'detached' });
    assert.equal(connection(S.netsuiteConnectionId).name, 'NetSuite connection');
    // Without changes, Close closes at once.
    await page.click('[aria-label="Edit NetSuite connection"]');
    await page.waitForSelector(field('name'));
    await press(page, field('cancel'));
    await page.waitForURL(`${CELIGO}/connections`);
    assert.equal(await page.locator('[data-test="Discard changes"]').count(), 0);
    await page.close();
  });

  uiTest('a plain connection on integrator.io has no iClient, in either token mode', async () => {
    const { page } = await open(`/connections/edit/connections/${S.netsuiteConnectionId}`);
    await page.waitForSelector(field('netsuite.authType'));
    for (const mode of ['token', 'token-auto']) {
      await choose(page, 'netsuite.authType', mode);
      await page.waitForSelector(field(mode === 'token' ? 'netsuite.tokenId' : 'netsuite.token.auto.account'));
      assert.equal(await page.locator('[id="netsuite._iClientId"], label:has-text("iClient")').count(), 0, mode);
    }
    await page.close();
  });

  uiTest('Jira - NetSuite tile > Settings > Connections > Edit pencil: sandbox account, iClient, Save & close', async () => {
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
    assert.deepEqual(iClients.map(([, t]) => t), [
      'Please select', 'Amazon SmartConnector NetSuite iClient', 'BigCommerce SmartConnector NetSuite iClient', 'Celigo NetSuite iClient',
      'eTail SmartConnector NetSuite iClient', 'Jira SmartConnector NetSuite iClient', 'Magento 2 SmartConnector NetSuite iClient',
      'Salesforce SmartConnector NetSuite iClient', 'Shopify SmartConnector NetSuite iClient', HT, 'Zendesk SmartConnector NetSuite iClient',
    ]);

    await choose(page, 'netsuite.tokenEnvironment', 'sandbox2.0');
    await page.locator(input('netsuite.tokenAccount')).pressSequentially('1234567_sb1');
    assert.equal(await page.inputValue(input('netsuite.tokenAccount')), '1234567_SB1');
    const token = await mintToken('1234567_SB1');
    await fillTokenPair(page, token);

    // The iClient is required for a connector's connection.
    await press(page, field('save'));
    await page.waitForSelector(`[id="netsuite._iClientId-helper-text"].Mui-error:has-text("${REQUIRED}")`);
    assert.equal(celigo().saves.length, 0);
    const ht = iClients.find(([, t]) => t === HT)[0];
    assert.equal(ht, S.htIClientId);
    await choose(page, 'netsuite._iClientId', ht);

    // A sandbox token needs the Sandbox environment.
    await choose(page, 'netsuite.tokenEnvironment', 'production');
    await press(page, field('test'));
    await resultText(page, FAILED);
    await choose(page, 'netsuite.tokenEnvironment', 'sandbox2.0');
    await press(page, field('test'));
    await resultText(page, OK);

    await press(page, field('saveAndClose'));
    await page.waitForURL(`${CELIGO}/integrationapps/JiraNetSuite/${S.jiraIntegrationId}/connections`);
    await page.waitForSelector(field('netsuite.authType'), { state: 'detached' });
    assert.equal(await page.locator('[data-test="Discard changes"]').count(), 0, 'Save & close does not ask');
    const ns = connection(S.jiraNetsuiteConnectionId).netsuite;
    assert.deepEqual(
      { authType: ns.authType, environment: ns.environment, account: ns.account, tokenId: ns.tokenId, tokenSecret: ns.tokenSecret, _iClientId: ns._iClientId },
      { authType: 'token', environment: 'sandbox2.0', account: '1234567_SB1', tokenId: token.tokenId, tokenSecret: token.tokenSecret, _iClientId: S.htIClientId },
    );
    assert.ok(await sameDocument(page));
    await page.close();
  });

  uiTest('an integration app in the tabs layout: Connections is a tab, the name links to the drawer, "Edit connection" in the row actions', async () => {
    celigo().iaLayout = 'tabs';
    const base = `/integrationapps/${S.jiraAppName}/${S.jiraIntegrationId}`;
    const { page } = await open('/home');
    await page.click('[aria-label="Settings: Jira - NetSuite"]');
    await page.waitForURL(`${CELIGO}${base}/settings`);
    assert.equal(await page.locator('nav[aria-label="Settings"]').count(), 0, 'no Settings menu in this layout');
    const tabs = await page.$$eval('[role="tablist"] [role="tab"]', (ts) => ts.map((t) => [t.textContent, new URL(t.href).pathname.split('/').pop()]));
    assert.deepEqual(tabs.map(([, t]) => t), ['settings', 'flows', 'dashboard', 'connections', 'notifications', 'auditlog', 'analytics', 'users', 'admin', 'addons']);
    assert.ok(tabs.some(([label, t]) => label === 'Connections' && t === 'connections'));
    await markDocument(page);
    await page.getByRole('tab', { name: 'Connections', exact: true }).click();
    await page.waitForURL(`${CELIGO}${base}/connections`);
    const link = page.locator('[data-test="connectionRow"] a', { hasText: 'NetSuite connection (Jira - NetSuite)' });
    assert.equal(new URL(await link.evaluate((a) => a.href)).pathname, `${base}/connections/edit/connections/${S.jiraNetsuiteConnectionId}`);
    await link.click();
    await page.waitForSelector(field('netsuite.authType'));
    assert.equal(new URL(page.url()).pathname, `${base}/connections/edit/connections/${S.jiraNetsuiteConnectionId}`);
    await press(page, field('cancel'));
    await page.waitForURL(`${CELIGO}${base}/connections`);

    // The row's actions menu, and the pencil the tests and the product use, lead to the same drawer.
    await page.click('[aria-label="More actions: Jira connection (Jira - NetSuite)"]');
    await page.getByRole('menuitem', { name: 'Edit connection', exact: true }).click();
    await page.waitForURL(`${CELIGO}${base}/connections/edit/connections/${S.jiraJiraConnectionId}`);
    await page.waitForSelector(field('name'));
    await press(page, field('cancel'));
    await page.waitForURL(`${CELIGO}${base}/connections`);
    await page.click('[data-test="editConnection"][aria-label="Edit NetSuite connection (Jira - NetSuite)"]');
    await page.waitForSelector(field('netsuite.authType'));
    assert.ok(await sameDocument(page));
    await page.close();
  });

  uiTest('eu.integrator.io, Token Based Auth (Automatic): Account ID only, "Save & authorize", region recorded', async () => {
    const { page } = await open(`/integrations/${S.ordersIntegrationId}/connections`, CELIGO_EU);
    await page.click('[aria-label="Edit NetSuite connection"]');
    await page.waitForSelector(field('netsuite.authType'));
    assert.equal(new URL(page.url()).pathname, `/integrations/${S.ordersIntegrationId}/connections/edit/connections/${S.netsuiteConnectionId}`);
    await choose(page, 'netsuite.authType', 'token-auto');
    await page.waitForSelector(field('netsuite.token.auto.account'));
    assert.equal(await page.locator(field('netsuite.tokenId')).count(), 0);
    assert.equal(await page.locator(field('netsuite._iClientId')).count(), 0, 'no iClient on eu.integrator.io either');
    assert.equal(await page.locator(field('test')).count(), 0);
    assert.equal(await page.textContent(field('save')), 'Save & authorize');
    await page.fill(input('netsuite.token.auto.account'), 'tstdrv123');
    const seen = await watchText(page, field('save'));
    await press(page, field('save'));
    await resultText(page, 'does not implement');
    assert.ok((await seen()).includes('Authorizing...'));
    const c = connection(S.netsuiteConnectionId);
    assert.equal(c.netsuite.authType, 'token-auto');
    assert.equal(c.netsuite.account, 'TSTDRV123');
    assert.equal(c.savedRegion, 'eu');
    assert.deepEqual(celigo().saves.map((s) => s.region), ['eu']);
    await page.close();
  });
}

test('the app bundles (one per UI generation) are not rebuilt when up to date, each on its own React', T, async () => {
  const r = await ensureCeligoBundle();
  assert.equal(r.built, false);
  assert.ok(r.ms < 2000, `${r.ms} ms`);
  assert.deepEqual(Object.keys(r.uis), CELIGO_UIS);
  for (const ui of CELIGO_UIS) assert.match(r.uis[ui].js, /^app-[A-Z0-9]+\.js$/);
  assert.deepEqual(r.uis.mui4.react, ['react-dom17', 'react17']);
  assert.deepEqual(r.uis.mui5.react, ['react', 'react-dom']);
});
