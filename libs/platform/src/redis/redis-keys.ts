import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';

/** Builds Redis keys under this deployment's prefix, so several deployments (and test runs) never meet. */
@Injectable()
export class RedisKeys {
  readonly prefix: string;
  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.prefix = config.REDIS_PREFIX;
  }
  key(...parts: Array<string | number>): string {
    return [this.prefix, ...parts].join(':');
  }
}
