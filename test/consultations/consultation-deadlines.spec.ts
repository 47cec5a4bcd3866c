import { ConsultationDueJobs, ConsultationJobs } from '@runde/consultations';
import { JobName, QUEUE_OF_JOB, QueueService } from '@runde/events';
import { as, givenAdmin, givenGroup, type TestGroup, type TestUser } from '../support/factories';
import { expectEventually } from '../support/expect-eventually';
import { mailsTo } from '../support/mailbox';
import { startTestApp, waitForQueuesToDrain, type TestApp } from '../support/test-app';
import { givenOrgPerson, inDays, organisationsByName, surveyBody } from './consultation-support';

const DAY = 24 * 3600 * 1000;

/**
 * Frist, reminders and close with the real worker (startTestApp({worker: true})): time is driven explicitly
 * (sweepAt / remind with a chosen `now`) or by BullMQ delayed jobs a few seconds ahead, and the notices and
 * mails (MAIL_TRANSPORT=file) that come of them are counted exactly.
 */
describe('consultation rounds: deadlines, reminders, notices', () => {
  let app: TestApp;
  let admin: TestUser;
  let group: TestGroup;
  let A: string, B: string, C: string;
  let aAdmin: TestUser, aMember: TestUser, bAdmin: TestUser, cAdmin: TestUser, cMember: TestUser;
  let due: ConsultationDueJobs;

  beforeAll(async () => {
    app = await startTestApp({ worker: true });
    admin = await givenAdmin(app);
    group = await givenGroup(app);
    const orgs = await organisationsByName(app);
    A = orgs.get('Landkreis Biberach')!;
    B = orgs.get('Bodenseekreis')!;
    C = orgs.get('Landkreis Sigmaringen')!;
    aAdmin = await givenOrgPerson(app, admin, A, 'admin');
    aMember = await givenOrgPerson(app, admin, A, 'member');
    bAdmin = await givenOrgPerson(app, admin, B, 'admin');
    cAdmin = await givenOrgPerson(app, admin, C, 'admin', 'Clara Amtsleitung');
    cMember = await givenOrgPerson(app, admin, C, 'member', 'Carl Sachbearbeitung');
    due = app.worker!.get(ConsultationDueJobs);
  });
  afterAll(() => app.close());

  const notices = async (user: TestUser, kind: string, roundId: string): Promise<number> =>
    Number(
      (
        await app.dataSource.query(
          `SELECT count(*) AS n FROM notifications WHERE user_id = $1 AND kind = $2 AND consultation_id = $3`,
          [user.id, kind, roundId],
        )
      )[0].n,
    );
  const reminders = async (roundId: string) =>
    app.dataSource.query<Array<{ organisation_id: string; days_before: number; deadline: Date }>>(
      `SELECT organisation_id, days_before, deadline FROM consultation_reminders WHERE consultation_id = $1
        ORDER BY deadline, days_before DESC`,
      [roundId],
    );
  const remindersTo = (user: TestUser, roundId: string) =>
    mailsTo(user.email).filter((m) => m.subject.startsWith('Erinnerung') && m.text.includes(roundId));

  /** A round to A, B and C; A releases a statement, B answers with a Fehlanzeige, C stays silent. */
  async function roundWithOneSilent(overrides: Record<string, unknown> = {}) {
    const round = (
      await as(app, group.owner)
        .post(`/api/v1/groups/${group.id}/consultations`)
        .send(surveyBody([A, B, C], overrides))
        .expect(201)
    ).body;
    const url = (org: string, tail = '') => `/api/v1/consultations/${round.id}/statements/${org}${tail}`;
    await as(app, aMember).put(url(A)).send({ general: 'Wartezeit 12 Wochen' }).expect(200);
    await as(app, aAdmin).post(url(A, '/release')).expect(200);
    await as(app, bAdmin).post(url(B, '/nil-return')).expect(200);
    return round as { id: string; deadline: string; title: string };
  }

  it('reminders go only to the silent addressee: one notice and one German mail with a link per person and reminder day', async () => {
    const round = await roundWithOneSilent({ remindDaysBefore: [7, 1] });
    const deadline = Date.parse(round.deadline);

    // Not due yet: nothing.
    expect(await due.sweepAt(new Date(deadline - 8 * DAY))).toEqual({ closed: 0, reminded: 0 });
    // Seven days before: C only; a second sweep at the same moment sends nothing again.
    expect(await due.sweepAt(new Date(deadline - 7 * DAY + 60_000))).toEqual({ closed: 0, reminded: 1 });
    expect(await due.sweepAt(new Date(deadline - 7 * DAY + 120_000))).toEqual({ closed: 0, reminded: 0 });
    expect(await due.remind(round.id, C, 7, new Date(deadline), new Date(deadline - 7 * DAY + 180_000))).toBe(
      false,
    );
    // The answered ones are never reminded, whoever asks.
    expect(await due.remind(round.id, A, 7, new Date(deadline), new Date(deadline - 7 * DAY))).toBe(false);
    expect(await due.remind(round.id, B, 7, new Date(deadline), new Date(deadline - 7 * DAY))).toBe(false);
    await waitForQueuesToDrain(app);

    expect((await reminders(round.id)).map((r) => [r.organisation_id, r.days_before])).toEqual([[C, 7]]);
    for (const person of [cAdmin, cMember]) {
      expect(await notices(person, 'consult_reminder', round.id)).toBe(1);
      const mails = await expectEventually(() => {
        const found = remindersTo(person, round.id);
        expect(found).toHaveLength(1);
        return found;
      });
      expect(mails[0].subject).toContain(`„${round.title}“`);
      expect(mails[0].text).toContain(`Guten Tag ${person.displayName},`);
      expect(mails[0].text).toContain('Landkreis Sigmaringen');
      expect(mails[0].text).toMatch(/Bitte geben Sie die Stellungnahme/);
      expect(mails[0].text).toContain(`/#/consultations/${round.id}`);
    }
    for (const person of [aAdmin, aMember, bAdmin]) {
      expect(await notices(person, 'consult_reminder', round.id)).toBe(0);
      expect(remindersTo(person, round.id)).toHaveLength(0);
    }
    // The in-app notice as its reader gets it.
    const list = (await as(app, cMember).get('/api/v1/notifications').expect(200)).body.items;
    expect(list.find((n: { kind: string }) => n.kind === 'consult_reminder')).toMatchObject({
      consultationId: round.id,
      consultationTitle: round.title,
      organisationId: C,
      organisationName: 'Landkreis Sigmaringen',
    });

    // One day before: the second reminder (and only that one, however often the sweep runs).
    expect(await due.sweepAt(new Date(deadline - DAY + 60_000))).toEqual({ closed: 0, reminded: 1 });
    expect(await due.sweepAt(new Date(deadline - DAY + 90_000))).toEqual({ closed: 0, reminded: 0 });
    await waitForQueuesToDrain(app);
    expect((await reminders(round.id)).map((r) => r.days_before)).toEqual([7, 1]);
    for (const person of [cAdmin, cMember]) {
      expect(await notices(person, 'consult_reminder', round.id)).toBe(2);
      await expectEventually(() => expect(remindersTo(person, round.id)).toHaveLength(2));
    }
    // At the deadline the sweep closes the round, once.
    expect(await due.sweepAt(new Date(deadline + 1000))).toEqual({ closed: 1, reminded: 0 });
    expect(await due.sweepAt(new Date(deadline + 2000))).toEqual({ closed: 0, reminded: 0 });
    await waitForQueuesToDrain(app);
    expect(remindersTo(cAdmin, round.id)).toHaveLength(2);
  });

  it('an extension moves that addressee’s reminders to the new deadline', async () => {
    const round = await roundWithOneSilent({ remindDaysBefore: [1] });
    const deadline = Date.parse(round.deadline);
    const extended = Date.parse(inDays(30));
    await as(app, group.owner)
      .post(`/api/v1/consultations/${round.id}/addressees/${C}/extension`)
      .send({ deadline: new Date(extended).toISOString() })
      .expect(200);
    // The old reminder day passes without a reminder; the round's own close still comes.
    expect(await due.remind(round.id, C, 1, new Date(deadline), new Date(deadline - DAY + 60_000))).toBe(
      false,
    );
    expect(await due.sweepAt(new Date(deadline - DAY + 60_000))).toEqual({ closed: 0, reminded: 0 });
    expect(await due.sweepAt(new Date(deadline + 1000))).toEqual({ closed: 1, reminded: 0 });
    // A day before the new deadline, C is reminded of it.
    expect(await due.sweepAt(new Date(extended - DAY + 60_000))).toEqual({ closed: 0, reminded: 1 });
    await waitForQueuesToDrain(app);
    const rows = await reminders(round.id);
    expect(rows.map((r) => [r.organisation_id, r.days_before, r.deadline.getTime()])).toEqual([
      [C, 1, extended],
    ]);
    await expectEventually(() => expect(remindersTo(cMember, round.id)).toHaveLength(1));
    expect(remindersTo(cMember, round.id)[0].text).toContain('Die Frist endet am');
    // The extension itself was a notice to C's people (in the app; by mail only for those who chose it).
    expect(await notices(cMember, 'consult_extended', round.id)).toBe(1);
    expect(await notices(aMember, 'consult_extended', round.id)).toBe(0);
  });

  it('the real path: a delayed reminder job and the close job a few seconds ahead run in the worker, once', async () => {
    const round = await roundWithOneSilent({ remindDaysBefore: [1] });
    // Time moves: C's reminder day is 2 s away, the round's deadline 4 s (the jobs name the deadline they are for).
    const soon = Date.now();
    await app.dataSource.query(`UPDATE consultations SET deadline = $2 WHERE id = $1;`, [
      round.id,
      new Date(soon + 4000),
    ]);
    await app.dataSource.query(
      `UPDATE consultation_addressees SET deadline = CASE WHEN organisation_id = $2 THEN $3::timestamptz ELSE $4::timestamptz END
        WHERE consultation_id = $1`,
      [round.id, C, new Date(soon + DAY + 2000), new Date(soon + 4000)],
    );
    await app.api.get(ConsultationJobs).scheduleRound(round.id);
    await expectEventually(
      async () => expect((await reminders(round.id)).map((r) => r.organisation_id)).toEqual([C]),
      { timeoutMs: 15_000 },
    );
    await expectEventually(
      async () =>
        expect(
          (await app.dataSource.query(`SELECT status FROM consultations WHERE id = $1`, [round.id]))[0]
            .status,
        ).toBe('closed'),
      { timeoutMs: 15_000 },
    );
    await waitForQueuesToDrain(app);
    const closed = await app.dataSource.query(
      `SELECT e.stream FROM domain_events e WHERE e.type = 'consultation.closed' AND e.data->>'consultationId' = $1`,
      [round.id],
    );
    expect(closed).toHaveLength(4); // the round's stream and each addressee's, once
    for (const person of [cAdmin, cMember]) {
      expect(await notices(person, 'consult_reminder', round.id)).toBe(1);
      await expectEventually(() => expect(remindersTo(person, round.id)).toHaveLength(1));
    }
  });

  it('jobs lost with Redis: the sweep does what is due, once', async () => {
    const round = await roundWithOneSilent({ remindDaysBefore: [1] });
    const soon = Date.now();
    await app.dataSource.query(
      `UPDATE consultation_addressees SET deadline = $3 WHERE consultation_id = $1 AND organisation_id = $2`,
      [round.id, C, new Date(soon + DAY + 60_000)],
    );
    await app.api.get(ConsultationJobs).scheduleAddressee(round.id, C);
    const queue = app.api.get(QueueService).queue(QUEUE_OF_JOB[JobName.ConsultationDue]);
    const jobId = `consultation-remind-${round.id}-${C}-1-${soon + DAY + 60_000}`;
    expect(await queue.getJobState(jobId)).toBe('delayed');
    // Redis comes back empty: the delayed jobs are gone.
    await queue.remove(jobId);
    expect(await queue.getJobState(jobId)).toBe('unknown');
    // A minute later the sweep (ConsultationSweep, here called with that moment) finds the reminder due.
    expect(await due.sweepAt(new Date(soon + 61_000))).toEqual({ closed: 0, reminded: 1 });
    expect(await due.sweepAt(new Date(soon + 62_000))).toEqual({ closed: 0, reminded: 0 });
    await waitForQueuesToDrain(app);
    expect((await reminders(round.id)).map((r) => r.organisation_id)).toEqual([C]);
    await expectEventually(() => expect(remindersTo(cAdmin, round.id)).toHaveLength(1));
  });

  it('notices: the addressees hear of the round, the owners of each release and Fehlanzeige; mails by choice', async () => {
    // C's admin wants consultation notices by e-mail too.
    await as(app, cAdmin)
      .put('/api/v1/me/notification-settings')
      .send({ consultations: { inApp: true, email: true } })
      .expect(200);
    const round = await roundWithOneSilent();
    await waitForQueuesToDrain(app);
    for (const person of [aAdmin, aMember, bAdmin, cAdmin, cMember])
      expect(await notices(person, 'consult_addressed', round.id)).toBe(1);
    expect(await notices(group.owner, 'consult_released', round.id)).toBe(1);
    expect(await notices(group.owner, 'consult_nil_return', round.id)).toBe(1);
    expect(await notices(group.people.moderator, 'consult_released', round.id)).toBe(1);
    expect(await notices(group.people.member, 'consult_released', round.id)).toBe(0);
    // Who released it hears nothing of their own release.
    expect(await notices(aAdmin, 'consult_released', round.id)).toBe(0);
    const addressedMails = (p: TestUser) =>
      mailsTo(p.email).filter((m) => m.subject.startsWith('Neue Abfrage') && m.text.includes(round.id));
    await expectEventually(() => expect(addressedMails(cAdmin)).toHaveLength(1));
    expect(addressedMails(cMember)).toHaveLength(0);
    expect(addressedMails(cAdmin)[0].text).toContain('Die Frist endet am');
  });
});
