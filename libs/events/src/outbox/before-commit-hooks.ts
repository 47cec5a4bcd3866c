import { Injectable } from '@nestjs/common';
import { HookList } from './hook-list';
import type { Transaction } from './transaction';

export type BeforeCommitHook = (tx: Transaction) => Promise<void>;

/**
 * In-process listeners that see a unit of work's pending events inside its transaction, before they are
 * written: for what must be true as soon as the change is (e.g. the author of a post follows its thread, before
 * any consumer fans out a later post). A hook that throws rolls the whole change back.
 */
@Injectable()
export class BeforeCommitHooks extends HookList<BeforeCommitHook> {}
