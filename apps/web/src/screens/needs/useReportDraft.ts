import { useSharedDraft, type SaveState } from '../../lib/shared-draft';
import type { Report } from './model';
import { fromServer, incomplete, merge, sameContent, toBody } from './report-draft';

export type { SaveState };

/**
 * The organisation's report while its people draft it (useSharedDraft, as the consultation statement): saved with
 * PUT after a pause, colleagues' saves (`needs_report.updated` on `organisation:<id>`) merged in, a stale save
 * merged and saved again. An entry without a target group is not sent (the api would refuse it): the state says
 * what is missing.
 */
export function useReportDraft(periodId: string, orgId: string, order: string[], initial: Report) {
  const draft = useSharedDraft(
    {
      path: `/needs/periods/${periodId}/reports/${orgId}`,
      stream: `organisation:${orgId}`,
      incoming: (event) => {
        if (event.type !== 'needs_report.updated') return null;
        const report = (event.data as { report: Report }).report;
        return report.periodId === periodId && report.organisationId === orgId ? report : null;
      },
      fromServer,
      merge,
      sameContent,
      toBody: (local) => toBody(local, order),
      incomplete,
      delayMs: 800,
    },
    initial,
  );
  return { ...draft, report: draft.server };
}
