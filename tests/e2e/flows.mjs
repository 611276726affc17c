// The seed flows done WITH tba-assist, as a person would: open the step's page (the side panel's
// link), press "Do it" in the page's highlight, and make the decisions (I Agree, Save) oneself.
// Used by the end-to-end tests and by `cargo xtask demo`, which screenshots every step.
import { waitGuide } from './guide.mjs';
import { CELIGO_SEED as S } from '../../replica/celigo.mjs';

export const PLAYBOOKS = {
  'integrator-io': {
    id: 'integrator-io',
    roleToClone: 'Celigo integrator.io Full Access w/o 2FA [Locked]',
    cloneName: 'CeligoIntegratorIoTBA',
    user: 'Ivy Integration',
    application: 'Integrator.io (Token-based Auth)',
    connectionsPath: '/connections',
    connectionName: 'NetSuite connection',
    connectionId: S.netsuiteConnectionId,
  },
  'jira-smartconnector': {
    id: 'jira-smartconnector',
    roleToClone: 'Celigo Jira Connector',
    cloneName: 'CeligoJiraTBA',
    user: 'Ivy Integration',
    application: 'High Tech Connectors Token-based Auth',
    connectionsPath: `/integrationapps/${S.jiraAppName}/${S.jiraIntegrationId}/connections`,
    connectionName: 'NetSuite connection (Jira - NetSuite)',
    connectionId: S.jiraNetsuiteConnectionId,
    iClientId: S.htIClientId,
  },
};

const says = (re) => (g) => re.test(g.message);

/** NetSuite's Save as a person sees it: the record pages' multi-button, or the setup pages' one. */
export const nsSave = (page) => page.locator('#btn_multibutton_submitter:visible, #submitter:visible').first();

/** Picks the playbook in the side panel, as the person does first. */
export async function choosePlaybook(env, me, id) {
  const panel = await env.panel();
  await panel.waitForSelector('#playbook');
  await panel.selectOption('#playbook', id);
  me.count('clicks');
  await panel.waitForFunction((v) => document.querySelector('#playbook')?.value === v, id);
  await panel.close();
}

/** Steps A to D and the capture, on NetSuite account `base`; `shot(name)` records a step. */
export async function netsuiteWithAssist(page, me, pb, base, shot = async () => {}) {
  me.begin('enable_tba');
  await me.open(`${base}/app/setup/features.nl?whence=`);
  await waitGuide(page, (g) => g.doIt === 'Tick it for me', 'the offer to tick TBA');
  await shot('enable-features');
  // NetSuite shows its terms in a pop-up window of its own: accepting them is the person's.
  const opened = page.context().waitForEvent('page');
  await me.doIt('Tick it for me');
  const terms = await opened;
  await waitGuide(page, says(/separate window/), 'the word about the terms window');
  await shot('terms');
  await me.clickClosing(terms, '#agree');
  await waitGuide(page, says(/Click Save/), 'the pointer at Save');
  await me.click(nsSave(page));
  await waitGuide(page, (g) => g.tone === 'success' && /is on/.test(g.message), 'TBA on');
  await shot('tba-on');

  me.begin('clone_role');
  await me.open(`${base}/app/setup/rolelist.nl?whence=`);
  await me.doIt('Open Customize');
  await page.waitForURL(/\/app\/setup\/role\.nl\?id=\d+&e=T&cp=T/);
  await me.doIt('Name it');
  await waitGuide(page, says(new RegExp(`named ${pb.cloneName}.*click Save`)), 'the role named');
  await shot('role-named');
  await me.click(nsSave(page));
  await waitGuide(page, (g) => g.tone === 'success', 'the role saved');

  me.begin('assign_role');
  await me.open(`${base}/app/setup/listusers.nl?whence=`);
  await me.click(page.getByRole('link', { name: pb.user, exact: true }));
  await me.doIt('Edit');
  await page.waitForURL(/\/app\/common\/entity\/employee\.nl\?id=\d+&e=T/);
  await me.doIt('Add the role');
  await waitGuide(page, says(/is in the list\. Click Save/), 'the role in the sublist');
  await shot('role-added');
  await me.click(nsSave(page));
  await waitGuide(page, (g) => g.tone === 'success', 'the user saved with the role');

  me.begin('create_token');
  await me.open(`${base}/app/setup/accesstoken.nl?whence=`);
  await me.doIt('Fill the form');
  await waitGuide(page, says(/keep the proposed Token Name, then click Save/), 'the token form filled');
  await shot('token-form');
  await me.click(nsSave(page));
  me.begin('capture_token');
  const taken = await waitGuide(page, (g) => g.title === 'Token taken', 'the token taken');
  await shot('token-taken');
  return taken;
}

/** The Celigo part: open the connection, Do it (fill and test), Save. */
export async function celigoWithAssist(page, me, pb, celigoBase, shot = async () => {}) {
  me.begin('fill_connection');
  await me.open(`${celigoBase}${pb.connectionsPath}`);
  await me.click(page.locator(`[data-test="editConnection"][aria-label="Edit ${pb.connectionName}"]`));
  await waitGuide(page, (g) => g.doIt === 'Fill and test', 'the Fill and test button');
  await shot('celigo-form');
  await me.doIt('Fill and test');
  const tested = await waitGuide(page, (g) => g.tone !== 'info', 'the test outcome');
  await shot('celigo-tested');
  return tested;
}

/** Saving after a passing test, on the page, as the person decides. */
export async function saveOnPage(page, me, shot = async () => {}) {
  await me.click(page.locator('[data-test="save"]'));
  const saved = await waitGuide(page, says(/erased/), 'the save noticed');
  await shot('celigo-saved');
  return saved;
}
