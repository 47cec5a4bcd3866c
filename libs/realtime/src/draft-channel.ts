import { Injectable, OnModuleInit } from '@nestjs/common';
import type { Server, Socket } from 'socket.io';
import { z } from 'zod';
import type { RealtimeError } from '@runde/client';
import { DraftSyncService } from '@runde/drafts';
import type { Caller } from '@runde/identity';
import { toErrorBody } from '@runde/platform';

const MAX_AWARENESS = 64 * 1024;
const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
const binary = z.custom<Uint8Array>(
  (v) => v instanceof Uint8Array || Buffer.isBuffer(v),
  'binary data expected',
);
const syncSchema = z.object({ draftId: uuid, stateVector: binary.optional() }).strict();
const updateSchema = z.object({ draftId: uuid, update: binary }).strict();

type Reply = (result: unknown) => void;

/**
 * Yjs co-editing over the socket: sync (full state or the difference to a client's state vector), updates (each one
 * persisted before it is acknowledged, then sent to everyone on `draft:<id>` in every api process) and awareness
 * (cursors and names, relayed only). A socket must have subscribed to `draft:<id>` first (access-checked there).
 */
@Injectable()
export class DraftChannel implements OnModuleInit {
  private server?: Server;

  constructor(private readonly sync: DraftSyncService) {}

  onModuleInit(): void {
    this.sync.onUpdate((draftId, update, _origin, version) => {
      this.server?.to(`draft:${draftId}`).emit('draft:update', { draftId, update, version });
    });
  }

  attach(server: Server): void {
    this.server = server;
  }

  async handleSync(socket: Socket, caller: Caller, payload: unknown, reply: Reply): Promise<void> {
    const parsed = syncSchema.safeParse(payload);
    if (!parsed.success) return reply(fail('VALIDATION_FAILED', 'draft:sync needs {draftId, stateVector?}'));
    const { draftId, stateVector } = parsed.data;
    if (!socket.rooms.has(`draft:${draftId}`))
      return reply(fail('FORBIDDEN', `Subscribe to draft:${draftId} first`));
    try {
      const result = await this.sync.syncStep(
        caller,
        draftId,
        stateVector ? new Uint8Array(stateVector) : undefined,
      );
      reply({ ok: true, update: result.update, version: result.version });
    } catch (error) {
      reply(asFailure(error));
    }
  }

  async handleUpdate(socket: Socket, caller: Caller, payload: unknown, reply: Reply): Promise<void> {
    const parsed = updateSchema.safeParse(payload);
    if (!parsed.success) return reply(fail('VALIDATION_FAILED', 'draft:update needs {draftId, update}'));
    const { draftId, update } = parsed.data;
    if (!socket.rooms.has(`draft:${draftId}`))
      return reply(fail('FORBIDDEN', `Subscribe to draft:${draftId} first`));
    try {
      const { version } = await this.sync.applyUpdate(caller, draftId, new Uint8Array(update));
      reply({ ok: true, version });
    } catch (error) {
      reply(asFailure(error));
    }
  }

  handleAwareness(socket: Socket, payload: unknown): void {
    const parsed = updateSchema.safeParse(payload);
    if (!parsed.success || parsed.data.update.byteLength > MAX_AWARENESS) return;
    const room = `draft:${parsed.data.draftId}`;
    if (!socket.rooms.has(room)) return;
    socket.to(room).emit('draft:awareness', { draftId: parsed.data.draftId, update: parsed.data.update });
  }
}

function fail(code: RealtimeError['code'], message: string) {
  return { ok: false as const, error: { code, message } };
}

/** Domain errors keep their contract code (DRAFT_LOCKED, NOT_FOUND, …) in the ack. */
function asFailure(error: unknown) {
  const body = toErrorBody(error);
  return {
    ok: false as const,
    error: { code: body.code, message: body.message, ...(body.details ? { details: body.details } : {}) },
  };
}
