import { CONSULTATIONS_ENTITIES } from '@runde/consultations';
import { DISCUSSION_ENTITIES } from '@runde/discussion';
import { DRAFTS_ENTITIES } from '@runde/drafts';
import { EVENTS_ENTITIES } from '@runde/events';
import { GROUPS_ENTITIES } from '@runde/groups';
import { IDENTITY_ENTITIES } from '@runde/identity';
import { NEEDS_ENTITIES } from '@runde/needs';
import { SITE_ENTITIES } from '@runde/site';
import { NOTIFICATIONS_ENTITIES } from '@runde/notifications';

/** Every entity of runde: the one list the app, the worker and the migration CLI share. */
export const ALL_ENTITIES = [
  ...EVENTS_ENTITIES,
  ...IDENTITY_ENTITIES,
  ...GROUPS_ENTITIES,
  ...DISCUSSION_ENTITIES,
  ...NOTIFICATIONS_ENTITIES,
  ...DRAFTS_ENTITIES,
  ...CONSULTATIONS_ENTITIES,
  ...NEEDS_ENTITIES,
  ...SITE_ENTITIES,
];
