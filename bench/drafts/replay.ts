/**
 * The replay target, server side: the trace is written into drafts' update logs (SQL, the table's own columns:
 * one row per update, versions 1…N, author; `drafts.version` / `content_text` set to what the log gives), then
 * the product's own loader rebuilds the document from PostgreSQL. Measured here, in this process, with the
 * product's classes (DraftDocStore → DraftLog.docAt → buildDoc, then the content_text check); the api-side
 * cold `draft:sync` is measured by main.ts on a freshly started api.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import { DataSource } from 'typeorm';
import * as Y from 'yjs';
import { DraftDocStore } from '../../libs/drafts/src/doc/draft-doc-store';
import { DraftLog } from '../../libs/drafts/src/doc/draft-log';
import { buildDoc, textOf } from '../../libs/drafts/src/doc/yjs-codec';
import { DraftCompactor } from '../../libs/drafts/src/jobs/draft-compactor';
import { dataSourceOptions } from '../../libs/platform/src/database/data-source-options';
import { profileHere } from './profile';
import type { SeedData } from './seed';
import { now } from './support';
import type { Trace } from './trace';

const BATCH = 5000;

/** A draft row whose log is the trace (version = number of updates, content_text = the trace's final text). */
export async function writeTraceDraft(
  db: Client,
  data: SeedData,
  trace: Trace,
  title: string,
): Promise<{ draftId: string; ms: number }> {
  const t0 = now();
  const draftId = randomUUID();
  const authorIds = data.users.slice(1, 1 + 5).map((u) => u.id);
  await db.query('BEGIN');
  try {
    await db.query(
      `INSERT INTO drafts (id, topic_id, group_id, title, status, version, content_text, content_version, created_by)
       VALUES ($1, $2, $3, $4, 'draft', $5, $6, $5, $7)`,
      [draftId, data.topicId, data.groupId, title, trace.ops, trace.text, data.users[0].id],
    );
    for (let from = 0; from < trace.ops; from += BATCH) {
      const to = Math.min(trace.ops, from + BATCH);
      const versions: number[] = [];
      const updates: Buffer[] = [];
      const authors: string[] = [];
      for (let i = from; i < to; i++) {
        versions.push(i + 1);
        const u = trace.updates[i];
        updates.push(Buffer.from(u.buffer, u.byteOffset, u.byteLength));
        authors.push(authorIds[trace.authors[i] % authorIds.length]);
      }
      await db.query(
        `INSERT INTO draft_updates (draft_id, version, update, author_id)
         SELECT $1, v, u, a FROM unnest($2::int[], $3::bytea[], $4::uuid[]) AS t(v, u, a)`,
        [draftId, versions, updates, authors],
      );
    }
    await db.query('COMMIT');
  } catch (error) {
    await db.query('ROLLBACK');
    throw error;
  }
  return { draftId, ms: now() - t0 };
}

/** Another draft with the same log (copied inside PostgreSQL). */
export async function copyTraceDraft(
  db: Client,
  fromId: string,
  title: string,
): Promise<{ draftId: string; ms: number }> {
  const t0 = now();
  const draftId = randomUUID();
  await db.query('BEGIN');
  try {
    await db.query(
      `INSERT INTO drafts (id, topic_id, group_id, title, status, version, content_text, content_version, created_by)
       SELECT $2, topic_id, group_id, $3, status, version, content_text, content_version, created_by
         FROM drafts WHERE id = $1`,
      [fromId, draftId, title],
    );
    await db.query(
      `INSERT INTO draft_updates (draft_id, version, update, author_id, created_at)
       SELECT $2, version, update, author_id, created_at FROM draft_updates WHERE draft_id = $1`,
      [fromId, draftId],
    );
    await db.query('COMMIT');
  } catch (error) {
    await db.query('ROLLBACK');
    throw error;
  }
  return { draftId, ms: now() - t0 };
}

export function productDataSource(databaseUrl: string): DataSource {
  return new DataSource({ ...dataSourceOptions({ DATABASE_URL: databaseUrl, DATABASE_POOL_SIZE: 4 }) });
}

export interface InProcessLoad {
  /** DraftDocStore.acquire on a new store (nothing cached): SELECT the draft, DraftLog.docAt (SELECT the snapshot,
   *  SELECT the updates, check they are contiguous, buildDoc = Y.applyUpdate of each in one transaction),
   *  textOf(doc) compared with content_text */
  acquireMs: number[];
  /** the same steps one by one (one more run) */
  steps: {
    selectUpdatesMs: number;
    rows: number;
    bytes: number;
    buildDocMs: number;
    textOfMs: number;
    /** not part of loading: what the first draft:sync then sends (Y.encodeStateAsUpdate) */
    encodeStateMs: number;
    stateBytes: number;
    textLength: number;
  };
  profile?: string;
}

export async function measureInProcessLoad(
  ds: DataSource,
  draftId: string,
  expectedText: string,
  reps: number,
  profileFile?: string,
): Promise<InProcessLoad> {
  const acquireMs: number[] = [];
  const log = new DraftLog(ds);
  for (let i = 0; i < reps; i++) {
    const store = new DraftDocStore(ds, log);
    const t0 = now();
    const live = await store.acquire(draftId);
    acquireMs.push(Math.round((now() - t0) * 10) / 10);
    if (textOf(live.doc) !== expectedText) throw new Error('in-process load: wrong text');
    live.doc.destroy();
  }
  const t0 = now();
  const updates = await log.updates(draftId, 0, null);
  const t1 = now();
  const doc = buildDoc(
    null,
    updates.map((u) => u.update),
  );
  const t2 = now();
  const text = textOf(doc);
  const t3 = now();
  const state = Y.encodeStateAsUpdate(doc);
  const t4 = now();
  if (text !== expectedText) throw new Error('in-process build: wrong text');
  const r = (v: number) => Math.round(v * 10) / 10;
  const out: InProcessLoad = {
    acquireMs,
    steps: {
      selectUpdatesMs: r(t1 - t0),
      rows: updates.length,
      bytes: updates.reduce((a, u) => a + u.update.byteLength, 0),
      buildDocMs: r(t2 - t1),
      textOfMs: r(t3 - t2),
      encodeStateMs: r(t4 - t3),
      stateBytes: state.byteLength,
      textLength: text.length,
    },
  };
  doc.destroy();
  if (profileFile) {
    await profileHere(profileFile, async () => {
      const live = await new DraftDocStore(ds, log).acquire(draftId);
      live.doc.destroy();
    });
    out.profile = profileFile;
  }
  return out;
}

/** The product's compaction (what the worker's compact-draft job runs): a snapshot at the draft's version. */
export async function compactWithProduct(
  ds: DataSource,
  draftId: string,
): Promise<{ ms: number; snapshotVersion: number | null }> {
  const t0 = now();
  const result = await new DraftCompactor(ds, new DraftLog(ds)).compact(draftId);
  return { ms: now() - t0, snapshotVersion: result.snapshotVersion };
}
