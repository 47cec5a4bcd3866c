import { keyPhase } from './key-phase';
import { QueueService } from './queue.service';

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

describe('QueueService.windowOf (coalescing windows)', () => {
  const keys = Array.from({ length: 50 }, (_, i) => `7a2d4c1e-0000-4000-8000-${String(i).padStart(12, '0')}`);

  it('gives each instant one window per key, ending after it and at most one window later', () => {
    for (const key of keys.slice(0, 20)) {
      for (const now of [0, 999, 1000, 1_732_000_000_123, 1_732_000_000_999]) {
        const { window, endsAt } = QueueService.windowOf(key, 1000, now);
        expect(endsAt).toBeGreaterThan(now);
        expect(endsAt - now).toBeLessThanOrEqual(1000);
        expect(QueueService.windowOf(key, 1000, endsAt - 1).window).toBe(window);
        expect(QueueService.windowOf(key, 1000, endsAt)).toEqual({
          window: window + 1,
          endsAt: endsAt + 1000,
        });
      }
    }
  });

  it('lets the windows of many keys end at a few instants only (each one wakes the worker)', () => {
    const ends = new Set(keys.map((key) => QueueService.windowOf(key, 1000, 1_732_000_000_000).endsAt));
    expect(ends.size).toBe(4);
    const tenSeconds = new Set(
      keys.map((key) => QueueService.windowOf(key, 10_000, 1_732_000_000_000).endsAt % 2500),
    );
    expect(tenSeconds).toEqual(new Set([0]));
  });
});
