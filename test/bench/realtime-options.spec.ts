import { parseOptions } from '../../bench/realtime/options';
import { duePosts } from '../../bench/realtime/schedule';

describe('realtime bench: schedule and options', () => {
  it('sends the full rate at once without a ramp', () => {
    expect(duePosts(0, 1000, 0)).toBe(0);
    expect(duePosts(1500, 1000, 0)).toBe(1500);
  });

  it('climbs linearly during the ramp, then continues at the full rate without a jump', () => {
    // 5 s ramp to 1,000/s: half of 5,000 posts are due at its end, the rate at its end is 1,000/s
    expect(duePosts(5000, 1000, 5000)).toBe(2500);
    expect(duePosts(2500, 1000, 5000)).toBe(625);
    const rateAt = (t: number) => duePosts(t + 1, 1000, 5000) - duePosts(t, 1000, 5000);
    expect(rateAt(4999)).toBeCloseTo(1, 2);
    expect(rateAt(5000)).toBeCloseTo(1, 5);
    expect(rateAt(1000)).toBeCloseTo(0.2, 2);
    expect(duePosts(15000, 1000, 5000)).toBe(12500);
  });

  it('ramps by default, takes step, refuses anything else', () => {
    expect(parseOptions([], {}).warmupShape).toBe('ramp');
    expect(parseOptions(['--warmup-shape', 'step'], {}).warmupShape).toBe('step');
    expect(parseOptions([], { BENCH_WARMUP_SHAPE: 'step' }).warmupShape).toBe('step');
    expect(() => parseOptions(['--warmup-shape', 'cliff'], {})).toThrow(/ramp or step/);
  });

  it('splits roles only with two or more api processes', () => {
    expect(parseOptions([], {}).splitRoles).toBe(false);
    expect(parseOptions(['--api-procs', '2', '--split-roles'], {}).splitRoles).toBe(true);
    expect(() => parseOptions(['--split-roles'], {})).toThrow(/api-procs 2/);
  });

  it('times the stages only when asked (--stages or BENCH_STAGES=1)', () => {
    expect(parseOptions([], {}).stages).toBe(false);
    expect(parseOptions(['--stages'], {}).stages).toBe(true);
    expect(parseOptions([], { BENCH_STAGES: '1' }).stages).toBe(true);
  });
});
