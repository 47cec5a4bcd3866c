export * from './protocol';
export * from './stream-name';
export * from './stream-tracker';
export * from './realtime-client';
