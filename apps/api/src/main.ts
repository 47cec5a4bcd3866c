import 'reflect-metadata';
import { InvalidEnvironmentError, loadEnv } from '@runde/platform';
import { createApiApp } from './bootstrap';

const LISTEN_BACKLOG = 4096;

async function main(): Promise<void> {
  const env = loadEnv(); // fail before anything else starts, naming the bad variable
  const app = await createApiApp();
  // A deep accept queue: after a network blip thousands of clients reconnect within the same second.
  await app.listen({ port: env.PORT, host: env.HOST, backlog: LISTEN_BACKLOG });
  const url = env.PUBLIC_URL ?? `http://localhost:${env.PORT}`;
  process.stdout.write(`runde api listening on ${url}\n`);
}

main().catch((error: unknown) => {
  if (error instanceof InvalidEnvironmentError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(
      `runde api failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exit(1);
});
