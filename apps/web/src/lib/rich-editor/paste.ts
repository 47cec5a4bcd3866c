/**
 * Pasted HTML before the schema reads it. The schema's parse rules already drop what it has no place for (fonts,
 * colours, classes, spans); what needs help is Word: its lists are paragraphs (class MsoListParagraph…, style
 * `mso-list: l0 level2 lfo1`) with the bullet or number written as text inside conditional comments, and its
 * `<o:p>` elements. Those paragraphs become real nested `<ul>`/`<ol>` here; the markers and `<o:p>` go, and so
 * does any style sheet that came with the paste.
 */

const LIST_STYLE = /mso-list:\s*(l\d+)\s+level(\d+)/i;
const ORDERED_MARKER = /^\(?([0-9]{1,3}|[a-zA-Z]|[ivxlcdmIVXLCDM]{1,5})[.)]/;

interface ListParagraph {
  el: Element;
  level: number;
  ordered: boolean;
}

export function transformPastedHTML(html: string): string {
  if (!/<(style|meta|title|link|script)\b|mso-|MsoList|urn:schemas-microsoft-com|<o:p/i.test(html))
    return html;
  const doc = new DOMParser().parseFromString(html, 'text/html');
  // A document's own style sheet (Word, LibreOffice) would make its headings bold and its links underlined.
  for (const el of Array.from(doc.querySelectorAll('style, meta, title, link, script'))) el.remove();
  const markers = removeListMarkers(doc);
  for (const el of Array.from(doc.body.querySelectorAll('o\\:p'))) el.remove();
  removeComments(doc.body);
  // Runs of adjacent list paragraphs become one list each (nested by level).
  const paragraphs = Array.from(doc.body.querySelectorAll('p')).filter(isListParagraph);
  const done = new Set<Element>();
  for (const first of paragraphs) {
    if (done.has(first)) continue;
    const run: ListParagraph[] = [];
    let el: Element | null = first;
    while (el && el.tagName === 'P' && isListParagraph(el)) {
      const level = Number(LIST_STYLE.exec(el.getAttribute('style') ?? '')?.[2] ?? 1);
      run.push({ el, level, ordered: ORDERED_MARKER.test(markers.get(el) ?? '') });
      done.add(el);
      el = nextElement(el);
    }
    first.before(buildList(doc, run));
    for (const item of run) item.el.remove();
  }
  return doc.body.innerHTML;
}

function isListParagraph(el: Element): boolean {
  return /MsoListParagraph/i.test(el.className) || LIST_STYLE.test(el.getAttribute('style') ?? '');
}

function nextElement(el: Element): Element | null {
  let next = el.nextSibling;
  while (next && next.nodeType !== 1) {
    if (next.nodeType === 3 && next.textContent?.trim()) return null;
    next = next.nextSibling;
  }
  return next as Element | null;
}

/** Nested lists of the run's paragraphs; each paragraph's content goes into its <li>. */
function buildList(doc: Document, run: ListParagraph[]): Element {
  const root = doc.createElement(run[0].ordered ? 'ol' : 'ul');
  const stack: Array<{ list: Element; level: number }> = [{ list: root, level: run[0].level }];
  for (const item of run) {
    let top = stack[stack.length - 1];
    while (item.level < top.level && stack.length > 1) {
      stack.pop();
      top = stack[stack.length - 1];
    }
    if (item.level > top.level) {
      const parentItem = top.list.lastElementChild ?? top.list.appendChild(doc.createElement('li'));
      const nested = doc.createElement(item.ordered ? 'ol' : 'ul');
      parentItem.appendChild(nested);
      stack.push({ list: nested, level: item.level });
      top = stack[stack.length - 1];
    }
    const li = doc.createElement('li');
    const p = doc.createElement('p');
    while (item.el.firstChild) p.appendChild(item.el.firstChild);
    li.appendChild(p);
    top.list.appendChild(li);
  }
  return root;
}

/**
 * Removes the bullets and numbers Word writes as text (`<![if !supportLists]>…<![endif]>`, or a span styled
 * `mso-list: Ignore`) and returns each paragraph's marker text.
 */
function removeListMarkers(doc: Document): Map<Element, string> {
  const markers = new Map<Element, string>();
  const note = (node: Node, text: string) => {
    const p = (node.parentElement?.closest('p') ?? null) as Element | null;
    if (p && !markers.has(p)) markers.set(p, text.replace(/\u00a0/g, ' ').trim());
  };
  const walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_COMMENT);
  const starts: Comment[] = [];
  while (walker.nextNode()) {
    const c = walker.currentNode as Comment;
    if (/\[if !supportLists\]/i.test(c.data)) starts.push(c);
  }
  for (const start of starts) {
    let text = '';
    let node = start.nextSibling;
    while (node && !(node.nodeType === 8 && /\[endif\]/i.test((node as Comment).data))) {
      const next = node.nextSibling;
      text += node.textContent ?? '';
      node.parentNode?.removeChild(node);
      node = next;
    }
    note(start, text);
  }
  for (const span of Array.from(doc.body.querySelectorAll('span'))) {
    if (/mso-list:\s*ignore/i.test(span.getAttribute('style') ?? '')) {
      note(span, span.textContent ?? '');
      span.remove();
    }
  }
  return markers;
}

function removeComments(root: Node): void {
  const walker = root.ownerDocument!.createTreeWalker(root, NodeFilter.SHOW_COMMENT);
  const comments: Node[] = [];
  while (walker.nextNode()) comments.push(walker.currentNode);
  for (const c of comments) c.parentNode?.removeChild(c);
}
