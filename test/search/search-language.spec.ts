import { as, givenGroup, TestGroup, TestUser } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';
import { givenPost, givenThread, givenTopic } from './search-fixtures';

/** German full-text search: stemming, umlauts, phrases, exclusion, ranking and safe snippets. */
describe('search: German language', () => {
  let app: TestApp;
  let group: TestGroup;
  let reader: TestUser;
  let topicId: string;

  /** Search within this suite's group only, so nothing another test writes can appear. */
  async function search(q: string, extra: Record<string, string | number> = {}) {
    const res = await as(app, reader)
      .get('/api/v1/search')
      .query({ q, groupId: group.id, ...extra })
      .expect(200);
    return res.body as { items: Array<Record<string, unknown>>; nextCursor: string | null };
  }
  const ids = async (q: string, extra: Record<string, string | number> = {}) =>
    (await search(q, extra)).items.map((i) => i.id);

  beforeAll(async () => {
    app = await startTestApp();
    group = await givenGroup(app);
    reader = group.people.observer;
    topicId = await givenTopic(app, group.id, 'group', 'Integration vor Ort');
  });
  afterAll(() => app.close());

  it('finds inflected forms through German stemming, in both directions', async () => {
    const author = group.people.member.id;
    const plural = await givenThread(app, topicId, author, 'Neue Sprachkurse für Eltern');
    const singular = await givenThread(app, topicId, author, 'Warteliste');
    const singularPost = await givenPost(app, singular, author, 'Der Sprachkurs beginnt im März.');
    const dative = await givenPost(app, singular, author, 'In den Sprachkursen lernen alle schnell.');

    expect(await ids('Sprachkurs')).toEqual(expect.arrayContaining([plural, singularPost, dative]));
    expect(await ids('Sprachkurse')).toEqual(expect.arrayContaining([plural, singularPost, dative]));
    expect(await ids('sprachkursen')).toEqual(expect.arrayContaining([plural, singularPost, dative]));
  });

  it('treats umlauts as the stemmer does: Unterkünfte finds Unterkunft and back', async () => {
    const author = group.people.member.id;
    const thread = await givenThread(app, topicId, author, 'Unterkünfte im Landkreis');
    const post = await givenPost(app, thread, author, 'Die Unterkunft in Tübingen ist voll.');
    const capital = await givenPost(app, thread, author, 'Übersetzungen ins Arabische fehlen noch.');

    expect(await ids('Unterkunft')).toEqual(expect.arrayContaining([thread, post]));
    expect(await ids('Unterkünfte')).toEqual(expect.arrayContaining([thread, post]));
    expect(await ids('UNTERKÜNFTEN')).toEqual(expect.arrayContaining([thread, post]));
    expect(await ids('übersetzung')).toEqual([capital]);
    expect(await ids('Tübingen')).toEqual([post]);
  });

  it('matches a "quoted phrase" only with its words in that order', async () => {
    const author = group.people.member.id;
    const thread = await givenThread(app, topicId, author, 'Ehrenamt');
    const inOrder = await givenPost(app, thread, author, 'Der Deutschkurs in Ulm startet im Herbst.');
    const scattered = await givenPost(app, thread, author, 'Ulm plant einen weiteren Deutschkurs.');

    expect(await ids('"Deutschkurs in Ulm"')).toEqual([inOrder]);
    expect(await ids('"Deutschkurse in Ulm"')).toEqual([inOrder]);
    expect((await ids('Deutschkurs Ulm')).sort()).toEqual([inOrder, scattered].sort());
  });

  it('leaves out what is -excluded, and "or" widens', async () => {
    const author = group.people.member.id;
    const thread = await givenThread(app, topicId, author, 'Kitaplätze');
    const mannheim = await givenPost(app, thread, author, 'Kitaplätze in Mannheim sind knapp.');
    const freiburg = await givenPost(app, thread, author, 'Kitaplätze in Freiburg sind knapp.');
    const heilbronn = await givenPost(app, thread, author, 'Heilbronn meldet freie Stellen.');

    const all = await ids('Kitaplatz knapp');
    expect(all.sort()).toEqual([mannheim, freiburg].sort());
    expect(await ids('Kitaplatz knapp -Freiburg')).toEqual([mannheim]);
    expect(await ids('Kitaplatz -Freiburg -Mannheim')).toEqual([thread]);
    expect((await ids('Freiburg or Heilbronn')).sort()).toEqual([freiburg, heilbronn].sort());
  });

  it('ranks denser matches higher and a matching title above a passing mention', async () => {
    const author = group.people.member.id;
    const titled = await givenThread(app, topicId, author, 'Lotsenprogramm für Neuzugewanderte');
    const other = await givenThread(app, topicId, author, 'Allgemeines');
    const dense = await givenPost(
      app,
      other,
      author,
      'Das Lotsenprogramm hilft. Im Lotsenprogramm arbeiten Ehrenamtliche, das Lotsenprogramm wächst.',
    );
    const once = await givenPost(
      app,
      other,
      author,
      'Nebenbei: auch das Lotsenprogramm wurde erwähnt, sonst ging es um Haushalt, Räume und Termine.',
    );

    const { items } = await search('Lotsenprogramm');
    expect(items.map((i) => i.id)).toEqual([titled, dense, once]);
    const ranks = items.map((i) => i.rank as number);
    expect(ranks.every((r) => typeof r === 'number' && r > 0)).toBe(true);
    expect([...ranks].sort((a, b) => b - a)).toEqual(ranks);
  });

  it('returns the contract fields, with the matches in <mark> inside the snippet', async () => {
    const author = group.people.member;
    const thread = await givenThread(app, topicId, author.id, 'Dolmetscherpool im Ostalbkreis');
    await givenPost(app, thread, author.id, 'Eröffnung.');
    const post = await givenPost(app, thread, author.id, 'Wir suchen Dolmetscher für Tigrinya und Dari.');

    const { items } = await search('Dolmetscher', { type: 'post' });
    expect(items).toEqual([
      {
        type: 'post',
        id: post,
        threadId: thread,
        topicId,
        groupId: group.id,
        title: 'Dolmetscherpool im Ostalbkreis',
        snippet: 'Wir suchen <mark>Dolmetscher</mark> für Tigrinya und Dari.',
        seq: 2,
        authorId: author.id,
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        rank: expect.any(Number),
      },
    ]);

    const threads = (await search('Dolmetscherpool', { type: 'thread' })).items;
    expect(threads).toEqual([
      expect.objectContaining({
        type: 'thread',
        id: thread,
        threadId: thread,
        seq: null,
        snippet: '<mark>Dolmetscherpool</mark> im Ostalbkreis',
      }),
    ]);
  });

  it('escapes the text’s own markup: only <mark> is HTML in a snippet', async () => {
    const author = group.people.member.id;
    const thread = await givenThread(app, topicId, author, '<img src=x onerror=alert(1)> Impfkampagne');
    const script = await givenPost(
      app,
      thread,
      author,
      'Impfkampagne & a<b &amp; <script>alert("Impfkampagne")</script> <b>fett</b>',
    );
    const forged = await givenPost(app, thread, author, 'Impfkampagne <mark>gefälscht</mark></mark><i>x');

    const { items } = await search('Impfkampagne');
    const snippet = (id: string) => items.find((i) => i.id === id)!.snippet as string;
    // A post is Markdown: its HTML tags are syntax readers never see and are left out; any other < stays text.
    expect(snippet(script)).toBe(
      '<mark>Impfkampagne</mark> &amp; a&lt;b &amp;amp; alert("<mark>Impfkampagne</mark>") fett',
    );
    expect(snippet(forged)).toBe('<mark>Impfkampagne</mark> gefälschtx');
    // A title is plain text: all of it is shown, escaped.
    expect(snippet(thread)).toBe('&lt;img src=x onerror=alert(1)&gt; <mark>Impfkampagne</mark>');
    for (const item of items) {
      // Well-formed <mark> pairs around plain text, and no other tag anywhere.
      expect((item.snippet as string).replace(/<mark>[^<>]*<\/mark>/g, '')).not.toMatch(/[<>]/);
    }
    // The title field is plain text, exactly as written.
    expect(items.find((i) => i.id === thread)!.title).toBe('<img src=x onerror=alert(1)> Impfkampagne');
  });

  it('answers a query of only stop words (or only exclusions) with an empty list', async () => {
    const thread = await givenThread(app, topicId, group.people.member.id, 'und oder aber');
    await givenPost(app, thread, group.people.member.id, 'Die der das und.');
    expect(await search('und der die das')).toEqual({ items: [], nextCursor: null });
    expect(await search('-Sprachkurs')).toEqual({ items: [], nextCursor: null });
    expect(await search('!!! ???')).toEqual({ items: [], nextCursor: null });
  });
});
