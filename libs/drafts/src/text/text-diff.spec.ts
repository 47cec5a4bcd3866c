import { applyChanges, diffText } from './text-diff';
import { collide, planRebase } from './rebase';

function randomText(rand: () => number, length: number): string {
  const alphabet = 'abc de\nfü😀';
  const chars = Array.from(alphabet);
  return Array.from({ length }, () => chars[Math.floor(rand() * chars.length)]).join('');
}

function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

describe('diffText', () => {
  it('finds minimal, character-precise changes', () => {
    expect(diffText('Die Integration', 'Die gute Integration')).toEqual([
      { start: 4, end: 4, text: 'gute ' },
    ]);
    expect(diffText('abc', 'abc')).toEqual([]);
    expect(diffText('Haus', 'Maus')).toEqual([{ start: 0, end: 1, text: 'M' }]);
  });

  it('never splits a surrogate pair', () => {
    const changes = diffText('a😀b', 'a😃b');
    expect(changes).toEqual([{ start: 1, end: 3, text: '😃' }]);
  });

  it('round-trips random texts, also beyond the character edit limit', () => {
    const rand = seeded(7);
    for (let round = 0; round < 200; round++) {
      const a = randomText(rand, Math.floor(rand() * 60));
      const b = randomText(rand, Math.floor(rand() * 60));
      expect(applyChanges(a, diffText(a, b))).toBe(b);
    }
    const big = randomText(rand, 20_000);
    const other = randomText(rand, 20_000);
    expect(applyChanges(big, diffText(big, other))).toBe(other);
  });
});

describe('planRebase', () => {
  const base = 'Erster Satz. Zweiter Satz. Dritter Satz.';

  it('keeps my changes where others changed something else', () => {
    const current = base.replace('Erster', 'Der erste');
    const target = base.replace('Dritter', 'Letzter');
    const plan = planRebase(base, current, target);
    expect(plan.ok).toBe(true);
    if (plan.ok) expect(applyChanges(base, plan.changes)).toBe(target);
  });

  it('reports overlapping replacements as conflicts', () => {
    const current = base.replace('Zweiter Satz', 'Anderer Satz');
    const target = base.replace('Zweiter Satz', 'Mein Satz');
    expect(planRebase(base, current, target).ok).toBe(false);
  });

  it('drops changes both sides made identically', () => {
    const fixed = base.replace('Zweiter', 'Zweite');
    const plan = planRebase(base, fixed, fixed);
    expect(plan).toEqual({ ok: true, changes: [] });
  });

  it('insertions at one point do not collide; an insertion inside a replaced range does', () => {
    expect(collide({ start: 3, end: 3, text: 'x' }, { start: 3, end: 3, text: 'y' })).toBe(false);
    expect(collide({ start: 4, end: 4, text: 'x' }, { start: 3, end: 6, text: '' })).toBe(true);
    expect(collide({ start: 3, end: 3, text: 'x' }, { start: 3, end: 6, text: '' })).toBe(false);
    expect(collide({ start: 0, end: 3, text: '' }, { start: 3, end: 6, text: '' })).toBe(false);
  });
});

describe('semantic cleanup', () => {
  it('replaces a rewritten passage as a whole instead of keeping stray letters', () => {
    const a = 'Die Kommunen beraten. Alle berichten.';
    const b = 'Die Kommunen beraten gern';
    expect(diffText(a, b)).toEqual([{ start: 20, end: a.length, text: ' gern' }]);
  });

  it('keeps separate edits separate when the text between them is longer than they are', () => {
    expect(diffText('eins zwei drei', 'Eins zwei Drei')).toEqual([
      { start: 0, end: 1, text: 'E' },
      { start: 10, end: 11, text: 'D' },
    ]);
  });
});
