import request from 'supertest';
import { as, givenGroup, PASSWORD, TestGroup } from '../support/factories';
import { givenPost, givenThread, givenTopic } from '../support/discussion-factories';
import { startTestApp, TestApp, waitForQueuesToDrain } from '../support/test-app';
import { eventuallyNotified, notificationsOf, userEvents } from '../notifications/notification-helpers';

const DEFAULTS = {
  mentions: { inApp: true, email: false, emailDelivery: 'none' },
  replies: { inApp: true, email: false, emailDelivery: 'none' },
  followedThreads: { inApp: true, email: false, emailDelivery: 'none' },
  drafts: { inApp: true, email: false, emailDelivery: 'none' },
  moderation: { inApp: true, email: false, emailDelivery: 'none' },
  organisation: { inApp: true, email: false, emailDelivery: 'none' },
  consultations: { inApp: true, email: false, emailDelivery: 'none' },
  needs: { inApp: true, email: false, emailDelivery: 'none' },
};

/** Which notifications reach a person, per category; the fan-out leaves out what they switched off in the app. */
describe('notification settings', () => {
  let app: TestApp;
  let group: TestGroup;
  let topicId: string;
  beforeAll(async () => {
    app = await startTestApp({ worker: true });
    group = await givenGroup(app);
    topicId = (await givenTopic(app, group)).id;
  });
  afterAll(() => app.close());

  const settingsOf = (user: TestGroup['owner']) => as(app, user).get('/api/v1/me/notification-settings');
  const put = (user: TestGroup['owner'], body: unknown) =>
    as(app, user)
      .put('/api/v1/me/notification-settings')
      .send(body as object);

  it('starts with everything in the app and nothing by e-mail; a change keeps the categories left out', async () => {
    const user = group.people.observer;
    expect((await settingsOf(user).expect(200)).body).toEqual(DEFAULTS);
    const changed = await put(user, {
      mentions: { inApp: true, email: true },
      followedThreads: { inApp: false, email: false },
    }).expect(200);
    const expected = {
      ...DEFAULTS,
      mentions: { inApp: true, email: true, emailDelivery: 'immediate' },
      followedThreads: { inApp: false, email: false, emailDelivery: 'none' },
    };
    expect(changed.body).toEqual(expected);
    expect((await settingsOf(user).expect(200)).body).toEqual(expected);
    // Changing one again, and an empty change.
    await put(user, { followedThreads: { inApp: true, email: true } }).expect(200);
    expect((await put(user, {}).expect(200)).body).toEqual({
      ...expected,
      followedThreads: { inApp: true, email: true, emailDelivery: 'immediate' },
    });
    // Someone else's settings are their own.
    expect((await settingsOf(group.people.moderator).expect(200)).body).toEqual(DEFAULTS);
  });

  it('the fan-out leaves out a category switched off in the app, and only for that person', async () => {
    const quiet = group.people.member;
    const loud = group.people.moderator;
    await put(quiet, { mentions: { inApp: false, email: false } }).expect(200);
    const thread = await givenThread(app, group.owner, topicId);
    const post = await givenPost(app, group.owner, thread.id, `Bitte @${quiet.id} und @${loud.id} ansehen.`);
    await eventuallyNotified(app, loud, (n) => n.postId === post.id && n.kind === 'mention');
    await waitForQueuesToDrain(app);
    expect((await notificationsOf(app, quiet)).filter((n) => n.postId === post.id)).toEqual([]);
    const quietEvents = await userEvents(app, quiet);
    expect(
      quietEvents.filter((e) => (e.data.notification as { postId?: string }).postId === post.id),
    ).toEqual([]);

    // Other categories still reach them: a reply to their post.
    const own = await givenPost(app, quiet, thread.id, 'Meine Antwort');
    const reply = await givenPost(app, group.owner, thread.id, 'Danke!', own.id);
    await eventuallyNotified(app, quiet, (n) => n.postId === reply.id && n.kind === 'reply');

    // Switched on again: the next mention arrives.
    await put(quiet, { mentions: { inApp: true, email: false } }).expect(200);
    const later = await givenPost(app, group.owner, thread.id, `Noch einmal @${quiet.id}.`);
    await eventuallyNotified(app, quiet, (n) => n.postId === later.id && n.kind === 'mention');
  });

  it('is part of the data export, and erasure removes it', async () => {
    const user = group.people.observer;
    await put(user, { drafts: { inApp: false, email: true } }).expect(200);
    const exported = await as(app, user).get('/api/v1/me/export').expect(200);
    expect(exported.body.notificationSettings).toMatchObject({ drafts: { inApp: false, email: true } });
    await as(app, user).delete('/api/v1/me').send({ password: PASSWORD }).expect(204);
    const rows = await app.dataSource.query(`SELECT 1 FROM notification_settings WHERE user_id = $1`, [
      user.id,
    ]);
    expect(rows).toEqual([]);
  });

  it('bad input: a 400 in the contract’s body; no token 401', async () => {
    const user = group.people.moderator;
    const cases: unknown[] = [
      { mentions: { inApp: true } },
      { mentions: { email: false } },
      { mentions: { inApp: 'yes', email: false } },
      { mentions: { inApp: true, email: false, sms: true } },
      { mentions: null },
      { mentions: true },
      { mentions: [] },
      { mentions: [{ inApp: true, email: false }] },
      { everything: { inApp: false, email: false } },
      [],
      'text',
    ];
    for (const body of cases) {
      const res = await put(user, body);
      expect([body, res.status]).toEqual([body, 400]);
      expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    }
    expect((await settingsOf(user).expect(200)).body).toEqual(DEFAULTS);
    await request(app.url).get('/api/v1/me/notification-settings').expect(401);
    await request(app.url)
      .put('/api/v1/me/notification-settings')
      .send({ mentions: { inApp: false, email: false } })
      .expect(401);
  });
});
