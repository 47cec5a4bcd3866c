import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UpdateMailPreferencesDto } from '../dto/mail-preferences.dto';
import { MailPreferencesEntity } from './mail-preferences.entity';
import { DEFAULT_MAIL_PREFERENCES, MailPreferences } from './mail-preferences';

/** A person's time zone, digest hour and weekday (the digests' clock; see the worker's mail digests). */
@Injectable()
export class MailPreferencesService {
  constructor(private readonly dataSource: DataSource) {}

  async get(userId: string): Promise<MailPreferences> {
    const row = await this.dataSource.getRepository(MailPreferencesEntity).findOneBy({ userId });
    return row
      ? { timeZone: row.timeZone, digestHour: row.digestHour, digestWeekday: row.digestWeekday }
      : { ...DEFAULT_MAIL_PREFERENCES };
  }

  async update(userId: string, dto: UpdateMailPreferencesDto): Promise<MailPreferences> {
    const next = { ...(await this.get(userId)) };
    if (dto.timeZone !== undefined) next.timeZone = dto.timeZone;
    if (dto.digestHour !== undefined) next.digestHour = dto.digestHour;
    if (dto.digestWeekday !== undefined) next.digestWeekday = dto.digestWeekday;
    await this.dataSource
      .getRepository(MailPreferencesEntity)
      .upsert({ userId, ...next }, { conflictPaths: ['userId'] });
    return next;
  }
}
