// The replica sites: one local HTTPS server that answers for NetSuite's and Celigo's real host
// names (the browser maps them to 127.0.0.1 with --host-resolver-rules), so that the extension's
// own manifest match patterns decide what runs. Every response carries a strict CSP, as the real
// sites do, so a content script that tried to compile Wasm would fail here as it would there.
//
// The state of both sites lives in this process (`replica.state`) so tests can check it.
import https from 'node:https';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import selfsigned from 'selfsigned';
import { netsuiteHandler, netsuiteAccountOf, freshNetsuiteState } from './netsuite.mjs';
import { celigoHandler, celigoRegionOf, freshCeligoState } from './celigo.mjs';
import { ensureCeligoBundle } from './celigo/build.mjs';
import { PauseBoard, servePagePoints, pauseRequest } from './pause.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

export const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/** Host names tests map to the replica: the real ones, plus look-alikes that must get nothing. */
export const HOSTS = [
  '1234567.app.netsuite.com',
  '1234567-sb1.app.netsuite.com',
  'integrator.io',
  'eu.integrator.io',
  '1234567.app.netsuite.com.evil.test',
  'integrator.io.evil.test',
];

async function certificate() {
  // Generated at every start: no key is ever committed.
  const attrs = [{ name: 'commonName', value: 'tba-assist replica' }];
  const altNames = [
    { type: 2, value: '*.app.netsuite.com' },
    { type: 2, value: 'integrator.io' },
    { type: 2, value: 'eu.integrator.io' },
    { type: 2, value: '*.evil.test' },
  ];
  const pems = await selfsigned.generate(attrs, { keySize: 2048, days: 2, algorithm: 'sha256', extensions: [{ name: 'subjectAltName', altNames }] });
  return { key: pems.private, cert: pems.cert };
}

export function freshState() {
  // `pause`: the test knob of ./pause.mjs (nothing armed in a fresh state).
  return { netsuite: freshNetsuiteState(), celigo: freshCeligoState(), pause: new PauseBoard() };
}

const TYPES = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.map': 'application/json' };

async function asset(res, name) {
  const safe = path.basename(name);
  try {
    const body = await readFile(path.join(here, 'assets', safe));
    res.writeHead(200, { 'content-type': TYPES[path.extname(safe)] || 'application/octet-stream', 'cache-control': 'no-store' });
    res.end(body);
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  }
}

async function readBody(req) {
  const chunks = [];
  for await (const c of req) chunks.push(c);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Starts the replica on 127.0.0.1 (port 0 = any free port).
 * @returns {{ port: number, state: object, reset(): void, close(): Promise<void> }}
 */
export async function startReplica({ port = 0 } = {}) {
  await ensureCeligoBundle(); // the integrator.io app's bundle: built when missing or stale
  const replica = { state: freshState(), port: 0 };
  // A request still held at a pause point (a test that failed there) goes on with the old state.
  replica.reset = () => { replica.state.pause.releaseAll(); replica.state = freshState(); };
  const server = https.createServer(await certificate(), async (req, res) => {
    res.setHeader('content-security-policy', CSP);
    res.setHeader('x-content-type-options', 'nosniff');
    try {
      const host = (req.headers.host || '').replace(/:\d+$/, '').toLowerCase();
      const url = new URL(req.url, `https://${host}`);
      if (url.pathname.startsWith('/replica-assets/')) return await asset(res, url.pathname.slice('/replica-assets/'.length));
      const body = req.method === 'POST' || req.method === 'PUT' ? await readBody(req) : '';
      const ctx = { req, res, url, host, body, state: replica.state };
      const board = replica.state.pause;
      if (url.pathname === '/__tba_pause') return await pauseRequest(board, url, res);
      const account = netsuiteAccountOf(host);
      const region = account ? null : celigoRegionOf(host);
      const site = account ? 'netsuite' : region ? 'celigo' : null;
      if (site) {
        // Pause points (./pause.mjs): no-ops unless a test armed one.
        servePagePoints(board, site, res);
        const held = board.serverPoint(site, ctx);
        if (held) await board.hold(held);
      }
      if (account) return netsuiteHandler({ ...ctx, account });
      if (region) return celigoHandler({ ...ctx, region });
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end(`replica: unknown host ${host}`);
    } catch (e) {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`replica error: ${e.stack || e}`);
    }
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  replica.port = server.address().port;
  replica.close = () => new Promise((resolve) => { server.closeAllConnections?.(); server.close(() => resolve()); });
  return replica;
}
