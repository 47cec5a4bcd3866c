import request from 'supertest';
import { as, givenGroup, type TestGroup } from '../support/factories';
import { givenPost, givenThread, givenTopic } from '../support/discussion-factories';
import { expectEventually } from '../support/expect-eventually';
import { startTestApp, waitForQueuesToDrain, type TestApp } from '../support/test-app';
import { chooseMail, unsubscribePathOf, written } from './mail-helpers';

/** One-click unsubscribe (RFC 8058): GET shows a button and changes nothing; POST switches the mails off. */
describe('one-click unsubscribe', () => {
  let app: TestApp;
  let group: TestGroup;
  let threadId: string;
  beforeAll(async () => {
    app = await startTestApp({ worker: true });
    group = await givenGroup(app);
    const topic = await givenTopic(app, group);
    threadId = (await givenThread(app, group.owner, topic.id)).id;
  });
  afterAll(() => app.close());

  const settingsOf = async () =>
    (await as(app, group.people.member).get('/api/v1/me/notification-settings').expect(200)).body;

  it('GET asks, POST unsubscribes without a sign-in; the app keeps its notices', async () => {
    const person = group.people.member;
    await chooseMail(app, person, { mentions: 'immediate', drafts: 'daily' });
    await givenPost(app, group.owner, threadId, `Frage an @${person.id}`);
    const mail = await expectEventually(() => {
      const [m] = written(person.email);
      if (!m) throw new Error('no mail yet');
      return m;
    });
    expect(mail.text).toContain('Mit einem Klick abbestellen: http');
    const path = unsubscribePathOf(mail);

    const page = await request(app.url).get(path).expect(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toContain('<form method="post">');
    expect(page.text).toContain('Erwähnungen');
    expect((await settingsOf()).mentions.emailDelivery).toBe('immediate'); // looking changes nothing

    const done = await request(app.url)
      .post(path)
      .type('form')
      .send('List-Unsubscribe=One-Click')
      .expect(200);
    expect(done.text).toContain('Sie erhalten keine E-Mails mehr');
    const after = await settingsOf();
    expect(after.mentions).toEqual({ inApp: true, email: false, emailDelivery: 'none' });
    expect(after.drafts.emailDelivery).toBe('daily'); // another category keeps its choice

    // The next mention: a notice in the app, no mail.
    await givenPost(app, group.owner, threadId, `Noch eine Frage an @${person.id}`);
    await waitForQueuesToDrain(app);
    expect(written(person.email)).toHaveLength(1);
    const notices = await as(app, person).get('/api/v1/notifications').expect(200);
    expect(notices.body.items.filter((n: { kind: string }) => n.kind === 'mention')).toHaveLength(2);

    // Again (a second click, a mail program as multipart): still 200.
    await request(app.url).post(path).field('List-Unsubscribe', 'One-Click').expect(200);
  });

  it('a tampered or unknown token changes nothing and is not found', async () => {
    const token = 'a'.repeat(45);
    await request(app.url).get(`/api/v1/mail/unsubscribe/${token}`).expect(404);
    await request(app.url)
      .post(`/api/v1/mail/unsubscribe/${token}`)
      .type('form')
      .send('List-Unsubscribe=One-Click')
      .expect(404);
    await request(app.url).post('/api/v1/mail/unsubscribe/not*a*token').expect(404);
  });
});
