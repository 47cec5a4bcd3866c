import { EVENTS_ENTITIES } from '@runde/events';

/** Every entity of runde: the one list the app, the worker and the migration CLI share. */
export const ALL_ENTITIES = [...EVENTS_ENTITIES];
