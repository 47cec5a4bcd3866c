import { Injectable } from '@nestjs/common';
import type { EventEnvelope } from '../catalogue/event-envelope';
import { HookList } from './hook-list';

export type PostCommitHook = (events: EventEnvelope[]) => Promise<void> | void;

/**
 * In-process listeners that see events right after their transaction commits (e.g. the realtime gateway).
 * A hook must not throw into the caller: the events are already durable, and the queue delivers them anyway.
 */
@Injectable()
export class PostCommitHooks extends HookList<PostCommitHook> {}
