import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import request from 'supertest';
import { as, givenGroup, givenUser, PASSWORD, TestGroup } from '../support/factories';
import { expectEventually } from '../support/expect-eventually';
import { startTestApp, TestApp } from '../support/test-app';
import { ensureWebBuilt, expectAccessible, launchBrowser, openAs, screenshot } from './browser-support';

/** Managing a group's members, and one's own account (profile, data export, erasure), in a real Chromium. */
describe('browser: members and my account', () => {
  let app: TestApp;
  let browser: Browser;
  let group: TestGroup;

  beforeAll(async () => {
    ensureWebBuilt();
    app = await startTestApp();
    browser = await launchBrowser();
    group = await givenGroup(app);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const roleOf = async (userId: string) => {
    const res = await as(app, group.owner).get(`/api/v1/groups/${group.id}/members?limit=100`).expect(200);
    return (res.body.items as Array<{ userId: string; role: string }>).find((m) => m.userId === userId)?.role;
  };

  it('an owner changes a role and removes a member after confirming; the last owner stays; a member leaves', async () => {
    const owner = await openAs(browser, app, group.owner, { path: `/groups/${group.id}` });
    const member = await openAs(browser, app, group.people.member, { path: `/groups/${group.id}` });
    try {
      const page = owner.page;
      const observerName = group.people.observer.displayName;
      await page.getByRole('combobox', { name: `Rolle von ${observerName}` }).selectOption('member');
      await expectEventually(async () => expect(await roleOf(group.people.observer.id)).toBe('member'));
      // The member's page follows the change live (member.role_changed on group:<id>).
      await member.page
        .locator(`.member-list li[data-user-id="${group.people.observer.id}"]`, { hasText: 'Mitglied' })
        .waitFor({ timeout: 5000 });

      // The only owner cannot step down: the api refuses, the select shows the role kept.
      const ownRole = page.getByRole('combobox', { name: `Rolle von ${group.owner.displayName}` });
      await ownRole.selectOption('member');
      // …in German: the api's refusal carries reason LAST_OWNER, which the client words itself
      await page
        .locator('.form-error', { hasText: 'Eine Gruppe braucht mindestens eine Leitung.' })
        .waitFor();
      await expect(ownRole.inputValue()).resolves.toBe('owner');
      expect(await roleOf(group.owner.id)).toBe('owner');

      // Removing asks first; cancelling keeps the person.
      await page.getByRole('button', { name: `Entfernen: ${observerName}` }).click();
      await page.getByRole('button', { name: 'Abbrechen' }).click();
      expect(await roleOf(group.people.observer.id)).toBe('member');
      await page.getByRole('button', { name: `Entfernen: ${observerName}` }).click();
      await page.getByText(`${observerName} aus der Gruppe entfernen?`).waitFor();
      await screenshot(page, 'group-members-confirm');
      await expectAccessible(page, 'group members');
      await page.getByRole('button', { name: 'Ja, entfernen' }).click();
      await expectEventually(async () => expect(await roleOf(group.people.observer.id)).toBeUndefined());
      await page
        .locator(`.member-list li[data-user-id="${group.people.observer.id}"]`)
        .waitFor({ state: 'detached' });

      // A member sees no role controls and no remove buttons for others, only "leave".
      await expect(member.page.locator('.member-list select').count()).resolves.toBe(0);
      await expect(member.page.getByRole('button', { name: /^Entfernen/ }).count()).resolves.toBe(0);
      await member.page.getByRole('button', { name: 'Gruppe verlassen' }).click();
      await member.page.getByRole('button', { name: 'Ja, verlassen' }).click();
      await member.page.waitForURL(/#\/$/);
      await expectEventually(async () => expect(await roleOf(group.people.member.id)).toBeUndefined());
      await page
        .locator(`.member-list li[data-user-id="${group.people.member.id}"]`)
        .waitFor({ state: 'detached' });
    } finally {
      await owner.close();
      await member.close();
    }
  }, 60_000);

  it('an owner invites someone, sees the open invitation, and withdraws it', async () => {
    const owner = await openAs(browser, app, group.owner, { path: `/groups/${group.id}` });
    try {
      const { page } = owner;
      await page.locator('summary', { hasText: 'Person einladen' }).click();
      await page.getByLabel('E-Mail-Adresse').fill('integration@landkreis.example');
      await page.getByLabel('Rolle', { exact: true }).selectOption('observer');
      await page.getByRole('button', { name: 'Person einladen', exact: true }).click();
      const item = page.locator('.invitation-list li', { hasText: 'integration@landkreis.example' });
      await item.waitFor();
      await expect(item.textContent()).resolves.toContain('Beobachtung');
      await expectAccessible(page, 'invitations');
      await item
        .getByRole('button', { name: 'Einladung an integration@landkreis.example zurückziehen' })
        .click();
      await item.waitFor({ state: 'detached' });
      const res = await as(app, group.owner).get(`/api/v1/groups/${group.id}/invitations`).expect(200);
      const [invitation] = (res.body.items as Array<{ email: string; revokedAt: string | null }>).filter(
        (i) => i.email === 'integration@landkreis.example',
      );
      expect(invitation.revokedAt).toEqual(expect.any(String));
    } finally {
      await owner.close();
    }
  }, 60_000);

  it('my account: change my name, download my data, delete the account only with the right password', async () => {
    const user = await givenUser(app, { displayName: 'Rita Referentin' });
    const person = await openAs(browser, app, user, { path: '/account' });
    try {
      const { page } = person;
      await page.getByRole('heading', { name: 'Mein Konto' }).waitFor();
      await page.getByText(user.email).waitFor();
      const name = page.getByLabel('Name (so sehen andere Sie)');
      await name.fill('Rita Referentin (LRA)');
      await page.getByRole('button', { name: 'Speichern' }).click();
      await page.getByText('Profil gespeichert.').waitFor();
      await page.locator('.whoami', { hasText: 'Rita Referentin (LRA)' }).waitFor();
      const me = await as(app, user).get('/api/v1/me').expect(200);
      expect(me.body.displayName).toBe('Rita Referentin (LRA)');

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Meine Daten herunterladen' }).click(),
      ]);
      const exported = JSON.parse(readFileSync(await download.path(), 'utf8'));
      expect(JSON.stringify(exported)).toContain(user.email);
      await screenshot(page, 'account');
      await expectAccessible(page, 'account');

      await page.locator('summary', { hasText: 'Konto löschen' }).click();
      const erase = page.getByRole('button', { name: 'Konto löschen', exact: true });
      await page.getByLabel('Ihr Passwort zur Bestätigung').fill('falsch falsch falsch');
      await expect(erase.isDisabled()).resolves.toBe(true); // not before the box is ticked
      await page.getByLabel('Ich möchte mein Konto endgültig löschen.').check();
      await erase.click();
      await page.getByText('Das Passwort stimmt nicht. Ihr Konto wurde nicht gelöscht.').waitFor();
      await as(app, user).get('/api/v1/me').expect(200);

      await page.getByLabel('Ihr Passwort zur Bestätigung').fill(PASSWORD);
      await erase.click();
      await page.waitForURL(/#\/login$/);
      await request(app.url)
        .post('/api/v1/auth/login')
        .send({ email: user.email, password: PASSWORD })
        .expect(401);
    } finally {
      await person.close();
    }
  }, 60_000);
});
