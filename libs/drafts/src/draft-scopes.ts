import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessPolicy, Scope } from '@runde/groups';

/**
 * Tells the access policy where drafts live: the topic's group and visibility. So observers read drafts, members
 * and up write them, owners and moderators change their status; network topics as the policy says.
 */
@Injectable()
export class DraftScopes implements OnModuleInit {
  constructor(
    private readonly policy: AccessPolicy,
    private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.policy.registerLocator('draft', async (id) => {
      const rows: Array<{ group_id: string; visibility: Scope['visibility'] }> = await this.dataSource.query(
        `SELECT tp.group_id, tp.visibility FROM drafts d JOIN topics tp ON tp.id = d.topic_id WHERE d.id = $1`,
        [id],
      );
      return rows.length ? { groupId: rows[0].group_id, visibility: rows[0].visibility } : null;
    });
  }
}
