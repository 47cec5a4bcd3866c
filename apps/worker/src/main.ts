import 'reflect-metadata';
import { InvalidEnvironmentError, loadEnv } from '@runde/platform';
import { createWorkerApp } from './bootstrap';

async function main(): Promise<void> {
  loadEnv();
  await createWorkerApp();
  process.stdout.write('runde worker running\n');
}

main().catch((error: unknown) => {
  if (error instanceof InvalidEnvironmentError) process.stderr.write(`${error.message}\n`);
  else
    process.stderr.write(
      `runde worker failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  process.exit(1);
});
