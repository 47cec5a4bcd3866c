import { Injectable, OnModuleInit } from '@nestjs/common';
import type { Transaction } from '@runde/events';
import { NotificationSettingEntity } from '../entities/notification-setting.entity';
import { PersonalDataContributor, PersonalDataRegistry } from '../privacy/personal-data';
import { NotificationSettingsService } from './notification-settings.service';

/** The person's notification settings in the export; erasure removes them. */
@Injectable()
export class NotificationSettingsPersonalData implements PersonalDataContributor, OnModuleInit {
  readonly key = 'notificationSettings';

  constructor(
    private readonly settings: NotificationSettingsService,
    private readonly registry: PersonalDataRegistry,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  exportFor(userId: string) {
    return this.settings.get(userId);
  }

  async eraseFor(userId: string, tx: Transaction): Promise<void> {
    await tx.manager.delete(NotificationSettingEntity, { userId });
  }
}
