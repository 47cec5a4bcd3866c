export * from './redis-io.adapter';
export * from './realtime.gateway';
export * from './presence.service';
export * from './subscriptions.service';
export * from './realtime.module';
export * from './live-emitter';
