import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessPolicy, Scope } from '@runde/groups';

/** Tells the access policy where topics, threads and posts live (their group and visibility). */
@Injectable()
export class DiscussionScopes implements OnModuleInit {
  constructor(
    private readonly policy: AccessPolicy,
    private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.policy.registerLocator('topic', (id) =>
      this.one(`SELECT group_id, visibility FROM topics WHERE id = $1`, id),
    );
    this.policy.registerLocator('thread', (id) =>
      this.one(
        `SELECT t.group_id, tp.visibility FROM threads t JOIN topics tp ON tp.id = t.topic_id WHERE t.id = $1`,
        id,
      ),
    );
    this.policy.registerLocator('post', (id) =>
      this.one(
        `SELECT t.group_id, tp.visibility FROM posts p JOIN threads t ON t.id = p.thread_id
         JOIN topics tp ON tp.id = t.topic_id WHERE p.id = $1`,
        id,
      ),
    );
  }

  private async one(sql: string, id: string): Promise<Scope | null> {
    const rows: Array<{ group_id: string; visibility: Scope['visibility'] }> = await this.dataSource.query(
      sql,
      [id],
    );
    return rows.length ? { groupId: rows[0].group_id, visibility: rows[0].visibility } : null;
  }
}
