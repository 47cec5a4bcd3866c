/**
 * A stable offset in `[0, modulo)` for a key (FNV-1a; a spread, not a secret). Periodic work per key is shifted by
 * it, so that many keys that became busy together do not all fall due in the same instant: draft compaction points,
 * and the coalescing windows of `addOncePerWindow` (there in four phases only: each distinct due time wakes the
 * BullMQ worker on its own).
 */
export function keyPhase(key: string, modulo: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % modulo;
}
