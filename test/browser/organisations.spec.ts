/// <reference lib="dom" />
import request from 'supertest';
import type { Browser, Page } from 'playwright-core';
import { givenThread, givenTopic } from '../support/discussion-factories';
import { as, givenAdmin, givenGroup, givenUser, PASSWORD, type TestUser } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';
import {
  ensureWebBuilt,
  expectAccessible,
  go,
  launchBrowser,
  openAs,
  screenshot,
  type Person,
} from './browser-support';

interface Org {
  id: string;
  name: string;
  kind: string;
  kreisschluessel: string | null;
}

/** One person's row in a list of the organisation screen ("Offene Anfragen" or "Mitglieder"). */
const rowIn = (page: Page, section: RegExp, name: string) =>
  page.getByRole('region', { name: section }).locator('li.org-person', { hasText: name });

/** The organisation label in the header of a post by `userId`, as the reader sees it. */
const postLabel = (page: Page, postId: string) =>
  page.locator(`article.post[data-post-id="${postId}"] .post-head`);

describe('browser: organisations — asking to belong, confirming, the verified label (issue 25)', () => {
  let app: TestApp;
  let browser: Browser;
  let platformAdmin: TestUser;
  let orgAdmin: TestUser;
  let tuebingen: Org;
  const open: Person[] = [];

  beforeAll(async () => {
    ensureWebBuilt();
    app = await startTestApp({ worker: true });
    browser = await launchBrowser();
    platformAdmin = await givenAdmin(app);
    const register = (await request(app.url).get('/api/v1/organisations').expect(200)).body.items as Org[];
    tuebingen = register.find((o) => o.name === 'Landkreis Tübingen')!;
    orgAdmin = await givenUser(app, {
      displayName: 'Amelie Amtsleitung',
      organisationId: tuebingen.id,
      organisationRole: 'admin',
    });
  }, 120_000);

  afterEach(async () => {
    for (const [i, person] of open.entries())
      await screenshot(person.page, `organisations-last-${i}`).catch(() => undefined);
  });

  afterAll(async () => {
    for (const person of open) await person.close().catch(() => undefined);
    await browser?.close();
    await app?.close();
  });

  it('a person asks at registration, the admin confirms in the UI, and the name shows the verified label', async () => {
    // The organisation's admin opens their organisation from the header and keeps it open.
    const admin = await openAs(browser, app, orgAdmin);
    open.push(admin);
    const a = admin.page;
    await a
      .getByRole('navigation', { name: 'Hauptnavigation' })
      .getByRole('link', { name: 'Organisation' })
      .click();
    await a.getByRole('heading', { name: 'Landkreis Tübingen', level: 1 }).waitFor();
    await a.getByText('Keine offenen Anfragen.').waitFor();
    await rowIn(a, /^Mitglieder/, 'Amelie Amtsleitung').waitFor();

    // Paula registers and names her organisation: the form says it is a request.
    const paulaBrowser = await openAs(browser, app, null, { path: '/register' });
    open.push(paulaBrowser);
    const p = paulaBrowser.page;
    const email = `paula-${Date.now()}@example.org`;
    await p.locator('#reg-email').fill(email);
    await p.locator('#reg-name').fill('Paula Antrag');
    await p.locator('#reg-password').fill(PASSWORD);
    const choice = p.getByLabel('Organisation (Zugehörigkeit beantragen)');
    await choice.selectOption({ label: 'Landkreis Tübingen' });
    expect(await choice.getAttribute('aria-describedby')).toBeTruthy();
    await p.getByText('Die Administration der Organisation bestätigt Ihre Zugehörigkeit.').waitFor();
    // The choice is grouped by the register's kinds, in German.
    const groups = await choice
      .locator('optgroup')
      .evaluateAll((els) => els.map((el) => el.getAttribute('label')));
    expect(groups).toEqual(
      expect.arrayContaining(['Ministerium', 'Kommunale Landesverbände', 'Stadtkreise', 'Landkreise']),
    );
    await p.getByRole('button', { name: 'Konto anlegen' }).click();
    await p.locator('.whoami').waitFor();

    // The request appears on the admin's screen without a reload.
    await rowIn(a, /^Offene Anfragen/, 'Paula Antrag').waitFor({ timeout: 15_000 });
    await rowIn(a, /^Offene Anfragen/, 'Paula Antrag')
      .getByText(email)
      .waitFor();
    await a.getByText('Neue Anfrage von Paula Antrag.').waitFor({ state: 'attached' });

    // Her account page shows the open request; nothing next to her name yet.
    await go(p, app, '/account');
    const own = p.getByRole('region', { name: 'Organisation' });
    await own.getByText(/Ihre Anfrage an Landkreis Tübingen vom .* wartet auf die Bestätigung/).waitFor();
    await own.getByRole('button', { name: 'Anfrage zurückziehen' }).waitFor();
    await expectAccessible(p, 'account screen');

    // She writes in a discussion of a group she belongs to (over the api, signed in with her password).
    const login = await request(app.url)
      .post('/api/v1/auth/login')
      .send({ email, password: PASSWORD })
      .expect(200);
    const paula = { accessToken: login.body.accessToken as string, id: login.body.user.id as string };
    const group = await givenGroup(app);
    await as(app, group.owner)
      .post(`/api/v1/groups/${group.id}/members`)
      .send({ userId: paula.id, role: 'member' })
      .expect(201);
    const topicId = (await givenTopic(app, group)).id as string;
    const thread = await givenThread(app, group.owner, topicId, 'Wie steht es um die Sprachkurse?');
    const post = await as(app, paula)
      .post(`/api/v1/threads/${thread.id}/posts`)
      .send({ body: 'In Tübingen fehlen Plätze.' })
      .expect(201);
    await go(p, app, `/threads/${thread.id}`);
    await postLabel(p, post.body.id).getByText('Paula Antrag').waitFor();
    expect(await postLabel(p, post.body.id).locator('.org-label').count()).toBe(0);

    // The admin confirms her as Vertretung.
    const request_ = rowIn(a, /^Offene Anfragen/, 'Paula Antrag');
    await request_.getByLabel('Rolle für Paula Antrag').selectOption({ label: 'Vertretung' });
    await request_.getByRole('button', { name: 'Bestätigen: Paula Antrag' }).click();
    await a.getByText('Paula Antrag ist bestätigt als Vertretung.').waitFor({ state: 'attached' });
    await a.getByText('Keine offenen Anfragen.').waitFor();
    const member = rowIn(a, /^Mitglieder/, 'Paula Antrag');
    expect(await member.getByLabel('Rolle von Paula Antrag').inputValue()).toBe('deputy');

    // Her name now carries the organisation with the check mark, "bestätigt" for screen readers.
    await p.reload();
    const label = postLabel(p, post.body.id).locator('.org-label');
    await label.waitFor();
    expect(await label.textContent()).toContain('Landkreis Tübingen (bestätigt)');
    expect(await label.locator('.verified-mark svg').getAttribute('aria-hidden')).toBe('true');
    // … and on her account page, with her role.
    await go(p, app, '/account');
    await p.getByText('Sie gehören zu Landkreis Tübingen, Rolle: Vertretung.').waitFor();

    // The last admin cannot step down: the server's rule is shown and the role stays.
    const self = rowIn(a, /^Mitglieder/, 'Amelie Amtsleitung');
    await self.getByLabel('Rolle von Amelie Amtsleitung').selectOption('member');
    await a
      .getByRole('alert')
      .getByText('Eine Organisation braucht mindestens eine Administration.', { exact: false })
      .waitFor();
    await a.waitForFunction(
      () =>
        (document.querySelector('select[aria-label="Rolle von Amelie Amtsleitung"]') as HTMLSelectElement)
          ?.value === 'admin',
    );
    await expectAccessible(a, 'organisation screen');

    // With the extra entry the one-row header still fits: nothing in it runs into anything else.
    for (const width of [1024, 1280, 1440]) {
      await a.setViewportSize({ width, height: 900 });
      const overlaps = await a.evaluate(() => {
        const parts = [
          ...document.querySelectorAll('.nav-links li, .header-search, .header-bell, .header-tools > *'),
        ].map((el) => ({ name: el.textContent?.trim() || el.className, box: el.getBoundingClientRect() }));
        const hits: string[] = [];
        for (const [i, p] of parts.entries())
          for (const q of parts.slice(i + 1))
            if (
              p.box.left < q.box.right - 1 &&
              q.box.left < p.box.right - 1 &&
              p.box.top < q.box.bottom - 1 &&
              q.box.top < p.box.bottom - 1
            )
              hits.push(`${p.name} × ${q.name}`);
        return hits;
      });
      expect({ width, overlaps }).toEqual({ width, overlaps: [] });
      await screenshot(a, `organisation-header-${width}`);
    }
    // … and the screen fits a 390 px phone.
    await a.setViewportSize({ width: 390, height: 800 });
    expect(await a.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(a, 'organisation-390');
    await a.setViewportSize({ width: 1280, height: 900 });

    // Paula leaves on her account page; the admin's list follows live.
    await p.getByRole('button', { name: 'Organisation verlassen' }).click();
    await p.getByRole('dialog').getByRole('button', { name: 'Ja, verlassen' }).click();
    await p.getByText('Sie haben die Organisation verlassen.').waitFor();
    await member.waitFor({ state: 'detached', timeout: 15_000 });
    expect(admin.errors).toEqual([]);
    expect(paulaBrowser.errors).toEqual([]);
  }, 120_000);

  it('platform admins open any organisation and add a town to the register', async () => {
    const admin = await openAs(browser, app, platformAdmin);
    open.push(admin);
    const a = admin.page;
    await a
      .getByRole('navigation', { name: 'Hauptnavigation' })
      .getByRole('link', { name: 'Organisation' })
      .click();
    await a.getByRole('heading', { name: 'Organisationen', level: 1 }).waitFor();

    await a.getByText('Gemeinde hinzufügen').first().click();
    await a.getByLabel('Name der Gemeinde oder Stadt').fill('Rottenburg am Neckar');
    await a.getByLabel('Stadt- oder Landkreis').selectOption({ label: 'Landkreis Tübingen' });
    await a.getByText(`beginnt mit dem Kreisschlüssel des Kreises (${tuebingen.kreisschluessel})`).waitFor();
    // An AGS of another district is refused with the server's reason.
    await a.getByLabel('Amtlicher Gemeindeschlüssel (AGS)').fill('08111000');
    await a.getByRole('button', { name: 'Gemeinde hinzufügen' }).click();
    await a.getByRole('alert').waitFor();
    await a.getByLabel('Amtlicher Gemeindeschlüssel (AGS)').fill(`${tuebingen.kreisschluessel}036`);
    await a.getByRole('button', { name: 'Gemeinde hinzufügen' }).click();
    await a.getByText('Rottenburg am Neckar ist im Verzeichnis angelegt.').waitFor();
    await expectAccessible(a, 'organisations list');

    const register = (await request(app.url).get('/api/v1/organisations').expect(200)).body.items as Array<
      Org & { parentId: string | null; ags: string | null }
    >;
    const town = register.find((o) => o.name === 'Rottenburg am Neckar')!;
    expect(town).toMatchObject({
      kind: 'town',
      parentId: tuebingen.id,
      ags: `${tuebingen.kreisschluessel}036`,
    });

    // The new town's (empty) screen, and Landkreis Tübingen through the choice.
    await a.getByRole('link', { name: 'Öffnen' }).click();
    await a.getByRole('heading', { name: 'Rottenburg am Neckar', level: 1 }).waitFor();
    await a.getByText('Gemeinde/Stadt').first().waitFor();
    await a.getByText('Noch niemand ist bestätigt.').waitFor();
    await go(a, app, '/organisations');
    await a.getByLabel('Organisation', { exact: true }).selectOption({ label: 'Landkreis Tübingen' });
    await a.getByRole('button', { name: 'Öffnen' }).click();
    await rowIn(a, /^Mitglieder/, 'Amelie Amtsleitung').waitFor();
    expect(admin.errors).toEqual([]);
  }, 60_000);
});
