import type { EntityManager } from 'typeorm';
import { AppError } from '@runde/platform';
import type { ReportersDto } from './dto/needs.dto';

/** The organisations expected to report: by id and/or by set (all districts, Landkreise, …, a Regierungsbezirk). */
export async function resolveReporters(manager: EntityManager, input: ReportersDto): Promise<string[]> {
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
      throw AppError.validation('Some reporters are not organisations of the register', [
        { field: 'reporters.organisationIds', messages: unknown.map((id) => `unknown organisation ${id}`) },
      ]).because('UNKNOWN_ORGANISATION');
    }
    for (const id of known) ids.add(id);
  }
  for (const set of new Set(input.sets ?? [])) {
    const kinds =
      set === 'landkreise'
        ? ['Landkreis']
        : set === 'stadtkreise'
          ? ['Stadtkreis']
          : set === 'associations'
            ? ['association']
            : ['Landkreis', 'Stadtkreis'];
    const rb = set.startsWith('regierungsbezirk:') ? set.slice('regierungsbezirk:'.length) : null;
    const rows: Array<{ id: string }> = await manager.query(
      `SELECT id FROM organisations WHERE kind = ANY($1) AND ($2::text IS NULL OR regierungsbezirk = $2)`,
      [kinds, rb],
    );
    for (const r of rows) ids.add(r.id);
  }
  if (!ids.size) {
    throw AppError.validation('A round needs at least one reporter', [
      { field: 'reporters', messages: ['name organisations or sets that hold some'] },
    ]);
  }
  return [...ids].sort();
}
