import type { Envelope } from './protocol';
import { StreamTracker } from './stream-tracker';

const ev = (seq: number): Envelope => ({
  id: `e${seq}`,
  stream: 's',
  seq,
  type: 't',
  occurredAt: '',
  actorId: null,
  data: null,
});

describe('StreamTracker', () => {
  it('delivers in order once, buffering early events and dropping repeats', () => {
    const got: number[] = [];
    const t = new StreamTracker((e) => got.push(e.seq));
    t.push(ev(1));
    t.push(ev(3));
    expect(t.hasGap).toBe(true);
    expect(t.missingFrom).toBe(2);
    t.push(ev(1));
    t.push(ev(2));
    t.push(ev(3));
    expect(got).toEqual([1, 2, 3]);
    expect(t.hasGap).toBe(false);
  });

  it('starts after a known seq and resets after a resync', () => {
    const got: number[] = [];
    const t = new StreamTracker((e) => got.push(e.seq), 10);
    t.push(ev(10));
    t.push(ev(12));
    t.reset(11);
    expect(got).toEqual([12]);
    expect(t.lastSeq).toBe(12);
  });
});
