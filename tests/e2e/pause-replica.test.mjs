// The replica's pause knob (replica/pause.mjs) on its own, over HTTPS without a browser: off, the
// pages are served as ever; armed, a page carries its points and the server holds a pause (or
// an answer) until released, once. restart.test.mjs relies on all of it.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import https from 'node:https';
import { startReplica } from '../../replica/server.mjs';

let replica;
before(async () => { replica = await startReplica(); });
after(async () => { await replica?.close(); });
beforeEach(() => replica.reset());

/** One request to the replica as `host`; resolves to { status, body }. */
function request(host, path, { method = 'GET', body } = {}) {
  return new Promise((resolve, reject) => {
    const req = https.request({ host: '127.0.0.1', port: replica.port, path, method, headers: { host, 'content-type': 'application/json' }, rejectUnauthorized: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}
const NS = '1234567.app.netsuite.com';
const CELIGO = 'integrator.io';
/** Whether `promise` has settled, without waiting for it. */
const settled = async (promise) => Promise.race([promise.then(() => true, () => true), Promise.resolve().then(() => false)]);
const until = async (predicate) => { while (!predicate()) await new Promise((r) => setImmediate(r)); };

test('nothing armed: no page carries pause.js, a pause request is answered at once', async () => {
  for (const [host, path] of [[NS, '/app/setup/features.nl?whence='], [CELIGO, '/connections']]) {
    const page = await request(host, path);
    assert.equal(page.status, 200);
    assert.ok(!page.body.includes('replica-pause') && !page.body.includes('pause.js'), `${host}${path} is served as without the knob`);
  }
  assert.equal((await request(NS, '/__tba_pause?at=ns-tba-click')).status, 204);
  assert.deepEqual(replica.state.pause.hits, []);
});

test('an armed page point travels in its site\'s pages only, and holds its pause request once until released', async () => {
  const board = replica.state.pause;
  board.arm('celigo-fill-token-id');
  assert.ok(!(await request(NS, '/app/setup/features.nl?whence=')).body.includes('replica-pause'), 'not on NetSuite');
  const shell = (await request(CELIGO, '/connections')).body;
  assert.match(shell, /<meta name="replica-pause" content="[^"]*celigo-fill-token-id[^"]*">\n<script src="\/replica-assets\/pause.js" defer><\/script>\n<\/head>/);
  const held = request(CELIGO, '/__tba_pause?at=celigo-fill-token-id');
  await until(() => board.holding('celigo-fill-token-id'));
  assert.equal(await settled(held), false, 'held until released');
  board.release('celigo-fill-token-id');
  assert.equal((await held).status, 204);
  // Once: the point is spent, the next page does not carry it and a second pause passes.
  assert.ok(!(await request(CELIGO, '/connections')).body.includes('replica-pause'));
  assert.equal((await request(CELIGO, '/__tba_pause?at=celigo-fill-token-id')).status, 204);
  assert.deepEqual(board.hits.map((h) => h.name), ['celigo-fill-token-id']);
});

test('an armed server point delays that answer only (Test connection, not the ping of Save)', async () => {
  const board = replica.state.pause;
  board.arm('celigo-test');
  const ping = (via) => request(CELIGO, '/api/connections/ping', { method: 'POST', body: JSON.stringify({ _id: 'x', via, netsuite: {} }) });
  assert.equal((await ping('save')).status, 400, 'the ping of Save passes');
  const test = ping(undefined);
  await until(() => board.holding('celigo-test'));
  assert.equal(replica.state.celigo.pings.filter((p) => p.via === 'test').length, 0, 'not yet handled');
  board.release('celigo-test');
  assert.equal((await test).status, 400);
  assert.equal(replica.state.celigo.pings.filter((p) => p.via === 'test').length, 1);
});

test('reset lets a held request go, and unknown points are refused', async () => {
  const board = replica.state.pause;
  board.arm('celigo-save');
  const put = request(CELIGO, '/api/connections/64b7f0c2a1d3e40012ab0001', { method: 'PUT', body: JSON.stringify({ name: 'x' }) });
  await until(() => board.holding('celigo-save'));
  replica.reset();
  assert.equal((await put).status, 200);
  assert.throws(() => replica.state.pause.arm('nowhere'), /unknown pause point nowhere/);
});
