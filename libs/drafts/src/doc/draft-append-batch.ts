import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { GroupCommit, prepared } from '@runde/platform';
import type { DraftRules } from '../drafts/edit-policy';

/** One draft's share of a commit: its new log rows on top of the version this process holds. */
export interface DraftAppend {
  draftId: string;
  /** The version the updates were applied on; the commit succeeds only if the draft is still there. */
  base: number;
  /**
   * The status, edit policy and deadline the updates were admitted under (DraftWriter): the commit succeeds only
   * if the draft still has them (and a consultation's deadline has not passed), so every update is still allowed.
   */
  rules: DraftRules;
  updates: Uint8Array[];
  authors: Array<string | null>;
  /** `content_text` to write with the commit (at most once a second per draft), or null to leave it. */
  text: string | null;
}

/** At most this many drafts' appends go into one statement… */
const MAX_DRAFTS = 32;
/** …and at most this many statements run at once (different drafts: their row locks never meet). */
const MAX_IN_FLIGHT = 4;

/**
 * Group commit across drafts. Every draft's live updates are already batched per draft (DraftWriter, under the
 * draft's mutex); the batches of different drafts that are ready in the same moment, or while the statements in
 * flight run, are written together by one statement, which is its own transaction: the drafts' rows are locked
 * in id order, each draft whose version is still its batch's base and whose status, edit policy and deadline are
 * still those its updates were admitted under gets its new version (and text), and its log rows are inserted.
 * Each batch learns whether it was committed (false: the version moved or the rules changed, and nothing of it was
 * written); the writer then takes its locked path
 * for that draft alone.
 *
 * If the statement fails, each batch is tried on its own, so one draft's failure never fails the others (unless
 * the database is away: then all fail at once) — GroupCommit's rules.
 */
export class DraftAppendBatch {
  private readonly commits: GroupCommit<DraftAppend, boolean>;

  constructor(private readonly dataSource: DataSource) {
    this.commits = new GroupCommit({
      write: async (appends) => {
        const written = await this.write(appends);
        return appends.map((a) => written.has(a.draftId.toLowerCase()));
      },
      maxBatch: MAX_DRAFTS,
      maxInFlight: MAX_IN_FLIGHT,
      logger: new Logger('DraftAppendBatch'),
      what: 'drafts',
    });
  }

  /** Resolves after the commit: true if this draft's updates are in the log, false if nothing was written. */
  commit(append: DraftAppend): Promise<boolean> {
    return this.commits.submit(append);
  }

  /**
   * The one statement, prepared (named): it runs hundreds of times a second under live editing, and planning this
   * CTE anew each time cost PostgreSQL more than running it. Returns the drafts whose updates were written.
   */
  private async write(appends: DraftAppend[]): Promise<Set<string>> {
    const rows = await prepared<{ draft_id: string }>(
      this.dataSource,
      `WITH v AS MATERIALIZED (
         SELECT * FROM unnest($1::uuid[], $2::int[], $3::int[], $4::text[], $5::varchar[], $10::jsonb[],
                              $11::timestamptz[]) AS v(id, base, n, text, status, policy, deadline)
       ), locked AS (
         SELECT d.id FROM drafts d WHERE d.id IN (SELECT id FROM v) ORDER BY d.id FOR UPDATE
       ), moved AS (
         UPDATE drafts d
            SET version = d.version + v.n, updated_at = now(),
                content_text = COALESCE(v.text, d.content_text),
                content_version = CASE WHEN v.text IS NULL THEN d.content_version ELSE d.version + v.n END
           FROM v
          WHERE d.id = v.id AND d.id IN (SELECT id FROM locked)
            AND d.version = v.base AND d.status = v.status
            AND d.edit_policy IS NOT DISTINCT FROM v.policy
            AND d.consultation_deadline IS NOT DISTINCT FROM v.deadline
            AND (v.deadline IS NULL OR v.deadline > now())
         RETURNING d.id, v.base
       )
       INSERT INTO draft_updates (draft_id, version, update, author_id)
       SELECT u.draft_id, m.base + u.ord, u.update, u.author_id
         FROM unnest($6::uuid[], $7::int[], $8::bytea[], $9::uuid[]) AS u(draft_id, ord, update, author_id)
         JOIN moved m ON m.id = u.draft_id
       RETURNING draft_id`,
      [
        appends.map((a) => a.draftId),
        appends.map((a) => a.base),
        appends.map((a) => a.updates.length),
        appends.map((a) => a.text),
        appends.map((a) => a.rules.status),
        appends.flatMap((a) => a.updates.map(() => a.draftId)),
        appends.flatMap((a) => a.updates.map((_, i) => i + 1)),
        appends.flatMap((a) => a.updates.map((u) => Buffer.from(u.buffer, u.byteOffset, u.byteLength))),
        appends.flatMap((a) => a.authors),
        appends.map((a) => (a.rules.editPolicy ? JSON.stringify(a.rules.editPolicy) : null)),
        appends.map((a) => a.rules.consultationDeadline?.toISOString() ?? null),
      ],
    );
    return new Set(rows.map((r) => r.draft_id));
  }
}
