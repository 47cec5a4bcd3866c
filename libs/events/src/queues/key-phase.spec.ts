import { keyPhase } from './key-phase';

describe('keyPhase', () => {
  const keys = Array.from(
    { length: 200 },
    (_, i) => `0b7c6a3e-0000-4000-8000-${String(i).padStart(12, '0')}`,
  );

  it('is stable for a key and stays within the modulo', () => {
    for (const key of keys) {
      const phase = keyPhase(key, 1000);
      expect(phase).toBe(keyPhase(key, 1000));
      expect(phase).toBeGreaterThanOrEqual(0);
      expect(phase).toBeLessThan(1000);
    }
  });

  it('spreads keys that look alike over the range', () => {
    const tenths = new Set(keys.map((key) => Math.floor(keyPhase(key, 1000) / 100)));
    expect(tenths.size).toBe(10);
  });
});
