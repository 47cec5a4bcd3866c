import { Injectable, OnModuleInit } from '@nestjs/common';
import type { Transaction } from '@runde/events';
import { NotificationSettingEntity } from '../entities/notification-setting.entity';
import { MailPreferencesEntity } from './mail-preferences.entity';
import { MailPreferencesService } from './mail-preferences.service';
import { PersonalDataContributor, PersonalDataRegistry } from '../privacy/personal-data';
import { NotificationSettingsService } from './notification-settings.service';

/** The person's notification settings (and when their digests go) in the export; erasure removes them. */
@Injectable()
export class NotificationSettingsPersonalData implements PersonalDataContributor, OnModuleInit {
  readonly key = 'notificationSettings';

  constructor(
    private readonly settings: NotificationSettingsService,
    private readonly preferences: MailPreferencesService,
    private readonly registry: PersonalDataRegistry,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async exportFor(userId: string) {
    return { ...(await this.settings.get(userId)), mail: await this.preferences.get(userId) };
  }

  async eraseFor(userId: string, tx: Transaction): Promise<void> {
    await tx.manager.delete(NotificationSettingEntity, { userId });
    await tx.manager.delete(MailPreferencesEntity, { userId });
  }
}
