import { EVENTS_ENTITIES } from '@runde/events';
import { GROUPS_ENTITIES } from '@runde/groups';
import { IDENTITY_ENTITIES } from '@runde/identity';

/** Every entity of runde: the one list the app, the worker and the migration CLI share. */
export const ALL_ENTITIES = [...EVENTS_ENTITIES, ...IDENTITY_ENTITIES, ...GROUPS_ENTITIES];
