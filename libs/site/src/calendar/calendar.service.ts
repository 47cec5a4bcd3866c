import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import ical, { ICalCalendarMethod } from 'ical-generator';
import { DataSource } from 'typeorm';
import type { Caller } from '@runde/identity';
import { APP_CONFIG, AppConfig, AppError } from '@runde/platform';
import { CalendarFeedEntity } from './calendar-feed.entity';

const hash = (token: string) => createHash('sha256').update(token).digest('hex');
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

interface Deadline {
  uid: string;
  title: string;
  at: Date;
  description: string;
  link: string;
}

/**
 * Each person's private iCalendar feed of the deadlines that concern them: consultation rounds addressed to their
 * organisation (its own Frist, extensions included) and rounds of groups they lead, reporting periods their
 * organisation reports in, and consultation deadlines of drafts in their groups. A secret URL (only its hash is
 * stored), revocable and renewable; calendars subscribed to it follow moved deadlines (stable UIDs, a SEQUENCE
 * that grows with the deadline).
 */
@Injectable()
export class CalendarService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private get base(): string {
    return (this.config.PUBLIC_URL ?? `http://localhost:${this.config.PORT}`).replace(/\/+$/, '');
  }

  /** A new secret URL for the caller (an old one stops working). */
  async issue(caller: Caller): Promise<{ url: string; createdAt: string }> {
    const token = randomBytes(32).toString('base64url');
    await this.dataSource.query(
      `INSERT INTO calendar_feeds (user_id, token_hash, created_at) VALUES ($1, $2, now())
       ON CONFLICT (user_id) DO UPDATE SET token_hash = EXCLUDED.token_hash, created_at = now()`,
      [caller.id, hash(token)],
    );
    return { url: `${this.base}/api/v1/calendar/${token}.ics`, createdAt: new Date().toISOString() };
  }

  async status(caller: Caller): Promise<{ active: boolean; createdAt: string | null }> {
    const row = await this.dataSource.getRepository(CalendarFeedEntity).findOneBy({ userId: caller.id });
    return { active: !!row, createdAt: row?.createdAt.toISOString() ?? null };
  }

  async revoke(caller: Caller): Promise<void> {
    await this.dataSource.query(`DELETE FROM calendar_feeds WHERE user_id = $1`, [caller.id]);
  }

  /** The feed for a token; 404 for an unknown or revoked one (and for a deleted account). */
  async feed(token: string): Promise<string> {
    if (!TOKEN.test(token)) throw AppError.notFound('Calendar');
    const rows: Array<{ user_id: string }> = await this.dataSource.query(
      `SELECT f.user_id FROM calendar_feeds f JOIN users u ON u.id = f.user_id
        WHERE f.token_hash = $1 AND u.deleted_at IS NULL`,
      [hash(token)],
    );
    if (!rows.length) throw AppError.notFound('Calendar');
    const deadlines = await this.deadlines(rows[0].user_id);
    const calendar = ical({
      name: 'runde – Fristen',
      description: 'Fristen aus runde: Anhörungen, Bedarfsmeldungen, Entwürfe',
      prodId: { company: 'runde', product: 'runde', language: 'DE' },
      method: ICalCalendarMethod.PUBLISH,
      ttl: 60 * 60,
      timezone: 'Europe/Berlin',
    });
    for (const d of deadlines) {
      calendar.createEvent({
        id: d.uid,
        // The sequence grows when the deadline moves, so calendars replace the entry.
        sequence: Math.floor(d.at.getTime() / 60_000) % 2_000_000_000,
        start: new Date(d.at.getTime() - 30 * 60_000),
        end: d.at,
        summary: d.title,
        description: `${d.description}\n\n${this.base}/#${d.link}`,
        url: `${this.base}/#${d.link}`,
        stamp: new Date(),
        alarms: [{ type: 'display' as never, trigger: 24 * 3600 }],
      });
    }
    return calendar.toString();
  }

  private async deadlines(userId: string): Promise<Deadline[]> {
    const fmt = (d: Date) =>
      d.toLocaleString('de-DE', { timeZone: 'Europe/Berlin', dateStyle: 'long', timeStyle: 'short' });
    const out: Deadline[] = [];
    const addressed: Array<{
      id: string;
      title: string;
      deadline: Date;
      org: string;
      org_id: string;
      status: string;
    }> = await this.dataSource.query(
      `SELECT c.id, c.title, a.deadline, o.name AS org, o.id AS org_id, a.status
           FROM organisation_members m
           JOIN consultation_addressees a ON a.organisation_id = m.organisation_id
           JOIN consultations c ON c.id = a.consultation_id
           JOIN organisations o ON o.id = m.organisation_id
          WHERE m.user_id = $1 AND m.status = 'confirmed' AND (c.status = 'open' OR a.deadline > now())`,
      [userId],
    );
    for (const r of addressed)
      out.push({
        uid: `consultation-${r.id}-${r.org_id}@runde`,
        title: `Frist Stellungnahme: ${r.title}`,
        at: r.deadline,
        description: `Anhörung „${r.title}“ – Frist für ${r.org}: ${fmt(r.deadline)}${r.status === 'released' || r.status === 'nil_return' ? ' (beantwortet)' : ''}`,
        link: `/consultations/${r.id}`,
      });
    const owned: Array<{ id: string; title: string; deadline: Date }> = await this.dataSource.query(
      `SELECT c.id, c.title, c.deadline FROM consultations c
         JOIN group_members g ON g.group_id = c.group_id AND g.user_id = $1 AND g.role IN ('owner', 'moderator')
        WHERE c.status = 'open'`,
      [userId],
    );
    for (const r of owned)
      out.push({
        uid: `consultation-${r.id}@runde`,
        title: `Anhörung endet: ${r.title}`,
        at: r.deadline,
        description: `Die Anhörung „${r.title}“ schließt am ${fmt(r.deadline)}.`,
        link: `/consultations/${r.id}`,
      });
    const periods: Array<{
      id: string;
      label: string;
      due_at: Date;
      title: string;
      org: string;
      org_id: string;
    }> = await this.dataSource.query(
      `SELECT p.id, p.label, p.due_at, r.title, o.name AS org, o.id AS org_id
           FROM organisation_members m
           JOIN needs_reporters rp ON rp.organisation_id = m.organisation_id
           JOIN needs_rounds r ON r.id = rp.round_id
           JOIN needs_periods p ON p.round_id = r.id AND p.status = 'open'
           JOIN organisations o ON o.id = m.organisation_id
          WHERE m.user_id = $1 AND m.status = 'confirmed'`,
      [userId],
    );
    for (const p of periods)
      out.push({
        uid: `needs-period-${p.id}-${p.org_id}@runde`,
        title: `Bedarfsmeldung fällig: ${p.title} ${p.label}`,
        at: p.due_at,
        description: `Bedarfsmeldung „${p.title}“ (${p.label}) für ${p.org}, fällig am ${fmt(p.due_at)}.`,
        link: `/needs`,
      });
    const drafts: Array<{ id: string; title: string; deadline: Date }> = await this.dataSource.query(
      `SELECT d.id, d.title, d.consultation_deadline AS deadline FROM drafts d
         JOIN group_members g ON g.group_id = d.group_id AND g.user_id = $1
        WHERE d.status = 'consultation' AND d.consultation_deadline IS NOT NULL`,
      [userId],
    );
    for (const d of drafts)
      out.push({
        uid: `draft-${d.id}@runde`,
        title: `Konsultation endet: ${d.title}`,
        at: d.deadline,
        description: `Kommentare und Vorschläge zum Entwurf „${d.title}“ bis ${fmt(d.deadline)}.`,
        link: `/drafts/${d.id}`,
      });
    return out.sort((a, b) => a.at.getTime() - b.at.getTime());
  }
}
