import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { EventStore, QueueService } from '@runde/events';
import { JobName } from '@runde/events';
import { WorkerModule } from '../worker.module';

const USAGE = `Replays committed domain events to their consumers.

  npm run events:replay -- --stream thread:<id> --from 1 --to 50 [--consumer NAME] [--dry-run]
  npm run events:replay -- --from-position 100 --to-position 200 [--consumer NAME] [--dry-run]

Consumers skip events they have already processed; --consumer NAME forgets that NAME processed them, so it
runs them again (use after fixing a consumer). Without --consumer only unprocessed consumers run.`;

export async function replay(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      stream: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      'from-position': { type: 'string' },
      'to-position': { type: 'string' },
      consumer: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  const num = (v: string | undefined) => (v === undefined ? NaN : Number(v));
  const byStream = values.stream !== undefined;
  const [from, to] = byStream
    ? [num(values.from), num(values.to)]
    : [num(values['from-position']), num(values['to-position'])];
  if (values.help || !Number.isInteger(from) || !Number.isInteger(to) || from > to) {
    process.stdout.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  const app = await NestFactory.createApplicationContext(WorkerModule, { logger: ['error', 'warn'] });
  try {
    const store = app.get(EventStore);
    const events = byStream
      ? await store.byStreamRange(values.stream!, from, to)
      : await store.byPositionRange(from, to);
    if (values.consumer && !values['dry-run'] && events.length) {
      await app
        .get(DataSource)
        .query(`DELETE FROM processed_events WHERE consumer = $1 AND event_id = ANY($2::uuid[])`, [
          values.consumer,
          events.map((e) => e.id),
        ]);
    }
    if (!values['dry-run']) {
      // A fresh job id per replay: the original jobs may still be remembered by the queue.
      const stamp = Date.now();
      await app.get(QueueService).addBulk(
        JobName.DispatchEvent,
        events.map((e) => ({ data: e, jobId: `replay-${stamp}-${e.id}` })),
      );
    }
    process.stdout.write(`${values['dry-run'] ? 'would replay' : 'replayed'} ${events.length} event(s)\n`);
    return 0;
  } finally {
    await app.close();
  }
}

if (require.main === module) {
  replay(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
