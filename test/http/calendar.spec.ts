import ical from 'node-ical';
import request from 'supertest';
import { as, givenAdmin, givenGroup, type TestGroup, type TestUser } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';
import {
  givenOrgPerson,
  inDays,
  organisationsByName,
  surveyBody,
} from '../consultations/consultation-support';

/** Each person's private calendar of deadlines: valid iCalendar, follows moved deadlines, revocable. */
describe('calendar feed', () => {
  let app: TestApp;
  let group: TestGroup;
  let clerk: TestUser;
  let orgId: string;
  beforeAll(async () => {
    app = await startTestApp();
    const admin = await givenAdmin(app);
    group = await givenGroup(app);
    orgId = (await organisationsByName(app)).get('Ortenaukreis')!;
    clerk = await givenOrgPerson(app, admin, orgId, 'member', 'Sachbearbeitung Ortenau');
  });
  afterAll(() => app.close());

  const path = (url: string) => new URL(url).pathname;
  /** iCalendar times have whole seconds. */
  const seconds = (d: Date | string) => Math.floor(new Date(d).getTime() / 1000);

  it('lists the Frist of a round addressed to one’s organisation, moves with an extension, and ends when revoked', async () => {
    const deadline = inDays(10);
    const round = (
      await as(app, group.owner)
        .post(`/api/v1/groups/${group.id}/consultations`)
        .send(surveyBody([orgId], { title: 'Abfrage Kursplätze', deadline }))
        .expect(201)
    ).body;
    const { url } = (await as(app, clerk).post('/api/v1/me/calendar').expect(201)).body as { url: string };
    expect(url).toMatch(/\/api\/v1\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);

    const first = await request(app.url).get(path(url)).expect(200);
    expect(first.headers['content-type']).toMatch(/^text\/calendar/);
    const parsed = Object.values(ical.sync.parseICS(first.text)).filter(
      (c) => c?.type === 'VEVENT',
    ) as Array<{
      uid: string;
      summary: string;
      end: Date;
    }>;
    const entry = parsed.find((e) => e.uid === `consultation-${round.id}-${orgId}@runde`)!;
    expect(entry.summary).toBe('Frist Stellungnahme: Abfrage Kursplätze');
    expect(seconds(entry.end)).toBe(seconds(deadline));

    const later = inDays(20);
    await as(app, group.owner)
      .post(`/api/v1/consultations/${round.id}/addressees/${orgId}/extension`)
      .send({ deadline: later })
      .expect(200);
    const second = await request(app.url).get(path(url)).expect(200);
    const moved = (
      Object.values(ical.sync.parseICS(second.text)) as Array<{ uid?: string; end?: Date }>
    ).find((e) => e.uid === `consultation-${round.id}-${orgId}@runde`)!;
    expect(seconds(moved.end!)).toBe(seconds(later));
    // The group's owner sees the round's end in their own calendar.
    const ownerUrl = (await as(app, group.owner).post('/api/v1/me/calendar').expect(201)).body.url as string;
    const ownerFeed = await request(app.url).get(path(ownerUrl)).expect(200);
    expect(ownerFeed.text).toContain(`consultation-${round.id}@runde`);
    expect(ownerFeed.text).not.toContain(`consultation-${round.id}-${orgId}@runde`);

    // A new URL retires the old; revoking ends it.
    const renewed = (await as(app, clerk).post('/api/v1/me/calendar').expect(201)).body.url as string;
    await request(app.url).get(path(url)).expect(404);
    await request(app.url).get(path(renewed)).expect(200);
    await as(app, clerk).delete('/api/v1/me/calendar').expect(204);
    const gone = await request(app.url).get(path(renewed)).expect(404);
    expect(gone.body).toMatchObject({ code: 'NOT_FOUND' });
    expect((await as(app, clerk).get('/api/v1/me/calendar').expect(200)).body).toEqual({
      active: false,
      createdAt: null,
    });
  });

  it('refuses made-up tokens and the signed-out', async () => {
    await request(app.url).get('/api/v1/calendar/not-a-token.ics').expect(404);
    await request(app.url)
      .get(`/api/v1/calendar/${'a'.repeat(43)}.ics`)
      .expect(404);
    await as(app).post('/api/v1/me/calendar').expect(401);
  });
});
