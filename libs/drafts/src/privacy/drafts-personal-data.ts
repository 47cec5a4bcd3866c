import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PersonalDataContributor, PersonalDataRegistry } from '@runde/identity';

/**
 * Drafts in the export: the drafts a person started, their comments and suggestions (with text), and on which
 * drafts they edited how often. Erasure keeps all of it — it is part of the group's shared documents and
 * discussions, and others built on it — like posts: the person is shown as a deleted account once the user row is
 * anonymised, and the edit log keeps only the (then anonymous) id.
 */
@Injectable()
export class DraftsPersonalData implements PersonalDataContributor, OnModuleInit {
  readonly key = 'drafts';

  constructor(
    private readonly dataSource: DataSource,
    private readonly registry: PersonalDataRegistry,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async exportFor(userId: string) {
    const q = <T>(sql: string): Promise<T[]> => this.dataSource.query(sql, [userId]);
    const [started, comments, suggestions, edits] = await Promise.all([
      q<{ id: string; title: string; created_at: Date }>(
        `SELECT id, title, created_at FROM drafts WHERE created_by = $1 ORDER BY created_at`,
      ),
      q<{ id: string; draft_id: string; body: string; quote: string | null; created_at: Date }>(
        `SELECT id, draft_id, body, quote, created_at FROM draft_comments WHERE author_id = $1 ORDER BY created_at`,
      ),
      q<{
        id: string;
        draft_id: string;
        quote: string;
        replacement: string;
        rationale: string;
        status: string;
        created_at: Date;
      }>(
        `SELECT id, draft_id, quote, replacement, rationale, status, created_at FROM draft_suggestions
          WHERE author_id = $1 ORDER BY created_at`,
      ),
      q<{ draft_id: string; count: string; first_at: Date; last_at: Date }>(
        `SELECT draft_id, count(*) AS count, min(created_at) AS first_at, max(created_at) AS last_at
           FROM draft_updates WHERE author_id = $1 GROUP BY draft_id ORDER BY min(created_at)`,
      ),
    ]);
    return {
      started: started.map((d) => ({ id: d.id, title: d.title, createdAt: d.created_at.toISOString() })),
      comments: comments.map((c) => ({
        id: c.id,
        draftId: c.draft_id,
        body: c.body,
        quote: c.quote,
        createdAt: c.created_at.toISOString(),
      })),
      suggestions: suggestions.map((s) => ({
        id: s.id,
        draftId: s.draft_id,
        quote: s.quote,
        replacement: s.replacement,
        rationale: s.rationale,
        status: s.status,
        createdAt: s.created_at.toISOString(),
      })),
      edits: edits.map((e) => ({
        draftId: e.draft_id,
        updates: Number(e.count),
        firstAt: e.first_at.toISOString(),
        lastAt: e.last_at.toISOString(),
      })),
    };
  }

  async eraseFor(): Promise<void> {
    // Kept on purpose (see above); the person's name and organisation disappear with the user row.
  }
}
