import { Global, Module } from '@nestjs/common';
import { APP_CONFIG } from './app-config';
import { loadEnv } from './load-env';

@Global()
@Module({
  providers: [{ provide: APP_CONFIG, useFactory: () => Object.freeze(loadEnv()) }],
  exports: [APP_CONFIG],
})
export class ConfigModule {}
