import { createTransport } from 'nodemailer';
import { InboundSmtpServer } from '@runde/notifications';
import { as, givenGroup, type TestGroup } from '../support/factories';
import { givenThread, givenTopic, givenPost } from '../support/discussion-factories';
import { connectSocket, subscribe, type TestSocket } from '../support/sockets';
import { expectEventually } from '../support/expect-eventually';
import { startTestApp, waitForQueuesToDrain, type TestApp } from '../support/test-app';
import { chooseMail, written, type WrittenMail } from './mail-helpers';

const DOMAIN = 'antwort.runde.test';

/**
 * Replies by e-mail through the real inbound SMTP endpoint (smtp-server in the api process), sent by a real SMTP
 * client (nodemailer): the post appears live in the thread; forged senders, tampered and reused addresses and
 * automatic replies are refused with their SMTP codes and post nothing; the thread's rules apply.
 */
describe('reply by e-mail', () => {
  let app: TestApp;
  let group: TestGroup;
  let threadId: string;
  let port: number;
  let socket: TestSocket;
  let notice: WrittenMail;
  beforeAll(async () => {
    app = await startTestApp({ worker: true, env: { INBOUND_SMTP_PORT: '0', INBOUND_DOMAIN: DOMAIN } });
    port = app.api.get(InboundSmtpServer).port!;
    group = await givenGroup(app);
    const topic = await givenTopic(app, group);
    threadId = (await givenThread(app, group.owner, topic.id, 'Wer übernimmt die Sprachkurse?')).id;
    const person = group.people.member;
    await chooseMail(app, person, { mentions: 'immediate' });
    await givenPost(app, group.owner, threadId, `@${person.id} können Sie Tübingen übernehmen?`);
    notice = await expectEventually(() => {
      const [mail] = written(person.email);
      if (!mail) throw new Error('no notice mail yet');
      return mail;
    });
    socket = await connectSocket(app, group.owner.accessToken);
    expect((await subscribe(socket, `thread:${threadId}`)).ok).toBe(true);
  });
  afterAll(async () => {
    socket?.close();
    await app.close();
  });

  const smtp = () =>
    createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, connectionTimeout: 5000 });
  const postCount = async () =>
    Number(
      (await app.dataSource.query(`SELECT count(*)::int AS n FROM posts WHERE thread_id = $1`, [threadId]))[0]
        .n,
    );
  /** Sends and returns the server's answer code (the error's, when refused). */
  async function send(mail: Parameters<ReturnType<typeof smtp>['sendMail']>[0]) {
    try {
      const info = await smtp().sendMail(mail);
      return { code: Number(info.response.slice(0, 3)), response: info.response };
    } catch (error) {
      const e = error as { responseCode?: number; response?: string; command?: string };
      return { code: e.responseCode ?? 0, response: e.response ?? String(error), command: e.command };
    }
  }

  it('the notice mail carries the reply address, the deep link and the one-click unsubscribe', () => {
    expect(notice.subject).toBe('Olga Owner hat Sie in „Ein Thread“ erwähnt');
    expect(notice.text).toContain('Guten Tag Member Person,');
    expect(notice.text).toContain('> @');
    expect(notice.text).toMatch(new RegExp(`Öffnen in runde: http\\S+/#/threads/${threadId}\\?seq=2`));
    expect(notice.replyTo).toMatch(new RegExp(`^reply\\+[a-z2-7]{60,80}@${DOMAIN.replace(/\./g, '\\.')}$`));
    expect(notice.messageId).toMatch(new RegExp(`^<runde\\.[0-9a-f-]{36}@${DOMAIN.replace(/\./g, '\\.')}>$`));
    expect(notice.headers?.['List-Unsubscribe']).toMatch(
      new RegExp(
        `^<http\\S+/api/v1/mail/unsubscribe/[a-z2-7]+>, <mailto:unsubscribe\\+[a-z2-7]+@${DOMAIN}\\?subject=unsubscribe>$`,
      ),
    );
    expect(notice.headers?.['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
  });

  const reply = {
    subject: 'Re: Olga Owner hat Sie in „Ein Thread“ erwähnt',
    text:
      'Ja, das übernehme ich gern.\nDie Kurse beginnen im März.\n\n' +
      'Am 3. März 2027 um 10:15 schrieb runde <no-reply@runde.local>:\n> Guten Tag Member Person,\n> …\n\n-- \nMember Person\nLandratsamt',
    messageId: '<antwort-1@mail.landkreis.example>',
  };

  it('a reply from the person posts in the thread, live, without quote and signature', async () => {
    const person = group.people.member;
    const before = await postCount();
    const answer = await send({
      ...reply,
      from: `Member Person <${person.email}>`,
      to: notice.replyTo!,
      inReplyTo: notice.messageId,
      references: notice.messageId,
    });
    expect(answer.code).toBe(250);
    const post = await expectEventually(() => {
      const posts = socket.received
        .filter((ev) => ev.type === 'post.created')
        .map((ev) => (ev.data as { post: { authorId: string; body: string } }).post);
      const mine = posts.find((p) => p.authorId === person.id);
      if (!mine) throw new Error('no post.created from the reply yet');
      return mine;
    });
    expect(post.body).toBe('Ja, das übernehme ich gern.\nDie Kurse beginnen im März.');
    expect(await postCount()).toBe(before + 1);
  });

  it('refuses a reused address for the same message, a forged sender, a tampered address and an auto-reply', async () => {
    const person = group.people.member;
    const before = await postCount();

    const again = await send({ ...reply, from: person.email, to: notice.replyTo! });
    expect(again.code).toBe(550);
    expect(again.response).toMatch(/posted before/);

    const forged = await send({
      ...reply,
      messageId: '<forged@elsewhere.example>',
      from: group.people.observer.email,
      to: notice.replyTo!,
    });
    expect(forged.code).toBe(550);
    expect(forged.response).toMatch(/sender is not the person/);

    const [local, domain] = notice.replyTo!.split('@');
    const at = 30; // a letter inside the signed body (the person and thread)
    const flipped = local.slice(0, at) + (local[at] === 'a' ? 'b' : 'a') + local.slice(at + 1);
    const tampered = await send({
      ...reply,
      messageId: '<tampered@mail.landkreis.example>',
      from: person.email,
      to: `${flipped}@${domain}`,
    });
    expect(tampered.code).toBe(550);
    expect(tampered.command).toBe('RCPT TO');

    const auto = await send({
      from: person.email,
      to: notice.replyTo!,
      subject: 'Abwesenheitsnotiz: Re: Olga Owner hat Sie erwähnt',
      text: 'Ich bin bis 14. März nicht im Büro.',
      messageId: '<ooo-1@mail.landkreis.example>',
      headers: { 'Auto-Submitted': 'auto-replied' },
    });
    expect(auto.code).toBe(550);
    expect(auto.response).toMatch(/Automatic replies/);

    const loop = await send({
      from: person.email,
      to: notice.replyTo!,
      subject: 'Re',
      text: 'Text',
      messageId: notice.messageId,
    });
    expect(loop.code).toBe(550);
    expect(loop.response).toMatch(/loop/i);

    await waitForQueuesToDrain(app);
    expect(await postCount()).toBe(before);
  });

  it("the thread's rules apply: a locked thread and a removed member bounce with the reason", async () => {
    const person = group.people.member;
    const before = await postCount();
    await as(app, group.owner).post(`/api/v1/threads/${threadId}/lock`).expect(200);
    const locked = await send({
      ...reply,
      messageId: '<locked@mail.landkreis.example>',
      from: person.email,
      to: notice.replyTo!,
    });
    expect(locked.code).toBe(550);
    expect(locked.response).toMatch(/thread is locked/);
    await as(app, group.owner).post(`/api/v1/threads/${threadId}/unlock`).expect(200);

    await as(app, group.owner).delete(`/api/v1/groups/${group.id}/members/${person.id}`).expect(204);
    const removed = await send({
      ...reply,
      messageId: '<removed@mail.landkreis.example>',
      from: person.email,
      to: notice.replyTo!,
    });
    expect(removed.code).toBe(550);
    expect(removed.response).toMatch(/may not write/);
    expect(await postCount()).toBe(before);
  });

  it('the mailto of List-Unsubscribe switches the mails off', async () => {
    const mailto = /<mailto:([^?>]+)/.exec(notice.headers!['List-Unsubscribe'])![1];
    // The notice's own person unsubscribes by mail.
    const answer = await send({
      from: group.people.member.email,
      to: mailto,
      subject: 'unsubscribe',
      text: '',
    });
    expect(answer.code).toBe(250);
    const settings = await as(app, group.people.member).get('/api/v1/me/notification-settings').expect(200);
    expect(settings.body.mentions).toEqual({ inApp: true, email: false, emailDelivery: 'none' });
  });
});
