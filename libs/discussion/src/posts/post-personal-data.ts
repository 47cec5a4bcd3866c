import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PersonalDataContributor, PersonalDataRegistry } from '@runde/identity';

/**
 * Posts belong to the discussion: the export lists them with their text; erasure keeps them (others replied to
 * them) — they show the author as "deleted account" because the person's name and organisation are gone.
 */
@Injectable()
export class PostPersonalData implements PersonalDataContributor, OnModuleInit {
  readonly key = 'posts';

  constructor(
    private readonly dataSource: DataSource,
    private readonly registry: PersonalDataRegistry,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async exportFor(userId: string) {
    const rows: Array<{
      id: string;
      thread_id: string;
      title: string;
      seq: number;
      body: string;
      created_at: Date;
      edited_at: Date | null;
      deleted_at: Date | null;
    }> = await this.dataSource.query(
      `SELECT p.id, p.thread_id, t.title, p.seq, p.body, p.created_at, p.edited_at, p.deleted_at
         FROM posts p JOIN threads t ON t.id = p.thread_id WHERE p.author_id = $1 ORDER BY p.created_at`,
      [userId],
    );
    return rows.map((r) => ({
      id: r.id,
      threadId: r.thread_id,
      threadTitle: r.title,
      seq: r.seq,
      body: r.body,
      createdAt: r.created_at.toISOString(),
      editedAt: r.edited_at?.toISOString() ?? null,
      deletedAt: r.deleted_at?.toISOString() ?? null,
    }));
  }

  async eraseFor(): Promise<void> {
    // Posts stay; the author is shown as a deleted account once the user row is anonymised.
  }
}
