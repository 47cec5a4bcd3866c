import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { StreamReaders } from '@runde/events';

/**
 * Who reads `consultation:<id>`, the round's board: its owners (owners and moderators of the round's group,
 * platform admins). Its events tell every addressee's state, which an addressee's GET does not show them (only
 * their own entry), so the addressees' people follow their round on their organisation's stream instead
 * (`organisation:<id>`: the round addressed to them, their statement, their extension, reminders, the close and
 * the publication).
 */
@Injectable()
export class ConsultationScopes implements OnModuleInit {
  constructor(
    private readonly readers: StreamReaders,
    private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.readers.register('consultation', async (reader, id) => {
      const rows: Array<{ ok: boolean }> = await this.dataSource.query(
        `SELECT ($2::boolean
                 OR EXISTS (SELECT 1 FROM group_members m
                             WHERE m.group_id = c.group_id AND m.user_id = $3 AND m.role IN ('owner', 'moderator'))) AS ok
           FROM consultations c WHERE c.id = $1`,
        [id, reader.isAdmin, reader.id],
      );
      return rows[0]?.ok === true;
    });
  }
}
