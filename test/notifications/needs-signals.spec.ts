import { EventDispatcher, EventStore, type NotificationPayload } from '@runde/events';
import { as, type TestUser } from '../support/factories';
import { connectSocket, subscribe, type TestSocket } from '../support/sockets';
import { expectEventually } from '../support/expect-eventually';
import { startTestApp, waitForQueuesToDrain, type TestApp } from '../support/test-app';
import { givenOrgPerson } from '../consultations/consultation-support';
import { chooseMail, written } from '../mail/mail-helpers';
import { entry, givenNeedsWorld, MINISTRY, type NeedsWorld } from '../needs/needs-support';
import { notificationsOf, unreadCountOf } from './notification-helpers';

/**
 * A new signal of the needs radar tells the ministry's people — in the app (live on their `user:<id>` stream) and
 * by mail as each chooses for "needs" — and nobody else; once per signal, also when the event is run again; and
 * someone who leaves the ministry no longer reads it.
 */
describe('notifications: needs signals', () => {
  let app: TestApp;
  let world: NeedsWorld;
  let colleague: TestUser;
  let lead: TestUser;
  let tuebingen: string;
  beforeAll(async () => {
    app = await startTestApp({ worker: true });
    world = await givenNeedsWorld(app);
    const ministryId = world.orgs.get(MINISTRY)!;
    colleague = await givenOrgPerson(app, world.admin, ministryId, 'member', 'Referat Integration');
    tuebingen = world.orgs.get('Landkreis Tübingen')!;
    lead = await givenOrgPerson(app, world.admin, tuebingen, 'admin', 'Landkreis Tübingen Leitung');
  });
  afterAll(() => app.close());

  it('an urgent report raises a signal: the ministry’s people are told, in the app, live and by mail; the district not', async () => {
    await chooseMail(app, colleague, { needs: 'immediate' });
    const socket: TestSocket = await connectSocket(app, world.ministry.accessToken);
    // The signals' notices as they arrive live (the admin also hears of the colleague's request to belong).
    const live = () =>
      socket.received
        .filter((e) => e.type === 'notification.created')
        .map((e) => (e.data as { notification: NotificationPayload }).notification)
        .filter((n) => n.kind === 'needs_signal');
    await subscribe(socket, `user:${world.ministry.id}`);
    try {
      await as(app, lead)
        .post(`/api/v1/needs/reports/adhoc/${tuebingen}`)
        .send({ entries: [entry({ field: 'gesundheit', severity: 5, visibility: 'ministry' })] })
        .expect(201);
      await waitForQueuesToDrain(app);
      // The signal's event comes from the worker's consumer of the release, and is itself consumed after it.
      await expectEventually(async () =>
        expect((await notificationsOf(app, colleague)).some((n) => n.kind === 'needs_signal')).toBe(true),
      );
      await waitForQueuesToDrain(app);
      // The report raised two signals (urgent, and reported for the first time): one notice each, as listed.
      const signals = (await as(app, world.ministry).get('/api/v1/needs/signals').expect(200)).body
        .items as Array<{
        id: string;
        rule: string;
        summary: string;
      }>;
      expect(signals.map((x) => x.rule).sort()).toEqual(['adhoc_critical', 'first_report']);
      const expected = signals.map((x) =>
        expect.objectContaining({
          kind: 'needs_signal',
          needsSignalId: x.id,
          needsSignalSummary: x.summary,
          threadId: null,
          draftId: null,
          organisationId: null,
          actor: null,
          readAt: null,
        }),
      );
      const bySignal = (a: { needsSignalId: string | null }, b: { needsSignalId: string | null }) =>
        a.needsSignalId! < b.needsSignalId! ? -1 : 1;
      signals.sort((a, b) => (a.id < b.id ? -1 : 1));
      for (const person of [world.ministry, colleague]) {
        const notices = (await notificationsOf(app, person)).filter((n) => n.kind === 'needs_signal');
        expect(notices.sort(bySignal)).toEqual(
          signals.map((x) => expect.objectContaining({ needsSignalId: x.id, needsSignalSummary: x.summary })),
        );
        expect(notices).toEqual(expect.arrayContaining(expected));
      }
      expect((await notificationsOf(app, lead)).filter((n) => n.kind === 'needs_signal')).toEqual([]);
      await expectEventually(async () =>
        expect(
          live()
            .map((n) => n.needsSignalId)
            .sort(),
        ).toEqual(signals.map((x) => x.id)),
      );

      // The colleague chose mails at once for the radar; the ministry's admin did not.
      const mails = written(colleague.email);
      expect(mails.map((m) => m.subject).sort()).toEqual(
        signals.map((x) => `Neues Signal im Bedarfsradar: ${x.summary}`).sort(),
      );
      expect(mails[0].text).toContain('#/bedarfe');
      expect(mails[0].text).toContain('Signale des Bedarfsradars');
      expect(written(world.ministry.email)).toEqual([]);

      // Running the event again tells nobody twice.
      const [envelope] = (
        await app.api.get(EventStore).read(`organisation:${world.orgs.get(MINISTRY)}`, 0)
      ).filter((e) => e.type === 'needs_signal.raised');
      expect(envelope).toBeDefined();
      await app.dataSource.query(
        `DELETE FROM processed_events WHERE event_id = $1 AND consumer LIKE 'notifications.%'`,
        [envelope.id],
      );
      await app.worker!.get(EventDispatcher).dispatch(envelope);
      await waitForQueuesToDrain(app);
      expect((await notificationsOf(app, colleague)).filter((n) => n.kind === 'needs_signal')).toHaveLength(
        2,
      );
      expect(written(colleague.email)).toHaveLength(2);

      // Someone who leaves the ministry no longer reads the signal in the old notice (nor counts it).
      const unread = await unreadCountOf(app, colleague);
      await as(app, colleague).patch('/api/v1/me').send({ organisationId: null }).expect(200);
      expect((await notificationsOf(app, colleague)).filter((n) => n.kind === 'needs_signal')).toEqual([]);
      expect(await unreadCountOf(app, colleague)).toBe(unread - 2);
    } finally {
      socket.disconnect();
    }
  });
});
