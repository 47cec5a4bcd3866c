import type { EntityManager } from 'typeorm';
import { AppError } from '@runde/platform';
import type { AddresseesDto } from './dto/consultations.dto';

/**
 * The organisations a round goes to: chosen one by one and/or by set — all Landkreise, all Stadtkreise, the
 * municipal associations, or the districts of one Regierungsbezirk. Unknown ids are a 400 naming them; an empty
 * result is a 400 too.
 */
export async function resolveAddressees(manager: EntityManager, input: AddresseesDto): Promise<string[]> {
  const ids = new Set<string>();
  const wanted = [...new Set((input.organisationIds ?? []).map((id) => id.toLowerCase()))];
  if (wanted.length) {
    const found: Array<{ id: string }> = await manager.query(
      `SELECT id FROM organisations WHERE id = ANY($1::uuid[])`,
      [wanted],
    );
    const known = new Set(found.map((r) => r.id));
    const unknown = wanted.filter((id) => !known.has(id));
    if (unknown.length) {
      throw AppError.validation('Some addressees are not organisations of the register', [
        { field: 'addressees.organisationIds', messages: unknown.map((id) => `unknown organisation ${id}`) },
      ]).because('UNKNOWN_ORGANISATION');
    }
    for (const id of known) ids.add(id);
  }
  for (const set of new Set(input.sets ?? [])) {
    let rows: Array<{ id: string }>;
    if (set === 'landkreise' || set === 'stadtkreise') {
      rows = await manager.query(`SELECT id FROM organisations WHERE kind = $1`, [
        set === 'landkreise' ? 'Landkreis' : 'Stadtkreis',
      ]);
    } else if (set === 'associations') {
      rows = await manager.query(`SELECT id FROM organisations WHERE kind = 'association'`);
    } else {
      rows = await manager.query(
        `SELECT id FROM organisations WHERE kind IN ('Landkreis', 'Stadtkreis') AND regierungsbezirk = $1`,
        [set.slice('regierungsbezirk:'.length)],
      );
    }
    for (const r of rows) ids.add(r.id);
  }
  if (!ids.size) {
    throw AppError.validation('A round needs at least one addressee', [
      { field: 'addressees', messages: ['name organisations or sets that hold some'] },
    ]);
  }
  return [...ids].sort();
}
