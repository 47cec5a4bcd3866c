import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessPolicy } from '@runde/groups';
import type { Caller } from '@runde/identity';
import { decodeCursor, isTimeIdCursor, Page, toPage } from '@runde/platform';
import { ModerationActionEntity } from '../entities/moderation-action.entity';
import { DiscussionReader } from '../threads/discussion-reader';

export interface LogEntry {
  id: string;
  at: string;
  actor: { id: string; displayName: string | null };
  action: string;
  targetType: string;
  targetId: string;
  reasonCode: string | null;
  note: string | null;
  details: Record<string, unknown>;
}

const CSV_COLUMNS = [
  'at',
  'actorId',
  'actorName',
  'action',
  'targetType',
  'targetId',
  'reasonCode',
  'note',
] as const;

/** Quotes a CSV cell (RFC 4180) and defuses spreadsheet formulas. */
export function csvCell(value: string | null): string {
  let text = value ?? '';
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

@Injectable()
export class ModerationLogService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: AccessPolicy,
    private readonly reader: DiscussionReader,
  ) {}

  async page(caller: Caller, groupId: string, limit = 50, cursor?: string): Promise<Page<LogEntry>> {
    await this.policy.assert(caller, 'moderate', 'group', groupId, 'Group');
    const after = decodeCursor(cursor, isTimeIdCursor);
    const qb = this.dataSource
      .getRepository(ModerationActionEntity)
      .createQueryBuilder('a')
      .where('a.group_id = :groupId', { groupId })
      .orderBy('a.created_at', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .limit(limit + 1);
    if (after) qb.andWhere('(a.created_at, a.id) < (:t, :id)', { t: after.t, id: after.id });
    const rows = await qb.getMany();
    const people = await this.reader.people(rows.map((r) => r.actorId));
    return toPage(
      rows,
      limit,
      (r) => ({
        id: r.id,
        at: r.createdAt.toISOString(),
        actor: { id: r.actorId, displayName: people.get(r.actorId)?.displayName ?? null },
        action: r.action,
        targetType: r.targetType,
        targetId: r.targetId,
        reasonCode: r.reasonCode,
        note: r.note,
        details: r.details,
      }),
      (r) => ({ t: r.createdAt.toISOString(), id: r.id }),
    );
  }

  /** The whole log as CSV (newest first). */
  async csv(caller: Caller, groupId: string): Promise<string> {
    const lines = [CSV_COLUMNS.join(',')];
    let cursor: string | undefined;
    do {
      const page = await this.page(caller, groupId, 100, cursor);
      for (const e of page.items) {
        lines.push(
          [e.at, e.actor.id, e.actor.displayName, e.action, e.targetType, e.targetId, e.reasonCode, e.note]
            .map(csvCell)
            .join(','),
        );
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return `${lines.join('\r\n')}\r\n`;
  }
}
