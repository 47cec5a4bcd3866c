import { Logger } from '@nestjs/common';
import { GroupCommit } from './group-commit';

const quiet = { warn: () => undefined } as unknown as Logger;

describe('GroupCommit', () => {
  it('writes what arrives together in one batch, and what arrives during a write in the next', async () => {
    const batches: number[][] = [];
    let release!: () => void;
    const first = new Promise<void>((resolve) => (release = resolve));
    const commits = new GroupCommit<number, string>({
      write: async (items) => {
        batches.push(items);
        if (batches.length === 1) await first;
        return items.map((i) => `ok ${i}`);
      },
      maxBatch: 3,
      logger: quiet,
      what: 'items',
    });
    const early = [1, 2].map((i) => commits.submit(i));
    await new Promise((resolve) => setImmediate(resolve));
    const late = [3, 4, 5, 6].map((i) => commits.submit(i));
    release();
    expect(await Promise.all([...early, ...late])).toEqual([1, 2, 3, 4, 5, 6].map((i) => `ok ${i}`));
    expect(batches).toEqual([[1, 2], [3, 4, 5], [6]]);
  });

  it('runs at most maxInFlight writes at once', async () => {
    let running = 0;
    let most = 0;
    const commits = new GroupCommit<number, number>({
      write: async (items) => {
        running++;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 5));
        running--;
        return items;
      },
      maxBatch: 1,
      maxInFlight: 3,
      logger: quiet,
      what: 'items',
    });
    expect(await Promise.all(Array.from({ length: 10 }, (_, i) => commits.submit(i)))).toEqual(
      Array.from({ length: 10 }, (_, i) => i),
    );
    expect(most).toBe(3);
  });

  it('a failing batch is written again item by item: only the bad item fails', async () => {
    const calls: number[][] = [];
    const commits = new GroupCommit<number, number>({
      write: async (items) => {
        calls.push(items);
        if (items.includes(13)) throw new Error('bad item');
        return items.map((i) => i * 2);
      },
      maxBatch: 10,
      logger: quiet,
      what: 'items',
    });
    const outcomes = await Promise.allSettled([12, 13, 14].map((i) => commits.submit(i)));
    expect(outcomes).toEqual([
      { status: 'fulfilled', value: 24 },
      { status: 'rejected', reason: new Error('bad item') },
      { status: 'fulfilled', value: 28 },
    ]);
    expect(calls).toEqual([[12, 13, 14], [12], [13], [14]]);
  });

  it('a database that is away fails the whole batch at once, without a write per item', async () => {
    const calls: number[][] = [];
    const commits = new GroupCommit<number, number>({
      write: async (items) => {
        calls.push(items);
        throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
      },
      maxBatch: 10,
      logger: quiet,
      what: 'items',
    });
    const outcomes = await Promise.allSettled([1, 2, 3].map((i) => commits.submit(i)));
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(calls).toEqual([[1, 2, 3]]);
  });
});
