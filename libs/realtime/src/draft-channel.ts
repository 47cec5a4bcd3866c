import { Injectable, OnModuleInit } from '@nestjs/common';
import type { Server, Socket } from 'socket.io';
import { z } from 'zod';
import type { RealtimeError } from '@runde/client';
import { DraftSyncService } from '@runde/drafts';
import { EventEnvelope, PostCommitHooks } from '@runde/events';
import { accessNarrowedBy, type Role } from '@runde/groups';
import type { Caller } from '@runde/identity';
import { toErrorBody } from '@runde/platform';

const MAX_AWARENESS = 64 * 1024;
/** A draft's id in either case, used in lower case (its room is `draft:<id in lower case>`, as subscribe joins it). */
const uuid = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i)
  .transform((id) => id.toLowerCase());
const binary = z.custom<Uint8Array>(
  (v) => v instanceof Uint8Array || Buffer.isBuffer(v),
  'binary data expected',
);
const syncSchema = z.object({ draftId: uuid, stateVector: binary.optional() }).strict();
const updateSchema = z.object({ draftId: uuid, update: binary }).strict();

type Reply = (result: unknown) => void;

/** A socket's checked write access to a draft is re-checked from the database at the latest after this long. */
export const WRITE_GRANT_TTL_MS = 30_000;
const REVOKE = 'runde:drafts-revoke';

/** Write access checked for a socket and a draft (with the role it writes as): valid while `epoch` is current and until `until`. */
interface WriteGrant {
  epoch: number;
  until: number;
  role: Role | null;
}

/**
 * Yjs co-editing over the socket: sync (full state or the difference to a client's state vector), updates (each one
 * persisted before it is acknowledged, then sent to everyone else on `draft:<id>` in every api process) and
 * awareness (cursors and names, relayed only). A socket must have subscribed to `draft:<id>` first (read access
 * checked there). Write access is checked from the database on a socket's first update to a draft and kept on
 * the socket; it is checked again after member removals, role changes and topic or group changes anywhere (every
 * process drops all its grants), and at the latest after WRITE_GRANT_TTL_MS. The draft's status is checked with
 * every update (in the commit).
 */
@Injectable()
export class DraftChannel implements OnModuleInit {
  private server?: Server;
  private readonly grants = new WeakMap<Socket, Map<string, WriteGrant>>();
  private epoch = 0;

  constructor(
    private readonly sync: DraftSyncService,
    private readonly hooks: PostCommitHooks,
  ) {}

  onModuleInit(): void {
    this.sync.onUpdate((draftId, update, _origin, version, originSocketId) => {
      if (!this.server) return;
      const room = this.server.to(`draft:${draftId}`);
      (originSocketId ? room.except(originSocketId) : room).emit('draft:update', {
        draftId,
        update,
        version,
      });
    });
    this.hooks.register((events) => this.revokeOn(events));
  }

  attach(server: Server): void {
    this.server = server;
    server.on(REVOKE as never, () => this.revokeLocal());
  }

  /** Forgets every socket's write grants, here and (through the adapter) in the other api processes. */
  revokeAll(): void {
    this.revokeLocal();
    this.server?.serverSideEmit(REVOKE as never);
  }

  private revokeOn(events: EventEnvelope[]): void {
    // After any event that may narrow access (the policy's one list), every process forgets all its grants.
    if (events.some((e) => accessNarrowedBy(e))) this.revokeAll();
  }

  private revokeLocal(): void {
    this.epoch++;
  }

  /** The role the socket's caller writes to the draft with (checked, or from a grant still valid). */
  private async assertMayWrite(socket: Socket, caller: Caller, draftId: string): Promise<Role | null> {
    let mine = this.grants.get(socket);
    const grant = mine?.get(draftId);
    if (grant && grant.epoch === this.epoch && grant.until > Date.now()) return grant.role;
    const epoch = this.epoch;
    const role = await this.sync.assertWriteAccess(caller, draftId);
    if (!mine) this.grants.set(socket, (mine = new Map()));
    mine.set(draftId, { epoch, until: Date.now() + WRITE_GRANT_TTL_MS, role });
    return role;
  }

  private forget(socket: Socket, draftId: string): void {
    this.grants.get(socket)?.delete(draftId);
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
    if (!socket.rooms.has(`draft:${draftId}`)) {
      this.forget(socket, draftId);
      return reply(fail('FORBIDDEN', `Subscribe to draft:${draftId} first`));
    }
    try {
      const role = await this.assertMayWrite(socket, caller, draftId);
      const { version } = await this.sync.applyUpdate(caller, draftId, new Uint8Array(update), {
        writeAccessChecked: true,
        role,
        originSocketId: socket.id,
      });
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
    error: {
      code: body.code,
      message: body.message,
      ...(body.reason ? { reason: body.reason } : {}),
      ...(body.details ? { details: body.details } : {}),
    },
  };
}
