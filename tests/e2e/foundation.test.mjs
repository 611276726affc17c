// The foundation's promises, in the real browser: the executor runs only where the manifest
// says, the Rust in the service worker recognises the page, and what the worker keeps in
// chrome.storage.session is out of reach of web pages and of the content script.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, watchWorlds, until, T, NS, NS_SANDBOX } from './harness.mjs';

let env;
before(async () => { env = await launch(); }, T);
after(async () => { await env?.close(); });

// The session's persisted state: the assistant (tabs, choices) and the ops in flight.
const assistantState = async () => (await env.session('session'))?.assistant;

test('on the access-token page the worker recognises the step and the side panel shows it', T, async () => {
  const page = await env.context.newPage();
  await page.goto(`${NS_SANDBOX}/app/setup/accesstoken.nl?whence=`);
  const state = await until(async () => {
    const s = await assistantState();
    return Object.values(s?.tabs ?? {}).find((t) => t.url.startsWith(NS_SANDBOX)) && s;
  }, 'a snapshot from the access-token page');
  const tab = Object.values(state.tabs).find((t) => t.url.startsWith(NS_SANDBOX));
  assert.equal(tab.recognition.page, 'netsuite_access_token_new', JSON.stringify(tab.recognition.reasons));
  assert.deepEqual(tab.recognition.site, { netsuite: { id: '1234567_SB1', environment: 'sandbox' } });

  const panel = await env.panel();
  await panel.waitForSelector('li[data-step="create_token"][data-state="current"]');
  assert.match(await panel.textContent('#where'), /New Access Token · NetSuite account 1234567_SB1 \(sandbox\)/);
  assert.equal(await panel.getAttribute('li[data-step="enable_tba"] a.go', 'href'), `${NS_SANDBOX}/app/setup/features.nl?whence=`);
  await panel.close();
  await page.close();
});

test('chrome.storage.session is out of reach of the page and of the content script', T, async () => {
  const marker = `probe-${Math.random().toString(16).slice(2)}`;
  const sw = await env.sw();
  await sw.evaluate((m) => chrome.storage.session.set({ probe: m }), marker);

  const page = await env.context.newPage();
  const watch = await watchWorlds(page);
  await page.goto(`${NS}/app/setup/accesstoken.nl?whence=`);
  const world = await until(() => watch.extensionWorlds()[0], "the executor's isolated world");

  // The page's own scripts: no chrome.storage at all, and the marker nowhere in the DOM.
  assert.equal(await page.evaluate(() => typeof globalThis.chrome?.storage), 'undefined');
  assert.ok(!(await page.content()).includes(marker));

  // The content script's world: storage.session refuses it (default access level).
  const { result } = await watch.cdp.send('Runtime.evaluate', {
    contextId: world.id,
    awaitPromise: true,
    returnByValue: true,
    expression: `(async () => { try { const v = await chrome.storage.session.get('probe'); return 'READ:' + JSON.stringify(v); } catch (e) { return 'REFUSED:' + e.message; } })()`,
  });
  assert.match(result.value, /^REFUSED:Access to storage is not allowed from this context/);
  assert.ok(!result.value.includes(marker));

  // The worker itself still reads it: the probe was really there.
  assert.equal(await sw.evaluate(async () => (await chrome.storage.session.get('probe')).probe), marker);
  await sw.evaluate(() => chrome.storage.session.remove('probe'));
  await page.close();
});

for (const [what, url] of [
  ['a NetSuite page outside the flow', `${NS}/app/center/card.nl`],
  ['a look-alike host', 'https://1234567.app.netsuite.com.evil.test/app/setup/accesstoken.nl?whence='],
]) {
  test(`nothing is injected on ${what}`, T, async () => {
    const page = await env.context.newPage();
    const watch = await watchWorlds(page);
    await page.goto(url, { waitUntil: 'load' });
    assert.equal(await page.evaluate(() => document.readyState), 'complete');
    const seenBefore = watch.worlds.length;
    const injectedThere = watch.extensionWorlds().length;
    // Control: the same tab, sent to a flow page, does get the executor; any injection into the
    // first document would have happened before it was left, so the count above is final.
    await page.goto(`${NS}/app/setup/accesstoken.nl?whence=`);
    await until(() => watch.extensionWorlds().length > injectedThere, 'the executor on the flow page');
    assert.equal(injectedThere, 0, `executor injected on ${url}`);
    assert.ok(seenBefore > 0, 'the world watcher saw the first page');
    const state = await assistantState();
    assert.ok(!Object.values(state.tabs).some((t) => t.url === url), 'the worker got a snapshot from the excluded page');
    await page.close();
  });
}
