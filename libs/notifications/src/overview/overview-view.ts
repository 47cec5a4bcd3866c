/** `GET /api/v1/me/overview`: its shapes live in the payload catalogue, shared with the browser client. */
export type { DraftInvolvement, Overview, OverviewDraft, OverviewGroup, OverviewThread } from '@runde/events';
