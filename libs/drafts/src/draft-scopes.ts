import { Injectable, OnModuleInit } from '@nestjs/common';
import { AccessPolicy } from '@runde/groups';

/**
 * Tells the access policy where drafts live: the topic's group and visibility. So observers read drafts, members
 * and up write them, owners and moderators change their status; network topics as the policy says.
 */
@Injectable()
export class DraftScopes implements OnModuleInit {
  constructor(private readonly policy: AccessPolicy) {}

  onModuleInit(): void {
    this.policy.registerLocator(
      'draft',
      `SELECT tp.group_id, tp.visibility FROM drafts d JOIN topics tp ON tp.id = d.topic_id WHERE d.id = $1`,
      `SELECT id FROM drafts WHERE topic_id = $1`,
    );
  }
}
