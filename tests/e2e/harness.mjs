// End-to-end harness: the built extension (dist/chrome, unchanged) in Debian's Chromium,
// headless, with the real NetSuite and Celigo host names mapped to the local replica, so the
// manifest's own match patterns decide what runs where.
import { chromium } from 'playwright-core';
import { mkdtemp, rm, access, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startReplica, HOSTS } from '../../replica/server.mjs';
import { CELIGO_UIS } from '../../replica/celigo.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST = path.join(root, 'dist/chrome');
export const CHROMIUM = process.env.TBA_CHROMIUM || '/usr/bin/chromium';

export const NS = 'https://1234567.app.netsuite.com';
export const NS_SANDBOX = 'https://1234567-sb1.app.netsuite.com';
export const CELIGO = 'https://integrator.io';

/** The Celigo UI generations a test runs on: both, or the one `TBA_CELIGO_UI` names. */
export function generations() {
  const one = process.env.TBA_CELIGO_UI;
  return one ? [one] : CELIGO_UIS;
}

/** Options for every browser test: a hung browser fails the test instead of hanging the run. */
export const T = { timeout: 120_000 };

/** Starts the replica and Chromium with the extension; `close()` stops both and removes the profile. */
export async function launch({ headless = true } = {}) {
  await access(path.join(DIST, 'manifest.json')).catch(() => {
    throw new Error(`${DIST} is missing: run \`cargo xtask build\` first`);
  });
  const replica = await startReplica();
  const profile = await mkdtemp(path.join(tmpdir(), 'tba-assist-e2e-'));
  const rules = HOSTS.map((h) => `MAP ${h} 127.0.0.1:${replica.port}`).join(', ');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless,
    ignoreHTTPSErrors: true,
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [
      `--disable-extensions-except=${DIST}`,
      `--load-extension=${DIST}`,
      `--host-resolver-rules=${rules}`,
      '--ignore-certificate-errors',
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
  // No service worker means Chrome refused the extension (a manifest or file error).
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15000 }).catch(async () => {
    await context.close();
    await replica.close();
    throw new Error(`Chromium did not start the extension's service worker: load ${DIST} in chrome://extensions to see why`);
  }));
  const extensionId = new URL(worker.url()).host;
  const unanswering = new WeakSet();
  return {
    context, replica, worker, extensionId, profile,
    /** The service worker as it is now (Chrome may have restarted it). */
    async sw() {
      // The newest first, and never one that failed to answer (Playwright may keep listing a
      // worker Chrome stopped, next to the one started since).
      const running = () => context.serviceWorkers().filter((w) => w.url().startsWith(`chrome-extension://${extensionId}/`) && !unanswering.has(w)).at(-1);
      if (running()) return running();
      // Stopped (idle, or by a test): any extension page wakes it.
      const waker = await context.newPage();
      try {
        await waker.goto(`chrome-extension://${extensionId}/sidepanel.html`);
        return await until(running, "the extension's service worker woken by one of its pages");
      } finally {
        await waker.close();
      }
    },
    /**
     * `fn(arg)` evaluated in the worker. Playwright can still list a worker Chrome has just
     * stopped, and an evaluate in it never settles: each try has a limit, and a try that fails
     * wakes the worker again and evaluates in the one running then.
     */
    async inWorker(fn, arg) {
      let last;
      for (let attempt = 0; attempt < 4; attempt += 1) {
        const sw = await this.sw();
        let limit;
        const late = new Promise((_, reject) => { limit = setTimeout(() => reject(new Error('the worker did not answer within 5 s')), 5_000); });
        try {
          return await Promise.race([sw.evaluate(fn, arg), late]);
        } catch (e) {
          last = e;
          // The worker it asked is gone (stopped since): the next try wakes or finds a new one.
          unanswering.add(sw);
        } finally {
          clearTimeout(limit);
        }
      }
      throw new Error(`the extension's service worker did not answer an evaluate (4 tries): ${last?.message}`);
    },
    /** A key of the worker's chrome.storage.session, parsed (the worker stores JSON text). */
    async session(key) {
      const text = await this.inWorker(async (k) => (await chrome.storage.session.get(k))[k] ?? null, key);
      return text ? JSON.parse(text) : null;
    },
    /** Stops the extension's service worker, as Chrome does when it is idle. */
    async stopWorker() {
      const page = context.pages()[0] ?? (await context.newPage());
      const cdp = await context.newCDPSession(page);
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      await cdp.detach();
    },
    /** A clean slate between tests: no tokens, no flow state (storage.session cleared, worker restarted). */
    async resetExtension() {
      await this.inWorker(() => chrome.storage.session.clear());
      await this.stopWorker();
    },
    async panel() {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/sidepanel.html`);
      return page;
    },
    /** Closes the browser (the profile stays, for inspection) and lists the profile's files
     * that contain any of `needles`. */
    async closeAndSearchProfile(needles) {
      await context.close().catch(() => {});
      const hits = [];
      const walk = async (dir) => {
        for (const entry of await readdir(dir, { withFileTypes: true })) {
          const file = path.join(dir, entry.name);
          if (entry.isDirectory()) await walk(file);
          else if (entry.isFile()) {
            const bytes = await readFile(file);
            for (const n of needles) {
              // Chromium stores text as UTF-8 and as UTF-16 (LevelDB, SQLite): look for both.
              if (bytes.includes(Buffer.from(n, 'utf8')) || bytes.includes(Buffer.from(n, 'utf16le'))) hits.push(path.relative(profile, file));
            }
          }
        }
      };
      await walk(profile);
      return hits;
    },
    async close() {
      await context.close().catch(() => {});
      await replica.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Records the JavaScript worlds created in a page, through the DevTools protocol: the
 * extension's content script runs in an isolated world named after the extension.
 */
export async function watchWorlds(page) {
  const cdp = await page.context().newCDPSession(page);
  const worlds = [];
  cdp.on('Runtime.executionContextCreated', ({ context }) => worlds.push(context));
  await cdp.send('Runtime.enable');
  return {
    cdp,
    worlds,
    extensionWorlds: () => worlds.filter((w) => w.auxData?.type === 'isolated' && w.name === 'tba-assist'),
  };
}

/** Polls `predicate()` until it is true: tests wait for conditions, never for a fixed time.
 * A check that itself never settles (a DevTools call to a page that stands still) fails the wait
 * at its deadline too, instead of hanging the test. */
export async function until(predicate, what, timeoutMs = 15000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let limit;
    const late = new Promise((resolve) => { limit = setTimeout(() => resolve(late), Math.max(0, deadline - Date.now()) + 1000); });
    let value;
    try {
      value = await Promise.race([predicate(), late]);
    } finally {
      clearTimeout(limit);
    }
    if (value === late) throw new Error(`timed out waiting for ${what} (the last check did not answer)`);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20)); // poll interval, not a fixed wait
  }
}
