import type { Browser } from 'playwright-core';
import { as, givenGroup, TestGroup } from '../support/factories';
import { givenTopic } from '../support/discussion-factories';
import { startTestApp, TestApp } from '../support/test-app';
import { ensureWebBuilt, expectAccessible, launchBrowser, openAs, screenshot } from './browser-support';

/** Search results as people read them: each hit named in their language, snippets as plain text, matches marked. */
describe('browser: search results', () => {
  let app: TestApp;
  let browser: Browser;
  let group: TestGroup;
  let draftId: string;
  const word = `Wartezeit${Date.now().toString(36)}`;

  beforeAll(async () => {
    ensureWebBuilt();
    app = await startTestApp();
    browser = await launchBrowser();
    group = await givenGroup(app, 'AG Sprachkurse');
    const topic = await givenTopic(app, group);
    const draft = await as(app, group.owner)
      .post(`/api/v1/topics/${topic.id}/drafts`)
      .send({
        title: 'Eckpunkte Sprachkurse 2027',
        content:
          `# Eckpunkte\n\n## Ziele\n\n- Die **${word}** auf einen Integrationskurs sinkt unter *drei* Monate ` +
          `([BAMF-Statistik](https://www.bamf.de/statistik)).\n\n> Stand: \`2026\``,
      })
      .expect(201);
    draftId = draft.body.id;
    await as(app, group.people.moderator)
      .post(`/api/v1/topics/${topic.id}/threads`)
      .send({
        title: 'Kurse im Landkreis',
        body: `### Frage\n\nWie lang ist die __${word}__ bei Ihnen? Siehe [Tabelle](https://example.org/t).`,
      })
      .expect(201);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  for (const [locale, labels] of [
    ['de', { draft: 'Strategieentwurf', post: 'Beitrag', title: 'Eckpunkte Sprachkurse 2027' }],
    ['en', { draft: 'Strategy draft', post: 'Post', title: 'Eckpunkte Sprachkurse 2027' }],
  ] as const) {
    it(`labels every hit and shows snippets without Markdown, the match highlighted (${locale})`, async () => {
      const person = await openAs(browser, app, group.people.member, {
        locale,
        path: `/search?q=${encodeURIComponent(word)}`,
      });
      try {
        const { page } = person;
        const hits = page.locator('.search-hits > li');
        await hits.first().waitFor();
        expect(await hits.count()).toBe(2);
        const text = await page.locator('.search-hits').innerText();
        expect(text).not.toMatch(/hit_/);
        for (const syntax of ['##', '**', '__', '](', '> ', '`', 'https://'])
          expect(text).not.toContain(syntax);

        const draftHit = hits.filter({ hasText: labels.title });
        expect(await draftHit.locator('.meta').innerText()).toContain(labels.draft);
        expect(await draftHit.locator('.snippet').innerText()).toContain(
          `Die ${word} auf einen Integrationskurs sinkt unter drei Monate (BAMF-Statistik).`,
        );
        expect(await draftHit.locator('.snippet mark').allInnerTexts()).toEqual([word]);
        const postHit = hits.filter({ hasText: 'Kurse im Landkreis' });
        expect(await postHit.locator('.meta').innerText()).toContain(labels.post);
        expect(await postHit.locator('.snippet mark').allInnerTexts()).toEqual([word]);
        // Only <mark> is markup in a snippet.
        expect(await page.locator('.search-hits .snippet *:not(mark)').count()).toBe(0);
        await expectAccessible(page, `search (${locale})`);
        await screenshot(page, `search-results-${locale}`);

        // A draft hit leads to the draft.
        await draftHit.getByRole('link', { name: labels.title }).click();
        await page.getByRole('heading', { level: 1, name: labels.title }).waitFor();
        expect(page.url()).toContain(`#/drafts/${draftId}`);
      } finally {
        await person.close();
      }
    }, 60_000);
  }
});
