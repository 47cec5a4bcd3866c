/**
 * A stable offset in `[0, modulo)` for a key (FNV-1a; a spread, not a secret). Heavy periodic work per key (draft
 * compaction) is shifted by it, so that many keys that became busy together do not all fall due in the same
 * instant. (The coalescing windows of `addOncePerWindow` stay aligned on purpose: spread over the second, each
 * delayed job wakes the BullMQ worker on its own, which cost the drafts bench 0.1 worker cores.)
 */
export function keyPhase(key: string, modulo: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % modulo;
}
