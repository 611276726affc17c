// `cargo xtask demo`: the replicas and Chromium with tba-assist loaded, so a person can try the
// whole flow without a NetSuite account. With a display it opens the browser and waits; without
// one (or with --headless) it plays both seed flows and writes a screenshot of each step, of the
// page and of the side panel, under dist/demo/.
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { launch, DIST, NS, CELIGO } from './harness.mjs';
import { Person } from './person.mjs';
import { PLAYBOOKS, choosePlaybook, netsuiteWithAssist, celigoWithAssist, saveOnPage } from './flows.mjs';

const OUT = path.resolve(DIST, '../demo');
const headless = process.argv.includes('--headless') || !process.env.DISPLAY || process.env.CI;

async function scripted() {
  await rm(OUT, { recursive: true, force: true });
  await mkdir(OUT, { recursive: true });
  const env = await launch();
  try {
    const panel = await env.panel();
    await panel.setViewportSize({ width: 400, height: 900 });
    let n = 0;
    for (const pb of Object.values(PLAYBOOKS)) {
      env.replica.reset();
      await env.resetExtension();
      const page = await env.context.newPage();
      await page.setViewportSize({ width: 1280, height: 800 });
      const me = new Person(page);
      await choosePlaybook(env, me, pb.id);
      const shot = async (name) => {
        n += 1;
        const base = path.join(OUT, `${String(n).padStart(2, '0')}-${pb.id}-${name}`);
        await page.screenshot({ path: `${base}.png` });
        await panel.reload();
        await panel.waitForSelector('#steps');
        await panel.screenshot({ path: `${base}-panel.png`, fullPage: true });
      };
      await netsuiteWithAssist(page, me, pb, NS, shot);
      const tested = await celigoWithAssist(page, me, pb, CELIGO, shot);
      if (tested.tone !== 'success') throw new Error(`the ${pb.id} test failed: ${tested.message}`);
      await saveOnPage(page, me, shot);
      const s = me.summary({});
      console.log(`${pb.id}: done with ${s.clicks} clicks, ${s.keystrokes} keystrokes, ${s.copyPastes} copy/pastes`);
      await page.close();
    }
    console.log(`screenshots: ${OUT}`);
  } finally {
    await env.close();
  }
}

async function interactive() {
  const env = await launch({ headless: false });
  const page = await env.context.newPage();
  await page.goto(`${NS}/app/center/card.nl`);
  await env.panel();
  console.log([
    'tba-assist demo: Chromium is open with the extension and the replica sites.',
    `  NetSuite: ${NS}/app/center/card.nl (also https://1234567-sb1.app.netsuite.com)`,
    `  Celigo:   ${CELIGO}/connections`,
    'Open the side panel with the toolbar button (or use the side panel tab), pick a connector, and follow it.',
    'Close the browser to stop.',
  ].join('\n'));
  await new Promise((resolve) => env.context.on('close', resolve));
  await env.close();
}

await (headless ? scripted() : interactive());
