/**
 * What the browser benchmark runs inside the page (added with `addInitScript`, so it is there before the app's
 * first script). Plain JavaScript in a string: the server's TypeScript build has no DOM types.
 *
 * window.__bench:
 * - `marks`: when (ms since the epoch: performance.timeOrigin + performance.now()) the editor (`EDITOR`) was first
 *   in the DOM, and when its last block held END (the whole document rendered); checked once per frame.
 * - keystroke latency: a keydown (capture phase, on the document) while `armed` queues {t: event.timeStamp —
 *   when the browser created the event, so time spent waiting for a busy main thread counts}. The block the
 *   selection is in and the length its text must reach are noted. A MutationObserver on the editor (created after
 *   ProseMirror's own, so it runs after ProseMirror has read the DOM change and dispatched its transaction, with
 *   y-prosemirror's update of the Y.Doc) takes each queued key off once that block's text is long enough:
 *   `dom` = keydown → that callback; `paint` = keydown → a message posted from the next animation frame, which
 *   runs after that frame's style, layout and paint (the usual next-paint approximation).
 * - `longTasks`: main-thread tasks over 50 ms (PerformanceObserver), while armed.
 */
export const PROBE = String.raw`
(() => {
  const EDITOR = '.ProseMirror[contenteditable="true"]';
  const END = __END__;
  const epoch = () => performance.timeOrigin + performance.now();
  const b = (window.__bench = {
    marks: {},
    armed: false,
    pending: [],
    lat: [],
    missed: 0,
    longTasks: [],
    editor: null,
  });
  const channel = new MessageChannel();
  const paintWaiters = [];
  channel.port1.onmessage = () => {
    const t = performance.now();
    for (const w of paintWaiters.splice(0)) w(t);
  };
  function topBlock(node) {
    const root = b.editor;
    if (!root || !node) return null;
    let el = node.nodeType === 1 ? node : node.parentNode;
    while (el && el.parentNode !== root) el = el.parentNode;
    return el && el.parentNode === root ? el : null;
  }
  function selectedBlock() {
    const sel = document.getSelection();
    return sel && sel.anchorNode ? topBlock(sel.anchorNode) : null;
  }
  const textLength = (el) => (el.textContent || '').length;
  function check() {
    const t = performance.now();
    while (b.pending.length) {
      const k = b.pending[0];
      let block = k.block && k.block.isConnected ? k.block : selectedBlock();
      if (!block || textLength(block) < k.want) break;
      b.pending.shift();
      const rec = { dom: t - k.t, queued: k.handled - k.t, paint: null, at: performance.timeOrigin + t };
      b.lat.push(rec);
      paintWaiters.push((tp) => (rec.paint = tp - k.t));
      requestAnimationFrame(() => channel.port2.postMessage(0));
    }
  }
  function attach(editor) {
    b.editor = editor;
    new MutationObserver(check).observe(editor, { childList: true, characterData: true, subtree: true });
  }
  document.addEventListener(
    'keydown',
    (e) => {
      if (!b.armed || e.key.length !== 1) return;
      const block = selectedBlock();
      const last = b.pending[b.pending.length - 1];
      const want = last && last.block === block ? last.want + 1 : block ? textLength(block) + 1 : Infinity;
      b.pending.push({ t: e.timeStamp, handled: performance.now(), block, want });
    },
    true,
  );
  try {
    new PerformanceObserver((list) => {
      if (!b.armed) return;
      for (const e of list.getEntries()) b.longTasks.push(Math.round(e.duration));
    }).observe({ type: 'longtask', buffered: false });
  } catch (e) {}
  function frame() {
    const editor = document.querySelector(EDITOR);
    if (editor && !b.marks.editor) {
      b.marks.editor = epoch();
      attach(editor);
    }
    if (editor && editor !== b.editor) attach(editor);
    if (editor && !b.marks.content) {
      const last = editor.lastElementChild;
      if (last && (last.textContent || '').indexOf(END) >= 0) b.marks.content = epoch();
    }
    if (!b.marks.content) requestAnimationFrame(frame);
  }
  requestAnimationFrame(frame);
})();
`;

export function probeScript(endMarker: string): string {
  return PROBE.replace('__END__', JSON.stringify(endMarker));
}

export interface KeyLatency {
  /** keydown (event creation) → the observer saw the character in the block */
  dom: number;
  /** keydown → the keydown handler ran (time waiting for the main thread) */
  queued: number;
  /** keydown → after the next frame was painted */
  paint: number | null;
}
