import { as, givenAdmin, givenGroup, givenUser, type TestGroup } from '../support/factories';
import { givenTopic } from '../support/discussion-factories';
import { startTestApp, type TestApp } from '../support/test-app';
import { givenDraft } from '../drafts/draft-support';
import { givenOrgPerson, inDays, organisationsByName } from './consultation-support';

/** The addressees' people read the consulted draft's numbered text, even when its topic is for its group only. */
describe('the consulted draft, for the addressees', () => {
  let app: TestApp;
  let group: TestGroup;
  beforeAll(async () => {
    app = await startTestApp();
    group = await givenGroup(app);
  });
  afterAll(() => app.close());

  it('serves its blocks with Randnummern to addressees and owners, to nobody else', async () => {
    const admin = await givenAdmin(app);
    const topic = await givenTopic(app, group, 'group');
    const draft = await givenDraft(
      app,
      group.people.member,
      topic.id,
      '# Ziele\n\nErster Absatz.\n\nZweiter Absatz.',
    );
    await as(app, group.owner)
      .post(`/api/v1/drafts/${draft.id}/status`)
      .send({ status: 'consultation', deadline: inDays(30) })
      .expect(200);
    const orgId = (await organisationsByName(app)).get('Ortenaukreis')!;
    const clerk = await givenOrgPerson(app, admin, orgId, 'member');
    const round = (
      await as(app, group.owner)
        .post(`/api/v1/groups/${group.id}/consultations`)
        .send({
          title: 'Anhörung Eckpunkte',
          kind: 'hearing',
          draftId: draft.id,
          addressees: { organisationIds: [orgId] },
          deadline: inDays(14),
        })
        .expect(201)
    ).body;

    await as(app, clerk).get(`/api/v1/drafts/${draft.id}/blocks`).expect(404); // not in the group
    const blocks = (await as(app, clerk).get(`/api/v1/consultations/${round.id}/blocks`).expect(200)).body;
    expect(blocks.draftId).toBe(draft.id);
    expect(blocks.items.map((b: { rn: string | null; text: string }) => [b.rn, b.text])).toEqual([
      [null, 'Ziele'],
      ['1', 'Erster Absatz.'],
      ['2', 'Zweiter Absatz.'],
    ]);
    await as(app, group.owner).get(`/api/v1/consultations/${round.id}/blocks`).expect(200);
    const outsider = await givenUser(app);
    await as(app, outsider).get(`/api/v1/consultations/${round.id}/blocks`).expect(404);
    await as(app, clerk).get(`/api/v1/consultations/not-a-uuid/blocks`).expect(400);
  });
});
