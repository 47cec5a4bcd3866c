import { docText } from '../support/doc-text';
import * as Y from 'yjs';
import type { Caller } from '@runde/identity';
import { DraftSyncService } from '@runde/drafts';
import { as, TestUser } from '../support/factories';
import type { TestApp } from '../support/test-app';

export interface TestDraft {
  id: string;
  topicId: string;
  title: string;
  status: string;
  content: string;
  version: number;
  /** How the caller may change the text now (edit-policy). */
  editMode?: 'edit' | 'suggest' | 'comment' | 'read';
}

export async function givenDraft(
  app: TestApp,
  author: TestUser,
  topicId: string,
  content = 'Ein Entwurf.',
  title = 'Strategie',
): Promise<TestDraft> {
  const res = await as(app, author)
    .post(`/api/v1/topics/${topicId}/drafts`)
    .send({ title, content })
    .expect(201);
  return res.body as TestDraft;
}

export async function getDraft(app: TestApp, user: TestUser, draftId: string): Promise<TestDraft> {
  return (await as(app, user).get(`/api/v1/drafts/${draftId}`).expect(200)).body as TestDraft;
}

export function callerOf(user: TestUser): Caller {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    isAdmin: user.isAdmin,
    organisationId: null,
  };
}

export function syncOf(app: TestApp): DraftSyncService {
  return app.api.get(DraftSyncService);
}

/** The status and body an AppError would get over HTTP, for service calls. */
export async function failureOf(promise: Promise<unknown>): Promise<{ status: number; code: string }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { status?: number; code?: string };
    return { status: e.status ?? 500, code: e.code ?? 'INTERNAL_ERROR' };
  }
  throw new Error('expected the call to fail');
}

/**
 * A live editor as the browser has one: a Y.Doc whose local updates queue up until flushed to the server through
 * DraftSyncService (what the gateway will do), and which applies what others did when it receives it.
 */
export class SimEditor {
  readonly doc = new Y.Doc();
  readonly text = docText(this.doc);
  private outbox: Uint8Array[] = [];

  constructor(
    public sync: DraftSyncService,
    readonly caller: Caller,
    readonly draftId: string,
  ) {
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== 'remote') this.outbox.push(update);
    });
  }

  /** y-protocols style (re)connect: fetch what we miss, then send what the server misses (offline edits). */
  async connect(): Promise<void> {
    const { update } = await this.sync.syncStep(this.caller, this.draftId, Y.encodeStateVector(this.doc));
    this.receive(update);
    const { stateVector } = await this.sync.stateVector(this.caller, this.draftId);
    const missing = Y.encodeStateAsUpdate(this.doc, stateVector);
    this.outbox = [];
    // [0, 0]: no structs, no deletions — nothing the server lacks.
    if (missing.byteLength > 2) await this.sync.applyUpdate(this.caller, this.draftId, missing);
  }

  receive(update: Uint8Array): void {
    Y.applyUpdate(this.doc, update, 'remote');
  }

  get pending(): number {
    return this.outbox.length;
  }

  /** Sends the queued local updates, merged into one. */
  async flush(): Promise<number | null> {
    if (!this.outbox.length) return null;
    const merged = Y.mergeUpdates(this.outbox);
    this.outbox = [];
    return (await this.sync.applyUpdate(this.caller, this.draftId, merged)).version;
  }

  toString(): string {
    return this.text.toString();
  }
}

/** A deterministic random number generator (so a failing run can be replayed). */
export function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
