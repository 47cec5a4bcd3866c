import { Injectable } from '@nestjs/common';
import { EntityManager, In, IsNull } from 'typeorm';
import { UserEntity } from '@runde/identity';
import { normalizeName, parseMentions } from './mention-parser';

/**
 * Turns the mentions of a post into active people: `@<uuid>` by id; `@Name` by the longest candidate of up to
 * four words that is some active person's display name (case-insensitive, umlauts included). When several
 * people share that name, all of them are meant; the caller keeps only those who may read the thread.
 */
@Injectable()
export class MentionResolver {
  async resolve(manager: EntityManager, body: string | null): Promise<string[]> {
    const { ids, names } = parseMentions(body);
    const found = new Set<string>();
    if (ids.length) {
      const users = await manager.find(UserEntity, {
        select: { id: true },
        where: { id: In(ids), deletedAt: IsNull() },
      });
      for (const u of users) found.add(u.id);
    }
    const candidates = [...new Set(names.flat())];
    if (candidates.length) {
      const rows: Array<{ id: string; display_name: string }> = await manager.query(
        `SELECT id, display_name FROM users
          WHERE deleted_at IS NULL
            AND lower(regexp_replace(normalize(display_name, NFC), '\\s+', ' ', 'g')) = ANY($1::text[])`,
        [candidates],
      );
      const byName = new Map<string, string[]>();
      for (const row of rows) {
        const key = normalizeName(row.display_name);
        byName.set(key, [...(byName.get(key) ?? []), row.id]);
      }
      for (const options of names) {
        const match = options.find((name) => byName.has(name));
        if (match) for (const id of byName.get(match)!) found.add(id);
      }
    }
    return [...found];
  }
}
