/**
 * Preloaded into the api (`node -r …/cpu-profile-preload.js`) by both benchmarks when they profile: the V8 CPU
 * profiler (the one `node --cpu-prof` uses), started and stopped over the IPC channel so that a profile covers
 * exactly a measured span. The parent sends `{profile: 'start', intervalUs?}` (sampling interval, default
 * 1000 µs) and later `{profile: 'stop', file}`; the profile of that span is written to `file` (.cpuprofile).
 * (Signals are not used: Nest's shutdown hooks listen to SIGUSR2.) Does nothing unless BENCH_CPU_PROFILE=1 and
 * the process has an IPC channel.
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
  process.on('message', (message: { profile?: 'start' | 'stop'; file?: string; intervalUs?: number }) => {
    if (message?.profile === 'start') {
      void post('Profiler.enable')
        .then(() => post('Profiler.setSamplingInterval', { interval: message.intervalUs ?? 1000 }))
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
