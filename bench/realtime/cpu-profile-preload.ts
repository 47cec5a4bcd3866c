/**
 * Preloaded into the api (`node -r …/cpu-profile-preload.js`) only when the benchmark runs with --profile:
 * the parent sends `{profile: 'start'}` / `{profile: 'stop', file}` over the IPC channel, and the V8 CPU profile
 * of that span is written to `file`. (Signals are not used: Nest's shutdown hooks listen to SIGUSR2.)
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';

if (process.env.BENCH_CPU_PROFILE === '1' && process.send) {
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) =>
      session.post(method, params ?? {}, (err, result) => (err ? reject(err) : resolve(result))),
    );
  process.on('message', (message: { profile?: 'start' | 'stop'; file?: string }) => {
    if (message?.profile === 'start') {
      void post('Profiler.enable')
        .then(() => post('Profiler.setSamplingInterval', { interval: 1000 }))
        .then(() => post('Profiler.start'))
        .then(() => process.send?.({ profile: 'started' }));
    } else if (message?.profile === 'stop' && message.file) {
      const file = message.file;
      void post('Profiler.stop').then((result) => {
        writeFileSync(file, JSON.stringify((result as { profile: unknown }).profile));
        process.send?.({ profile: 'written', file });
      });
    }
  });
  // Keep the IPC channel from holding the process open at shutdown.
  (process.channel as { unref?: () => void } | undefined)?.unref?.();
}
