import { Injectable } from '@nestjs/common';
import * as Y from 'yjs';
import { AccessPolicy, type Role } from '@runde/groups';
import type { Caller } from '@runde/identity';
import { DraftWriter } from '../doc/draft-writer';
import { assertValidStateVector, assertValidUpdate } from '../doc/yjs-codec';
import { editorRoleOf } from '../drafts/edit-policy';
import { DraftUpdateBus, DraftUpdateListener } from './draft-update-bus';

/**
 * Live co-editing, independent of the transport: the realtime gateway turns y-protocols sync messages into these
 * calls and forwards what `onUpdate` reports to the draft's other sockets. All updates are Yjs v1 binary updates.
 * Errors are AppErrors with contract codes (404 NOT_FOUND, 403 FORBIDDEN, 409 DRAFT_LOCKED, 400 VALIDATION_FAILED).
 */
@Injectable()
export class DraftSyncService {
  constructor(
    private readonly policy: AccessPolicy,
    private readonly writer: DraftWriter,
    private readonly bus: DraftUpdateBus,
  ) {}

  /**
   * Access-checked (read). The whole document as one update (`Y.encodeStateAsUpdate`), or, given the client's
   * state vector, only what the client is missing (answer to y-protocols sync step 1).
   */
  async syncStep(
    caller: Caller,
    draftId: string,
    stateVector?: Uint8Array,
  ): Promise<{ update: Uint8Array; version: number }> {
    await this.policy.assert(caller, 'read', 'draft', draftId, 'Draft');
    const vector = stateVector === undefined ? undefined : assertValidStateVector(stateVector);
    return this.writer.read(draftId, (live) => ({
      update: Y.encodeStateAsUpdate(live.doc, vector),
      version: live.version,
    }));
  }

  /**
   * Access-checked (read). The server's state vector: send it to a (re)connecting client as sync step 1, so that
   * the client answers with what it edited while offline.
   */
  async stateVector(caller: Caller, draftId: string): Promise<{ stateVector: Uint8Array; version: number }> {
    await this.policy.assert(caller, 'read', 'draft', draftId, 'Draft');
    return this.writer.read(draftId, (live) => ({
      stateVector: Y.encodeStateVector(live.doc),
      version: live.version,
    }));
  }

  /**
   * Write access (404 / 403 as for `applyUpdate`), checked from the database; returns the role the caller writes
   * with (admins as owners), which with the draft's status and policy decides their edit mode. The gateway asks
   * once per socket and draft and passes `writeAccessChecked` and the role to `applyUpdate` afterwards, until
   * something may have revoked it.
   */
  async assertWriteAccess(caller: Caller, draftId: string): Promise<Role | null> {
    return editorRoleOf(await this.policy.assert(caller, 'write', 'draft', draftId, 'Draft'));
  }

  /**
   * Access-checked (write, unless the caller says it checked with `assertWriteAccess` and passes the `role` it
   * returned). What the update may change is the caller's edit mode's (edit-policy.ts), checked in the commit:
   * `edit` anything; `suggest` only their own tracked changes (else SUGGESTIONS_ONLY: 409 DRAFT_LOCKED in
   * consultation, 403 FORBIDDEN where the draft's policy narrows a role); no text changes otherwise (409
   * DRAFT_LOCKED where the status closes the text, else 403 FORBIDDEN). Validates the update (at most 1 MB, a Yjs update of the `content` text, else
   * 400 VALIDATION_FAILED with the document untouched), persists it to the update log before resolving (possibly
   * in one commit with other updates of the draft) and returns the version reached. An update that brings nothing
   * new (a resend) changes nothing and returns the current version. `originSocketId` is passed on to `onUpdate`
   * listeners (the gateway skips that socket in the broadcast).
   */
  async applyUpdate(
    caller: Caller,
    draftId: string,
    update: Uint8Array,
    options: { writeAccessChecked?: boolean; role?: Role | null; originSocketId?: string } = {},
  ): Promise<{ version: number }> {
    const role =
      options.writeAccessChecked && options.role !== undefined
        ? options.role
        : await this.assertWriteAccess(caller, draftId);
    const valid = assertValidUpdate(update);
    const { version } = await this.writer.append(draftId, caller.id, valid, options.originSocketId, role);
    return { version };
  }

  /**
   * In-process hook: called after each committed update of any draft in this process — live edits as well as
   * REST edits, accepted suggestions and restores — in version order per draft, with the update, who made it
   * and (live edits) the socket it came from. Returns the unsubscribe.
   */
  onUpdate(listener: DraftUpdateListener): () => void {
    return this.bus.subscribe(listener);
  }
}
