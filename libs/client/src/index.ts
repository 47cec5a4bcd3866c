export * from './protocol';
export * from './stream-tracker';
export * from './realtime-client';
