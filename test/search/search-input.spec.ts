import { as, givenGroup, TestGroup } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';
import { expectErrorBody, givenPost, givenThread, givenTopic, uniqueWord } from './search-fixtures';

type Item = { id: string; type: string };

/** Filters, pagination and bad input of GET /api/v1/search. */
describe('search: filters, pages, bad input', () => {
  let app: TestApp;
  let group: TestGroup;
  const word = uniqueWord();
  let threadId: string;
  const postIds: string[] = [];

  const search = (query: string | Record<string, string | number | null | undefined>) =>
    as(app, group.people.member).get('/api/v1/search').query(query);

  beforeAll(async () => {
    app = await startTestApp();
    group = await givenGroup(app);
    const topic = await givenTopic(app, group.id, 'group');
    threadId = await givenThread(app, topic, group.owner.id, `Sammelthread ${word}`);
    for (let i = 1; i <= 6; i++) {
      postIds.push(await givenPost(app, threadId, group.owner.id, `Beitrag ${i}: ${`${word} `.repeat(i)}`));
    }
  });
  afterAll(() => app.close());

  it('filters by type', async () => {
    const threads = (await search({ q: word, type: 'thread' }).expect(200)).body.items as Item[];
    expect(threads.map((i) => [i.type, i.id])).toEqual([['thread', threadId]]);
    const posts = (await search({ q: word, type: 'post' }).expect(200)).body.items as Item[];
    expect(posts.map((i) => i.type)).toEqual(Array(6).fill('post'));
    expect(posts.map((i) => i.id).sort()).toEqual([...postIds].sort());
  });

  it('pages through the ranked list without gaps or repeats, in the order of one big page', async () => {
    const all = (await search({ q: word, limit: 100 }).expect(200)).body;
    expect(all.items).toHaveLength(7);
    expect(all.nextCursor).toBeNull();

    const seen: Item[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: { body: { items: Item[]; nextCursor: string | null } } = await search({
        q: word,
        limit: 3,
        ...(cursor ? { cursor } : {}),
      }).expect(200);
      seen.push(...res.body.items);
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen.map((i) => i.id)).toEqual(all.items.map((i: Item) => i.id));
    // Best first: the post with six mentions leads the posts.
    expect(all.items.filter((i: Item) => i.type === 'post')[0].id).toBe(postIds[5]);
  });

  it('ends with nextCursor null when a page is exactly full', async () => {
    const first = (await search({ q: word, type: 'post', limit: 3 }).expect(200)).body;
    const second = (await search({ q: word, type: 'post', limit: 3, cursor: first.nextCursor }).expect(200))
      .body;
    expect(second.items).toHaveLength(3);
    expect(second.nextCursor).toBeNull();
  });

  it('refuses a cursor that is forged or belongs to another search', async () => {
    const { nextCursor } = (await search({ q: word, limit: 1 }).expect(200)).body;
    for (const query of [
      { q: `${word} Beitrag`, cursor: nextCursor },
      { q: word, type: 'post', cursor: nextCursor },
      { q: word, cursor: 'not-a-cursor' },
      { q: word, cursor: Buffer.from('{"o":-5,"s":"x"}').toString('base64url') },
    ]) {
      const res = await search(query).expect(400);
      expectErrorBody(res.body, 400, 'VALIDATION_FAILED');
    }
  });

  it('accepts q of 1 and of 200 characters', async () => {
    await search({ q: 'a' }).expect(200);
    const long = `${word} ${'x'.repeat(200 - word.length - 1)}`;
    expect(long).toHaveLength(200);
    await search({ q: long }).expect(200);
  });

  it.each([
    ['missing q', {}],
    ['empty q', { q: '' }],
    ['q of 201 characters', { q: 'x'.repeat(201) }],
    ['two q', 'q=a&q=b'],
    ['unknown type', { q: 'Sprachkurs', type: 'drafts' }],
    ['malformed groupId', { q: 'Sprachkurs', groupId: 'not-a-uuid' }],
    ['limit 0', { q: 'Sprachkurs', limit: 0 }],
    ['limit 101', { q: 'Sprachkurs', limit: 101 }],
    ['limit not a number', { q: 'Sprachkurs', limit: 'viele' }],
    ['unknown parameter', { q: 'Sprachkurs', sort: 'date' }],
  ])('answers %s with 400 VALIDATION_FAILED', async (_, query) => {
    const res = await search(query).expect(400);
    expectErrorBody(res.body, 400, 'VALIDATION_FAILED');
  });

  it('answers a call without a token with 401 UNAUTHORIZED', async () => {
    const res = await as(app).get('/api/v1/search').query({ q: 'Sprachkurs' }).expect(401);
    expectErrorBody(res.body, 401, 'UNAUTHORIZED');
  });

  it('documents the route in the OpenAPI document', async () => {
    const res = await as(app).get('/api/docs-json').expect(200);
    const route = res.body.paths['/api/v1/search'].get;
    expect(route.parameters.map((p: { name: string }) => p.name).sort()).toEqual(
      ['cursor', 'groupId', 'limit', 'q', 'type'].sort(),
    );
  });
});
