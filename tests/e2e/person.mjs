// A person at the keyboard: every action of a flow goes through here and is counted, so the
// benchmark can compare a flow done by hand with the same flow done with tba-assist. A click is
// one click; typing counts one keystroke per character, a shortcut one keystroke; copying a
// value (double-click to select it, Ctrl+C) is one copy/paste; pointing at a menu is a hover.
import { pressDoIt } from './guide.mjs';

const exact = (text) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`);

export class Person {
  constructor(page) {
    this.page = page;
    this.total = { clicks: 0, keystrokes: 0, copyPastes: 0, hovers: 0 };
    this.steps = {};
    this.step = null;
  }
  begin(step) { this.step = step; this.steps[step] ??= { clicks: 0, keystrokes: 0, copyPastes: 0, hovers: 0 }; }
  count(kind, n = 1) { this.total[kind] += n; if (this.step) this.steps[this.step][kind] += n; }
  async click(locator) { await locator.click(); this.count('clicks'); }
  async hover(locator) { await locator.hover(); this.count('hovers'); }
  async type(locator, text) { await locator.pressSequentially(text); this.count('keystrokes', text.length); }
  async press(key) { await this.page.keyboard.press(key); this.count('keystrokes'); }
  async copy(locator) {
    await locator.dblclick();
    const selected = await this.page.evaluate(() => getSelection().toString());
    await this.page.keyboard.press('Control+C');
    this.count('copyPastes');
    return selected.trim();
  }
  /** Pastes what was copied last into a field: one copy/paste was counted for the copy. */
  async paste(locator, value) { await locator.fill(value); }
  /** Opens a page by its address or a bookmark: one action, like a click on a link. */
  async open(url) { await this.page.goto(url); this.count('clicks'); }
  /** A click on a button that closes its own window (NetSuite's terms pop-up on I Agree): the
   * window may be gone before the click is acknowledged, which is the click having worked. */
  async clickClosing(popup, selector) {
    const closed = popup.waitForEvent('close');
    await popup.locator(selector).click().catch(async (e) => { await closed.catch(() => { throw e; }); });
    this.count('clicks');
    await closed;
  }
  /** Presses tba-assist's "Do it" in the page's highlight. */
  async doIt(label) { await pressDoIt(this.page, label); this.count('clicks'); }
  /** NetSuite's header menu: point at each level, click the last item. */
  async menu(...labels) {
    let scope = this.page.locator('#ns-header-menu-main');
    for (const [i, text] of labels.entries()) {
      const item = scope.locator(':scope > ul > li > a.ns-menuitem-text', { hasText: exact(text) });
      if (i < labels.length - 1) {
        await this.hover(item);
        scope = item.locator('xpath=..');
      } else await this.click(item);
    }
  }
  /**
   * A NetSuite dropdown, by its field name: click its text box (`[name="inpt_<name>"]`; its id
   * carries a page counter), then the option in the open `div.dropdownDiv` (plain divs).
   */
  async choose(name, text) {
    await this.click(this.page.locator(`[name="inpt_${name}"]:visible`));
    await this.click(this.page.locator('div.dropdownDiv > div', { hasText: exact(text) }));
  }
  /**
   * A Material UI select (Celigo, MUI v4 role="button" or v5 role="combobox"): it opens on
   * mousedown. Its menu is virtualized (about 6 rows in the DOM): when the option is not among
   * them, type its first letters (the menu's prefix search scrolls to it), then click it.
   */
  async chooseMui(dataTest, text) {
    // hover() waits until the select stops moving (the drawer slides in), then puts the mouse on it.
    await this.page.locator(`[data-test="${dataTest}"] [role="button"], [data-test="${dataTest}"] [role="combobox"]`).hover();
    await this.page.mouse.down();
    await this.page.waitForSelector('[role="listbox"] [role="menuitem"]');
    await this.page.mouse.up();
    this.count('clicks');
    // The accessible name leaves out the option's hidden "..." (its innerText, not textContent).
    const option = this.page.locator('[role="listbox"]').getByRole('menuitem', { name: text, exact: true });
    await this.page.locator('[role="listbox"] [role="menuitem"]').first().waitFor({ state: 'visible' });
    let typed = '';
    for (const ch of text) {
      if (await option.isVisible()) break;
      await this.page.keyboard.type(ch);
      this.count('keystrokes');
      typed += ch.toLowerCase();
      // The menu scrolls to the first option starting with what was typed.
      await this.page.waitForFunction((p) => [...document.querySelectorAll('[role="listbox"] [role="menuitem"]')].some((o) => o.innerText.toLowerCase().startsWith(p)), typed);
    }
    await this.click(option);
    await this.page.waitForSelector('[role="listbox"]', { state: 'detached' });
  }
  summary(extra) {
    const { clicks, keystrokes, copyPastes, hovers } = this.total;
    return { ...extra, clicks, keystrokes, copyPastes, hovers, actions: clicks + keystrokes + copyPastes, steps: this.steps };
  }
}
