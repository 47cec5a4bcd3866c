/** `GET /api/v1/me/overview` as the browser sees it: the shapes of the payload catalogue (`@runde/contract`). */
export type {
  DraftInvolvement,
  Overview,
  OverviewDraft,
  OverviewGroup,
  OverviewThread,
} from '@runde/contract';
