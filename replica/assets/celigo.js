// integrator.io replica front end (first cut, plain DOM; see celigo.mjs). Routes as the real app.
(() => {
  'use strict';
  const root = document.getElementById('root');
  const h = (tag, attrs = {}, ...kids) => {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null) el.setAttribute(k, v);
    for (const k of kids) el.append(k);
    return el;
  };
  const api = (path, opts = {}) => fetch(`/api${path}`, { headers: { 'content-type': 'application/json' }, ...opts }).then(async (r) => ({ ok: r.ok, body: await r.json() }));

  function field(dataTest, label, input, help) {
    return h('div', { 'data-test': dataTest, class: 'field' }, h('label', { for: input.id }, label), input, help ? h('p', { class: 'help' }, help) : '');
  }
  function text(id, name, type = 'text', value = '') {
    const i = h('input', { id, name, type, autocomplete: 'off' });
    i.value = value;
    return i;
  }
  function select(id, options, value) {
    const s = h('select', { id });
    for (const [v, t] of options) { const o = h('option', { value: v }, t); if (v === value) o.selected = true; s.append(o); }
    return s;
  }

  async function editForm(id) {
    const { ok, body: c } = await api(`/connections/${id}`);
    if (!ok) { root.replaceChildren(h('p', {}, 'Connection not found')); return; }
    const ns = c.netsuite || {};
    const auth = select('authType', [['', 'Please select'], ['token-auto', 'Token Based Auth (Automatic)'], ['token', 'Token Based Auth (Manual)']], ns.authType === 'basic' ? '' : ns.authType);
    const env = select('tokenEnvironment', [['production', 'Production'], ['sandbox2.0', 'Sandbox2.0'], ['beta', 'Beta']], ns.environment);
    const account = text('tokenAccount', '/netsuite/tokenAccount', 'text', ns.account || '');
    const tokenId = text('tokenId', '/netsuite/tokenId', 'password');
    const tokenSecret = text('tokenSecret', '/netsuite/tokenSecret', 'password');
    const status = h('div', { id: 'status', role: 'status' });
    const note = 'Note: for security reasons this field must always be re-entered.';
    const payload = () => ({ name: c.name, netsuite: { authType: auth.value, environment: env.value, account: account.value.toUpperCase(), tokenId: tokenId.value, tokenSecret: tokenSecret.value } });
    const test = h('button', { type: 'button', 'data-test': 'test' }, 'Test connection');
    test.addEventListener('click', async () => {
      const r = await api('/connections/ping', { method: 'POST', body: JSON.stringify(payload()) });
      status.textContent = r.ok ? r.body.message : `Your test was not successful. Check your information and try again. ${r.body.errors[0].message}`;
    });
    const save = h('button', { type: 'button', 'data-test': 'save' }, 'Save');
    save.addEventListener('click', async () => {
      const r = await api(`/connections/${id}`, { method: 'PUT', body: JSON.stringify(payload()) });
      status.textContent = r.ok ? 'Saved' : 'Save failed';
    });
    root.replaceChildren(h('div', { class: 'drawer', role: 'dialog', 'aria-label': 'Edit connection' },
      h('h2', {}, 'Edit connection'),
      field('name', 'Name', text('name', '/name', 'text', c.name)),
      field('netsuite.authType', 'Authentication type', auth),
      field('netsuite.tokenEnvironment', 'Environment', env),
      field('netsuite.tokenAccount', 'Account ID', account),
      field('netsuite.tokenId', 'Token ID', tokenId, note),
      field('netsuite.tokenSecret', 'Token secret', tokenSecret, note),
      h('div', { class: 'actions' }, test, save, h('button', { type: 'button', 'data-test': 'cancel' }, 'Close')),
      status));
  }

  async function list() {
    const { body } = await api('/connections');
    root.replaceChildren(h('h1', {}, 'Connections'), h('ul', {}, ...body.map((c) => h('li', {}, c.name, ' ', h('a', { href: `/connections/edit/connections/${c._id}`, 'aria-label': `Edit ${c.name}` }, '✎')))));
  }

  const m = /\/edit\/connections\/([^/]+)$/.exec(location.pathname);
  if (m) editForm(m[1]); else list();
})();
