import type {
  NeedsPeriodPayload,
  NeedsReleasePayload,
  NeedsReportPayload,
  NeedsSignalPayload,
} from './needs-payloads';

/**
 * Needs radar events. `needs` (every confirmed person of an organisation): periods opened and closed, releases
 * (who and when, no entries), signals that rest on network-visible entries. The ministry's organisation stream
 * carries the signals that rest on ministry-only entries; an organisation's own stream its report as drafted.
 */
export interface NeedsEvents {
  'needs_period.opened': { period: NeedsPeriodPayload };
  'needs_period.closed': { period: NeedsPeriodPayload };
  'needs_report.released': NeedsReleasePayload;
  /** The report as its organisation's people draft it (organisation:<id>). */
  'needs_report.updated': { report: NeedsReportPayload };
  'needs_signal.raised': { signal: NeedsSignalPayload };
  'needs_signal.updated': { signal: NeedsSignalPayload };
  /** A reminder to a reporter that has not released (organisation:<id>). */
  'needs_period.reminded': { period: NeedsPeriodPayload; organisationId: string; daysBefore: number };
}
