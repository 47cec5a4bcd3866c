import type { Page } from 'playwright-core';

/** The draft's editor (ProseMirror's editable element). */
export const EDITOR = '.rich-text[contenteditable]';

/**
 * The editor's text, block by block (lines), as a reader sees it: without the Randnummern in the margin and
 * without others' cursors (widgets, not text) and without the zero-width marks tracked deletions leave.
 */
export async function editorText(page: Page): Promise<string> {
  return page.locator(EDITOR).evaluate((root) => {
    const copy = root.cloneNode(true) as unknown as {
      querySelectorAll(s: string): ArrayLike<{ remove(): void }>;
      children: ArrayLike<{ textContent: string | null; tagName: string }>;
    };
    for (const w of Array.from(copy.querySelectorAll('.rn, .remote-caret, .ProseMirror-widget'))) w.remove();
    return Array.from(copy.children)
      .map((el) => (el.textContent ?? '').replace(/[\u200b\u2060]/g, ''))
      .filter((line) => line.length > 0)
      .join('\n');
  });
}

/**
 * Puts the cursor at the start or end of the block holding `text`. Through the DOM selection, as a click would
 * (a click followed at once by Home or End races ProseMirror's own placing of the selection after the click).
 */
export async function caretAt(page: Page, text: string, where: 'start' | 'end'): Promise<void> {
  await page.locator(EDITOR).evaluate(
    (root, [wanted, side]) => {
      const doc = root.ownerDocument;
      const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
      while (walker.nextNode()) {
        const node = walker.currentNode as unknown as {
          data: string;
          parentElement: { closest(s: string): unknown };
        };
        if (!node.data.includes(wanted)) continue;
        const block = node.parentElement.closest('p, h2, h3, h4, li, td, th') as unknown as Parameters<
          Range['selectNodeContents']
        >[0];
        const range = doc.createRange();
        range.selectNodeContents(block);
        range.collapse(side === 'start');
        (root as unknown as { focus(): void }).focus();
        const sel = doc.getSelection()!;
        sel.removeAllRanges();
        sel.addRange(range);
        return;
      }
      throw new Error(`no "${wanted}" in the editor`);
    },
    [text, where] as const,
  );
  await page.waitForFunction(() => {
    const sel = document.getSelection();
    return !!sel && sel.isCollapsed;
  });
}

/**
 * Selects `text` in the editor as a person does with the keyboard: the cursor before it, then Shift+ArrowRight
 * over each character (the browser moves the selection, ProseMirror reads it).
 */
export async function selectText(page: Page, text: string): Promise<void> {
  await page.locator(EDITOR).evaluate((root, wanted) => {
    const doc = root.ownerDocument;
    const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
    while (walker.nextNode()) {
      const node = walker.currentNode as unknown as { data: string };
      const at = node.data.indexOf(wanted);
      if (at < 0) continue;
      (root as unknown as { focus(): void }).focus();
      const range = doc.createRange();
      range.setStart(walker.currentNode, at);
      range.collapse(true);
      const sel = doc.getSelection()!;
      sel.removeAllRanges();
      sel.addRange(range);
      return;
    }
    throw new Error(`no "${wanted}" in the editor`);
  }, text);
  for (let i = 0; i < text.length; i++) await page.keyboard.press('Shift+ArrowRight');
  await page.waitForFunction((wanted) => document.getSelection()?.toString() === wanted, text);
}
