// Records the message traffic of both seed flows, driven exactly as the end-to-end test drives
// them (flows.mjs), into core/tests/flows/<flow>.json: fixtures for testing the core natively
// by replaying real pages. Run with `node tests/e2e/record-flows.mjs` after `cargo xtask build`
// (it loads dist/chrome as it is). See core/tests/flows/README.md for the format.
//
// What is recorded, in the service worker: a second chrome.runtime.onMessage listener sees the
// same messages as the product's own (and finds the product's answer, see installRecorder);
// chrome.tabs.sendMessage is wrapped in the worker's global, which the Wasm glue reads at every
// call. The events, in the order they happened:
//   {from:'test', t, step}                                 the person moves to a step (flows.mjs)
//   {from:'panel', t, message, answer}                     side panel -> worker (not panel_get)
//   {from:'page', t, tab, frame, document, url, message, answer, t_answer}
//                                                          executor -> worker (snapshot, do_it)
//   {from:'worker', t, tab, options, message, answer, t_answer}   worker -> executor (run,
//                                                          snapshot_please, guide), and its answer
// `t` is milliseconds since the flow's start; an event that failed has `error` for `answer`.
// Snapshots are written compactly: a control's, text's or option's fields at their default value
// are left out (the Rust structs are `#[serde(default)]`). Page snapshots identical to the one
// their tab sent just before are dropped, as are pages outside NetSuite's and Celigo's hosts.
//
// Secrets: every Token ID / Token Secret (64 hex characters) is replaced before writing, see
// PLACEHOLDER below; the script fails if a real one is left.
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, until, NS, CELIGO, generations } from './harness.mjs';
import { CELIGO_UIS } from '../../replica/celigo.mjs';
import { Person } from './person.mjs';
import { PLAYBOOKS, choosePlaybook, netsuiteWithAssist, celigoWithAssist, saveOnPage } from './flows.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const OUT = path.join(root, 'core/tests/flows');

/** What a real 64-hex value becomes in the files: fixed fakes that still parse as token parts
 * (64 lowercase hex characters, the two different), so a replay can capture and fill them. */
export const PLACEHOLDER = {
  tokenId: '1'.repeat(64),
  tokenSecret: '2'.repeat(64),
  /** Any other 64-hex run (none is expected: the script reports how many it replaced). */
  other: '0'.repeat(64),
};

/** One Celigo UI generation: TBA_CELIGO_UI's, else mui5. */
const UI = process.env.TBA_CELIGO_UI ? generations()[0] : 'mui5';
assert.ok(CELIGO_UIS.includes(UI), `unknown Celigo UI generation ${UI}`);

/** Pages whose snapshots are kept: NetSuite's and Celigo's own hosts. */
const ourHost = (url) => {
  try {
    const { protocol, hostname } = new URL(url);
    return protocol === 'https:' && (/(^|\.)app\.netsuite\.com$/.test(hostname) || /^(eu\.)?integrator\.io$/.test(hostname));
  } catch {
    return false;
  }
};

/** Installed in the service worker: records into globalThis.__tbaRec. */
function installRecorder() {
  if (globalThis.__tbaRec) return null;
  globalThis.__tbaRec = [];
  globalThis.__tbaRecId = crypto.randomUUID();
  let seq = 0;
  const clone = (v) => (v === undefined ? null : JSON.parse(JSON.stringify(v)));
  // The product's listener (registered first) answers with `ready.then(...).then(respond)`,
  // and every listener of one message gets the same `respond`: noting, for each function given
  // to then(), the promise it was given to finds the answer of a message (test-only; then()
  // behaves as before).
  const thenOf = new WeakMap();
  const then = Promise.prototype.then;
  Promise.prototype.then = function (onFulfilled, onRejected) {
    if (typeof onFulfilled === 'function') thenOf.set(onFulfilled, this);
    return then.call(this, onFulfilled, onRejected);
  };
  const answered = (rec, respond) => {
    const p = thenOf.get(respond);
    if (!p) return;
    rec.pending = true;
    then.call(p,
      (answer) => { rec.answer = clone(answer); rec.t_answer = Date.now(); delete rec.pending; },
      (e) => { rec.error = String(e?.message ?? e); rec.t_answer = Date.now(); delete rec.pending; });
  };
  chrome.runtime.onMessage.addListener((message, sender, respond) => {
    let rec = null;
    // The side panel first: the tests open it as a tab of its own, so it has a sender.tab too.
    if (sender.url?.startsWith(`chrome-extension://${chrome.runtime.id}/`)) {
      if (message?.kind !== 'panel_get') rec = { from: 'panel', t: Date.now(), message: clone(message) };
    } else if (sender.tab) {
      rec = { from: 'page', t: Date.now(), tab: sender.tab.id, frame: sender.frameId, document: sender.documentId ?? null, url: sender.tab.url, message: clone(message) };
    }
    if (rec) { rec.seq = seq++; __tbaRec.push(rec); answered(rec, respond); }
    return false; // the product's own listener answers
  });
  const send = chrome.tabs.sendMessage.bind(chrome.tabs);
  chrome.tabs.sendMessage = (tab, message, options, ...rest) => {
    const rec = { from: 'worker', seq: seq++, t: Date.now(), tab, options: clone(options), message: clone(message), pending: true };
    __tbaRec.push(rec);
    const p = send(tab, message, options, ...rest);
    return p && typeof p.then === 'function'
      ? then.call(p,
        (answer) => { rec.answer = clone(answer); rec.t_answer = Date.now(); delete rec.pending; return answer; },
        (e) => { rec.error = String(e?.message ?? e); rec.t_answer = Date.now(); delete rec.pending; throw e; },
      )
      : (delete rec.pending, p);
  };
  return globalThis.__tbaRecId;
}

/** Replaces every Token ID / Secret (and their halves, as a split confirmation shows them) in
 * the text of the events; any other run of 64 or more hex characters too. */
function redact(events, tokens) {
  let text = JSON.stringify(events);
  const pairs = [];
  for (const t of tokens) {
    pairs.push([t.tokenId, PLACEHOLDER.tokenId], [t.tokenSecret, PLACEHOLDER.tokenSecret]);
    for (const [real, fake] of [[t.tokenId, PLACEHOLDER.tokenId], [t.tokenSecret, PLACEHOLDER.tokenSecret]]) {
      pairs.push([real.slice(0, 32), fake.slice(0, 32)], [real.slice(32), fake.slice(32)]);
    }
  }
  for (const [real, fake] of pairs) text = text.split(real).join(fake).split(real.toUpperCase()).join(fake);
  let others = 0;
  text = text.replace(/[0-9a-fA-F]{64,}/g, (run) => {
    if (run === PLACEHOLDER.tokenId || run === PLACEHOLDER.tokenSecret) return run;
    others++;
    return PLACEHOLDER.other;
  });
  return { events: JSON.parse(text), others };
}

/** A control, text block or option without its fields at their default value: the Rust
 * structs are `#[serde(default)]`, so they read back the same. A null is always left out (an
 * `Option` is `None` by default); an empty text, false or no options only for the fields that
 * are not an `Option` (a `checked: false` or `value: ""` says something). */
const OPTIONAL = { control: ['value', 'value_opaque', 'checked', 'default_checked'], text: ['text', 'opaque'], option: [] };
const compact = (o, kind) => Object.fromEntries(Object.entries(o)
  .filter(([k, v]) => v !== null && (OPTIONAL[kind].includes(k) || !(v === '' || v === false || (Array.isArray(v) && v.length === 0))))
  .map(([k, v]) => [k, k === 'options' ? v.map((x) => compact(x, 'option')) : v]));
const compactSnapshot = (s) => ({ ...s, controls: (s.controls ?? []).map((c) => compact(c, 'control')), texts: (s.texts ?? []).map((t) => compact(t, 'text')) });
function compactAll(events) {
  for (const e of events) {
    if (e.message?.snapshot) e.message.snapshot = compactSnapshot(e.message.snapshot);
    if (e.answer?.snapshot) e.answer.snapshot = compactSnapshot(e.answer.snapshot);
  }
  return events;
}

/** Drops what the files need not hold: snapshots of other hosts, and a page snapshot identical to
 * the one its tab sent just before (nothing about that tab happened in between). */
function trim(events) {
  const last = new Map(); // tab -> JSON of its last snapshot, if its last event was one
  const out = [];
  let duplicates = 0;
  let foreign = 0;
  for (const e of events) {
    if (e.from === 'page' && e.message?.kind === 'snapshot') {
      if (!ourHost(e.url)) { foreign++; continue; }
      const json = JSON.stringify(e.message.snapshot);
      if (last.get(e.tab) === json) { duplicates++; continue; }
      out.push(e);
      last.set(e.tab, json);
      continue;
    }
    if (e.from === 'page' && !ourHost(e.url)) { foreign++; continue; }
    if (e.from === 'panel') last.clear(); // the person's choice changes what every tab is shown
    else if (e.tab !== undefined) last.delete(e.tab);
    out.push(e);
  }
  return { events: out, duplicates, foreign };
}

/** Runs one seed flow as assist.test.mjs does and returns its events, redacted and trimmed. */
async function record(env, pb) {
  const t0 = Date.now();
  env.replica.reset();
  env.replica.state.celigo.ui = UI;
  // A clean slate, as between the end-to-end tests. Chrome keeps one DevTools target for the
  // extension's worker across restarts, so Playwright hands back the same Worker object, whose
  // evaluate() waits while the worker is stopped: wake it first (any extension page does).
  await env.resetExtension();
  const waker = await env.context.newPage();
  await waker.goto(`chrome-extension://${env.extensionId}/sidepanel.html`);
  const sw = await env.sw();
  const id = await sw.evaluate(installRecorder);
  assert.ok(id, 'a recorder was already installed in a fresh worker');
  await waker.close();
  const log = (what) => console.error(`[${pb.id}] ${((Date.now() - t0) / 1000).toFixed(1)}s ${what}`);
  log('recorder installed');
  const markers = [{ from: 'test', t: t0, step: 'start', flow: pb.id, celigo_ui: UI }];
  const events = [];
  /** Moves what the worker recorded so far and is answered into `events` (an event still
   * waiting for its answer stays, unless `all`); fails if the worker was restarted (a new
   * global without this recorder: what it handled meanwhile was not recorded). */
  const drain = async (where, all = false) => {
    const got = await (await env.sw()).evaluate(([want, all]) => {
      if (globalThis.__tbaRecId !== want) return null;
      const done = __tbaRec.filter((e) => all || !e.pending);
      globalThis.__tbaRec = __tbaRec.filter((e) => !done.includes(e));
      return done;
    }, [id, all]);
    if (!got) throw new Error(`the service worker was restarted during ${pb.id} (noticed at ${where}): its recording is incomplete; run again`);
    events.push(...got);
  };
  const unanswered = async () => (await env.sw()).evaluate(() => __tbaRec.filter((e) => e.pending).length);

  const page = await env.context.newPage();
  const me = new Person(page);
  const begin = me.begin.bind(me);
  let pending = Promise.resolve();
  let drainError = null;
  me.begin = (step) => {
    begin(step);
    log(step);
    markers.push({ from: 'test', t: Date.now(), step });
    // Drained at every step, so a restarted worker is noticed near where it happened.
    pending = pending.then(() => drain(step)).catch((e) => { drainError ??= e; });
  };

  me.begin('choose_playbook');
  await choosePlaybook(env, me, pb.id);
  await netsuiteWithAssist(page, me, pb, NS);
  const tested = await celigoWithAssist(page, me, pb, CELIGO);
  assert.equal(tested.tone, 'success', tested.message);
  await saveOnPage(page, me);
  // The save used the token: the worker wipes it. Then the page's last re-renders settle.
  await until(async () => (await env.session('vault'))?.entries?.length === 0, 'the vault emptied after the save');
  const saved = env.replica.state.celigo.connections.find((c) => c._id === pb.connectionId);
  assert.equal(saved.netsuite.authType, 'token', 'the connection was saved with the token');
  await page.close();
  await pending;
  if (drainError) throw drainError;
  await until(async () => (await unanswered()) === 0, 'every message answered', 5000).catch(() => {});
  await drain('the end', true);
  markers.push({ from: 'test', t: Date.now(), step: 'end' });
  const open = events.filter((e) => e.pending).length;
  if (open) console.error(`[${pb.id}] ${open} messages never answered (written without an answer)`);

  // One timeline: the worker's events in the order it recorded them, and this script's markers
  // put in by the machine's clock, which both share (a marker goes before a worker event of the
  // same millisecond).
  events.sort((a, b) => a.seq - b.seq);
  const timeline = [];
  for (const e of events) {
    while (markers.length && markers[0].t <= e.t) timeline.push(markers.shift());
    timeline.push(e);
  }
  timeline.push(...markers);
  for (const e of timeline) {
    delete e.seq;
    delete e.pending;
    e.t -= t0;
    if (e.t_answer) e.t_answer -= t0;
  }
  const tokens = Object.values(env.replica.state.netsuite.accounts).flatMap((a) => a.tokens);
  assert.ok(tokens.length >= 1, 'NetSuite minted a token');
  const { events: clean, others } = redact(timeline, tokens);
  const trimmed = trim(clean);
  compactAll(trimmed.events);
  const text = JSON.stringify(trimmed.events);
  for (const t of tokens) assert.ok(!text.includes(t.tokenId) && !text.includes(t.tokenSecret), 'a secret left in the recording');
  return { events: trimmed.events, stats: { duplicates: trimmed.duplicates, foreign: trimmed.foreign, otherHex: others } };
}

/** Counts of each kind of event, for the summary line. */
function counts(events) {
  const c = {};
  for (const e of events) {
    const k = e.from === 'test' ? 'test' : `${e.from}:${e.message?.kind}`;
    c[k] = (c[k] ?? 0) + 1;
  }
  return c;
}

const env = await launch();
try {
  await mkdir(OUT, { recursive: true });
  for (const pb of Object.values(PLAYBOOKS)) {
    const { events, stats } = await record(env, pb);
    // One event a line: diffs of a re-recording stay readable.
    const body = `[\n${events.map((e) => JSON.stringify(e)).join(',\n')}\n]\n`;
    const file = path.join(OUT, `${pb.id}.json`);
    await writeFile(file, body);
    console.log(`${path.relative(root, file)}: ${events.length} events, ${body.length} bytes; dropped ${stats.duplicates} duplicate and ${stats.foreign} other-host snapshots; ${stats.otherHex} unexpected 64-hex runs replaced`);
    console.log(`  ${JSON.stringify(counts(events))}`);
  }
} finally {
  await env.close();
}
