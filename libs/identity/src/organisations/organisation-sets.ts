import type { EntityManager } from 'typeorm';
import { AppError } from '@runde/platform';

/**
 * Organisations named one by one and/or by set, as rounds address them: all districts, the Landkreise, the
 * Stadtkreise, the municipal associations, or the districts of one Regierungsbezirk.
 */
export const ORGANISATION_SET =
  /^(districts|landkreise|stadtkreise|associations|regierungsbezirk:(Stuttgart|Karlsruhe|Freiburg|Tübingen))$/;

const KINDS: Record<string, string[]> = {
  districts: ['Landkreis', 'Stadtkreis'],
  landkreise: ['Landkreis'],
  stadtkreise: ['Stadtkreis'],
  associations: ['association'],
};

/**
 * The ids (sorted, each once) of the organisations `input` names. Unknown ids are a 400 naming them (under
 * `<field>.organisationIds`); an empty result is a 400 too.
 */
export async function resolveOrganisations(
  manager: EntityManager,
  input: { organisationIds?: string[]; sets?: string[] },
  field: string,
): Promise<string[]> {
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
      throw AppError.validation('Some of these are not organisations of the register', [
        { field: `${field}.organisationIds`, messages: unknown.map((id) => `unknown organisation ${id}`) },
      ]).because('UNKNOWN_ORGANISATION');
    }
    for (const id of known) ids.add(id);
  }
  for (const set of new Set(input.sets ?? [])) {
    const rb = set.startsWith('regierungsbezirk:') ? set.slice('regierungsbezirk:'.length) : null;
    const kinds = rb ? KINDS.districts : KINDS[set];
    if (!kinds) continue; // the DTOs allow only known sets
    const rows: Array<{ id: string }> = await manager.query(
      `SELECT id FROM organisations WHERE kind = ANY($1) AND ($2::text IS NULL OR regierungsbezirk = $2)`,
      [kinds, rb],
    );
    for (const r of rows) ids.add(r.id);
  }
  if (!ids.size) {
    throw AppError.validation('Name at least one organisation', [
      { field, messages: ['name organisations or sets that hold some'] },
    ]);
  }
  return [...ids].sort();
}
