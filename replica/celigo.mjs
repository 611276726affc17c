// Celigo integrator.io replica: the single-page app's shell on every route, the app's static
// bundles (React + Material UI, built from ./celigo/src by ./celigo/build.mjs), and the part of
// the REST API the pages use. Facts: ../shared/reference/netsuite-celigo-facts.md, section 4, and
// ../shared/reference/real-site-evidence.md (which wins where they differ).
//
// State (`replica.state.celigo`): one state for both regions (integrator.io = 'us',
// eu.integrator.io = 'eu'); every save and ping records the region it came from.
//   ui           'mui4' | 'mui5': the UI generation the shell loads (CELIGO_UIS; default from
//                env TBA_CELIGO_UI, else 'mui5'); read on every page load
//   iaLayout     'settings' | 'tabs': an integration app's older Settings > Connections menu, or
//                today's tabs with Connections as a tab (same URLs in both)
//   dataTest     false: the page loses every data-test attribute as it renders (a release
//                without them); unset or true: Celigo's data-test attributes, as live
//   connections  [{ _id, name, type, netsuite: { authType, account, environment, tokenId,
//                  tokenSecret, _iClientId, wsdlVersion, … }, concurrencyLevel?, _connectorId?,
//                  _integrationId?, offline?, lastModified,
//                  savedAt?, savedCount?, savedRegion? }]   (secrets kept in clear here, masked in the API)
//   integrations [{ _id, name, _connectorId?, appName?, _registeredConnectionIds }]
//   iClients     [{ _id, name, provider }]
//   pings        [{ at, ok, connectionId, region, via: 'test' | 'save' }]
//   saves        [{ at, connectionId, region }]
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ensureCeligoBundle, celigoBundle, CELIGO_UIS } from './celigo/build.mjs';

export { CELIGO_UIS };
export const CELIGO_IA_LAYOUTS = ['settings', 'tabs'];

// ASSUMED: the app needs inline styles (emotion injects <style> elements); scripts stay strict.
export const CELIGO_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

export function celigoRegionOf(host) {
  if (host === 'integrator.io' || host === 'integrator.io.evil.test') return 'us';
  if (host === 'eu.integrator.io') return 'eu';
  return null;
}

// ASSUMED: ids shaped like the real ones (24 hex digits, MongoDB ObjectIds); names of the seed
// records are made up.
export const CELIGO_SEED = {
  netsuiteConnectionId: '64b7f0c2a1d3e40012ab0001', // plain "NetSuite connection"
  shopifyConnectionId: '64b7f0c2a1d3e40012ab0002',
  jiraNetsuiteConnectionId: '64b7f0c2a1d3e40012ab0003', // the Jira app's NetSuite connection
  jiraJiraConnectionId: '64b7f0c2a1d3e40012ab0004',
  ordersIntegrationId: '64b7f0c2a1d3e40012ab1001',
  jiraIntegrationId: '64b7f0c2a1d3e40012ab1002',
  jiraConnectorId: '64b7f0c2a1d3e40012ab2001',
  jiraAppName: 'JiraNetSuite',
  htIClientId: '64b7f0c2a1d3e40012ab3001', // "SmartConnector (HT) NetSuite iClient"
};

const defaultUi = () => {
  const ui = process.env.TBA_CELIGO_UI;
  if (!ui) return 'mui5';
  if (!CELIGO_UIS.includes(ui)) throw new Error(`TBA_CELIGO_UI=${ui}: expected one of ${CELIGO_UIS.join(', ')}`);
  return ui;
};

export function freshCeligoState() {
  const S = CELIGO_SEED;
  const when = '2024-03-14T15:09:26.535Z';
  const iClient = (n, name, provider = 'netsuite') => ({ _id: `64b7f0c2a1d3e40012ab30${String(n).padStart(2, '0')}`, name, provider });
  return {
    ui: defaultUi(),
    iaLayout: 'settings',
    connections: [
      {
        _id: S.netsuiteConnectionId, name: 'NetSuite connection', type: 'netsuite', lastModified: when,
        netsuite: { authType: 'basic', account: '1234567', environment: 'production', email: 'integration@example.com', password: 'old-password', wsdlVersion: '2020.2' },
      },
      { _id: S.shopifyConnectionId, name: 'Shopify connection', type: 'http', assistant: 'shopify', lastModified: when, http: { baseURI: 'https://acme.myshopify.com' } },
      {
        _id: S.jiraNetsuiteConnectionId, name: 'NetSuite connection (Jira - NetSuite)', type: 'netsuite', lastModified: when,
        _connectorId: S.jiraConnectorId, _integrationId: S.jiraIntegrationId,
        netsuite: { authType: 'basic', account: '', environment: '', email: 'integration@example.com', password: 'old-password', wsdlVersion: '2020.2' },
      },
      {
        _id: S.jiraJiraConnectionId, name: 'Jira connection (Jira - NetSuite)', type: 'http', assistant: 'jira', lastModified: when,
        _connectorId: S.jiraConnectorId, _integrationId: S.jiraIntegrationId, http: { baseURI: 'https://acme.atlassian.net' },
      },
    ],
    integrations: [
      { _id: S.ordersIntegrationId, name: 'NetSuite orders sync', flowCount: 3, _registeredConnectionIds: [S.netsuiteConnectionId, S.shopifyConnectionId] },
      { _id: S.jiraIntegrationId, name: 'Jira - NetSuite', _connectorId: S.jiraConnectorId, appName: S.jiraAppName, _registeredConnectionIds: [S.jiraNetsuiteConnectionId, S.jiraJiraConnectionId] },
    ],
    // ASSUMED: the account's other iClients (names made up, plausible). Enough of them sort
    // before the wanted one that it is not among the first rows the virtualized menu renders
    // (it is the 10th option, "Please select" first).
    iClients: [
      { _id: S.htIClientId, name: 'SmartConnector (HT) NetSuite iClient', provider: 'netsuite' },
      iClient(2, 'eTail SmartConnector NetSuite iClient'),
      iClient(3, 'Salesforce iClient', 'salesforce'),
      iClient(4, 'Amazon SmartConnector NetSuite iClient'),
      iClient(5, 'BigCommerce SmartConnector NetSuite iClient'),
      iClient(6, 'Celigo NetSuite iClient'),
      iClient(7, 'Jira SmartConnector NetSuite iClient'),
      iClient(8, 'Magento 2 SmartConnector NetSuite iClient'),
      iClient(9, 'Salesforce SmartConnector NetSuite iClient'),
      iClient(10, 'Shopify SmartConnector NetSuite iClient'),
      iClient(11, 'Zendesk SmartConnector NetSuite iClient'),
    ],
    pings: [],
    saves: [],
  };
}

function json(res, status, value) {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(value));
}

const MASK = '******';

/** What the API returns for a connection: the secrets are write-only and come back masked. */
function publicConnection(c) {
  const out = { ...c };
  if (c.netsuite) {
    const ns = { ...c.netsuite };
    for (const k of ['tokenId', 'tokenSecret', 'password']) if (ns[k]) ns[k] = MASK;
    out.netsuite = ns;
  }
  return out;
}

const esc = (s) => String(s).replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[ch]));

/** The shell of the state's UI generation; the replica's knobs travel as <meta name="replica-…">. */
function shell(bundle, celigo) {
  const ui = CELIGO_UIS.includes(celigo.ui) ? celigo.ui : 'mui5';
  const b = bundle.uis[ui];
  const layout = CELIGO_IA_LAYOUTS.includes(celigo.iaLayout) ? celigo.iaLayout : 'settings';
  const css = b.css ? `\n<link rel="stylesheet" href="/static/celigo/${ui}/${esc(b.css)}">` : '';
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>integrator.io</title>
<meta name="replica-ia-layout" content="${esc(layout)}">${css}${celigo.dataTest === false ? '\n<script src="/replica-assets/celigo-no-data-test.js"></script>' : ''}
<script src="/static/celigo/${ui}/${esc(b.js)}" defer></script></head>
<body><noscript>You need to enable JavaScript to run this app.</noscript><div id="root"></div></body></html>`;
}

const TYPES = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.woff2': 'font/woff2', '.woff': 'font/woff', '.json': 'application/json' };

async function staticFile(res, bundle, name) {
  const [ui, file] = name.split('/');
  const safe = path.basename(file ?? '');
  try {
    if (!CELIGO_UIS.includes(ui) || !safe) throw new Error('not found');
    const body = await readFile(path.join(bundle.dir, ui, safe));
    res.writeHead(200, { 'content-type': TYPES[path.extname(safe)] || 'application/octet-stream', 'cache-control': 'no-store' });
    res.end(body);
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  }
}

const ENVIRONMENTS = ['production', 'sandbox', 'sandbox2.0', 'beta'];
const WSDL_VERSIONS = ['next', '2020.2', '2018.1']; // ASSUMED: the versions the form offers
const REQUIRED = 'A value must be provided';

// ASSUMED: the API paths under /api (integrations, connections/<id>/iclients) and their shapes
// mirror the public REST API; the UI's own calls were not seen.

/**
 * PUT /api/connections/<id>: checks the form's required fields (nothing is stored when one is
 * missing: 422) and stores what the real API keeps. ASSUMED: a masked value ("******") means "unchanged".
 */
function saveConnection(celigo, c, body, region) {
  const errors = [];
  const missing = (field) => errors.push({ code: 'missing_required_field', field, message: REQUIRED });
  const name = typeof body.name === 'string' ? body.name.trim() : c.name;
  if (!name) missing('name');
  let netsuite = c.netsuite;
  if (c.type === 'netsuite') {
    const ns = body.netsuite ?? {};
    const keep = (k) => (ns[k] === MASK ? c.netsuite[k] : ns[k]);
    const auth = ns.authType ?? c.netsuite.authType;
    netsuite = { ...c.netsuite, authType: auth };
    if (auth === 'token') {
      const env = ns.environment;
      if (!ENVIRONMENTS.includes(env)) missing('netsuite.tokenEnvironment');
      const account = String(ns.account ?? '').trim().toUpperCase();
      if (!account) missing('netsuite.tokenAccount');
      const tokenId = keep('tokenId');
      const tokenSecret = keep('tokenSecret');
      if (!tokenId) missing('netsuite.tokenId');
      if (!tokenSecret) missing('netsuite.tokenSecret');
      Object.assign(netsuite, { environment: env, account, tokenId, tokenSecret, requestLevelCredentials: true });
    } else if (auth === 'token-auto') {
      const account = String(ns.account ?? '').trim().toUpperCase();
      if (!account) missing('netsuite.token.auto.account');
      netsuite.account = account;
    } else if (auth === 'basic') {
      // The schema rejects *new* basic connections (422 netsuite_wsdl_tba_mandatory); an
      // existing basic connection may still be saved as it is.
      if (c.netsuite.authType !== 'basic') errors.push({ code: 'netsuite_wsdl_tba_mandatory', field: 'netsuite.authType', message: 'Token-based authentication is mandatory for this WSDL version.' });
      Object.assign(netsuite, { email: ns.email ?? c.netsuite.email, password: keep('password') ?? c.netsuite.password });
    } else {
      missing('netsuite.authType');
    }
    if ('_iClientId' in ns) {
      const ic = ns._iClientId;
      if (ic && !celigo.iClients.some((i) => i._id === ic)) errors.push({ code: 'invalid_ref', field: 'netsuite._iClientId', message: 'iClient not found.' });
      netsuite._iClientId = ic || undefined;
    }
    if (c._connectorId && (auth === 'token' || auth === 'token-auto') && !netsuite._iClientId) missing('netsuite._iClientId');
    if ('wsdlVersion' in ns) {
      if (WSDL_VERSIONS.includes(ns.wsdlVersion)) netsuite.wsdlVersion = ns.wsdlVersion;
      else errors.push({ code: 'invalid_value', field: 'netsuite.wsdlVersion', message: 'Invalid WSDL version.' });
    }
  }
  let concurrencyLevel = c.concurrencyLevel;
  if ('concurrencyLevel' in body) {
    const level = body.concurrencyLevel;
    if (level === null || level === '') concurrencyLevel = undefined;
    else if (Number.isInteger(level) && level >= 1 && level <= 25) concurrencyLevel = level;
    else errors.push({ code: 'invalid_value', field: 'concurrencyLevel', message: 'Enter a whole number from 1 to 25.' });
  }
  if (errors.length) return { status: 422, body: { errors } };
  const at = Date.now();
  c.name = name;
  if (c.type === 'netsuite') c.netsuite = netsuite;
  if (concurrencyLevel === undefined) delete c.concurrencyLevel;
  else c.concurrencyLevel = concurrencyLevel;
  c.lastModified = new Date(at).toISOString();
  c.savedAt = at;
  c.savedCount = (c.savedCount ?? 0) + 1;
  c.savedRegion = region;
  celigo.saves.push({ at, connectionId: c._id, region });
  return { status: 200, body: publicConnection(c) };
}

function integrationConnections(celigo, integration) {
  return celigo.connections.filter((c) => c._integrationId === integration._id || integration._registeredConnectionIds?.includes(c._id));
}

/** The host's request handler (errors become a 500 here: the caller does not await it). */
export async function celigoHandler(ctx) {
  try {
    return await handle(ctx);
  } catch (e) {
    if (!ctx.res.headersSent) ctx.res.writeHead(500, { 'content-type': 'text/plain' });
    ctx.res.end(`replica error: ${e.stack || e}`);
  }
}

async function handle(ctx) {
  const { req, res, url, state, region } = ctx;
  res.setHeader('content-security-policy', CELIGO_CSP);
  const p = url.pathname;
  const celigo = state.celigo;

  if (p.startsWith('/static/celigo/')) return staticFile(res, celigoBundle() ?? (await ensureCeligoBundle()), p.slice('/static/celigo/'.length));

  if (p.startsWith('/api/')) {
    let m;
    if (p === '/api/connections' && req.method === 'GET') return json(res, 200, celigo.connections.map(publicConnection));
    if (p === '/api/iclients' && req.method === 'GET') return json(res, 200, celigo.iClients);
    if (p === '/api/integrations' && req.method === 'GET') return json(res, 200, celigo.integrations);
    if ((m = /^\/api\/integrations\/([^/]+)(\/connections)?$/.exec(p)) && req.method === 'GET') {
      const i = celigo.integrations.find((x) => x._id === m[1]);
      if (!i) return json(res, 404, { errors: [{ code: 'not_found', message: 'Integration not found' }] });
      return json(res, 200, m[2] ? integrationConnections(celigo, i).map(publicConnection) : i);
    }
    if (p === '/api/connections/ping' && req.method === 'POST') {
      const body = JSON.parse(ctx.body || '{}');
      const ok = pingNetsuite(state, body.netsuite || {});
      celigo.pings.push({ at: Date.now(), ok, connectionId: body._id ?? null, region, via: body.via === 'save' ? 'save' : 'test' });
      // ASSUMED: a ping takes a moment on the real service; long enough to see "Testing" and the
      // "Testing your connection..." snackbar with its Cancel.
      await new Promise((r) => setTimeout(r, 400));
      return ok
        ? json(res, 200, { message: 'Your connection is working great! Nice Job!' })
        : json(res, 400, { errors: [{ code: 'invalid_login', message: 'Invalid login attempt.' }] });
    }
    if ((m = /^\/api\/connections\/([^/]+)(\/iclients)?$/.exec(p))) {
      const c = celigo.connections.find((x) => x._id === m[1]);
      if (!c) return json(res, 404, { errors: [{ code: 'not_found', message: 'Connection not found' }] });
      if (m[2] && req.method === 'GET') return json(res, 200, celigo.iClients.filter((i) => i.provider === c.type));
      if (!m[2] && req.method === 'GET') return json(res, 200, publicConnection(c));
      if (!m[2] && req.method === 'PUT') {
        let body;
        try {
          body = JSON.parse(ctx.body || '{}');
        } catch {
          return json(res, 400, { errors: [{ code: 'invalid_json', message: 'Invalid JSON' }] });
        }
        const r = saveConnection(celigo, c, body, region);
        return json(res, r.status, r.body);
      }
    }
    return json(res, 404, { errors: [{ message: 'Not found' }] });
  }
  const bundle = celigoBundle() ?? (await ensureCeligoBundle());
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(shell(bundle, celigo));
}

/** Test connection: the pair must be a live token the NetSuite replica minted for that account. */
function pingNetsuite(state, ns) {
  const acct = state.netsuite.accounts[String(ns.account || '').toUpperCase()];
  if (!acct || !acct.features.tba) return false;
  const envOk = (id) => (id.includes('_SB') ? ns.environment === 'sandbox2.0' || ns.environment === 'sandbox' : ns.environment === 'production');
  return acct.tokens.some((t) => !t.inactive && t.tokenId === ns.tokenId && t.tokenSecret === ns.tokenSecret && envOk(t.account));
}
