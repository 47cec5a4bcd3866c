import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { StreamReaders } from '@runde/events';

/**
 * Who reads `consultation:<id>`: as for GET — the owners (owners and moderators of the round's group, platform
 * admins) and the confirmed people of its addressee organisations.
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
                             WHERE m.group_id = c.group_id AND m.user_id = $3 AND m.role IN ('owner', 'moderator'))
                 OR EXISTS (SELECT 1 FROM consultation_addressees a
                              JOIN organisation_members om
                                ON om.organisation_id = a.organisation_id AND om.user_id = $3 AND om.status = 'confirmed'
                             WHERE a.consultation_id = c.id)) AS ok
           FROM consultations c WHERE c.id = $1`,
        [id, reader.isAdmin, reader.id],
      );
      return rows[0]?.ok === true;
    });
  }
}
