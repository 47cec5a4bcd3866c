import { MailDigests } from '@runde/notifications';
import { as, givenGroup, PASSWORD, type TestGroup } from '../support/factories';
import { givenPost, givenThread, givenTopic } from '../support/discussion-factories';
import { startTestApp, waitForQueuesToDrain, type TestApp } from '../support/test-app';
import { chooseMail, written } from './mail-helpers';

const HOUR = 3600_000;

/**
 * Erasing an account also erases it from what the mails kept: the person's own mails (address and text) are gone,
 * and other people's mails and digest items about what the person did no longer carry the name — neither the
 * stored copies of sent mails nor the digest still to be sent, which says "Jemand" as for any erased actor.
 */
describe('mail: erasure of an account', () => {
  let app: TestApp;
  let group: TestGroup;
  let threadId: string;
  beforeAll(async () => {
    app = await startTestApp({ worker: true });
    group = await givenGroup(app);
    const topic = await givenTopic(app, group);
    threadId = (await givenThread(app, group.owner, topic.id, 'Wer übernimmt die Sprachkurse?')).id;
  });
  afterAll(() => app.close());

  it('drops the erased person’s own mails and their name from everyone else’s, sent or still to be sent', async () => {
    const { member: reader, moderator: erased } = group.people;
    const name = erased.displayName;
    await chooseMail(app, reader, { replies: 'immediate', mentions: 'daily' });
    await chooseMail(app, erased, { replies: 'immediate' });

    const readers = await givenPost(app, reader, threadId, 'Ich kann die Kurse in Tübingen übernehmen.');
    await givenPost(app, erased, threadId, 'Danke, das hilft sehr.', readers.id); // reply → a mail at once
    await givenPost(app, erased, threadId, `Bitte @${reader.id} auch Reutlingen ansehen.`); // mention → digest
    const erasedOwn = await givenPost(app, erased, threadId, 'Wer kennt die Träger in Ulm?');
    await givenPost(app, reader, threadId, 'Ich frage nach.', erasedOwn.id); // reply → the erased person's mail
    await waitForQueuesToDrain(app);

    const mailsOf = (userId: string) =>
      app.dataSource.query(
        `SELECT recipient, subject, body, sent_at FROM notification_mails WHERE user_id = $1 ORDER BY created_at`,
        [userId],
      ) as Promise<Array<{ recipient: string; subject: string; body: string; sent_at: Date | null }>>;
    const itemsOf = (userId: string) =>
      app.dataSource.query(`SELECT line FROM mail_digest_items WHERE user_id = $1`, [userId]) as Promise<
        Array<{ line: string }>
      >;
    // Before: the reader's mail names the erased person; the digest item too; the erased person has a mail.
    const before = await mailsOf(reader.id);
    expect(before).toHaveLength(1);
    expect(before[0].sent_at).not.toBeNull();
    expect(before[0].subject + before[0].body).toContain(name);
    expect((await itemsOf(reader.id)).map((i) => i.line)).toEqual([
      `${name} hat Sie in „Ein Thread“ erwähnt`,
    ]);
    expect(await mailsOf(erased.id)).toHaveLength(1);
    expect(written(erased.email)).toHaveLength(1);

    await as(app, erased).delete('/api/v1/me').send({ password: PASSWORD }).expect(204);

    expect(await mailsOf(erased.id)).toEqual([]);
    const [recipientRows] = await app.dataSource.query(
      `SELECT count(*)::int AS n FROM notification_mails WHERE recipient = $1`,
      [erased.email],
    );
    expect(recipientRows.n).toBe(0);
    const after = await mailsOf(reader.id);
    expect(after).toHaveLength(1); // still recorded: the mail is not written twice if the event runs again
    expect(after[0].subject + after[0].body).not.toContain(name);
    expect(after[0].subject + after[0].body).toContain('Jemand');
    expect((await itemsOf(reader.id)).map((i) => i.line)).toEqual(['Jemand hat Sie in „Ein Thread“ erwähnt']);
    const [{ n: anywhere }] = await app.dataSource.query(
      `SELECT (SELECT count(*) FROM notification_mails WHERE strpos(subject || body, $1) > 0)
            + (SELECT count(*) FROM mail_digest_items WHERE strpos(line, $1) > 0) AS n`,
      [name],
    );
    expect(Number(anywhere)).toBe(0);

    // The digest that goes out afterwards lists the mention without the name.
    await app.worker!.get(MailDigests).run(new Date(Date.now() + 36 * HOUR));
    const digest = written(reader.email).at(-1)!;
    expect(digest.subject).toBe('Ihre tägliche Übersicht aus runde: 1 Benachrichtigung');
    expect(digest.text).not.toContain(name);
    expect(digest.text).toContain('• Jemand hat Sie in „Ein Thread“ erwähnt');
  });
});
