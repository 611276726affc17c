// Stopping the extension's service worker at an exact point of a flow, for restart.test.mjs.
// Chrome stops an idle worker whenever it likes (30 s without events, or sooner under memory
// pressure), and everything the worker held only in memory is gone then: these helpers make that
// happen at a chosen message boundary, deterministically, and play the person afterwards.
import { until } from './harness.mjs';
import { waitGuide, pressDoIt } from './guide.mjs';

/**
 * The worker's life as the DevTools protocol reports it, on a tab of its own (the test's tabs
 * may be frozen at a pause point, and a frozen page answers nothing).
 * `stop()` resolves once Chrome reported the worker stopped, not merely asked to stop: only
 * then is a paused page let go, so whatever it sends next meets a worker that forgot everything.
 */
export async function workerControl(env) {
  const tab = await env.context.newPage();
  const cdp = await env.context.newCDPSession(tab);
  const versions = new Map(); // versionId → { scriptURL, runningStatus, … }
  const listeners = new Set();
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions: updated }) => {
    for (const v of updated) versions.set(v.versionId, v);
    for (const l of listeners) l();
  });
  await cdp.send('ServiceWorker.enable');
  const ours = () => [...versions.values()].filter((v) => v.scriptURL.startsWith(`chrome-extension://${env.extensionId}/`));
  const allStopped = () => ours().every((v) => v.runningStatus === 'stopped');
  return {
    /** How many times this file stopped the worker, and how many of those found it running. */
    stops: 0,
    stoppedRunning: 0,
    running: () => !allStopped(),
    /** Stops the worker; true if it was running (false: Chrome had stopped it already). */
    async stop(what = 'the service worker stopped') {
      const wasRunning = !allStopped();
      // A stop seen in an update counts even if something wakes the worker again at once.
      let seen = false;
      const look = () => { if (allStopped()) seen = true; };
      listeners.add(look);
      try {
        // Chrome answers once the worker stopped; a failure limit, so a stop that never ends
        // fails the point with what Chrome last said instead of hanging the file.
        let limit;
        const late = new Promise((_, reject) => { limit = setTimeout(() => reject(new Error(`${what}: Chrome did not stop the worker within 10 s (last status: ${ours().map((v) => v.runningStatus).join(', ') || 'none'})`)), 10_000); });
        try {
          await Promise.race([cdp.send('ServiceWorker.stopAllWorkers'), late]);
        } finally {
          clearTimeout(limit);
        }
        look();
        await until(() => seen, what, 10_000);
        this.stops += 1;
        if (wasRunning) this.stoppedRunning += 1;
        return wasRunning;
      } finally {
        listeners.delete(look);
      }
    },
    async close() {
      await cdp.detach().catch(() => {});
      await tab.close().catch(() => {});
    },
  };
}

/**
 * A pause point of the replica (replica/pause.mjs): waits until the flow is held there, stops
 * the worker, then lets the flow go on. The point must be armed (before its page loads, for a
 * page point) with `env.replica.state.pause.arm(name)`.
 */
export async function stopAt(env, control, name, timeoutMs = 20_000) {
  const board = env.replica.state.pause;
  await until(() => board.holding(name), `the flow held at ${name}`, timeoutMs);
  try {
    // Held inside a step, the worker is waiting for the page: it must be running to be stopped.
    const wasRunning = await control.stop(`the service worker stopped at ${name}`);
    if (!wasRunning) throw new Error(`the service worker was not running at ${name}: nothing was interrupted`);
  } finally {
    board.release(name);
  }
}

/**
 * A point inside the worker with no page event to hang a pause on: the worker has recognised the
 * token's confirmation page and is about to send the page the plan that reads the pair. The
 * test holds that one message (`chrome.tabs.sendMessage` of a `run` plan with a `capture`
 * action, protocol.rs) in the running worker; `reached()` is true once it is held, and the test
 * then stops the worker, which thus never sees the pair. The hook lives in the worker's memory:
 * the stop removes it.
 */
export async function holdCapturePlan(env) {
  const sw = await env.sw();
  await sw.evaluate(() => {
    const send = chrome.tabs.sendMessage;
    globalThis.__tbaRestartTest = { held: false };
    chrome.tabs.sendMessage = function (...args) {
      const message = args[1];
      if (message?.kind === 'run' && message.actions?.some((a) => a.op === 'capture')) {
        globalThis.__tbaRestartTest.held = true;
        return new Promise(() => {}); // never sent, never answered: the worker is stopped here
      }
      return send.apply(this, args);
    };
  });
  return { reached: () => sw.evaluate(() => globalThis.__tbaRestartTest?.held === true).catch(() => false) };
}

/**
 * After a stop during a NetSuite "Do it", as a person would: the highlight offers the step
 * again (the page's own guide with its `label` button) or says tba-assist restarted (error tone,
 * "restarted", a button to try again); press that button. When the page already shows the step
 * done (`done(guide)`), there is nothing to press. Returns the guide that shows it done.
 */
export async function doItAgainAfterRestart(page, label, done, what, seen = () => {}) {
  const again = (g) => Boolean(g.doIt) && ((g.doIt === label && g.tone !== 'error') || (g.tone === 'error' && /restarted/i.test(g.message)));
  const g = await waitGuide(page, (g) => done(g) || again(g), `${what}: the step offered again after the restart (page guide with "${label}", or an error saying tba-assist restarted)`);
  seen(g);
  if (done(g)) return g;
  await pressDoIt(page, g.doIt);
  return waitGuide(page, done, `${what}, after pressing ${g.doIt} again`);
}

/** The Celigo form's token fields as the test sees them: lengths only, never the values. */
export function celigoTokenFields(page) {
  return page.evaluate(() => {
    const len = (id) => document.querySelector(`[data-test="${id}"] input`)?.value.length ?? null;
    return { tokenId: len('netsuite.tokenId'), tokenSecret: len('netsuite.tokenSecret') };
  });
}
