import { DynamicModule, INestApplicationContext, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppLogger } from '@runde/platform';
import { WorkerModule } from './worker.module';

/** Builds the worker (used by main.ts and by the tests' app factory). Extra modules add consumers (tests). */
export async function createWorkerApp(
  options: { logger?: boolean; extraModules?: Array<Type | DynamicModule> } = {},
): Promise<INestApplicationContext> {
  const root: DynamicModule = {
    module: class WorkerRoot {},
    imports: [WorkerModule, ...(options.extraModules ?? [])],
  };
  const app = await NestFactory.createApplicationContext(root, { bufferLogs: true, abortOnError: false });
  app.useLogger(options.logger === false ? false : app.get(AppLogger));
  app.enableShutdownHooks();
  await app.init();
  return app;
}
