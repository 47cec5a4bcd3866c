import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Mailer } from '@runde/identity';
import { APP_CONFIG, AppConfig, RateLimitService } from '@runde/platform';
import { AccessibilityFeedbackEntity } from './accessibility-feedback.entity';
import type { Lang } from './statement-page';

/** Reports of barriers from the statement's form: stored, and mailed to every platform admin. */
@Injectable()
export class AccessibilityFeedbackService {
  private readonly logger = new Logger('AccessibilityFeedback');

  constructor(
    private readonly dataSource: DataSource,
    private readonly mailer: Mailer,
    private readonly limits: RateLimitService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get links() {
    return { imprintUrl: this.config.IMPRINT_URL ?? null, privacyUrl: this.config.PRIVACY_URL ?? null };
  }

  /** Counts a report against the sender's address (5 per 10 minutes); throws RATE_LIMITED beyond. */
  async allow(ip: string): Promise<void> {
    await this.limits.consume({ name: 'a11y-feedback', limit: 5, windowSeconds: 600 }, ip);
  }

  async submit(input: { message: string; page?: string; contact?: string; lang: Lang }): Promise<string> {
    const saved = await this.dataSource.getRepository(AccessibilityFeedbackEntity).save({
      message: input.message,
      page: input.page?.trim() || null,
      contact: input.contact?.trim() || null,
      lang: input.lang,
    });
    const admins: Array<{ email: string }> = await this.dataSource.query(
      `SELECT email FROM users WHERE is_admin AND deleted_at IS NULL`,
    );
    const text = [
      'Über die Erklärung zur Barrierefreiheit ist eine Meldung eingegangen.',
      '',
      `Meldung: ${saved.message}`,
      `Seite oder Funktion: ${saved.page ?? '–'}`,
      `Kontakt für Rückfragen: ${saved.contact ?? '–'}`,
      `Eingegangen: ${saved.createdAt.toISOString()} (Nr. ${saved.id})`,
    ].join('\n');
    for (const admin of admins)
      await this.mailer.sendOrLog({ to: admin.email, subject: 'Barriere gemeldet (runde)', text });
    if (!admins.length)
      this.logger.warn(
        { id: saved.id },
        'an accessibility report arrived, but there is no platform admin to tell',
      );
    return saved.id;
  }
}
