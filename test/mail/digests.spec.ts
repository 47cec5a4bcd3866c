import { MailDigests } from '@runde/notifications';
import { as, givenGroup, type TestGroup } from '../support/factories';
import { givenPost, givenThread, givenTopic } from '../support/discussion-factories';
import { startTestApp, waitForQueuesToDrain, type TestApp } from '../support/test-app';
import { chooseMail, written } from './mail-helpers';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/**
 * Daily digests, with the clock driven by the test: the digest job's function is called with a chosen `now`.
 * One mail per period listing exactly its notices of the chosen kinds; nothing on an empty day; nothing twice.
 */
describe('mail digests', () => {
  let app: TestApp;
  let group: TestGroup;
  let threadId: string;
  let digests: MailDigests;
  beforeAll(async () => {
    app = await startTestApp({ worker: true });
    digests = app.worker!.get(MailDigests);
    group = await givenGroup(app);
    const topic = await givenTopic(app, group);
    threadId = (await givenThread(app, group.owner, topic.id, 'Wer übernimmt die Sprachkurse?')).id;
  });
  afterAll(() => app.close());

  it('one mail per day listing exactly the chosen kinds, none on an empty day, none twice', async () => {
    const person = group.people.member;
    // Mentions and replies in the daily digest; followed threads not by mail at all.
    await chooseMail(app, person, { mentions: 'daily', replies: 'daily', followedThreads: 'none' });
    const prefs = await as(app, person).get('/api/v1/me/mail-preferences').expect(200);
    expect(prefs.body).toEqual({ timeZone: 'Europe/Berlin', digestHour: 7, digestWeekday: 1 });

    const own = await givenPost(app, person, threadId, 'Ich kann die Kurse in Tübingen übernehmen.');
    await givenPost(app, group.owner, threadId, 'Danke!', own.id); // reply
    await givenPost(app, group.owner, threadId, `Bitte @${person.id} auch Reutlingen ansehen.`); // mention
    await givenPost(app, group.owner, threadId, 'Ein Beitrag im Thema, dem sie folgt.'); // followed: not chosen
    await waitForQueuesToDrain(app);
    expect(written(person.email)).toEqual([]); // nothing at once

    // A day and a half later the digest of that day is due (07:00 in Berlin has passed since the posts).
    const dayOne = new Date(Date.now() + 36 * HOUR);
    await digests.run(dayOne);
    const mails = written(person.email);
    expect(mails).toHaveLength(1);
    const [digest] = mails;
    expect(digest.subject).toBe('Ihre tägliche Übersicht aus runde: 2 Benachrichtigungen');
    expect(digest.text).toContain('Guten Tag Member Person,');
    const lines = digest.text.split('\n').filter((l) => l.startsWith('• '));
    expect(lines).toEqual([
      '• Olga Owner hat in „Ein Thread“ auf Ihren Beitrag geantwortet',
      '• Olga Owner hat Sie in „Ein Thread“ erwähnt',
    ]);
    expect(digest.text).toContain(`#/threads/${threadId}?seq=`);
    expect(digest.headers?.['List-Unsubscribe']).toMatch(
      /^<http[^>]+\/api\/v1\/mail\/unsubscribe\/[a-z2-7]+>$/,
    );
    expect(digest.headers?.['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(digest.headers?.['Auto-Submitted']).toBe('auto-generated');

    // The job again (a retry, a second worker), also later in the same period: no second mail.
    await digests.run(dayOne);
    await digests.run(new Date(dayOne.getTime() + 2 * HOUR));
    expect(written(person.email)).toHaveLength(1);

    // The next day nothing happened: nothing is sent.
    await digests.run(new Date(dayOne.getTime() + DAY));
    expect(written(person.email)).toHaveLength(1);

    // Then another mention: the day after lists it, and only it.
    await givenPost(app, group.owner, threadId, `Noch eine Frage an @${person.id}.`);
    await waitForQueuesToDrain(app);
    await digests.run(new Date(dayOne.getTime() + 2 * DAY));
    const after = written(person.email);
    expect(after).toHaveLength(2);
    expect(after[1].subject).toBe('Ihre tägliche Übersicht aus runde: 1 Benachrichtigung');
    expect(after[1].text.split('\n').filter((l) => l.startsWith('• '))).toEqual([
      '• Olga Owner hat Sie in „Ein Thread“ erwähnt',
    ]);
    const rows = await app.dataSource.query(
      `SELECT item_count FROM mail_digests WHERE user_id = $1 AND item_count > 0 ORDER BY period_end`,
      [person.id],
    );
    expect(rows).toEqual([{ item_count: 2 }, { item_count: 1 }]);
  });

  it("follows the person's time zone and digest hour", async () => {
    const person = group.people.moderator;
    await chooseMail(app, person, { mentions: 'daily' });
    await as(app, person)
      .put('/api/v1/me/mail-preferences')
      .send({ timeZone: 'Asia/Tokyo', digestHour: 7 })
      .expect(200);
    await givenPost(app, group.owner, threadId, `@${person.id} bitte prüfen.`);
    await waitForQueuesToDrain(app);
    // 07:00 in Tokyo is 22:00 UTC (no summer time there): the first one after the post.
    const next = new Date(Date.now() + 60_000);
    next.setUTCHours(22, 0, 0, 0);
    if (next.getTime() <= Date.now()) next.setTime(next.getTime() + DAY);
    await digests.run(new Date(next.getTime() - 60_000)); // 06:59 in Tokyo: the period before, empty
    expect(written(person.email)).toEqual([]);
    await digests.run(new Date(next.getTime() + 60_000)); // 07:01 in Tokyo
    const mails = written(person.email);
    expect(mails).toHaveLength(1);
    expect(mails[0].text).toContain(`• Olga Owner hat Sie in „Ein Thread“ erwähnt`);
  });

  it('refuses a time zone that does not exist and an hour out of range', async () => {
    const person = group.people.observer;
    await as(app, person).put('/api/v1/me/mail-preferences').send({ timeZone: 'Mars/Olympus' }).expect(400);
    await as(app, person).put('/api/v1/me/mail-preferences').send({ digestHour: 24 }).expect(400);
    await as(app, person)
      .put('/api/v1/me/notification-settings')
      .send({ mentions: { inApp: true, emailDelivery: 'hourly' } })
      .expect(400);
  });
});
