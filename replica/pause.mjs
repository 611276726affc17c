// Test knob: pause points. A test arms a named point (`replica.state.pause.arm(name)`); when the
// flow reaches it, the replica holds the flow right there until the test releases it, so the test
// can stop the extension's service worker at that exact moment (tests/e2e/restart.test.mjs)
// instead of racing it. Nothing armed (the default): no page gets any extra script, no request is
// held, and every site behaves exactly as without this file.
//
// Two kinds of points:
// - page points: the page's own script pauses in one of its event handlers (or page functions,
//   or at load) with a synchronous XMLHttpRequest to `/__tba_pause?at=<name>`, which the server
//   answers only on release. A synchronous request blocks the whole page, the extension's
//   content script included (one thread per page): whatever the content script was doing is
//   frozen at that point, as it would be if the worker died there. Served only while armed: a
//   `<meta name="replica-pause">` naming the page's armed points and `/replica-assets/pause.js`.
// - server points: the replica delays its answer to one request (Celigo's Test connection or
//   Save) until release; the page waits with its "Testing"/"Saving..." state on screen.
// Each point fires once per arming: its first hit is held, later ones pass.

/** Where each page point sits. `on` + `selector`: an event (capture phase, so before the page's
 * own handlers: the executor's action is under way, the page has not reacted yet); `call`: a
 * page function, before it runs; `load`: when the page script runs on a page showing that text. */
export const PAGE_POINTS = {
  // NetSuite, Enable Features: the TBA box clicked ("Tick it for me"), before the terms open.
  'ns-tba-click': { site: 'netsuite', on: 'click', selector: 'input.nlsinglecheckbox[data-terms="T"]' },
  // NetSuite, role form: the Name being filled ("Name it").
  'ns-role-name': { site: 'netsuite', on: 'input', selector: 'body[data-record-type="role"] #name' },
  // NetSuite, employee form: the Roles sublist's Add clicked ("Add the role").
  'ns-role-add': { site: 'netsuite', on: 'click', selector: '#roles_addedit' },
  // NetSuite, access-token form: the page's own API called for a dropdown ("Fill the form").
  'ns-token-form-api': { site: 'netsuite', call: 'nlapiSetFieldText' },
  // NetSuite, the token's confirmation page: loaded and showing the pair, the page script
  // running (before the extension's content script, which runs when the document is idle).
  'ns-confirmation-load': { site: 'netsuite', load: 'Token ID and Token Secret are displayed only once' },
  // Celigo, connection form: the Authentication type's option clicked (the first fill step).
  'celigo-auth-choice': { site: 'celigo', on: 'click', selector: '[role="menuitem"][data-value="token"]' },
  // Celigo: the Account ID being filled (among the non-secret fields).
  'celigo-fill-account': { site: 'celigo', on: 'input', selector: '[data-test="netsuite.tokenAccount"] input' },
  // Celigo: the Token ID being filled; the Token Secret is not sent yet.
  'celigo-fill-token-id': { site: 'celigo', on: 'input', selector: '[data-test="netsuite.tokenId"] input' },
  // Celigo: the Token Secret field focused, just before its value is typed in.
  'celigo-fill-secret': { site: 'celigo', on: 'focus', selector: '[data-test="netsuite.tokenSecret"] input' },
};

/** Requests the replica answers late while armed (`ctx` as in server.mjs: req, url, body, host). */
export const SERVER_POINTS = {
  // Celigo's Test connection (not the ping Save makes first).
  'celigo-test': { site: 'celigo', match: (ctx) => ctx.req.method === 'POST' && ctx.url.pathname === '/api/connections/ping' && !/"via"\s*:\s*"save"/.test(ctx.body) },
  // Celigo's Save: the PUT of the connection, after Save's own ping.
  'celigo-save': { site: 'celigo', match: (ctx) => ctx.req.method === 'PUT' && /^\/api\/connections\/[^/]+$/.test(ctx.url.pathname) },
};

const POINTS = { ...PAGE_POINTS, ...SERVER_POINTS };

/** The pause points of one replica state (`state.pause`); a fresh state has none armed. */
export class PauseBoard {
  constructor() {
    this.armed = new Set();
    /** Every point reached while armed, in order: `{ at, name, held: true }`. */
    this.hits = [];
    this.waiting = new Map(); // name → resolve of the held request
  }
  /** Arms a point (a page point must be armed before its page loads: it travels in the page). */
  arm(name) {
    if (!POINTS[name]) throw new Error(`unknown pause point ${name} (known: ${Object.keys(POINTS).join(', ')})`);
    this.armed.add(name);
  }
  /** True while the flow is held at `name`. */
  holding(name) { return this.waiting.has(name); }
  /** Lets the held flow go on (a no-op when nothing is held there). */
  release(name) {
    const go = this.waiting.get(name);
    this.waiting.delete(name);
    go?.();
  }
  releaseAll() { for (const name of [...this.waiting.keys()]) this.release(name); }
  /** Holds until release when `name` is armed (the first time only); resolves at once otherwise. */
  hold(name) {
    if (!this.armed.has(name)) return Promise.resolve(false);
    this.armed.delete(name);
    this.hits.push({ at: Date.now(), name });
    return new Promise((resolve) => this.waiting.set(name, () => resolve(true)));
  }
  /** The armed page points of a site, as the page's pause.js reads them. */
  pagePoints(site) {
    return [...this.armed].filter((n) => PAGE_POINTS[n]?.site === site).map((at) => ({ at, ...PAGE_POINTS[at] }));
  }
  /** The armed server point `ctx` hits, if any. */
  serverPoint(site, ctx) {
    return [...this.armed].find((n) => SERVER_POINTS[n]?.site === site && SERVER_POINTS[n].match(ctx)) ?? null;
  }
}

const esc = (s) => String(s).replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[ch]));

/**
 * Puts the page points armed for `site` into the HTML page `res` is about to send (before
 * `</head>`, after the page's own deferred scripts, so pause.js sees the page's functions).
 * Nothing armed: `res` is left alone.
 */
export function servePagePoints(board, site, res) {
  const points = board.pagePoints(site);
  if (!points.length) return;
  const tags = `<meta name="replica-pause" content="${esc(JSON.stringify(points))}">\n<script src="/replica-assets/pause.js" defer></script>\n`;
  const end = res.end.bind(res);
  res.end = (chunk, ...rest) => {
    if (typeof chunk === 'string' && /^<!DOCTYPE html>/i.test(chunk) && chunk.includes('</head>')) chunk = chunk.replace('</head>', `${tags}</head>`);
    return end(chunk, ...rest);
  };
}

/** `GET /__tba_pause?at=<name>`: held while the point is armed, then 204. */
export async function pauseRequest(board, url, res) {
  await board.hold(url.searchParams.get('at') ?? '');
  res.writeHead(204, { 'cache-control': 'no-store' });
  res.end();
}
