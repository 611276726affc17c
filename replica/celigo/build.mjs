// Builds the integrator.io replica's front end (React + Material UI, sources in ./src) with
// esbuild into ./build/<input hash>/<ui>/ (git-ignored), once per UI generation (CELIGO_UIS):
//   mui4  ./src/mui/v4.js: @material-ui/core 4 on React 17 (react, react-dom aliased to the
//         react17, react-dom17 packages for every import of the bundle, node_modules included)
//   mui5  ./src/mui/v5.js: @mui/material 5 on React 18
// The sources import their components from `celigo-ui`, an alias for one of the two modules.
// `ensureCeligoBundle()` is what the replica server awaits at start: it hashes the inputs (the
// sources, this file, package-lock.json) and builds only when no bundle for that hash exists, so
// an up-to-date call costs a few ms.
// Several processes may call it at once (node --test runs files in parallel): each builds into
// its own temporary folder and renames it into place; the loser of the race drops its copy.
//
// Run by hand: `node replica/celigo/build.mjs` (prints what it did).
import { createHash, randomBytes } from 'node:crypto';
import { readFile, readdir, rename, rm, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(here, '../..');
const SRC = path.join(here, 'src');
export const BUILD_DIR = path.join(here, 'build');

async function listFiles(dir) {
  const out = [];
  for (const e of (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(p)));
    else out.push(p);
  }
  return out;
}

async function inputHash() {
  const h = createHash('sha256');
  const files = [...(await listFiles(SRC)), fileURLToPath(import.meta.url), path.join(ROOT, 'package-lock.json')];
  for (const f of files) {
    h.update(path.relative(ROOT, f)).update('\0').update(await readFile(f)).update('\0');
  }
  return h.digest('hex').slice(0, 16);
}

let current = null; // { hash, dir, js, css }
let inflight = null;

/** The bundle the last `ensureCeligoBundle()` settled on (null before the first call). */
export function celigoBundle() {
  return current;
}

export const CELIGO_UIS = ['mui4', 'mui5'];

const GENERATIONS = {
  mui4: { ui: path.join(SRC, 'mui/v4.js'), alias: { react: 'react17', 'react-dom': 'react-dom17' } },
  mui5: { ui: path.join(SRC, 'mui/v5.js'), alias: {} },
};

async function buildOne(esbuild, ui, outdir) {
  const g = GENERATIONS[ui];
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: { app: path.join(SRC, 'index.jsx') },
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['chrome110'],
    jsx: 'automatic',
    charset: 'utf8',
    legalComments: 'none',
    sourcemap: false,
    alias: { 'celigo-ui': g.ui, ...g.alias },
    define: { 'process.env.NODE_ENV': '"production"' },
    loader: { '.woff2': 'file', '.woff': 'file' },
    outdir,
    entryNames: '[name]-[hash]',
    assetNames: '[name]-[hash]',
    metafile: true,
    logLevel: 'silent',
  });
  const outputs = Object.keys(result.metafile.outputs).map((o) => path.basename(o));
  // The React the bundle really holds (a check that the aliases took).
  const react = [...new Set(Object.keys(result.metafile.inputs).map((i) => /(?:^|\/)node_modules\/(react(?:-dom)?(?:17)?)\/cjs\//.exec(i)?.[1]).filter(Boolean))].sort();
  return {
    js: outputs.find((o) => o.startsWith('app-') && o.endsWith('.js')),
    css: outputs.find((o) => o.startsWith('app-') && o.endsWith('.css')) ?? null,
    react,
  };
}

async function build(hash) {
  const esbuild = await import('esbuild');
  const tmp = path.join(BUILD_DIR, `.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  await mkdir(BUILD_DIR, { recursive: true });
  try {
    const built = await Promise.all(CELIGO_UIS.map((ui) => buildOne(esbuild, ui, path.join(tmp, ui))));
    const manifest = { hash, uis: Object.fromEntries(CELIGO_UIS.map((ui, i) => [ui, built[i]])) };
    await writeFile(path.join(tmp, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
    const dir = path.join(BUILD_DIR, hash);
    try {
      await rename(tmp, dir);
    } catch (e) {
      if (!['ENOTEMPTY', 'EEXIST'].includes(e.code)) throw e; // another process got there first
    }
    return manifest;
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

async function ensure() {
  const started = performance.now();
  const hash = await inputHash();
  const dir = path.join(BUILD_DIR, hash);
  let manifest;
  let built = false;
  try {
    manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8'));
  } catch {
    manifest = await build(hash);
    built = true;
    // Drop bundles of older inputs (best effort; a temporary folder of a live build is kept).
    for (const name of await readdir(BUILD_DIR).catch(() => [])) {
      if (name !== hash && !name.startsWith('.tmp-')) await rm(path.join(BUILD_DIR, name), { recursive: true, force: true }).catch(() => {});
    }
  }
  current = { ...manifest, dir };
  return { ...current, built, ms: Math.round(performance.now() - started) };
}

/**
 * Builds both bundles when missing or stale; resolves to `{ hash, dir, uis, built, ms }`, where
 * `uis[ui]` is `{ js, css, react }` and the files are in `<dir>/<ui>/`.
 */
export function ensureCeligoBundle() {
  inflight ??= ensure().finally(() => { inflight = null; });
  return inflight;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const r = await ensureCeligoBundle();
  const what = CELIGO_UIS.map((ui) => `${ui}: ${r.uis[ui].js}, ${r.uis[ui].css}, ${r.uis[ui].react.join('+')}`).join('; ');
  console.log(`${r.built ? 'built' : 'up to date'}: ${path.relative(ROOT, r.dir)} (${what}) in ${r.ms} ms`);
}
