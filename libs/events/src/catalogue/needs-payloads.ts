/** Needs reports (Bedarfsmeldungen) on the wire: REST bodies and event payloads. Types only. */

export type NeedsTrend = 'new' | 'rising' | 'stable' | 'falling';
export type NeedsVisibility = 'ministry' | 'network';

export interface NeedsRoundPayload {
  id: string;
  title: string;
  cadence: 'quarterly' | 'monthly' | 'once';
  fields: string[];
  dueDays: number;
  remindDaysBefore: number[];
  reporters: number;
  active: boolean;
  createdAt: string;
}

export interface NeedsPeriodPayload {
  id: string;
  roundId: string;
  label: string;
  opensAt: string;
  dueAt: string;
  status: 'open' | 'closed';
}

export interface NeedsEntryPayload {
  id: string;
  field: string;
  targetGroup: string;
  affected: number;
  trend: NeedsTrend;
  severity: number;
  existing: string | null;
  missing: string | null;
  support: string | null;
  evidence: string | null;
  visibility: NeedsVisibility;
}

export interface NeedsReportPayload {
  id: string;
  periodId: string | null;
  organisationId: string;
  organisation: {
    id: string;
    name: string;
    kind: string;
    regierungsbezirk: string | null;
    kreisschluessel: string | null;
  };
  adhoc: boolean;
  status: 'drafting' | 'released' | 'nil_return';
  nilReturn: boolean;
  version: number;
  late: boolean;
  releasedAt: string | null;
  updatedAt: string;
  /** What the reader may see of it (others' ministry-only entries are left out). */
  entries: NeedsEntryPayload[];
}

export interface NeedsSignalPayload {
  id: string;
  rule: string;
  field: string;
  scope: string;
  periodId: string | null;
  reportIds: string[];
  summary: string;
  status: 'open' | 'topic' | 'dismissed';
  topicId: string | null;
  note: string | null;
  createdAt: string;
}

/** A release as every reader of `needs` may see it: who, when, late — no entries. */
export interface NeedsReleasePayload {
  reportId: string;
  periodId: string | null;
  organisationId: string;
  adhoc: boolean;
  nilReturn: boolean;
  late: boolean;
  releasedAt: string;
  /** The fields it reports on with network visibility (the others' are the ministry's). */
  networkFields: string[];
}
