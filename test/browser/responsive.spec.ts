import type { Browser, Page } from 'playwright-core';
import { as, givenAdmin, givenGroup, TestGroup, TestUser } from '../support/factories';
import { givenPost } from '../support/discussion-factories';
import { expectEventually } from '../support/expect-eventually';
import { startTestApp, TestApp } from '../support/test-app';
import {
  ensureWebBuilt,
  expectAccessible,
  go,
  launchBrowser,
  openAs,
  type Person,
  screenshot,
} from './browser-support';
import { EDITOR } from './rich-editor-support';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 850 };
/** The smallest phones in use: measured too, without axe or a screenshot. */
const SMALL = { width: 360, height: 740 };

/** What would make a page wider than a phone: a URL, a long compound word, a table. */
const WIDE_POST = [
  'Die Statistik steht unter https://www.bamf.de/SharedDocs/Anlagen/DE/Statistik/Integrationskurse/integrationskursgeschaeftsstatistik-2025-gesamt.pdf?__blob=publicationFile&v=7',
  '',
  'Stichwort: Integrationskursteilnahmeberechtigungsbescheinigungsausstellungsverfahren.',
  '',
  '| Landkreis | Kurse | Warteliste (Wochen) | Träger | Bemerkung |',
  '|---|---|---|---|---|',
  '| Breisgau-Hochschwarzwald | 14 | 12 | Volkshochschule Breisgau-Hochschwarzwald | Zusätzliche Abendkurse geplant |',
].join('\n');

const DRAFT_TEXT = [
  '# Eckpunkte Integrationsmanagement 2027',
  '',
  '## Ziele',
  '',
  'Die Wartezeiten für Integrationskurse sinken bis Ende 2027 auf höchstens acht Wochen. Quelle: https://www.statistik-bw.de/BevoelkGebiet/MigrNation/Integrationskurse-Wartezeiten-nach-Kreisen-2025.xlsx',
  '',
  '## Maßnahmen',
  '',
  'Die Landkreise melden vierteljährlich ihren Bedarf.',
].join('\n');

/** Where a phrase is in the draft's text: an anchor for a comment or suggestion. */
function around(phrase: string): { start: number; end: number } {
  const start = DRAFT_TEXT.indexOf(phrase);
  return { start, end: start + phrase.length };
}

/** The screen is drawn: its heading and what it shows first. */
type Ready = (page: Page) => Promise<void>;
const heading =
  (name?: string): Ready =>
  async (page) => {
    await (name ? page.getByRole('heading', { level: 1, name }) : page.locator('main h1').first()).waitFor();
  };

/**
 * Finding 1 and 9 of issue 23: every screen of the client at a phone's and a desktop's width — no horizontal
 * scrolling, no serious or critical axe violation, a screenshot of each; the header's menu at 390 px; the draft's
 * panels as tabs; the start page ("Übersicht") live.
 */
describe('browser: every screen from phone to desktop, and the overview', () => {
  let app: TestApp;
  let browser: Browser;
  let group: TestGroup;
  let topicId: string;
  let threadId: string;
  let draftId: string;
  let consultationId: string;

  beforeAll(async () => {
    ensureWebBuilt();
    app = await startTestApp({ worker: true });
    browser = await launchBrowser();
    group = await givenGroup(
      app,
      'AG Sprachförderung und Integrationskursangebote im Regierungsbezirk Freiburg',
    );
    const { owner, moderator, member } = group.people;
    topicId = (
      await as(app, owner)
        .post(`/api/v1/groups/${group.id}/topics`)
        .send({ title: 'Wartezeiten bei Integrationskursen', visibility: 'group' })
        .expect(201)
    ).body.id;
    const thread = await as(app, moderator)
      .post(`/api/v1/topics/${topicId}/threads`)
      .send({
        title: 'Wartezeit für Integrationskurse im Landkreis',
        body: 'Wie lang ist die Wartezeit bei Ihnen?',
      })
      .expect(201);
    threadId = thread.body.id;
    const wide = await givenPost(app, member, threadId, WIDE_POST);
    await givenPost(app, owner, threadId, `Danke, @${member.displayName}. Bei uns ähnlich.`, wide.id);
    await as(app, member).post(`/api/v1/posts/${wide.id}/flags`).send({ reason: 'Bitte prüfen' }).expect(201);
    await as(app, owner)
      .post(`/api/v1/posts/${wide.id}/flags`)
      .send({ reason: 'Der Link sollte auf die Landesseite zeigen' })
      .expect(201);

    draftId = (
      await as(app, member)
        .post(`/api/v1/topics/${topicId}/drafts`)
        .send({ title: 'Eckpunkte Integrationsmanagement 2027', content: DRAFT_TEXT })
        .expect(201)
    ).body.id;
    await as(app, owner)
      .post(`/api/v1/drafts/${draftId}/comments`)
      .send({
        body: 'Acht Wochen sind ehrgeizig. Woher kommt die Zahl?',
        anchor: around('höchstens acht Wochen'),
      })
      .expect(201);
    await as(app, moderator)
      .post(`/api/v1/drafts/${draftId}/suggestions`)
      .send({
        anchor: around('vierteljährlich'),
        replacement: 'monatlich',
        rationale: 'Wie im Koalitionsvertrag.',
      })
      .expect(201);
    await as(app, member)
      .post(`/api/v1/drafts/${draftId}/revisions`)
      .send({ label: 'Erste Fassung' })
      .expect(201);
    consultationId = (
      await as(app, moderator)
        .post(`/api/v1/topics/${topicId}/drafts`)
        .send({ title: 'Landesrahmenkonzept Sprachförderung', content: 'Zur Anhörung.' })
        .expect(201)
    ).body.id;
    await as(app, moderator)
      .post(`/api/v1/drafts/${consultationId}/status`)
      .send({ status: 'consultation', deadline: new Date(Date.now() + 5 * 86_400_000).toISOString() })
      .expect(200);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  /** No horizontal scrolling: the document is no wider than the window. */
  async function expectNoHorizontalScroll(page: Page, what: string): Promise<void> {
    const measured = (await page.evaluate(`(() => {
      const innerWidth = window.innerWidth;
      const scrollWidth = document.documentElement.scrollWidth;
      // When too wide: the first elements reaching past the window's right edge, to say what to fix.
      const culprits = scrollWidth <= innerWidth ? [] : [...document.querySelectorAll('body *')]
        .filter((el) => el.getBoundingClientRect().right > innerWidth + 1)
        .slice(0, 5)
        .map((el) => el.tagName.toLowerCase() + '.' + String(el.className).trim().split(/\\s+/).join('.'));
      return { tooWide: scrollWidth > innerWidth, scrollWidth, innerWidth, culprits };
    })()`)) as { tooWide: boolean; scrollWidth: number; innerWidth: number; culprits: string[] };
    const { tooWide, scrollWidth, innerWidth, culprits } = measured;
    expect(
      tooWide ? `${what}: ${scrollWidth} px wide in ${innerWidth} px, by ${culprits.join(', ')}` : '',
    ).toBe('');
  }

  /**
   * The header's rows: its visible parts (brand, entries, search, bell, settings) grouped by the middle of their
   * boxes — parts of different heights side by side share a middle; one more than half a line (12 px) below the
   * row's first part starts the next row. Also the entries' top offsets.
   */
  async function headerLayout(page: Page): Promise<{ rows: string[]; linkTops: number[]; height: number }> {
    return (await page.evaluate(`(() => {
      const header = document.querySelector('header.app-header');
      const parts = [...header.querySelectorAll(
        '.brand > *, .nav-links a, .header-search input, .header-search button, .bell-button, .header-tools > *',
      )]
        .map((el) => ({
          name: (el.textContent || el.getAttribute('placeholder') || el.className).trim(),
          box: el.getBoundingClientRect(),
        }))
        .filter(({ box }) => box.width > 0 && box.height > 0)
        .map(({ name, box }) => ({ name, middle: box.top + box.height / 2 }))
        .sort((a, b) => a.middle - b.middle);
      const rows = [];
      for (const { name, middle } of parts) {
        const row = rows[rows.length - 1];
        if (row && middle - row.middle <= 12) row.names.push(name);
        else rows.push({ middle, names: [name] });
      }
      return {
        rows: rows.map((r) => r.names.join(' | ')),
        linkTops: [...header.querySelectorAll('.nav-links a')].map((a) => Math.round(a.getBoundingClientRect().top)),
        height: header.getBoundingClientRect().height,
      };
    })()`)) as { rows: string[]; linkTops: number[]; height: number };
  }

  /** One screen at each width: drawn, not wider than the window; at 390 and 1366 accessible, photographed. */
  async function visit(person: Person, name: string, path: string, ready: Ready): Promise<void> {
    const { page } = person;
    for (const size of [SMALL, PHONE, DESKTOP]) {
      await page.setViewportSize(size);
      await go(page, app, path);
      await ready(page);
      // Fonts and late layout (the editor, live badges) settle before measuring.
      await page.evaluate('document.fonts.ready');
      await page.waitForTimeout(150);
      await expectNoHorizontalScroll(page, `${name} at ${size.width}px`);
      if (size === SMALL) continue;
      await expectAccessible(page, `${name} at ${size.width}px`);
      await screenshot(page, `screen-${name}-${size.width}`);
    }
  }

  it('every screen at 360, 390×844 and 1366×850: no horizontal scrolling; accessible, a screenshot', async () => {
    const visitor = await openAs(browser, app, null, { path: '/login' });
    try {
      await visit(visitor, 'sign-in', '/login', heading('Anmelden'));
      await visit(visitor, 'register', '/register', heading('Registrieren'));
    } finally {
      await visitor.close();
    }

    const member = await openAs(browser, app, group.people.member, { path: '/' });
    try {
      await visit(member, 'overview', '/', async (page) => {
        await heading('Übersicht')(page);
        await page.locator('.overview-draft', { hasText: 'Eckpunkte Integrationsmanagement 2027' }).waitFor();
      });
      await visit(member, 'groups', '/groups', heading('Meine Gruppen'));
      await visit(member, 'group', `/groups/${group.id}`, async (page) => {
        await heading()(page);
        await page.getByRole('link', { name: 'Wartezeiten bei Integrationskursen' }).first().waitFor();
      });
      await visit(member, 'topic', `/topics/${topicId}`, async (page) => {
        await heading('Wartezeiten bei Integrationskursen')(page);
        await page.getByRole('link', { name: 'Wartezeit für Integrationskurse im Landkreis' }).waitFor();
      });
      await visit(member, 'thread', `/threads/${threadId}`, async (page) => {
        await heading('Wartezeit für Integrationskurse im Landkreis')(page);
        await page.locator('article.post').nth(2).waitFor();
      });
      await visit(member, 'draft', `/drafts/${draftId}`, async (page) => {
        await heading('Eckpunkte Integrationsmanagement 2027')(page);
        await page.locator(EDITOR).waitFor();
        await page.getByText('Acht Wochen sind ehrgeizig').first().waitFor();
      });
      await visit(member, 'notifications', '/notifications', heading());
      await visit(member, 'search', '/search?q=Wartezeit', async (page) => {
        await heading()(page);
        await page.locator('.search-hits li').first().waitFor({ timeout: 15_000 });
      });
      await visit(member, 'account', '/account', heading());
      await visit(member, 'not-found', '/gibt-es-nicht', heading());
    } finally {
      await member.close();
    }

    const moderator = await openAs(browser, app, group.people.moderator, { path: '/' });
    try {
      await visit(moderator, 'moderation', `/groups/${group.id}/moderation`, async (page) => {
        await heading()(page);
        await page.getByText('Der Link sollte auf die Landesseite zeigen').waitFor();
      });
    } finally {
      await moderator.close();
    }
  }, 240_000);

  it('at 390 px the header is one short bar; its menu button opens and closes the navigation, by mouse and keyboard', async () => {
    const person = await openAs(browser, app, group.people.member, { path: '/' });
    try {
      const { page } = person;
      await page.setViewportSize(PHONE);
      await heading('Übersicht')(page);
      const header = page.locator('header.app-header');
      expect((await header.boundingBox())!.height).toBeLessThan(70);
      const menu = page.getByRole('button', { name: 'Menü' });
      const nav = page.getByRole('navigation', { name: 'Hauptnavigation' });
      const search = page.locator('#header-q');
      expect(await menu.getAttribute('aria-expanded')).toBe('false');
      expect(await nav.isVisible()).toBe(false);
      // The bell stays in the bar; its panel fits on the screen.
      await page.locator('.bell-button').click();
      const panel = (await page.locator('.bell-panel').boundingBox())!;
      expect(panel.x).toBeGreaterThanOrEqual(0);
      expect(panel.x + panel.width).toBeLessThanOrEqual(PHONE.width);
      await page.keyboard.press('Escape');
      await page.locator('.bell-panel').waitFor({ state: 'detached' });

      await menu.click();
      expect(await menu.getAttribute('aria-expanded')).toBe('true');
      await nav.waitFor();
      // The search field and its button fit on the screen.
      const box = (await page.getByRole('button', { name: 'Suchen' }).boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
      await expectNoHorizontalScroll(page, 'open menu');
      await expectAccessible(page, 'open menu at 390px');
      await screenshot(page, 'screen-menu-open-390');
      expect(await page.locator('a[aria-current="page"]').textContent()).toBe('Übersicht');

      // Escape closes it and puts the focus back on the button.
      await search.focus();
      await page.keyboard.press('Escape');
      expect(await menu.getAttribute('aria-expanded')).toBe('false');
      expect(await nav.isVisible()).toBe(false);
      expect(await page.evaluate('document.activeElement.className')).toBe('menu-button');

      // Keyboard: Enter opens, Tab reaches the links, following one closes the menu.
      await page.keyboard.press('Enter');
      expect(await menu.getAttribute('aria-expanded')).toBe('true');
      await page.keyboard.press('Tab');
      expect(await page.evaluate('document.activeElement.textContent')).toBe('Übersicht');
      await page.keyboard.press('Tab');
      expect(await page.evaluate('document.activeElement.textContent')).toBe('Meine Gruppen');
      await page.keyboard.press('Enter');
      await heading('Meine Gruppen')(page);
      expect(await menu.getAttribute('aria-expanded')).toBe('false');
      expect(await nav.isVisible()).toBe(false);

      // Searching from the menu.
      await menu.click();
      await search.fill('Wartezeit');
      await search.press('Enter');
      await heading('Suche')(page);
      expect(await nav.isVisible()).toBe(false);

      // On a wide screen there is no menu button: everything is in the bar.
      await page.setViewportSize(DESKTOP);
      expect(await menu.isVisible()).toBe(false);
      await nav.waitFor();
      await search.waitFor();
    } finally {
      await person.close();
    }
  }, 60_000);

  it('with every entry (a platform admin), the header is two rows from 1024 px up and one short bar at 390 px', async () => {
    const admin = await givenAdmin(app);
    await as(app, admin)
      .patch('/api/v1/me')
      .send({ displayName: 'Dr. Annette Mustermann-Schönberger (Referat 23, Integration)' })
      .expect(200);
    const person = await openAs(browser, app, admin, { path: '/' });
    try {
      const { page } = person;
      await heading('Übersicht')(page);
      const nav = page.getByRole('navigation', { name: 'Hauptnavigation' });
      // Every entry there is: Übersicht, Meine Gruppen, Anhörungen, Mein Konto, Bedarfe, Organisation.
      await nav.getByRole('link', { name: 'Organisation' }).waitFor();
      await nav.getByRole('link', { name: 'Bedarfe' }).waitFor();
      await nav.getByRole('link', { name: 'Anhörungen' }).waitFor();
      expect(await nav.getByRole('link').count()).toBe(6);

      for (const [locale, widths] of [
        ['de', [1024, 1180, 1280, 1366, 1440, 1920]],
        ['en', [1024, 1366]],
      ] as const) {
        if (locale === 'en') await page.getByRole('button', { name: 'Switch to English' }).click();
        for (const width of widths) {
          await page.setViewportSize({ width, height: 800 });
          await page.evaluate('document.fonts.ready');
          await page.waitForTimeout(100);
          const what = `header (${locale}) at ${width}px`;
          const header = await headerLayout(page);
          // At most two rows, and the entries in one line: the same top offset for all six.
          expect(`${what}: ${header.rows.length} rows (${header.rows.join(' / ')})`).toMatch(/: [12] rows/);
          expect(`${what}: entries at ${header.linkTops.join(', ')}`).toBe(
            `${what}: entries at ${header.linkTops.map(() => header.linkTops[0]).join(', ')}`,
          );
          expect(header.height).toBeLessThan(110);
          await expectNoHorizontalScroll(page, what);
        }
      }
      await page.setViewportSize({ width: 1024, height: 800 });
      await expectAccessible(page, 'header with every entry at 1024px');
      await screenshot(page, 'screen-header-admin-1024');

      // At 390 px: one short bar; the menu holds all of it, nothing wider than the window.
      await page.setViewportSize(PHONE);
      const header = page.locator('header.app-header');
      expect((await header.boundingBox())!.height).toBeLessThan(70);
      await page.getByRole('button', { name: 'Menu' }).click();
      await page
        .getByRole('navigation', { name: 'Main navigation' })
        .getByRole('link', { name: 'Needs' })
        .waitFor();
      await expectNoHorizontalScroll(page, 'open menu with every entry');
      await expectAccessible(page, 'open menu with every entry at 390px');
      await screenshot(page, 'screen-menu-admin-390');
    } finally {
      await person.close();
    }
  }, 60_000);

  it('at 390 px the draft’s comments, suggestions, versions and exports are tabs below the text', async () => {
    const person = await openAs(browser, app, group.people.member, { path: `/drafts/${draftId}` });
    try {
      const { page } = person;
      await page.setViewportSize(PHONE);
      await heading('Eckpunkte Integrationsmanagement 2027')(page);
      const tabs = page.getByRole('tablist', { name: 'Bereiche des Entwurfs' });
      await tabs.waitFor();
      const comments = page.getByRole('tab', { name: /Kommentare/ });
      expect(await comments.getAttribute('aria-selected')).toBe('true');
      const comment = page.getByText('Acht Wochen sind ehrgeizig');
      await comment.waitFor();
      // The comments come right below the text, and the export buttons are behind their tab.
      const editor = (await page.locator('.editor-host').boundingBox())!;
      expect((await comment.boundingBox())!.y).toBeGreaterThan(editor.y + editor.height);
      expect(await page.getByRole('button', { name: 'Markdown herunterladen' }).isVisible()).toBe(false);

      // Arrow keys move between the tabs (and show their panels).
      await comments.focus();
      await page.keyboard.press('ArrowRight');
      const suggestions = page.getByRole('tab', { name: /Änderungsvorschläge/ });
      expect(await suggestions.getAttribute('aria-selected')).toBe('true');
      await page.getByText('Wie im Koalitionsvertrag.').waitFor();
      expect(await comment.isVisible()).toBe(false);
      await page.keyboard.press('End');
      expect(await page.getByRole('tab', { name: 'Exportieren' }).getAttribute('aria-selected')).toBe('true');
      await page.getByRole('button', { name: 'Markdown herunterladen' }).waitFor();
      await page.getByRole('tab', { name: 'Fassungen' }).click();
      await page.locator('.revision-list li', { hasText: 'Erste Fassung' }).waitFor();
      await expectNoHorizontalScroll(page, 'draft tabs');
      await expectAccessible(page, 'draft tabs at 390px');
      await screenshot(page, 'screen-draft-tabs-390');

      // Wide: no tabs, the comments in the margin beside the text.
      await page.setViewportSize(DESKTOP);
      await tabs.waitFor({ state: 'detached' });
      await comment.waitFor();
      const wideEditor = (await page.locator('.editor-host').boundingBox())!;
      expect((await comment.boundingBox())!.x).toBeGreaterThan(wideEditor.x + wideEditor.width);
    } finally {
      await person.close();
    }
  }, 60_000);

  it('the overview is the start page: a post by someone else appears as new without reload; drafts with status and deadline', async () => {
    const reader: TestUser = group.people.observer;
    const thread = (
      await as(app, group.people.moderator)
        .post(`/api/v1/topics/${topicId}/threads`)
        .send({ title: 'Wer kennt gute Kita-Angebote?', body: 'Für Eltern in Sprachkursen.' })
        .expect(201)
    ).body as { id: string };
    await as(app, reader).post(`/api/v1/threads/${thread.id}/read`).send({ seq: 1 }).expect(200);
    const person = await openAs(browser, app, reader, { path: '/' });
    try {
      const { page } = person;
      await page.setViewportSize(PHONE);
      await heading('Übersicht')(page);
      expect(await page.locator('nav a[aria-current="page"]').getAttribute('href')).toBe('#/');
      // The draft in consultation in the observer's group, with its status and deadline.
      const drafts = page.locator('section', {
        has: page.getByRole('heading', { name: 'Entwürfe, die Sie betreffen' }),
      });
      const consultation = drafts.locator('.overview-draft', {
        hasText: 'Landesrahmenkonzept Sprachförderung',
      });
      await consultation.waitFor();
      await consultation.getByText('Anhörung', { exact: true }).waitFor();
      await consultation.getByText(/Frist: .*\(noch 5 Tage\)/).waitFor();
      await consultation.getByText('Anhörung in Ihrer Gruppe').waitFor();

      const news = page.locator('section', {
        has: page.getByRole('heading', { name: 'Neu in Ihren Gruppen' }),
      });
      const item = news.locator('.overview-item', { hasText: 'Wer kennt gute Kita-Angebote?' });
      expect(await item.count()).toBe(0); // read up to its only post

      await givenPost(app, group.people.member, thread.id, 'Im Ortenaukreis gibt es ein Modellprojekt.');
      await item.waitFor({ timeout: 15_000 });
      await item.getByText('1 neu').waitFor();
      expect(await item.getByRole('link').getAttribute('href')).toBe(`#/threads/${thread.id}?seq=2`);
      await givenPost(app, group.people.owner, thread.id, 'Bei uns auch.');
      await item.getByText('2 neu').waitFor({ timeout: 15_000 });
      await screenshot(page, 'screen-overview-live-390');

      // Reading the thread takes it off the list (seen when coming back).
      await item.getByRole('link').click();
      await heading('Wer kennt gute Kita-Angebote?')(page);
      await expectEventually(async () => {
        const res = await as(app, reader).get('/api/v1/me/overview').expect(200);
        expect(res.body.threads.items.map((t: { id: string }) => t.id)).not.toContain(thread.id);
      });
      await page.goBack();
      await heading('Übersicht')(page);
      await expectEventually(async () => expect(await item.count()).toBe(0));

      // The draft someone started is listed for them with its status and why.
      const member = await openAs(browser, app, group.people.member, { path: '/' });
      try {
        const mine = member.page.locator('.overview-draft', {
          hasText: 'Eckpunkte Integrationsmanagement 2027',
        });
        await mine.getByText('Entwurf', { exact: true }).waitFor();
        await mine.getByText('von Ihnen begonnen').waitFor();
        await expectAccessible(member.page, 'overview (member)');
      } finally {
        await member.close();
      }
    } finally {
      await person.close();
    }
  }, 90_000);
});
