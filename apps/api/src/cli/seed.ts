import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { InvalidEnvironmentError, loadEnv } from '@runde/platform';
import { AppModule } from '../app.module';
import { DemoSeeder } from '../seed/demo-seeder';

/** Seeds the demo data once (idempotent: a second run changes nothing). */
async function main(): Promise<void> {
  loadEnv();
  const app = await NestFactory.createApplicationContext(AppModule, { logger: ['error', 'warn'] });
  try {
    const result = await new DemoSeeder(app).seed();
    process.stdout.write(`${result}\n`);
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    error instanceof InvalidEnvironmentError
      ? `${error.message}\n`
      : `seeding failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
