import { Module, Injectable } from '@nestjs/common';
import { EventEnvelope, OnDomainEvent, Transaction } from '@runde/events';

/** A consumer used by the tests: records each `system.probe` it handles in the `probe_deliveries` table. */
@Injectable()
export class ProbeConsumer {
  static failuresLeft = 0;
  /** Events with this note fail for as long as it is set (a poison event). */
  static poisonNote: string | null = null;

  @OnDomainEvent('test-probe', ['system.probe'])
  async onProbe(event: EventEnvelope<'system.probe'>, tx: Transaction): Promise<void> {
    await tx.manager.query(`INSERT INTO probe_deliveries (event_id, note) VALUES ($1, $2)`, [
      event.id,
      event.data.note,
    ]);
    if (ProbeConsumer.poisonNote !== null && event.data.note === ProbeConsumer.poisonNote) {
      throw new Error('probe consumer refusing a poison event');
    }
    if (ProbeConsumer.failuresLeft > 0) {
      ProbeConsumer.failuresLeft -= 1;
      throw new Error('probe consumer failing on purpose');
    }
  }
}

@Module({ providers: [ProbeConsumer] })
export class ProbeConsumerModule {}

export const PROBE_TABLES_SQL = `
  CREATE TABLE IF NOT EXISTS probe_items (id serial PRIMARY KEY, note text NOT NULL);
  CREATE TABLE IF NOT EXISTS probe_deliveries (event_id uuid NOT NULL, note text NOT NULL, at timestamptz DEFAULT now());
`;
