/**
 * The consultation benchmark's data, written with SQL in the run's own database the way ConsultationsService
 * writes it: the owners' group and topic, the addressees (the register's 44 districts and towns up to 1,100, each
 * with a confirmed admin), and — once the round is opened over REST on a draft in consultation — each addressee's
 * statement with its points: released ones (statement `released`, addressee `released` with `answered_at`, the
 * `statement.released` event on the round's stream) and drafting ones left for the benchmark to release over
 * REST.
 */
import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import { type BenchUser, confirmedPeople, districtsAndTowns, insertUsers } from './support';

export interface World {
  owners: BenchUser[];
  groupId: string;
  topicId: string;
  orgIds: string[];
  admins: BenchUser[];
}

/** `watchers` owners of one group (the first its owner, the others moderators), a topic, the addressees. */
export async function seedWorld(db: Client, addressees: number, watchers: number): Promise<World> {
  const owners = await insertUsers(db, watchers, 'owner');
  const groupId = randomUUID();
  const topicId = randomUUID();
  await db.query(`INSERT INTO groups (id, name, created_by) VALUES ($1, 'Steuerungskreis Anhörung', $2)`, [
    groupId,
    owners[0].id,
  ]);
  await db.query(
    `INSERT INTO group_members (group_id, user_id, role)
     SELECT $1, id, CASE WHEN ord = 1 THEN 'owner' ELSE 'moderator' END
       FROM unnest($2::uuid[]) WITH ORDINALITY AS t(id, ord)`,
    [groupId, owners.map((o) => o.id)],
  );
  await db.query(
    `INSERT INTO topics (id, group_id, title, visibility, created_by)
     VALUES ($1, $2, 'Eckpunkte Integrationsmanagement', 'group', $3)`,
    [topicId, groupId, owners[0].id],
  );
  const orgIds = await districtsAndTowns(db, addressees);
  const admins = await confirmedPeople(db, orgIds, 'admin', 'addressee-admin');
  return { owners, groupId, topicId, orgIds, admins };
}

const SENTENCES = [
  'Der Landkreis begrüßt die Zielrichtung des Entwurfs ausdrücklich.',
  'Die vorgesehenen Fristen sind für die kommunale Praxis zu knapp bemessen.',
  'Wir regen an, die Integrationsmanagerinnen und -manager frühzeitig einzubinden.',
  'Die Finanzierung der zusätzlichen Beratungsstellen ist nicht gesichert.',
  'Eine Abstimmung mit den Jobcentern und Ausländerbehörden halten wir für unverzichtbar.',
  'Die Formulierung lässt offen, wer für die Umsetzung zuständig ist.',
  'In ländlichen Räumen fehlen Sprachkurse mit Kinderbetreuung.',
  'Die Berichtspflichten sollten auf das Notwendige beschränkt werden.',
  'Ehrenamtliche Strukturen brauchen eine verlässliche hauptamtliche Begleitung.',
  'Wir verweisen auf die Erfahrungen aus dem Pakt für Integration.',
  'Die Datengrundlage für die Bedarfsplanung ist lückenhaft.',
  'Eine Evaluation nach zwei Jahren wird ausdrücklich unterstützt.',
];
const POSITIONS = ['agree', 'change', 'reject', 'note'] as const;

/** Two or three sentences, chosen by `seed` (deterministic). */
function prose(seed: number, count = 2 + (seed % 2)): string {
  return Array.from({ length: count }, (_, k) => SENTENCES[(seed * 7 + k * 5) % SENTENCES.length]).join(' ');
}

export interface Block {
  rn: string | null;
  type: string;
  start: number;
  end: number;
}

export interface Statements {
  /** Organisations whose statement is drafting, with their admin: released over REST by the benchmark. */
  toRelease: Array<{ orgId: string; admin: BenchUser }>;
  released: number;
  comments: number;
}

/**
 * Each addressee's statement with `perStatement` points: 16 on a Randnummer, 3 on a range of a block's text, one
 * general; every second one with a proposed wording where it asks for a change. The last `drafting` addressees'
 * statements are left drafting (content complete), the others released.
 */
export async function seedStatements(
  db: Client,
  roundId: string,
  world: World,
  blocks: Block[],
  perStatement: number,
  drafting: number,
): Promise<Statements> {
  const numbered = blocks.filter((b) => b.rn);
  const ids = world.orgIds.map(() => randomUUID());
  const releasedCount = world.orgIds.length - drafting;
  const statuses = world.orgIds.map((_, i) => (i < releasedCount ? 'released' : 'drafting'));
  const t0 = Date.now() - 3600_000;
  const releasedAt = world.orgIds.map((_, i) => (i < releasedCount ? new Date(t0 + i * 2000) : null));
  await db.query('BEGIN');
  try {
    await db.query(
      `INSERT INTO consultation_statements (id, consultation_id, organisation_id, status, version, general, answers,
                                            updated_by, released_by, released_at, late, created_at, updated_at)
       SELECT s.id, $1, s.org, s.status, CASE WHEN s.status = 'released' THEN 2 ELSE 1 END, s.general, '[]',
              s.admin, CASE WHEN s.status = 'released' THEN s.admin END, s.released_at, false,
              now() - interval '1 day', COALESCE(s.released_at, now())
         FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::uuid[], $7::timestamptz[])
           AS s(id, org, status, general, admin, released_at)`,
      [
        roundId,
        ids,
        world.orgIds,
        statuses,
        world.orgIds.map((_, i) => `Allgemeine Stellungnahme. ${prose(i, 3)}`),
        world.admins.map((a) => a.id),
        releasedAt,
      ],
    );
    const c = {
      statement: [] as string[],
      org: [] as string[],
      ord: [] as number[],
      rn: [] as Array<string | null>,
      from: [] as Array<number | null>,
      to: [] as Array<number | null>,
      position: [] as string[],
      text: [] as string[],
      wording: [] as Array<string | null>,
    };
    ids.forEach((statementId, i) => {
      for (let j = 0; j < perStatement; j++) {
        const position = POSITIONS[(i + j) % POSITIONS.length];
        let rn: string | null = null;
        let from: number | null = null;
        let to: number | null = null;
        if (j === perStatement - 1) {
          // a general point
        } else if (j % 7 === 3) {
          const b = numbered[(i * 3 + j) % numbered.length];
          from = b.start + Math.min(10, Math.max(0, b.end - b.start - 30));
          to = Math.min(b.end, from + 25);
        } else {
          rn = numbered[(i * 7 + j * 3) % numbered.length].rn;
        }
        c.statement.push(statementId);
        c.org.push(world.orgIds[i]);
        c.ord.push(j);
        c.rn.push(rn);
        c.from.push(from);
        c.to.push(to);
        c.position.push(position);
        c.text.push(prose(i * perStatement + j));
        c.wording.push(
          position === 'change' && j % 2 === 0 ? `Neu: ${SENTENCES[(i + j) % SENTENCES.length]}` : null,
        );
      }
    });
    await db.query(
      `INSERT INTO consultation_comments (statement_id, consultation_id, organisation_id, ord, randnummer,
                                          anchor_from, anchor_to, position, text, proposed_wording)
       SELECT s, $1, o, ord, rn, af, at, pos, txt, pw
         FROM unnest($2::uuid[], $3::uuid[], $4::int[], $5::text[], $6::int[], $7::int[], $8::text[], $9::text[],
                     $10::text[]) AS t(s, o, ord, rn, af, at, pos, txt, pw)`,
      [roundId, c.statement, c.org, c.ord, c.rn, c.from, c.to, c.position, c.text, c.wording],
    );
    await db.query(
      `UPDATE consultation_addressees a
          SET status = s.status, answered_at = s.released_at
         FROM consultation_statements s
        WHERE s.consultation_id = $1 AND a.consultation_id = $1 AND a.organisation_id = s.organisation_id`,
      [roundId],
    );
    // The board's events of the releases, numbered on after the round's stream head (as writeEvents does).
    const stream = `consultation:${roundId}`;
    await db.query(
      `WITH head AS (SELECT head FROM event_streams WHERE stream = $2),
       rel AS (
         SELECT s.id, s.organisation_id, s.released_at, s.released_by, a.deadline,
                row_number() OVER (ORDER BY s.released_at) AS n
           FROM consultation_statements s
           JOIN consultation_addressees a ON a.consultation_id = s.consultation_id
                                         AND a.organisation_id = s.organisation_id
          WHERE s.consultation_id = $1 AND s.status = 'released')
       INSERT INTO domain_events (id, stream, seq, type, occurred_at, actor_id, data)
       SELECT gen_random_uuid(), $2, (SELECT head FROM head) + n, 'statement.released', released_at, released_by,
              jsonb_build_object('consultationId', $1::text, 'organisationId', organisation_id, 'status', 'released',
                                 'late', false,
                                 'deadline', to_char(deadline AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                                 'answeredAt', to_char(released_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                                 'statementId', id)
         FROM rel`,
      [roundId, stream],
    );
    await db.query(
      `UPDATE event_streams SET head = (SELECT max(seq) FROM domain_events WHERE stream = $1) WHERE stream = $1`,
      [stream],
    );
    await db.query('COMMIT');
  } catch (error) {
    await db.query('ROLLBACK');
    throw error;
  }
  await db.query('ANALYZE');
  return {
    toRelease: world.orgIds.map((orgId, i) => ({ orgId, admin: world.admins[i] })).slice(releasedCount),
    released: releasedCount,
    comments: ids.length * perStatement,
  };
}
