import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { streamName, Transaction, UnitOfWork } from '@runde/events';
import { AppError, decodeCursor, Page, PageQueryDto, toPage } from '@runde/platform';
import type { Caller } from '../auth/caller';
import { TokenService } from '../auth/token.service';

/** A sign-in of the account on some device: one refresh-token family. */
export interface SessionView {
  id: string;
  /** The browser's User-Agent at the last renewal (what the person sees as the device). */
  userAgent: string | null;
  signedInAt: string;
  /** The last renewal of its tokens: a browser in use renews every few minutes. */
  lastUsedAt: string;
  /** The sign-in that makes this request. */
  current: boolean;
}

interface SessionRow {
  id: string;
  user_agent: string | null;
  signed_in_at: Date;
  last_used_at: Date;
  /** `last_used_at` in microseconds since 1970 (exact, unlike a JavaScript Date), for the cursor. */
  last_used_key: string;
}

type SessionCursor = { t: string; id: string };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isCursor = (value: unknown): value is SessionCursor =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as SessionCursor).t === 'string' &&
  /^\d{1,16}$/.test((value as SessionCursor).t) &&
  typeof (value as SessionCursor).id === 'string' &&
  UUID.test((value as SessionCursor).id);

const LAST_USED_MICROS = `(extract(epoch FROM max(created_at)) * 1000000)::bigint`;

/**
 * A family is a live sign-in while none of its tokens is revoked and its newest one is unused and unexpired
 * (signing out, a replayed token, a password change or reset revoke the whole family).
 */
const LIVE = `bool_and(revoked_at IS NULL) AND bool_or(used_at IS NULL AND expires_at > now())`;

/** The account's signed-in devices: listed, and signed out one by one or all but this one. */
@Injectable()
export class SessionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tokens: TokenService,
    private readonly uow: UnitOfWork,
  ) {}

  async list(caller: Caller, query: PageQueryDto): Promise<Page<SessionView>> {
    const limit = query.limit ?? 20;
    const after = decodeCursor(query.cursor, isCursor);
    const rows = await this.dataSource.query<SessionRow[]>(
      `SELECT family_id AS id, min(created_at) AS signed_in_at, max(created_at) AS last_used_at,
              ${LAST_USED_MICROS}::text AS last_used_key,
              (array_agg(user_agent ORDER BY created_at DESC))[1] AS user_agent
         FROM refresh_tokens WHERE user_id = $1
        GROUP BY family_id
       HAVING ${LIVE} AND ($2::bigint IS NULL OR (${LAST_USED_MICROS}, family_id) < ($2::bigint, $3::uuid))
        ORDER BY max(created_at) DESC, family_id DESC
        LIMIT $4`,
      [caller.id, after?.t ?? null, after?.id ?? null, limit + 1],
    );
    return toPage(
      rows,
      limit,
      (row) => ({
        id: row.id,
        userAgent: row.user_agent,
        signedInAt: row.signed_in_at.toISOString(),
        lastUsedAt: row.last_used_at.toISOString(),
        current: row.id === caller.sessionId,
      }),
      (row) => ({ t: row.last_used_key, id: row.id }),
    );
  }

  /** Signs out one device (this one too, if asked): its refresh token and access tokens stop working. */
  async revoke(caller: Caller, sessionId: string): Promise<void> {
    const live = await this.dataSource.query<unknown[]>(
      `SELECT 1 FROM refresh_tokens WHERE user_id = $1 AND family_id = $2 GROUP BY family_id HAVING ${LIVE}`,
      [caller.id, sessionId],
    );
    if (!live.length) throw AppError.notFound('Session');
    await this.uow.run(async (tx) => {
      await this.tokens.revokeFamilies(caller.id, { only: sessionId }, tx.manager);
      this.announce(tx, caller, [sessionId]);
    });
  }

  /** Signs out every device but the one making this request. */
  async revokeOthers(caller: Caller): Promise<void> {
    await this.uow.run(async (tx) => {
      await this.tokens.revokeFamilies(caller.id, { except: caller.sessionId ?? null }, tx.manager);
      this.announce(tx, caller, null);
    });
  }

  /** The signed-out devices' live connections end as well, on every api process (`session.ended`). */
  private announce(tx: Transaction, caller: Caller, sessionIds: string[] | null): void {
    tx.append(streamName('user', caller.id), 'session.ended', { userId: caller.id, sessionIds }, caller.id);
  }
}
