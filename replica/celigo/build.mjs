// Builds the integrator.io replica's front end (React + Material UI, sources in ./src) with
// esbuild into ./build/<input hash>/ (git-ignored). `ensureCeligoBundle()` is what the replica
// server awaits at start: it hashes the inputs (the sources, this file, package-lock.json) and
// builds only when no bundle for that hash exists, so an up-to-date call costs a few ms.
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

async function build(hash) {
  const esbuild = await import('esbuild');
  const tmp = path.join(BUILD_DIR, `.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  await mkdir(BUILD_DIR, { recursive: true });
  try {
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
      define: { 'process.env.NODE_ENV': '"production"' },
      loader: { '.woff2': 'file', '.woff': 'file' },
      outdir: tmp,
      entryNames: '[name]-[hash]',
      assetNames: '[name]-[hash]',
      metafile: true,
      logLevel: 'silent',
    });
    const outputs = Object.keys(result.metafile.outputs).map((o) => path.basename(o));
    const manifest = {
      hash,
      js: outputs.find((o) => o.startsWith('app-') && o.endsWith('.js')),
      css: outputs.find((o) => o.startsWith('app-') && o.endsWith('.css')) ?? null,
    };
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

/** Builds the bundle when it is missing or stale; resolves to `{ hash, dir, js, css, built, ms }`. */
export function ensureCeligoBundle() {
  inflight ??= ensure().finally(() => { inflight = null; });
  return inflight;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const r = await ensureCeligoBundle();
  console.log(`${r.built ? 'built' : 'up to date'}: ${path.relative(ROOT, r.dir)} (${r.js}, ${r.css}) in ${r.ms} ms`);
}
