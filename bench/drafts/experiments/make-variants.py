#!/usr/bin/env python3
"""
Experiment only — NOT a product change. Copies the compiled product (dist/apps, dist/libs) to OUT/<variant>/dist and
patches the compiled JavaScript with the changes proposed in bench/drafts/ANALYSIS.md, so that the benchmark can
measure their effect without touching the source tree:

  A     DraftWriter.append: one SQL statement per update (optimistic: UPDATE drafts … WHERE version = $expected
        AND status editable, INSERT INTO draft_updates in the same CTE; autocommit) instead of BEGIN, SELECT … FOR
        UPDATE, catch-up SELECT, INSERT, UPDATE, COMMIT. Falls back to the original path when 0 rows come back.
  B     DraftSyncService.applyUpdate: the write-access check cached per (user, draft) for 5 s (the product would
        need invalidation on member.removed / role changes; the experiment just caches).
  C     DraftChannel: the broadcast skips the sending socket (`.except(socket.id)`), as libs/drafts/README.md asks.
  D     DraftWriter.append: group commit — updates of one draft queued while its previous commit runs are written
        together (one statement, N log rows, one drafts UPDATE), then acknowledged and broadcast one by one.

Usage (after `npm run build`):
  python3 bench/drafts/experiments/make-variants.py /tmp/drafts-exp
  BENCH_PRODUCT_DIST=/tmp/drafts-exp/ABCD/dist node dist/bench/drafts/main.js --only live --no-profile
(runs with BENCH_PRODUCT_DIST never write RESULTS.md)
"""
import os, shutil, sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, '..', '..', '..'))
SRC = os.path.join(REPO, 'dist')
OUT = sys.argv[1] if len(sys.argv) > 1 else '/tmp/drafts-exp'
def variant(name, fast, cache, noecho):
    root=os.path.join(OUT, name)
    if os.path.exists(root): shutil.rmtree(root)
    os.makedirs(root)
    shutil.copytree(SRC+'/apps', root+'/dist/apps')
    shutil.copytree(SRC+'/libs', root+'/dist/libs')
    os.symlink(os.path.join(REPO, 'node_modules'), root+'/node_modules')
    if fast:
        p=root+'/dist/libs/drafts/src/doc/draft-writer.js'; s=open(p).read()
        old="    async commit(draftId, actorId, catchUpFirst, plan, within) {\n"
        assert old in s
        new=old+"""        if (!catchUpFirst && !within) {
            const fast = await this.mutex.run(draftId, async () => {
                const live = await this.store.acquire(draftId, { catchUp: false });
                const update = await plan(live);
                if (!update || !(0, yjs_codec_1.applyDetectingChange)(live.doc, update))
                    return { version: live.version, text: '', changed: false, result: undefined };
                const text = (0, yjs_codec_1.textOf)(live.doc);
                let rows;
                try {
                    rows = await this.uow.dataSource.query(`WITH d AS (UPDATE drafts SET version = version + 1, content_text = $3, updated_at = now() WHERE id = $1 AND version = $2 AND status IN ('draft', 'revision') RETURNING version) INSERT INTO draft_updates (draft_id, version, update, author_id) SELECT $1, d.version, $4, $5 FROM d RETURNING version`, [draftId, live.version, text, Buffer.from(update.buffer, update.byteOffset, update.byteLength), actorId]);
                } catch (error) { this.store.evict(draftId); throw error; }
                if (!rows.length) { this.store.evict(draftId); return null; }
                live.version = rows[0].version;
                this.bus.emit(draftId, update, actorId, live.version);
                return { version: live.version, text, changed: true, result: undefined };
            });
            if (fast) { if (fast.changed) await this.jobs.afterUpdate(draftId, fast.version); return fast; }
        }
"""
        s=s.replace(old,new); open(p,'w').write(s)
    if cache:
        p=root+'/dist/libs/drafts/src/live/draft-sync.service.js'; s=open(p).read()
        old="""    async applyUpdate(caller, draftId, update) {
        await this.policy.assert(caller, 'write', 'draft', draftId, 'Draft');"""
        assert old in s
        s=s.replace(old,"""    async applyUpdate(caller, draftId, update) {
        const cacheKey = caller.id + ':' + draftId;
        this.__writeOk ??= new Map();
        if (!(this.__writeOk.get(cacheKey) > Date.now())) {
            await this.policy.assert(caller, 'write', 'draft', draftId, 'Draft');
            this.__writeOk.set(cacheKey, Date.now() + 5000);
        }""")
        open(p,'w').write(s)
    if noecho:
        p=root+'/dist/libs/realtime/src/draft-channel.js'; s=open(p).read()
        old="""            this.server?.to(`draft:${draftId}`).emit('draft:update', { draftId, update, version });"""
        assert old in s
        s=s.replace(old,"""            const origin = ORIGINS.get(update.buffer);
            const target = this.server?.to(`draft:${draftId}`);
            (origin ? target?.except(origin) : target)?.emit('draft:update', { draftId, update, version });""")
        old2="""            const { version } = await this.sync.applyUpdate(caller, draftId, new Uint8Array(update));"""
        assert old2 in s
        s=s.replace(old2,"""            const bytes = new Uint8Array(update);
            ORIGINS.set(bytes.buffer, socket.id);
            const { version } = await this.sync.applyUpdate(caller, draftId, bytes);""")
        s=s.replace("const MAX_AWARENESS","const ORIGINS = new WeakMap();\nconst MAX_AWARENESS",1)
        assert 'const ORIGINS' in s
        open(p,'w').write(s)

def group_commit(name):
    root=os.path.join(OUT, name)
    p=root+'/dist/libs/drafts/src/doc/draft-writer.js'; s=open(p).read()
    old="""    async append(draftId, actorId, update) {
        return this.commit(draftId, actorId, false, () => update);
    }"""
    assert old in s
    new="""    async append(draftId, actorId, update) {
        this.__queues ??= new Map();
        return new Promise((resolve, reject) => {
            let q = this.__queues.get(draftId);
            if (!q) {
                q = [];
                this.__queues.set(draftId, q);
                this.mutex.run(draftId, () => this.__drain(draftId)).then(async (fallback) => {
                    for (const e of fallback) await this.commit(draftId, e.actorId, false, () => e.update).then(e.resolve, e.reject);
                }, (error) => undefined);
            }
            q.push({ actorId, update, resolve, reject });
        });
    }
    async __drain(draftId) {
        const batch = this.__queues.get(draftId) ?? [];
        this.__queues.delete(draftId);
        let live;
        try {
            live = await this.store.acquire(draftId, { catchUp: false });
        } catch (error) { for (const e of batch) e.reject(error); return []; }
        const items = [];
        for (const e of batch) {
            if ((0, yjs_codec_1.applyDetectingChange)(live.doc, e.update)) items.push(e);
            else e.resolve({ version: live.version, text: '', changed: false, result: undefined });
        }
        if (!items.length) return [];
        const text = (0, yjs_codec_1.textOf)(live.doc);
        let rows;
        try {
            rows = await this.uow.dataSource.query(`WITH d AS (UPDATE drafts SET version = version + $3, content_text = $4, updated_at = now() WHERE id = $1 AND version = $2 AND status IN ('draft', 'revision') RETURNING version) INSERT INTO draft_updates (draft_id, version, update, author_id) SELECT $1, $2 + t.ord, t.u, t.a FROM d, unnest($5::bytea[], $6::uuid[]) WITH ORDINALITY AS t(u, a, ord) RETURNING version`, [draftId, live.version, items.length, text, items.map((e) => Buffer.from(e.update.buffer, e.update.byteOffset, e.update.byteLength)), items.map((e) => e.actorId)]);
        } catch (error) { this.store.evict(draftId); return items; }
        if (rows.length !== items.length) { this.store.evict(draftId); return items; }
        const base = live.version;
        live.version = base + items.length;
        items.forEach((e, i) => this.bus.emit(draftId, e.update, e.actorId, base + i + 1));
        items.forEach((e, i) => { const version = base + i + 1; this.jobs.afterUpdate(draftId, version).then(() => e.resolve({ version, text, changed: true, result: undefined }), () => e.resolve({ version, text, changed: true, result: undefined })); });
        this.__batches = (this.__batches ?? 0) + 1; this.__batched = (this.__batched ?? 0) + items.length;
        return [];
    }"""
    s=s.replace(old,new); open(p,'w').write(s)

variant('A', True, False, False)
variant('AB', True, True, False)
variant('ABC', True, True, True)
variant('ABCD', True, True, True)
group_commit('ABCD')
print(f'variants A, AB, ABC, ABCD in {OUT}')
