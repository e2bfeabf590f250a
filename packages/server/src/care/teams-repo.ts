// SQL of family-doctor teams, their members and the counties' service packages (care_teams,
// care_team_members, care_packages).
import type { Queryable } from '../platform/db.ts';

export interface TeamMemberRow {
  seq: number;
  name: string;
  userId: number | null;
  duty: string;
}

export interface TeamRow {
  id: number;
  countyCode: string;
  code: string;
  institutionId: number;
  name: string;
  leadName: string;
  leadUserId: number | null;
  closed: boolean;
  members: TeamMemberRow[];
}

export interface PackageRow {
  id: number;
  countyCode: string;
  code: string;
  name: string;
  feeYuan: number | null;
  description: string | null;
}

const TEAM_COLUMNS = `t.id, t.county_code as "countyCode", t.code, t.institution_id as "institutionId", t.name,
  t.lead_name as "leadName", t.lead_user_id as "leadUserId", t.closed,
  coalesce((select json_agg(json_build_object('seq', m.seq, 'name', m.name, 'userId', m.user_id, 'duty', m.duty)
                             order by m.seq)
              from care_team_members m where m.county_code = t.county_code and m.team_id = t.id), '[]'::json)
    as members`;

/** Where a team list may look: one institution, the counties under an area prefix, or everything. */
export interface TeamFilter {
  institutionId?: number;
  areaPrefix?: string;
  includeClosed?: boolean;
}

export async function listTeams(q: Queryable, f: TeamFilter): Promise<TeamRow[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.institutionId !== undefined) {
    params.push(f.institutionId);
    where.push(`t.institution_id = $${params.length}`);
  }
  if (f.areaPrefix) {
    params.push(`${f.areaPrefix}%`);
    where.push(`t.county_code like $${params.length}`);
  }
  if (!f.includeClosed) where.push('not t.closed');
  const { rows } = await q.query<TeamRow>(
    `select ${TEAM_COLUMNS} from care_teams t ${where.length ? `where ${where.join(' and ')}` : ''}
      order by t.county_code, t.code limit 2000`,
    params,
  );
  return rows;
}

export async function teamById(q: Queryable, id: number): Promise<TeamRow | null> {
  const { rows } = await q.query<TeamRow>(`select ${TEAM_COLUMNS} from care_teams t where t.id = $1`, [id]);
  return rows[0] ?? null;
}

export async function teamByCode(q: Queryable, countyCode: string, code: string): Promise<{ id: number } | null> {
  const { rows } = await q.query<{ id: number }>('select id from care_teams where county_code = $1 and code = $2', [
    countyCode,
    code,
  ]);
  return rows[0] ?? null;
}

export async function insertTeam(q: Queryable, t: Omit<TeamRow, 'id' | 'closed' | 'members'>): Promise<number> {
  const { rows } = await q.query<{ id: number }>(
    `insert into care_teams (county_code, code, institution_id, name, lead_name, lead_user_id)
     values ($1, $2, $3, $4, $5, $6) returning id`,
    [t.countyCode, t.code, t.institutionId, t.name, t.leadName, t.leadUserId],
  );
  return rows[0]!.id;
}

export async function updateTeam(
  q: Queryable,
  countyCode: string,
  id: number,
  t: { name: string; leadName: string; leadUserId: number | null; closed: boolean },
): Promise<void> {
  await q.query(
    `update care_teams set name = $3, lead_name = $4, lead_user_id = $5, closed = $6
      where county_code = $1 and id = $2`,
    [countyCode, id, t.name, t.leadName, t.leadUserId, t.closed],
  );
}

export async function replaceMembers(
  q: Queryable,
  countyCode: string,
  teamId: number,
  members: readonly Omit<TeamMemberRow, 'seq'>[],
): Promise<void> {
  await q.query('delete from care_team_members where county_code = $1 and team_id = $2', [countyCode, teamId]);
  if (!members.length) return;
  await q.query(
    `insert into care_team_members (county_code, team_id, seq, name, user_id, duty)
     select $1, $2, k::int, n, u, d from unnest($3::text[], $4::int[], $5::text[]) with ordinality as m(n, u, d, k)`,
    [countyCode, teamId, members.map((m) => m.name), members.map((m) => m.userId), members.map((m) => m.duty)],
  );
}

export async function listPackages(q: Queryable, areaPrefix: string | null): Promise<PackageRow[]> {
  const { rows } = await q.query<PackageRow>(
    `select id, county_code as "countyCode", code, name, fee_yuan as "feeYuan", description from care_packages
      where ($1::text is null or county_code like $1 || '%') order by county_code, code limit 2000`,
    [areaPrefix],
  );
  return rows;
}

export async function packageById(q: Queryable, id: number): Promise<PackageRow | null> {
  const { rows } = await q.query<PackageRow>(
    `select id, county_code as "countyCode", code, name, fee_yuan as "feeYuan", description
       from care_packages where id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

export async function insertPackage(q: Queryable, p: Omit<PackageRow, 'id'>): Promise<number> {
  const { rows } = await q.query<{ id: number }>(
    `insert into care_packages (county_code, code, name, fee_yuan, description) values ($1, $2, $3, $4, $5)
     returning id`,
    [p.countyCode, p.code, p.name, p.feeYuan, p.description],
  );
  return rows[0]!.id;
}

export async function packageByCode(q: Queryable, countyCode: string, code: string): Promise<{ id: number } | null> {
  const { rows } = await q.query<{ id: number }>('select id from care_packages where county_code = $1 and code = $2', [
    countyCode,
    code,
  ]);
  return rows[0] ?? null;
}
