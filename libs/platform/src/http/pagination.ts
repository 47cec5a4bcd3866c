import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { AppError } from '../errors/app-error';

/** `?limit=&cursor=` as in the contract: limit 1–100 (default 20), an opaque cursor. */
export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

/** Decodes a cursor made by `encodeCursor`; a tampered one is 400, never a 500. */
export function decodeCursor<T>(cursor: string | undefined, check: (value: unknown) => value is T): T | null {
  if (!cursor) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (check(value)) return value;
  } catch {
    // fall through
  }
  throw AppError.validation('Malformed cursor', [{ field: 'cursor', messages: ['cursor is not valid'] }]);
}

/** Builds a page from `limit + 1` fetched rows. */
export function toPage<R, T>(
  rows: R[],
  limit: number,
  view: (row: R) => T,
  cursorOf: (row: R) => unknown,
): Page<T> {
  const more = rows.length > limit;
  const items = more ? rows.slice(0, limit) : rows;
  return {
    items: items.map(view),
    nextCursor: more ? encodeCursor(cursorOf(items[items.length - 1])) : null,
  };
}

/** The common keyset cursor: a timestamp and a UUID tie-breaker. */
export type TimeIdCursor = { t: string; id: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isTimeIdCursor = (v: unknown): v is TimeIdCursor =>
  !!v &&
  typeof v === 'object' &&
  typeof (v as TimeIdCursor).t === 'string' &&
  !Number.isNaN(Date.parse((v as TimeIdCursor).t)) &&
  typeof (v as TimeIdCursor).id === 'string' &&
  UUID.test((v as TimeIdCursor).id);
