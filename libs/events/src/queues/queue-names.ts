/** Every BullMQ queue runde uses. */
export enum QueueName {
  Events = 'events',
  Maintenance = 'maintenance',
}

/** Every job type. Each has exactly one handler; the worker refuses to start otherwise. */
export enum JobName {
  /** Hands committed domain events (one envelope, or `{events}` in commit order) to every consumer of their type. */
  DispatchEvent = 'dispatch-event',
  /** Publishes events that were committed but never reached the queue (a crash between commit and publish). */
  OutboxSweep = 'outbox-sweep',
  /** Announces `draft.updated` once per draft and second (a delayed job per draft and one-second window). */
  AnnounceDraftUpdate = 'announce-draft-update',
  /** Announces `topic.activity` once per topic and second (a delayed job per topic and one-second window). */
  AnnounceTopicActivity = 'announce-topic-activity',
  /** Rebuilds a draft's `content_text` when its api process died before writing it (a delayed check). */
  SettleDraftText = 'settle-draft-text',
  /** Folds a draft's update log into a snapshot (and prunes old updates the snapshot covers). */
  CompactDraft = 'compact-draft',
  /** Deletes events (and consumer markers) older than the event log's retention (EVENT_RETENTION_DAYS). */
  PruneEventLog = 'prune-event-log',
  /** A consultation round's reminder to one addressee, or its close, when due (a delayed job per due time). */
  ConsultationDue = 'consultation-due',
  /** Finds the consultation reminders and closes that are due and were not done (jobs lost with Redis). */
  ConsultationSweep = 'consultation-sweep',
  /** The needs rounds' clock: opens periods, reminds silent reporters, closes periods (every minute). */
  NeedsTick = 'needs-tick',
  /** Makes the daily and weekly mail digests that are due in their people's time zones (every five minutes). */
  MailDigests = 'mail-digests',
}

export const QUEUE_OF_JOB: Record<JobName, QueueName> = {
  [JobName.DispatchEvent]: QueueName.Events,
  [JobName.OutboxSweep]: QueueName.Maintenance,
  [JobName.AnnounceDraftUpdate]: QueueName.Events,
  [JobName.CompactDraft]: QueueName.Maintenance,
  [JobName.AnnounceTopicActivity]: QueueName.Events,
  [JobName.SettleDraftText]: QueueName.Maintenance,
  [JobName.PruneEventLog]: QueueName.Maintenance,
  [JobName.ConsultationDue]: QueueName.Maintenance,
  [JobName.ConsultationSweep]: QueueName.Maintenance,
  [JobName.NeedsTick]: QueueName.Maintenance,
  [JobName.MailDigests]: QueueName.Maintenance,
};
