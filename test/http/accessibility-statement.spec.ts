import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { givenAdmin } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

/** The accessibility statement is a real server page in German and English; its form reaches the platform admins. */
describe('/barrierefreiheit', () => {
  let app: TestApp;
  let mailDir: string;
  beforeAll(async () => {
    mailDir = mkdtempSync(join(tmpdir(), 'runde-a11y-mail-'));
    app = await startTestApp({
      env: {
        MAIL_TRANSPORT: 'file',
        MAIL_DIR: mailDir,
        IMPRINT_URL: 'https://example.org/impressum',
        PRIVACY_URL: 'https://example.org/datenschutz',
      },
    });
  });
  afterAll(async () => {
    await app.close();
    rmSync(mailDir, { recursive: true, force: true });
  });

  it('serves the statement in German and English, with the footer links and a labelled form', async () => {
    const de = await request(app.url).get('/barrierefreiheit').expect(200);
    expect(de.headers['content-type']).toMatch(/^text\/html/);
    expect(de.text).toContain('<html lang="de">');
    expect(de.text).toContain('<h1>Erklärung zur Barrierefreiheit</h1>');
    expect(de.text).toContain('BITV 2.0');
    expect(de.text).toContain('href="https://example.org/impressum"');
    expect(de.text).toContain('href="https://example.org/datenschutz"');
    expect(de.text).toMatch(/<label for="message">[^<]+<\/label>\s*<textarea id="message"/);
    const en = await request(app.url).get('/barrierefreiheit?lang=en').expect(200);
    expect(en.text).toContain('<html lang="en">');
    expect(en.text).toContain('<h1>Accessibility statement</h1>');
    const meta = await request(app.url).get('/api/v1/meta').expect(200);
    expect(meta.body.links).toEqual({
      accessibility: '/barrierefreiheit',
      imprint: 'https://example.org/impressum',
      privacy: 'https://example.org/datenschutz',
    });
  });

  it('takes a report, stores it and mails every platform admin; refuses an empty one', async () => {
    const admin = await givenAdmin(app);
    const sent = await request(app.url)
      .post('/barrierefreiheit')
      .type('form')
      .send({
        message: 'Der Kontrast der Schaltfläche „Freigeben“ ist zu gering.',
        page: 'Anhörung',
        contact: 'a@b.de',
      })
      .expect(200);
    expect(sent.text).toContain('Vielen Dank');
    const rows = await app.dataSource.query(`SELECT message, page, contact FROM accessibility_feedback`);
    expect(rows).toEqual([
      {
        message: 'Der Kontrast der Schaltfläche „Freigeben“ ist zu gering.',
        page: 'Anhörung',
        contact: 'a@b.de',
      },
    ]);
    const mails = readdirSync(mailDir).map(
      (f) => JSON.parse(readFileSync(join(mailDir, f), 'utf8')) as { to: string; text: string },
    );
    const mine = mails.filter((m) => m.to === admin.email);
    expect(mine).toHaveLength(1);
    expect(mine[0].text).toContain('Kontrast');
    const empty = await request(app.url)
      .post('/barrierefreiheit')
      .type('form')
      .send({ message: '  ' })
      .expect(400);
    expect(empty.text).toContain('role="alert"');
    await request(app.url)
      .post('/barrierefreiheit')
      .type('form')
      .send('message=' + 'x'.repeat(20_000))
      .expect(413);
    expect(await app.dataSource.query(`SELECT count(*)::int AS n FROM accessibility_feedback`)).toEqual([
      { n: 1 },
    ]);
  });
});
