import { COMPACT_EVERY, compactionMark } from './draft-jobs';

describe('compactionMark', () => {
  const drafts = Array.from(
    { length: 50 },
    (_, i) => `5d1f0c2a-0000-4000-8000-${String(i).padStart(12, '0')}`,
  );

  it('has one point every COMPACT_EVERY versions per draft, the latest at or below the version', () => {
    for (const draftId of drafts) {
      const marks = new Set<number>();
      for (let v = 1; v <= 3 * COMPACT_EVERY; v++) {
        const mark = compactionMark(draftId, v);
        expect(mark).toBeLessThanOrEqual(v);
        expect(v - mark).toBeLessThan(COMPACT_EVERY);
        if (mark > 0) marks.add(mark);
      }
      const sorted = [...marks].sort((a, b) => a - b);
      for (let i = 1; i < sorted.length; i++) expect(sorted[i] - sorted[i - 1]).toBe(COMPACT_EVERY);
      expect(sorted.length).toBeGreaterThanOrEqual(2);
    }
  });

  it('puts the first compaction of drafts edited together at different versions', () => {
    const first = drafts.map((draftId) => {
      let v = 1;
      while (compactionMark(draftId, v) <= 0) v++;
      return v;
    });
    expect(new Set(first).size).toBeGreaterThan(40);
    expect(Math.max(...first)).toBeLessThanOrEqual(COMPACT_EVERY);
  });
});
