import { Injectable, OnModuleInit } from '@nestjs/common';
import { AccessPolicy } from '@runde/groups';

/** Tells the access policy where topics, threads and posts live (their group and visibility). */
@Injectable()
export class DiscussionScopes implements OnModuleInit {
  constructor(private readonly policy: AccessPolicy) {}

  onModuleInit(): void {
    this.policy.registerLocator('topic', `SELECT group_id, visibility FROM topics WHERE id = $1`);
    // A thread's facts come along, so posting needs no second read of the thread.
    this.policy.registerLocator(
      'thread',
      `SELECT t.group_id, tp.visibility, t.locked, t.slow_mode_seconds
         FROM threads t JOIN topics tp ON tp.id = t.topic_id WHERE t.id = $1`,
      `SELECT id FROM threads WHERE topic_id = $1`,
    );
    this.policy.registerLocator(
      'post',
      `SELECT t.group_id, tp.visibility FROM posts p JOIN threads t ON t.id = p.thread_id
         JOIN topics tp ON tp.id = t.topic_id WHERE p.id = $1`,
    );
  }
}
