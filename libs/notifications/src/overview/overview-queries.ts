import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { DraftStatus } from '@runde/events';
import type { Role } from '@runde/groups';
import type { DraftInvolvement, OverviewDraft, OverviewGroup, OverviewThread } from './overview-view';

/** How far back "new in my groups" and "new drafts" look. */
export const RECENT_DAYS = 30;

/**
 * The rows behind the start page, each one statement over the caller's memberships. They select candidates
 * only: what the caller may read is decided afterwards by the access policy.
 */
@Injectable()
export class OverviewQueries {
  constructor(private readonly dataSource: DataSource) {}

  async groups(userId: string): Promise<OverviewGroup[]> {
    const rows = await this.dataSource.query<Array<{ id: string; name: string; role: Role }>>(
      `SELECT g.id, g.name, m.role FROM group_members m JOIN groups g ON g.id = m.group_id
        WHERE m.user_id = $1 ORDER BY lower(g.name), g.id`,
      [userId],
    );
    return rows.map((r) => ({ id: r.id, name: r.name, myRole: r.role }));
  }

  /**
   * Threads of the caller's groups, active in the last RECENT_DAYS, with posts after the caller's read marker
   * (all of them when never opened), unless the latest post is the caller's own. Latest activity first.
   */
  async unreadThreads(userId: string, limit: number): Promise<OverviewThread[]> {
    const rows = await this.dataSource.query<
      Array<{
        id: string;
        title: string;
        topic_id: string;
        topic_title: string;
        group_id: string;
        group_name: string;
        post_count: number;
        last_post_seq: number;
        last_read_seq: number | null;
        last_activity_at: Date;
      }>
    >(
      `SELECT t.id, t.title, t.topic_id, tp.title AS topic_title, t.group_id, g.name AS group_name,
              t.post_count, t.last_post_seq, r.last_read_seq, t.last_activity_at
         FROM group_members m
         JOIN threads t ON t.group_id = m.group_id
         JOIN topics tp ON tp.id = t.topic_id
         JOIN groups g ON g.id = t.group_id
         LEFT JOIN thread_reads r ON r.thread_id = t.id AND r.user_id = $1
         LEFT JOIN posts lp ON lp.thread_id = t.id AND lp.seq = t.last_post_seq
        WHERE m.user_id = $1
          AND t.last_activity_at > now() - make_interval(days => $2)
          AND t.last_post_seq > COALESCE(r.last_read_seq, 0)
          AND lp.author_id IS DISTINCT FROM $1
        ORDER BY t.last_activity_at DESC, t.id DESC
        LIMIT $3`,
      [userId, RECENT_DAYS, limit],
    );
    return rows.map((r) => {
      const lastReadSeq = Math.min(r.last_read_seq ?? 0, r.last_post_seq);
      return {
        id: r.id,
        title: r.title,
        topicId: r.topic_id,
        topicTitle: r.topic_title,
        groupId: r.group_id,
        groupName: r.group_name,
        postCount: r.post_count,
        lastPostSeq: r.last_post_seq,
        lastReadSeq,
        unreadCount: r.last_post_seq - lastReadSeq,
        isNew: r.last_read_seq === null,
        lastActivityAt: r.last_activity_at.toISOString(),
      };
    });
  }

  /**
   * Drafts that concern the caller: started, commented on or suggested to by them, or in one of their groups in
   * consultation or new (created by someone else in the last RECENT_DAYS). Archived drafts are done with.
   * Nearest consultation deadline first, then the latest change.
   */
  async drafts(userId: string, limit: number): Promise<OverviewDraft[]> {
    const rows = await this.dataSource.query<
      Array<{
        id: string;
        title: string;
        status: DraftStatus;
        topic_id: string;
        topic_title: string;
        group_id: string;
        group_name: string;
        consultation_deadline: Date | null;
        updated_at: Date;
        started: boolean;
        commented: boolean;
        suggested: boolean;
        in_my_group: boolean;
        recent: boolean;
      }>
    >(
      `WITH mine AS (SELECT group_id FROM group_members WHERE user_id = $1),
            candidates AS (
              SELECT d.id, d.created_by = $1 AS started,
                     EXISTS (SELECT 1 FROM draft_comments c WHERE c.draft_id = d.id AND c.author_id = $1) AS commented,
                     EXISTS (SELECT 1 FROM draft_suggestions s WHERE s.draft_id = d.id AND s.author_id = $1) AS suggested,
                     tp.group_id IN (SELECT group_id FROM mine) AS in_my_group,
                     d.created_at > now() - make_interval(days => $2) AS recent
                FROM drafts d JOIN topics tp ON tp.id = d.topic_id
               WHERE d.status <> 'archived'
                 AND (d.created_by = $1
                      OR d.id IN (SELECT draft_id FROM draft_comments WHERE author_id = $1)
                      OR d.id IN (SELECT draft_id FROM draft_suggestions WHERE author_id = $1)
                      OR tp.group_id IN (SELECT group_id FROM mine))
            )
       SELECT d.id, d.title, d.status, d.topic_id, tp.title AS topic_title, tp.group_id, g.name AS group_name,
              d.consultation_deadline, d.updated_at, c.started, c.commented, c.suggested, c.in_my_group, c.recent
         FROM candidates c
         JOIN drafts d ON d.id = c.id
         JOIN topics tp ON tp.id = d.topic_id
         JOIN groups g ON g.id = tp.group_id
        WHERE c.started OR c.commented OR c.suggested
           OR (c.in_my_group AND (d.status = 'consultation' OR c.recent))
        ORDER BY (d.status = 'consultation' AND d.consultation_deadline IS NOT NULL) DESC,
                 d.consultation_deadline ASC NULLS LAST, d.updated_at DESC, d.id
        LIMIT $3`,
      [userId, RECENT_DAYS, limit],
    );
    return rows.map((r) => {
      const involvement: DraftInvolvement[] = [];
      if (r.started) involvement.push('started');
      if (r.commented) involvement.push('commented');
      if (r.suggested) involvement.push('suggested');
      if (r.in_my_group && r.status === 'consultation') involvement.push('consultation');
      if (r.in_my_group && r.recent && !r.started) involvement.push('new');
      return {
        id: r.id,
        title: r.title,
        status: r.status,
        topicId: r.topic_id,
        topicTitle: r.topic_title,
        groupId: r.group_id,
        groupName: r.group_name,
        consultationDeadline: r.consultation_deadline?.toISOString() ?? null,
        updatedAt: r.updated_at.toISOString(),
        involvement,
      };
    });
  }

  /** The topics of the caller's groups, latest thread activity first (for the live streams). */
  async activeTopics(userId: string, limit: number): Promise<string[]> {
    const rows = await this.dataSource.query<Array<{ id: string }>>(
      `SELECT tp.id FROM group_members m JOIN topics tp ON tp.group_id = m.group_id
        WHERE m.user_id = $1
        ORDER BY GREATEST(tp.created_at,
                          COALESCE((SELECT max(t.last_activity_at) FROM threads t WHERE t.topic_id = tp.id),
                                   tp.created_at)) DESC, tp.id
        LIMIT $2`,
      [userId, limit],
    );
    return rows.map((r) => r.id);
  }
}
