import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import {
  APP_CONFIG,
  AppConfig,
  AppLogger,
  configureHttpApp,
  createHttpAdapter,
  enableCompression,
  loadEnv,
} from '@runde/platform';
import { RedisIoAdapter } from '@runde/realtime';
import { mountMetrics } from './admin/metrics-endpoint';
import { mountQueueDashboard } from './admin/queue-dashboard';
import { AppModule } from './app.module';
import { mountAccessibilityStatement } from './web/accessibility-statement';
import { mountMailUnsubscribe } from './web/mail-unsubscribe';
import { mountWebClient } from './web/serve-web';

/** Builds the api application (used by main.ts and by the tests' app factory). */
export async function createApiApp(options: { logger?: boolean } = {}): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, createHttpAdapter(loadEnv()), {
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(options.logger === false ? false : app.get(AppLogger));
  const config = app.get<AppConfig>(APP_CONFIG);
  configureHttpApp(app);
  await mountMetrics(app);
  await enableCompression(app);
  // The Redis adapter is connected before the server listens, so every socket shares rooms across processes.
  const ioAdapter = new RedisIoAdapter(app, config);
  await ioAdapter.connect();
  app.useWebSocketAdapter(ioAdapter);
  await mountQueueDashboard(app);
  await mountAccessibilityStatement(app);
  await mountMailUnsubscribe(app);
  mountWebClient(app);
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('runde API')
      .setDescription('REST API of runde. Realtime: socket.io at /socket.io (see docs/architecture.md).')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  return app;
}
