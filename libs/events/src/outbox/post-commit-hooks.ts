import { Injectable } from '@nestjs/common';
import type { EventEnvelope } from '../catalogue/event-envelope';

export type PostCommitHook = (events: EventEnvelope[]) => Promise<void> | void;

/**
 * In-process listeners that see events right after their transaction commits (e.g. the realtime gateway).
 * A hook must not throw into the caller: the events are already durable, and the queue delivers them anyway.
 */
@Injectable()
export class PostCommitHooks {
  private readonly hooks: PostCommitHook[] = [];

  register(hook: PostCommitHook): void {
    this.hooks.push(hook);
  }

  list(): readonly PostCommitHook[] {
    return this.hooks;
  }
}
