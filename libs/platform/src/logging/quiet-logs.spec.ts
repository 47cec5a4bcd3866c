import { Writable } from 'node:stream';
import pino from 'pino';
import { briefError, stacksOnlyForErrors } from './quiet-logs';

/** A real pino logger with the hook, writing its JSON lines into an array. */
function logger() {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { log: pino({ level: 'info', hooks: { logMethod: stacksOnlyForErrors } }, sink), lines };
}

const deadlock = () => Object.assign(new Error('deadlock detected'), { code: '40P01' });

describe('quiet logs', () => {
  it('logs an error at warn as one string (type, code, message), without a stack', () => {
    const { log, lines } = logger();
    log.warn(
      { err: deadlock(), consumer: 'notifications.post-created' },
      'batch failed; running its events one by one',
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 40,
      consumer: 'notifications.post-created',
      err: 'Error 40P01: deadlock detected',
    });
    expect(JSON.stringify(lines[0])).not.toContain('quiet-logs.spec');
  });

  it('keeps the stack at error and above', () => {
    const { log, lines } = logger();
    log.error({ err: deadlock() }, 'job failed for good');
    expect((lines[0].err as Record<string, unknown>).stack).toEqual(
      expect.stringContaining('quiet-logs.spec'),
    );
  });

  it('leaves lines without an error alone', () => {
    const { log, lines } = logger();
    log.warn({ queue: 'events' }, 'Redis is not reachable yet');
    log.info('started');
    expect(lines.map((l) => l.msg)).toEqual(['Redis is not reachable yet', 'started']);
  });

  it('briefs only errors', () => {
    expect(briefError('text')).toBe('text');
    expect(briefError(new TypeError('x'))).toBe('TypeError: x');
  });
});
