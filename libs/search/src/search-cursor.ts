import { createHash } from 'node:crypto';
import { AppError, decodeCursor } from '@runde/platform';
import type { SearchQueryDto } from './dto/search-query.dto';

/** Ranked results page by offset; the cursor also names its search, so it cannot be replayed on another. */
type SearchCursor = { o: number; s: string };

const isSearchCursor = (v: unknown): v is SearchCursor =>
  !!v &&
  typeof v === 'object' &&
  Number.isSafeInteger((v as SearchCursor).o) &&
  (v as SearchCursor).o > 0 &&
  typeof (v as SearchCursor).s === 'string';

function searchKey(query: SearchQueryDto): string {
  return createHash('sha256')
    .update(JSON.stringify([query.q, query.type ?? null, query.groupId ?? null]))
    .digest('base64url')
    .slice(0, 16);
}

/** The offset where the page starts (0 without a cursor); a cursor of another search is 400. */
export function searchOffset(query: SearchQueryDto): number {
  const cursor = decodeCursor(query.cursor, isSearchCursor);
  if (!cursor) return 0;
  if (cursor.s !== searchKey(query)) {
    throw AppError.validation('The cursor belongs to another search', [
      { field: 'cursor', messages: ['cursor belongs to another search'] },
    ]);
  }
  return cursor.o;
}

/** What the cursor of the page starting at `offset` holds (`toPage` encodes it). */
export function searchCursorAt(query: SearchQueryDto, offset: number): SearchCursor {
  return { o: offset, s: searchKey(query) };
}
