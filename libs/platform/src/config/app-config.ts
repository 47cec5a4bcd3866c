import { Env } from './env.schema';

/** Injection token and type of the validated configuration. */
export const APP_CONFIG = Symbol('APP_CONFIG');
export type AppConfig = Readonly<Env>;
