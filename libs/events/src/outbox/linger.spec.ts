import { Linger } from './linger';

/** A promise to resolve by hand. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

describe('Linger', () => {
  function setup(maxChunk = 100) {
    const windows: Array<{ open: () => void }> = [];
    const flushes: Array<{ items: number[]; done: () => void }> = [];
    const errors: unknown[] = [];
    const linger = new Linger<number>({
      wait: () => {
        const g = gate();
        windows.push(g);
        return g.promise;
      },
      flush: (items) => {
        const g = gate();
        flushes.push({ items, done: g.open });
        return g.promise;
      },
      maxChunk,
      onError: (error) => errors.push(error),
    });
    const ticks = () => new Promise<void>((resolve) => setImmediate(resolve));
    return { linger, windows, flushes, errors, ticks };
  }

  it('flushes what came within one window together, once the window ends', async () => {
    const { linger, windows, flushes, ticks } = setup();
    linger.add(1);
    linger.add(2);
    linger.add(3);
    expect(windows).toHaveLength(1);
    await ticks();
    expect(flushes).toHaveLength(0);
    windows[0].open();
    await ticks();
    expect(flushes.map((f) => f.items)).toEqual([[1, 2, 3]]);
  });

  it('items added while a flush runs wait for a window of their own, then go out together', async () => {
    const { linger, windows, flushes, ticks } = setup();
    linger.add(1);
    windows[0].open();
    await ticks();
    linger.add(2);
    linger.add(3);
    await ticks();
    // The first flush still runs: no second flush, and no second window yet.
    expect(flushes).toHaveLength(1);
    expect(windows).toHaveLength(1);
    flushes[0].done();
    await ticks();
    // Not flushed at once: a new window opened for them.
    expect(flushes).toHaveLength(1);
    expect(windows).toHaveLength(2);
    linger.add(4);
    windows[1].open();
    await ticks();
    expect(flushes.map((f) => f.items)).toEqual([[1], [2, 3, 4]]);
  });

  it('splits a large window into chunks, in order', async () => {
    const { linger, windows, flushes, ticks } = setup(2);
    for (const n of [1, 2, 3, 4, 5]) linger.add(n);
    windows[0].open();
    for (let i = 0; i < 3; i++) {
      await ticks();
      flushes[i].done();
    }
    await ticks();
    expect(flushes.map((f) => f.items)).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('idle() waits for every window, including one opened while it waited', async () => {
    const { linger, windows, flushes, ticks } = setup();
    linger.add(1);
    let idle = false;
    void linger.idle().then(() => (idle = true));
    windows[0].open();
    await ticks();
    linger.add(2);
    flushes[0].done();
    await ticks();
    expect(idle).toBe(false);
    windows[1].open();
    await ticks();
    flushes[1].done();
    await ticks();
    expect(idle).toBe(true);
  });

  it('a failing flush is reported and the next window still opens', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const linger = new Linger<number>({
      wait: () => Promise.resolve(),
      flush: async (items) => {
        calls++;
        if (items[0] === 1) throw new Error('Redis is away');
      },
      maxChunk: 10,
      onError: (error) => errors.push(error),
    });
    linger.add(1);
    await linger.idle();
    linger.add(2);
    await linger.idle();
    expect(calls).toBe(2);
    expect(errors).toEqual([new Error('Redis is away')]);
  });
});
