import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { streamName, Transaction } from '@runde/events';
import { PersonalDataContributor, PersonalDataRegistry } from '@runde/identity';
import { AppError } from '@runde/platform';
import { MembershipEntity } from '../entities/membership.entity';

/** Memberships in the export; erasure leaves every group, refused while the person is a group's last owner. */
@Injectable()
export class MembershipPersonalData implements PersonalDataContributor, OnModuleInit {
  readonly key = 'memberships';

  constructor(
    private readonly dataSource: DataSource,
    private readonly registry: PersonalDataRegistry,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async exportFor(userId: string) {
    const rows: Array<{ group_id: string; name: string; role: string; created_at: Date }> =
      await this.dataSource.query(
        `SELECT m.group_id, g.name, m.role, m.created_at FROM group_members m JOIN groups g ON g.id = m.group_id
       WHERE m.user_id = $1 ORDER BY m.created_at`,
        [userId],
      );
    return rows.map((r) => ({
      groupId: r.group_id,
      groupName: r.name,
      role: r.role,
      joinedAt: r.created_at.toISOString(),
    }));
  }

  async eraseFor(userId: string, tx: Transaction): Promise<void> {
    const sole: Array<{ name: string }> = await tx.manager.query(
      `SELECT g.name FROM group_members m JOIN groups g ON g.id = m.group_id
       WHERE m.user_id = $1 AND m.role = 'owner'
         AND (SELECT count(*) FROM group_members o WHERE o.group_id = m.group_id AND o.role = 'owner') = 1
         AND (SELECT count(*) FROM group_members x WHERE x.group_id = m.group_id) > 1`,
      [userId],
    );
    if (sole.length) {
      throw AppError.conflict(
        'Hand over ownership first: you are the last owner of a group with other members',
        [...sole.map((g) => ({ group: g.name }))],
      ).because('LAST_OWNER');
    }
    const memberships = await tx.manager.findBy(MembershipEntity, { userId });
    for (const m of memberships) {
      tx.append(streamName('group', m.groupId), 'member.removed', { groupId: m.groupId, userId }, userId);
    }
    await tx.manager.delete(MembershipEntity, { userId });
  }
}
