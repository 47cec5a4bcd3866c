import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { StreamReaders } from '@runde/events';

/** Who reads `needs`: every confirmed person of an organisation of the network, and platform admins. */
@Injectable()
export class NeedsStreams implements OnModuleInit {
  constructor(
    private readonly readers: StreamReaders,
    private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.readers.register('needs', async (reader) => {
      if (reader.isAdmin) return true;
      const rows = await this.dataSource.query(
        `SELECT 1 FROM organisation_members WHERE user_id = $1 AND status = 'confirmed' LIMIT 1`,
        [reader.id],
      );
      return rows.length > 0;
    });
  }
}
