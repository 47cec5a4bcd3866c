import { docText } from '../support/doc-text';
import { randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import { as, givenAdmin, givenGroup, givenUser, TestGroup, TestUser } from '../support/factories';
import { givenTopic } from '../support/discussion-factories';
import { startTestApp, TestApp } from '../support/test-app';
import { callerOf, givenDraft, syncOf } from './draft-support';

type Who = 'admin' | 'owner' | 'moderator' | 'member' | 'observer' | 'outsider' | 'signedOut';
type What =
  | 'read'
  | 'list'
  | 'create'
  | 'edit'
  | 'status'
  | 'sections'
  | 'export'
  | 'revision'
  | 'revisions'
  | 'diff'
  | 'restore'
  | 'comment'
  | 'comments'
  | 'reply'
  | 'resolveOwn'
  | 'resolveOthers'
  | 'suggest'
  | 'suggestions'
  | 'accept'
  | 'reject'
  | 'syncRead'
  | 'syncWrite';

const row = (
  admin: number,
  owner: number,
  moderator: number,
  member: number,
  observer: number,
  outsider: number,
) => ({
  admin,
  owner,
  moderator,
  member,
  observer,
  outsider,
  signedOut: 401,
});

const READ = row(200, 200, 200, 200, 200, 404);
const WRITE = (ok: number) => row(ok, ok, ok, ok, 403, 404);
const MODERATE = row(200, 200, 200, 403, 403, 404);

const GROUP: Record<What, Record<Who, number>> = {
  read: READ,
  list: READ,
  create: WRITE(201),
  edit: WRITE(200),
  status: MODERATE,
  sections: READ,
  export: READ,
  revision: WRITE(201),
  revisions: READ,
  diff: READ,
  // Restoring replaces everyone's text: moderators and owners; of the writers only who started the draft
  // (restore.spec.ts), and the draft here was started by the owner.
  restore: MODERATE,
  comment: WRITE(201),
  comments: READ,
  reply: WRITE(201),
  resolveOwn: WRITE(200),
  resolveOthers: MODERATE,
  suggest: WRITE(201),
  suggestions: READ,
  accept: MODERATE,
  reject: MODERATE,
  syncRead: READ,
  syncWrite: WRITE(200),
};

/** Network topics: every signed-in person reads and writes; moderating stays with the group. */
const open = (r: Record<Who, number>): Record<Who, number> => {
  const ok = Math.min(...Object.values(r).filter((s) => s < 300));
  return r.member < 300 ? { ...r, observer: ok, outsider: ok } : { ...r, outsider: r.observer };
};
const NETWORK = Object.fromEntries(Object.entries(GROUP).map(([k, r]) => [k, open(r)])) as typeof GROUP;

describe('draft permission matrix', () => {
  let app: TestApp;
  let group: TestGroup;
  let admin: TestUser;
  let outsider: TestUser;
  const topics = {} as Record<'group' | 'network', string>;

  beforeAll(async () => {
    app = await startTestApp();
    group = await givenGroup(app);
    admin = await givenAdmin(app);
    outsider = await givenUser(app);
    topics.group = (await givenTopic(app, group, 'group')).id;
    topics.network = (await givenTopic(app, group, 'network')).id;
  });
  afterAll(() => app.close());

  const callerOfWho = (who: Who): TestUser | undefined =>
    who === 'admin'
      ? admin
      : who === 'outsider'
        ? outsider
        : who === 'signedOut'
          ? undefined
          : group.people[who];

  async function commentBy(draftId: string, authorId: string): Promise<string> {
    const id = randomUUID();
    await app.dataSource.query(
      `INSERT INTO draft_comments (id, draft_id, author_id, body) VALUES ($1, $2, $3, 'alt')`,
      [id, draftId, authorId],
    );
    return id;
  }

  async function syncStatus(call: () => Promise<unknown>): Promise<number> {
    try {
      await call();
      return 200;
    } catch (error) {
      return (error as { status?: number }).status ?? 500;
    }
  }

  const cases = (['group', 'network'] as const).flatMap((visibility) =>
    Object.entries(visibility === 'group' ? GROUP : NETWORK).flatMap(([what, r]) =>
      Object.entries(r).map(([who, status]) => [visibility, what as What, who as Who, status] as const),
    ),
  );

  it.each(cases)('%s topic: %s by %s → %i', async (visibility, what, who, expected) => {
    const topicId = topics[visibility];
    const owner = group.owner;
    const draft = await givenDraft(app, owner, topicId, 'Ein Satz für alle.');
    const user = callerOfWho(who);
    const api = as(app, user);
    const d = `/api/v1/drafts/${draft.id}`;
    const revision = async () =>
      (await as(app, owner).post(`${d}/revisions`).send({ label: 'Stand' }).expect(201)).body.id as string;
    const suggestion = async () =>
      (
        await as(app, owner)
          .post(`${d}/suggestions`)
          .send({ anchor: { start: 0, end: 3 }, replacement: 'Der', rationale: 'r' })
          .expect(201)
      ).body.id as string;
    let status: number;
    if (what === 'syncRead' || what === 'syncWrite') {
      if (!user) return; // the gateway refuses sockets without a valid token (connect_error "unauthorized")
      const sync = syncOf(app);
      const doc = new Y.Doc();
      docText(doc).insert(0, 'x');
      status = await syncStatus(() =>
        what === 'syncRead'
          ? sync.syncStep(callerOf(user), draft.id)
          : sync.applyUpdate(callerOf(user), draft.id, Y.encodeStateAsUpdate(doc)),
      );
    } else {
      let res;
      switch (what) {
        case 'read':
          res = await api.get(d);
          break;
        case 'list':
          res = await api.get(`/api/v1/topics/${topicId}/drafts`);
          break;
        case 'create':
          res = await api.post(`/api/v1/topics/${topicId}/drafts`).send({ title: 'Neu' });
          break;
        case 'edit':
          res = await api.put(`${d}/content`).send({ content: 'Neu.', baseVersion: 1 });
          break;
        case 'status':
          res = await api
            .post(`${d}/status`)
            .send({ status: 'consultation', deadline: new Date(Date.now() + 86_400_000).toISOString() });
          break;
        case 'sections':
          res = await api.get(`${d}/sections`);
          break;
        case 'export':
          res = await api.get(`${d}/export?format=html`);
          break;
        case 'revision':
          res = await api.post(`${d}/revisions`).send({ label: 'Meiner' });
          break;
        case 'revisions':
          res = await api.get(`${d}/revisions`);
          break;
        case 'diff': {
          const from = await revision();
          res = await api.get(`${d}/diff?from=${from}`);
          break;
        }
        case 'restore': {
          const id = await revision();
          await as(app, owner).put(`${d}/content`).send({ content: 'Anders.', baseVersion: 1 }).expect(200);
          res = await api.post(`${d}/revisions/${id}/restore`);
          break;
        }
        case 'comment':
          res = await api.post(`${d}/comments`).send({ body: 'Hm', anchor: { start: 0, end: 3 } });
          break;
        case 'comments':
          res = await api.get(`${d}/comments`);
          break;
        case 'reply':
          res = await api
            .post(`${d}/comments/${await commentBy(draft.id, owner.id)}/replies`)
            .send({ body: 'Ja' });
          break;
        case 'resolveOwn':
          res = await api.post(`${d}/comments/${await commentBy(draft.id, user?.id ?? owner.id)}/resolve`);
          break;
        case 'resolveOthers':
          res = await api.post(`${d}/comments/${await commentBy(draft.id, randomUUID())}/resolve`);
          break;
        case 'suggest':
          res = await api
            .post(`${d}/suggestions`)
            .send({ anchor: { start: 0, end: 3 }, replacement: 'x', rationale: 'y' });
          break;
        case 'suggestions':
          res = await api.get(`${d}/suggestions`);
          break;
        case 'accept':
          res = await api.post(`${d}/suggestions/${await suggestion()}/accept`);
          break;
        case 'reject':
          res = await api.post(`${d}/suggestions/${await suggestion()}/reject`).send({ reason: 'nein' });
          break;
      }
      status = res.status;
      if (status >= 400)
        expect(res.body).toMatchObject({
          statusCode: status,
          code: expect.any(String),
          message: expect.any(String),
        });
    }
    expect({ what, who, status }).toEqual({ what, who, status: expected });
  });
});
