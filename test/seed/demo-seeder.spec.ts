import { DemoSeeder, DEMO_PASSWORD } from '../../apps/api/src/seed/demo-seeder';
import { as } from '../support/factories';
import { withFreshApp } from '../support/fresh-app';
import request from 'supertest';

describe('demo seed', () => {
  it('seeds the network’s bodies, demo people, a group and its content once; a second run changes nothing', async () => {
    await withFreshApp('seed', async (app) => {
      const first = await new DemoSeeder(app.api).seed();
      expect(first).toMatch(/organisations: 48; demo people: 5; demo content: 2 topics, 3 threads, 8 posts/);
      const second = await new DemoSeeder(app.api).seed();
      expect(second).toMatch(/present already \(/);
      const [{ n }] = await app.dataSource.query(`SELECT count(*)::int AS n FROM users`);
      expect(n).toBe(5);
      const [counts] = await app.dataSource.query(
        `SELECT (SELECT count(*)::int FROM topics) AS topics, (SELECT count(*)::int FROM posts) AS posts,
              (SELECT count(*)::int FROM drafts) AS drafts`,
      );
      expect(counts).toEqual({ topics: 2, posts: 8, drafts: 1 });
      const login = await request(app.url)
        .post('/api/v1/auth/login')
        .send({ email: 'admin@runde.demo', password: DEMO_PASSWORD })
        .expect(200);
      expect(login.body.user).toMatchObject({ isAdmin: true, organisation: { kind: 'ministry' } });
      const groups = await as(app, login.body).get('/api/v1/groups').expect(200);
      expect(groups.body.items).toEqual([
        expect.objectContaining({ name: 'Steuerungskreis Netzwerk Integration', memberCount: 5 }),
      ]);
      // What a first look shows: topics with discussions, and a strategy draft with a revision, an anchored
      // comment with a reply and an open suggestion — read over the API as the people themselves.
      const groupId = groups.body.items[0].id;
      const topics = await as(app, login.body).get(`/api/v1/groups/${groupId}/topics`).expect(200);
      expect(topics.body.items.map((t: { title: string }) => t.title).sort()).toEqual([
        'Integrationsmanagement: Strategie 2027',
        'Sprachförderung und Integrationskurse',
      ]);
      const courses = topics.body.items.find((t: { title: string }) => t.title.startsWith('Sprach'));
      const threads = await as(app, login.body).get(`/api/v1/topics/${courses.id}/threads`).expect(200);
      const waiting = threads.body.items.find((t: { title: string }) => t.title.startsWith('Wartezeiten'));
      const posts = await as(app, login.body).get(`/api/v1/threads/${waiting.id}/posts`).expect(200);
      expect(posts.body.items.map((p: { author: { displayName: string } }) => p.author.displayName)).toEqual([
        'Markus Wagner',
        'Selin Yılmaz',
        'Jonas Keller',
        'Amelie Brandt',
      ]);
      expect(posts.body.items[3].replyTo).toMatchObject({ id: posts.body.items[1].id });
      const strategy = topics.body.items.find((t: { title: string }) => t.title.startsWith('Integrations'));
      const observer = await request(app.url)
        .post('/api/v1/auth/login')
        .send({ email: 'l.fischer@runde.demo', password: DEMO_PASSWORD })
        .expect(200);
      const drafts = await as(app, observer.body).get(`/api/v1/topics/${strategy.id}/drafts`).expect(200);
      expect(drafts.body.items).toEqual([
        expect.objectContaining({ title: 'Eckpunkte Integrationsmanagement 2027', status: 'draft' }),
      ]);
      const draftId = drafts.body.items[0].id;
      const sections = await as(app, observer.body).get(`/api/v1/drafts/${draftId}/sections`).expect(200);
      expect(sections.body.items.map((x: { title: string }) => x.title)).toEqual(
        expect.arrayContaining(['Ausgangslage', 'Ziele', 'Maßnahmen', 'Zeitplan']),
      );
      const comments = await as(app, observer.body).get(`/api/v1/drafts/${draftId}/comments`).expect(200);
      expect(comments.body.items).toEqual([
        expect.objectContaining({
          anchor: expect.objectContaining({
            quote:
              'Die Fallzahlen je Integrationsmanagerin und Integrationsmanager unterscheiden sich zwischen den Kreisen stark.',
          }),
          replies: [expect.objectContaining({ body: 'Ja, die Auswertung liegt Ende des Monats vor.' })],
        }),
      ]);
      const suggestions = await as(app, observer.body)
        .get(`/api/v1/drafts/${draftId}/suggestions`)
        .expect(200);
      expect(suggestions.body.items).toEqual([
        expect.objectContaining({
          status: 'open',
          anchor: expect.objectContaining({
            quote: 'Ein Austauschformat der Integrationsbeauftragten je Regierungsbezirk.',
            detached: false,
          }),
        }),
      ]);
      const revisions = await as(app, observer.body).get(`/api/v1/drafts/${draftId}/revisions`).expect(200);
      expect(revisions.body.items.map((r: { label: string }) => r.label)).toContain('Erster Entwurf');
      const orgs = await request(app.url).get('/api/v1/organisations').expect(200);
      expect(orgs.body.items.map((o: { name: string }) => o.name)).toEqual(
        expect.arrayContaining(['Stadtkreis Heilbronn', 'Landkreis Heilbronn', 'Ortenaukreis']),
      );
    });
  });

  it('adds the content once to a demo seeded before the content existed (people and group, no topics)', async () => {
    await withFreshApp('seed2', async (app) => {
      const seeder = new DemoSeeder(app.api);
      // What an earlier version of the seed left: the people and the group only.
      await (seeder as unknown as { seedPeopleAndGroup(ds: unknown): Promise<unknown> }).seedPeopleAndGroup(
        app.dataSource,
      );
      expect(await seeder.seed()).toMatch(
        /present already; demo content: 2 topics, 3 threads, 8 posts, 1 draft/,
      );
      expect(await seeder.seed()).toMatch(/present already \(/);
      const [{ n }] = await app.dataSource.query(`SELECT count(*)::int AS n FROM topics`);
      expect(n).toBe(2);
    });
  });
});
