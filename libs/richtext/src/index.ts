export * from './schema';
export * from './markdown';
export * from './numbering';
export * from './ydoc';
export * from './offsets';
export * from './tracked';
export * from './edit';
export * from './positions';
