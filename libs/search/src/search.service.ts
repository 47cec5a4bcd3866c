import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessPolicy } from '@runde/groups';
import type { Caller } from '@runde/identity';
import { Page, toPage } from '@runde/platform';
import type { SearchHit } from './dto/search-hit.dto';
import type { SearchQueryDto } from './dto/search-query.dto';
import { widenGermanStems } from './query/german-stems';
import { searchCursorAt, searchOffset } from './search-cursor';
import { searchPageSql } from './search-page-sql';
import { snippetsOf } from './search-snippets';
import type { SearchType } from './sources/search-source';
import { SearchSources } from './sources/search-sources';

interface HitRow {
  type: SearchType;
  id: string;
  thread_id: string | null;
  topic_id: string;
  group_id: string;
  title: string;
  seq: number | null;
  author_id: string;
  created_at: Date;
  rank: number;
  text: string;
}

/** German full-text search over what the caller may read, best matches first. */
@Injectable()
export class SearchService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: AccessPolicy,
    private readonly sources: SearchSources,
  ) {}

  async search(caller: Caller, query: SearchQueryDto): Promise<Page<SearchHit>> {
    const limit = query.limit ?? 20;
    const offset = searchOffset(query);
    if (query.groupId) await this.policy.assert(caller, 'read', 'group', query.groupId, 'Group');
    const tsquery = await this.toTsquery(query.q);
    if (!tsquery) return { items: [], nextCursor: null };
    const sources = this.sources.select(query.type);
    const rows: HitRow[] = await this.dataSource.query(searchPageSql(sources), [
      tsquery,
      caller.id,
      caller.isAdmin,
      query.groupId ?? null,
      limit + 1,
      offset,
    ]);
    const sourceOf = new Map(sources.map((source) => [source.type, source]));
    const snippets = await snippetsOf(
      this.dataSource,
      tsquery,
      rows.slice(0, limit).map((row) => ({ text: row.text, source: sourceOf.get(row.type)! })),
    );
    const hits = rows.map((row, i) => toHit(row, snippets[i] ?? ''));
    return toPage(
      hits,
      limit,
      (hit) => hit,
      () => searchCursorAt(query, offset + limit),
    );
  }

  /**
   * The caller's words as a tsquery (`websearch_to_tsquery('german', q)`: stemming, "phrases", -exclusions, or),
   * widened for the German stemmer's final-s split. Null when nothing is left to look up in the indexes: only
   * stop words, or only exclusions.
   */
  private async toTsquery(q: string): Promise<string | null> {
    const [row]: Array<{ query: string; indexable: string }> = await this.dataSource.query(
      `SELECT query::text AS query, querytree(query) AS indexable FROM websearch_to_tsquery('german', $1) query`,
      [q],
    );
    if (!row.indexable || row.indexable === 'T') return null;
    return widenGermanStems(row.query);
  }
}

function toHit(row: HitRow, snippet: string): SearchHit {
  return {
    type: row.type,
    id: row.id,
    threadId: row.thread_id,
    topicId: row.topic_id,
    groupId: row.group_id,
    title: row.title,
    snippet,
    seq: row.seq,
    authorId: row.author_id,
    createdAt: row.created_at.toISOString(),
    rank: row.rank,
  };
}
