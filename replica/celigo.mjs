// Celigo integrator.io replica: the single-page app's shell on every route, and the small part
// of the REST API the connection form uses. The real UI is React + Material UI; this first cut
// renders the NetSuite connection form with the same data-test ids and wording, in plain DOM
// (assets/celigo.js). Facts: ../shared/reference/netsuite-celigo-facts.md, section 4.

export function celigoRegionOf(host) {
  if (host === 'integrator.io' || host === 'integrator.io.evil.test') return 'us';
  if (host === 'eu.integrator.io') return 'eu';
  return null;
}

export function freshCeligoState() {
  return {
    connections: [
      { _id: 'c-netsuite-1', name: 'NetSuite (production)', type: 'netsuite', netsuite: { authType: 'basic', account: '', environment: 'production' } },
      { _id: 'c-jira-ns', name: 'NetSuite connection', type: 'netsuite', _connectorId: 'jira', _integrationId: 'i-jira', netsuite: { authType: 'basic', account: '', environment: 'production' } },
    ],
    iClients: [{ _id: 'ic-ht', name: 'SmartConnector (HT) NetSuite iClient', provider: 'netsuite' }],
    pings: [],
  };
}

function json(res, status, value) {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(value));
}

/** What the API returns for a connection: the secrets are write-only and come back masked. */
function publicConnection(c) {
  const ns = { ...c.netsuite };
  if (ns.tokenId) ns.tokenId = '******';
  if (ns.tokenSecret) ns.tokenSecret = '******';
  return { ...c, netsuite: ns };
}

const shell = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>integrator.io</title>
<link rel="stylesheet" href="/replica-assets/celigo.css">
<script src="/replica-assets/celigo.js" defer></script></head>
<body><div id="root"></div></body></html>`;

export function celigoHandler(ctx) {
  const { req, res, url, state } = ctx;
  const p = url.pathname;
  if (p.startsWith('/api/')) {
    const celigo = state.celigo;
    if (p === '/api/connections' && req.method === 'GET') return json(res, 200, celigo.connections.map(publicConnection));
    if (p === '/api/iclients' && req.method === 'GET') return json(res, 200, celigo.iClients);
    const one = /^\/api\/connections\/([^/]+)$/.exec(p);
    if (one) {
      const c = celigo.connections.find((x) => x._id === one[1]);
      if (!c) return json(res, 404, { errors: [{ message: 'Connection not found' }] });
      if (req.method === 'GET') return json(res, 200, publicConnection(c));
      if (req.method === 'PUT') {
        const body = JSON.parse(ctx.body || '{}');
        c.name = body.name ?? c.name;
        c.netsuite = { ...c.netsuite, ...body.netsuite };
        c.savedAt = Date.now();
        return json(res, 200, publicConnection(c));
      }
    }
    if (p === '/api/connections/ping' && req.method === 'POST') {
      const body = JSON.parse(ctx.body || '{}');
      const ok = pingNetsuite(ctx.state, body.netsuite || {});
      celigo.pings.push({ at: Date.now(), ok });
      return ok ? json(res, 200, { message: 'Your connection is working great! Nice Job!' }) : json(res, 400, { errors: [{ code: 'invalid_login', message: 'Invalid login attempt.' }] });
    }
    return json(res, 404, { errors: [{ message: 'Not found' }] });
  }
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(shell);
}

/** Test connection: the pair must be a live token the NetSuite replica minted for that account. */
function pingNetsuite(state, ns) {
  const acct = state.netsuite.accounts[String(ns.account || '').toUpperCase()];
  if (!acct || !acct.features.tba) return false;
  const envOk = (id) => (id.includes('_SB') ? ns.environment === 'sandbox2.0' || ns.environment === 'sandbox' : ns.environment === 'production');
  return acct.tokens.some((t) => !t.inactive && t.tokenId === ns.tokenId && t.tokenSecret === ns.tokenSecret && envOk(t.account));
}
