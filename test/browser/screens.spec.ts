import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { as, givenGroup, TestGroup } from '../support/factories';
import { givenPost } from '../support/discussion-factories';
import { expectEventually } from '../support/expect-eventually';
import { invitationTokenOf, lastMailTo } from '../support/mailbox';
import { startTestApp, TestApp } from '../support/test-app';
import { ensureWebBuilt, expectAccessible, launchBrowser, openAs, screenshot } from './browser-support';

/** Every main screen in German and English: renders, passes axe-core (no serious/critical issue), screenshot. */
describe('browser: screens, languages and accessibility', () => {
  let app: TestApp;
  let browser: Browser;
  let group: TestGroup;
  let topicId: string;
  let threadId: string;

  beforeAll(async () => {
    ensureWebBuilt();
    app = await startTestApp({ worker: true });
    browser = await launchBrowser();
    group = await givenGroup(app, 'AG Sprachförderung');
    const topic = await as(app, group.owner)
      .post(`/api/v1/groups/${group.id}/topics`)
      .send({
        title: 'Sprachkurse im Landkreis',
        description: 'Angebote, Träger und Wartelisten',
        visibility: 'group',
      })
      .expect(201);
    topicId = topic.body.id;
    const thread = await as(app, group.people.moderator)
      .post(`/api/v1/topics/${topicId}/threads`)
      .send({
        title: 'Wartelisten für Integrationskurse',
        body: 'Wie lang sind eure **Wartelisten** derzeit?',
      })
      .expect(201);
    threadId = thread.body.id;
    const first = await givenPost(
      app,
      group.people.member,
      threadId,
      'Bei uns etwa drei Monate. Details:\n\n- A1: 12 Wochen\n- B1: 8 Wochen',
    );
    await givenPost(
      app,
      group.people.owner,
      threadId,
      'Danke! Wir planen einen zusätzlichen Sprachkurs.',
      first.id,
    );
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('sign-in page in German and English; signing in through the form', async () => {
    const visitor = await openAs(browser, app, null, { path: '/login' });
    try {
      const { page } = visitor;
      await page.getByRole('heading', { name: 'Anmelden' }).waitFor();
      expect(await page.getAttribute('html', 'lang')).toBe('de');
      await expectAccessible(page, 'login (de)');
      await screenshot(page, 'login-de');

      await page.getByRole('button', { name: 'Switch to English' }).click();
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      await page.getByLabel('Email address').waitFor();
      await expectAccessible(page, 'login (en)');
      await screenshot(page, 'login-en');

      // The choice is kept (localStorage) across a reload.
      await page.reload();
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();

      await page.getByLabel('Email address').fill(group.people.observer.email);
      await page.getByLabel('Password').fill('falsch-falsch-falsch');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('alert').filter({ hasText: 'Email address or password is wrong.' }).waitFor();

      await page.getByLabel('Password').fill(group.people.observer.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
      await page.getByRole('link', { name: 'AG Sprachförderung' }).waitFor();
      // Tokens never go into the address bar.
      expect(page.url()).not.toMatch(/token|eyJ/i);
      const stored = (await page.evaluate('Object.keys(localStorage)')) as string[];
      expect(stored.sort()).toEqual(['runde.locale', 'runde.refreshToken']);
      await expectAccessible(page, 'groups (en)');
      await page.getByRole('button', { name: 'Auf Deutsch umschalten' }).click();
      await page.getByRole('heading', { name: 'Übersicht', level: 1 }).waitFor();
    } finally {
      await visitor.close();
    }
  }, 60_000);

  /** A fresh address invited to the group as a member, and the token of the link in its mail. */
  const invited = async () => {
    const email = `eingeladen-${randomUUID().slice(0, 8)}@kreis-beispiel.de`;
    await as(app, group.owner)
      .post(`/api/v1/groups/${group.id}/invitations`)
      .send({ email, role: 'member' })
      .expect(201);
    return { email, token: invitationTokenOf(await lastMailTo(email)) };
  };

  it('registering by invitation (the link from the mail) joins the group', async () => {
    const { email, token } = await invited();
    const visitor = await openAs(browser, app, null, { path: `/register?invitation=${token}` });
    try {
      const { page } = visitor;
      await page.getByRole('heading', { name: 'Einladung annehmen' }).waitFor();
      await expectAccessible(page, 'register by invitation');
      await page.getByLabel('E-Mail-Adresse').fill(email);
      await page.getByLabel('Name (so sehen andere Sie)').fill('Emil Eingeladen');
      await page.getByLabel('Passwort').fill('Ein sicheres Passwort 2026');
      await screenshot(page, 'register-invitation');
      await page.getByRole('button', { name: 'Konto anlegen' }).click();
      await page.getByRole('heading', { name: 'Übersicht', level: 1 }).waitFor();
      await page.getByRole('link', { name: 'AG Sprachförderung' }).waitFor();
      expect(page.url()).not.toContain(token);
    } finally {
      await visitor.close();
    }
  }, 60_000);

  it('a refusal by the api’s validation says what to do, in the reader’s language, not in the api’s English', async () => {
    const { token } = await invited();
    for (const [locale, expected] of [
      ['de', 'Bitte geben Sie eine vollständige E-Mail-Adresse an, zum Beispiel name@kreis-beispiel.de.'],
      ['en', 'Please enter a complete email address, for example name@district-example.org.'],
    ] as const) {
      const visitor = await openAs(browser, app, null, { locale, path: `/register?invitation=${token}` });
      try {
        const { page } = visitor;
        // The browser takes "anna@intern" as an email address; the api wants a full domain and refuses it.
        await page.locator('#reg-email').fill('anna@intern');
        await page.locator('#reg-name').fill('Anna Intern');
        await page.locator('#reg-password').fill('Ein sicheres Passwort 2026');
        await page.locator('form button[type=submit]').click();
        await page.locator('.form-error', { hasText: expected }).waitFor();
      } finally {
        await visitor.close();
      }
    }
  }, 60_000);

  it('groups, group, topic and thread screens (German and English)', async () => {
    const person = await openAs(browser, app, group.people.moderator, { path: '/' });
    try {
      const { page } = person;
      // Keyboard only: Enter on the link opens the group and moves focus to its heading.
      await page.getByRole('link', { name: 'AG Sprachförderung' }).focus();
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'AG Sprachförderung', level: 1 }).waitFor();
      await expectEventually(async () =>
        expect(await page.evaluate('document.activeElement.textContent')).toBe('AG Sprachförderung'),
      );
      await page.getByText('Olga Owner').waitFor();
      await expectAccessible(page, 'group');
      await screenshot(page, 'group-de');

      await page.getByRole('link', { name: 'Sprachkurse im Landkreis' }).click();
      await page.getByRole('heading', { name: 'Sprachkurse im Landkreis', level: 1 }).waitFor();
      await page.getByRole('link', { name: 'Wartelisten für Integrationskurse' }).waitFor();
      await expectAccessible(page, 'topic');

      await page.getByRole('link', { name: 'Wartelisten für Integrationskurse' }).click();
      await page.locator('article.post').nth(2).waitFor();
      // A reply shows what it quotes.
      await page.locator('article.post .reply-quote', { hasText: 'Bei uns etwa drei Monate' }).waitFor();
      // Reply with a quote through the UI.
      await page.locator('article.post').nth(1).getByRole('button', { name: 'Antworten' }).click();
      await page.getByText('Sie antworten auf Member Person').waitFor();
      await page.getByRole('textbox', { name: 'Ihr Beitrag' }).fill('Gute Nachricht, **danke**!');
      await page.getByRole('tab', { name: 'Vorschau' }).click();
      await page.locator('.preview strong', { hasText: 'danke' }).waitFor();
      await expectAccessible(page, 'thread with preview');
      await page.getByRole('button', { name: 'Senden' }).click();
      await page
        .locator('article.post')
        .nth(3)
        .locator('.reply-quote', { hasText: 'Antwort auf Member Person' })
        .waitFor();
      await screenshot(page, 'thread-de');

      // Keyboard: the skip link is the first stop and moves focus into the main content. From the page's last stop
      // (the footer's last link) Tab leaves the page for the browser's own controls, and the next comes round to it.
      await page.getByRole('contentinfo').getByRole('link').last().focus();
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      expect(await page.evaluate('document.activeElement.className')).toBe('skip-link');

      await page.getByRole('button', { name: 'Switch to English' }).click();
      await page.getByRole('heading', { name: 'Who is here' }).waitFor();
      await page.getByRole('button', { name: 'Send' }).waitFor();
      await expectAccessible(page, 'thread (en)');
      await screenshot(page, 'thread-en');
      await page.goto(`${app.url}/#/groups/${group.id}`);
      await page.getByRole('heading', { name: 'Topics' }).waitFor();
      await expectAccessible(page, 'group (en)');
      await screenshot(page, 'group-en');
      await page.getByRole('button', { name: 'Auf Deutsch umschalten' }).click();
      await page.getByRole('heading', { name: 'Themen' }).waitFor();
    } finally {
      await person.close();
    }
  }, 60_000);

  it('a working group is created through the form: name and description arrive as typed', async () => {
    const person = await openAs(browser, app, group.people.moderator, { path: '/groups' });
    try {
      const { page } = person;
      const name = `AG Sprachförderung ${randomUUID().slice(0, 6)}`;
      await page.getByText('Neue Arbeitsgruppe').click();
      await page.getByLabel('Name der Gruppe').fill(name);
      await page.getByLabel('Beschreibung (optional)').fill('Abstimmung der Kursangebote im Landkreis.');
      await page.getByRole('button', { name: 'Anlegen' }).click();
      await page.getByRole('heading', { name, level: 1 }).waitFor();
      const groups = await as(app, group.people.moderator).get('/api/v1/groups').expect(200);
      expect(groups.body.items).toContainEqual(
        expect.objectContaining({ name, description: 'Abstimmung der Kursangebote im Landkreis.' }),
      );
    } finally {
      await person.close();
    }
  }, 60_000);

  it('a moderator creates a topic through the form: title, description and visibility arrive as typed', async () => {
    const person = await openAs(browser, app, group.people.moderator, { path: `/groups/${group.id}` });
    try {
      const { page } = person;
      await page.getByText('Neues Thema').click();
      await page.getByLabel('Titel des Themas').fill('  Kita-Plätze für Kursteilnehmende  ');
      await page.getByLabel('Beschreibung (optional)').fill('Wer bietet was an?');
      await page.getByLabel('Ganzes Netzwerk').check();
      await page.getByRole('button', { name: 'Anlegen' }).click();
      await page.getByRole('heading', { name: 'Kita-Plätze für Kursteilnehmende', level: 1 }).waitFor();
      await page.getByText('Wer bietet was an?').waitFor();
      const topics = await as(app, group.owner).get(`/api/v1/groups/${group.id}/topics`).expect(200);
      expect(topics.body.items).toContainEqual(
        expect.objectContaining({
          title: 'Kita-Plätze für Kursteilnehmende',
          description: 'Wer bietet was an?',
          visibility: 'network',
        }),
      );
    } finally {
      await person.close();
    }
  }, 60_000);

  it('search shows highlighted snippets; the bell shows notifications live', async () => {
    const person = await openAs(browser, app, group.people.moderator, { path: '/' });
    try {
      const { page } = person;
      await page.getByRole('searchbox', { name: 'Suchbegriff' }).fill('Sprachkurs');
      await page.getByRole('button', { name: 'Suchen' }).click();
      await page.getByRole('heading', { name: 'Suche', level: 1 }).waitFor();
      const hit = page.locator('.search-hits .snippet mark').first();
      await hit.waitFor({ timeout: 10_000 });
      expect((await hit.textContent())?.toLowerCase()).toContain('sprachkurs');
      await expectAccessible(page, 'search');
      await screenshot(page, 'search');

      // The moderator started the thread and so follows it; a mention and a reply arrive in the bell live.
      const bell = page.locator('.bell-button');
      await bell.waitFor();
      await givenPost(
        app,
        group.people.member,
        threadId,
        'Frage an @Moderator Person: gibt es schon Zahlen?',
      );
      await page.locator('.bell-button .badge').waitFor({ timeout: 15_000 });
      await bell.click();
      await page.locator('.bell-list li', { hasText: 'Wartelisten für Integrationskurse' }).first().waitFor();
      await expectAccessible(page, 'notifications');
      await screenshot(page, 'notifications');
      await page.locator('.bell-item').first().click();
      await page.getByRole('heading', { name: 'Wartelisten für Integrationskurse', level: 1 }).waitFor();

      // The full list: all notifications, unread ones on request, new ones live, all marked read at once.
      await bell.click();
      await page.getByRole('link', { name: 'Alle Benachrichtigungen' }).click();
      await page.getByRole('heading', { name: 'Benachrichtigungen', level: 1 }).waitFor();
      const items = page.locator('.notification-list li');
      await items.first().waitFor();
      const before = await items.count();
      const badge = async () =>
        Number(
          (await page.locator('.bell-button .badge').count())
            ? await page.locator('.bell-button .badge').textContent()
            : 0,
        );
      const unreadBefore = await badge();
      await givenPost(app, group.people.member, threadId, 'Noch eine Frage an @Moderator Person.');
      await expectEventually(async () => expect(await items.count()).toBe(before + 1));
      // The bell follows the same stream at the same time (one subscription shared by both).
      await expectEventually(async () => expect(await badge()).toBe(unreadBefore + 1));
      await page.getByLabel('Nur ungelesene').check();
      await expectEventually(async () =>
        expect(await page.locator('.notification-list li.read').count()).toBe(0),
      );
      expect(await items.count()).toBeGreaterThanOrEqual(1);
      await expectAccessible(page, 'notifications page');
      await page.getByRole('button', { name: 'Alle als gelesen markieren' }).click();
      await page.getByText('Keine Benachrichtigungen.').waitFor();
      await page.getByLabel('Nur ungelesene').uncheck();
      await expectEventually(async () => expect(await items.count()).toBe(before + 1));
      expect(await page.locator('.notification-list li.unread').count()).toBe(0);
    } finally {
      await person.close();
    }
  }, 60_000);
});
