import { LocalRateLimiter, MAX_LOCAL_WINDOWS } from './local-rate-limiter';

describe('LocalRateLimiter', () => {
  it('counts hits per key in a window that starts with the first hit', () => {
    const limiter = new LocalRateLimiter();
    expect(limiter.hit('api:u:1', 60, 1_000)).toEqual({ count: 1, retryAfterSeconds: 60 });
    expect(limiter.hit('api:u:1', 60, 30_500)).toEqual({ count: 2, retryAfterSeconds: 31 });
    expect(limiter.hit('api:u:2', 60, 30_500)).toEqual({ count: 1, retryAfterSeconds: 60 });
    // The window of u:1 ended at 61 s: a new one begins.
    expect(limiter.hit('api:u:1', 60, 61_000)).toEqual({ count: 1, retryAfterSeconds: 60 });
  });

  it('keeps at most MAX_LOCAL_WINDOWS windows: a new key is not counted until windows end', () => {
    const limiter = new LocalRateLimiter();
    for (let i = 0; i < MAX_LOCAL_WINDOWS; i++) limiter.hit(`api:ip:${i}`, 60, 0);
    expect(limiter.hit('api:ip:new', 60, 1_000)).toBeNull();
    // Keys it keeps still count.
    expect(limiter.hit('api:ip:0', 60, 1_000)).toEqual({ count: 2, retryAfterSeconds: 59 });
    // Once the windows have ended, there is room again.
    expect(limiter.hit('api:ip:new', 60, 60_000)).toEqual({ count: 1, retryAfterSeconds: 60 });
    expect(limiter.size).toBe(1);
  });

  it('forgets everything on clear', () => {
    const limiter = new LocalRateLimiter();
    limiter.hit('api:u:1', 60, 0);
    limiter.clear();
    expect(limiter.size).toBe(0);
    expect(limiter.hit('api:u:1', 60, 0)).toEqual({ count: 1, retryAfterSeconds: 60 });
  });
});
