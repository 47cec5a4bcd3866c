import { Injectable, OnModuleInit } from '@nestjs/common';
import type { Transaction } from '@runde/events';
import { PersonalDataContributor, PersonalDataRegistry } from './personal-data';

/**
 * Removes an erased person's name and organisation from every stored event payload that shows them, in the erasure
 * transaction: catch-up replays the log, and GDPR erasure is not complete while the log keeps the name. Ids stay
 * (sequences and references do not change); each person shape becomes what the API shows for an erased account.
 * The events are found by the id in their text: a scan of the log, acceptable for a rare, deliberate act.
 */
@Injectable()
export class EraseFromEventLog implements PersonalDataContributor, OnModuleInit {
  readonly key = 'eventLog';

  constructor(private readonly registry: PersonalDataRegistry) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async exportFor(): Promise<undefined> {
    return undefined; // the log repeats what the other parts of the export already list
  }

  async eraseFor(userId: string, tx: Transaction): Promise<void> {
    const rows: Array<{ id: string; data: unknown }> = await tx.manager.query(
      `SELECT id, data FROM domain_events WHERE strpos(data::text, $1) > 0`,
      [userId],
    );
    const changed = rows
      .map((row) => ({ id: row.id, data: withoutPerson(row.data, userId) }))
      .filter((row, i) => row.data !== rows[i].data);
    if (changed.length === 0) return;
    await tx.manager.query(
      `UPDATE domain_events d SET data = c.data
         FROM jsonb_to_recordset($1::jsonb) AS c(id uuid, data jsonb) WHERE d.id = c.id`,
      [JSON.stringify(changed)],
    );
  }
}

type Json = unknown;

/**
 * The payload with every shape that names the person anonymised: a person (`{id, displayName, …}`), a member
 * (`{userId, displayName, …}`) and a reply's author (`{authorId, authorName}`). Returns the same object when nothing
 * named them, a changed copy otherwise.
 */
export function withoutPerson(value: Json, userId: string): Json {
  if (Array.isArray(value)) {
    const items = value.map((item) => withoutPerson(item, userId));
    return items.some((item, i) => item !== value[i]) ? items : value;
  }
  if (!value || typeof value !== 'object') return value;
  const object = value as Record<string, Json>;
  let copy: Record<string, Json> | null = null;
  const set = (key: string, next: Json) => {
    if (object[key] === next) return;
    copy ??= { ...object };
    copy[key] = next;
  };
  for (const [key, child] of Object.entries(object)) set(key, withoutPerson(child, userId));
  const names = (idKey: string) => object[idKey] === userId && 'displayName' in object;
  if (names('id') || names('userId')) {
    set('displayName', null);
    if ('organisation' in object) set('organisation', null);
    if ('deleted' in object) set('deleted', true);
  }
  if (object.authorId === userId && 'authorName' in object) set('authorName', null);
  return copy ?? object;
}
