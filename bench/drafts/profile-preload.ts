/**
 * Preloaded into the api (`node -r dist/bench/drafts/profile-preload.js …`) by the drafts benchmark: the V8 CPU
 * profiler (the one `node --cpu-prof` uses), started and stopped over the IPC channel so that a profile covers
 * exactly a measured span: `{profile: 'start'}`, then `{profile: 'stop', file}` writes `file` (.cpuprofile).
 * Does nothing unless BENCH_CPU_PROFILE=1 and the process has an IPC channel.
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
        .then(() => post('Profiler.setSamplingInterval', { interval: 500 }))
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
  (process.channel as { unref?: () => void } | undefined)?.unref?.();
}
