// The UI talks to the API on its own host under /api, as integrator.io does.
import { useEffect, useState } from 'react';
import { useStore } from './store.js';

export async function api(path, { method = 'GET', body, signal } = {}) {
  const r = await fetch(`/api${path}`, {
    method,
    signal,
    headers: body === undefined ? undefined : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  let data = null;
  try {
    data = await r.json();
  } catch {
    data = null;
  }
  return { ok: r.ok, status: r.status, body: data };
}

// A data version: bumped after a save so that lists under the drawer fetch again.
let version = 0;
const listeners = new Set();
export function dataChanged() {
  version += 1;
  for (const l of listeners) l();
}
const subscribe = (cb) => { listeners.add(cb); return () => listeners.delete(cb); };
function useVersion() {
  return useStore(subscribe, () => version);
}

/** GET `path` (refetched when the path or the data version changes): `{ loading, data, error }`. */
export function useResource(path) {
  const v = useVersion();
  const [state, setState] = useState({ loading: true, data: null, error: null, path });
  useEffect(() => {
    if (!path) return undefined;
    let live = true;
    setState((s) => (s.path === path ? s : { loading: true, data: null, error: null, path }));
    api(path).then((r) => {
      if (live) setState({ loading: false, data: r.ok ? r.body : null, error: r.ok ? null : (r.body?.errors?.[0]?.message ?? `HTTP ${r.status}`), path });
    });
    return () => { live = false; };
  }, [path, v]);
  return state.path === path ? state : { loading: true, data: null, error: null, path };
}
