// Reading and pressing the extension's in-page highlight. It lives in a closed shadow root, out
// of reach of the page and of Playwright's selectors; the DevTools protocol can still see it
// (`pierce`), which is how a test plays the person who reads it and presses "Do it".
import { until } from './harness.mjs';

async function guideRoot(cdp) {
  const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
  const stack = [root];
  while (stack.length) {
    const n = stack.pop();
    if (n.nodeName === 'TBA-ASSIST-GUIDE') return n.shadowRoots?.[0] ?? null;
    for (const c of [...(n.children ?? []), ...(n.shadowRoots ?? [])]) stack.push(c);
  }
  return null;
}

function text(node) {
  if (!node) return '';
  if (node.nodeType === 3) return node.nodeValue;
  return (node.children ?? []).map(text).join('');
}

function byClass(node, cls) {
  if (!node) return null;
  const attrs = node.attributes ?? [];
  for (let i = 0; i < attrs.length; i += 2) {
    if (attrs[i] === 'class' && attrs[i + 1].split(/\s+/).includes(cls)) return node;
  }
  for (const c of node.children ?? []) {
    const hit = byClass(c, cls);
    if (hit) return hit;
  }
  return null;
}

function attr(node, name) {
  const attrs = node?.attributes ?? [];
  for (let i = 0; i < attrs.length; i += 2) if (attrs[i] === name) return attrs[i + 1];
  return null;
}

/** The highlight of `page` as a person reads it: title, message, tone, Do it label, HTML. */
export async function readGuide(page) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const root = await guideRoot(cdp);
    if (!root) return null;
    const card = byClass(root, 'card');
    const doit = byClass(root, 'doit');
    const { outerHTML } = await cdp.send('DOM.getOuterHTML', { nodeId: root.nodeId }).catch(() => ({ outerHTML: '' }));
    return {
      title: text(byClass(root, 'title')),
      message: text(byClass(root, 'msg')),
      tone: (attr(card, 'class') || '').replace('card', '').trim(),
      doIt: doit && attr(doit, 'hidden') === null ? text(doit) : null,
      doItNode: doit?.nodeId,
      html: outerHTML,
    };
  } finally {
    await cdp.detach().catch(() => {});
  }
}

/** Waits until the highlight satisfies `predicate` and returns it. */
export async function waitGuide(page, predicate, what) {
  let last = null;
  try {
    return await until(async () => {
      last = await readGuide(page).catch(() => null);
      return last && predicate(last) ? last : null;
    }, what);
  } catch (e) {
    throw new Error(`${e.message}; the highlight says: ${last ? `${last.title}: ${last.message}` : 'nothing'}`);
  }
}

/** Presses the highlight's "Do it" as a person does: a real mouse click at its position. */
export async function pressDoIt(page, label) {
  await waitGuide(page, (g) => g.doIt === label, `a "${label}" button in the highlight`);
  const cdp = await page.context().newCDPSession(page);
  try {
    // Node ids belong to one DevTools session: find the button again in this one.
    const doit = byClass(await guideRoot(cdp), 'doit');
    const { model } = await cdp.send('DOM.getBoxModel', { nodeId: doit.nodeId });
    const [x1, y1, , , x3, y3] = model.border;
    await page.mouse.click((x1 + x3) / 2, (y1 + y3) / 2);
  } finally {
    await cdp.detach().catch(() => {});
  }
}
