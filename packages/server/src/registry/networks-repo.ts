// Networks (医联体: 城市医疗集团, 县域医共体, 专科联盟) in SQL. Membership is the institution's `network_id`
// (an institution belongs to one network at most); the lead is the network's `lead_institution_id`.
import type { NetworkType } from '@weijian/core/registry';
import type { Queryable } from '../platform/db.ts';

export interface NetworkRow {
  id: number;
  name: string;
  type: string;
  countyCode: string;
  leadInstitutionId: number | null;
  leadName: string | null;
  /** Current members (closed institutions keep their membership as history but are not counted). */
  members: number;
  version: number;
  updatedAt: string;
}

export interface NetworkMemberRow {
  id: number;
  name: string;
  category: string;
  areaCode: string;
  countyCode: string;
  closedOn: string | null;
  isLead: boolean;
  version: number;
}

const NETWORK_COLUMNS = `n.id, n.name, n.type, n.county_code as "countyCode", n.lead_institution_id as "leadInstitutionId",
  l.name as "leadName",
  (select count(*)::int from institutions m where m.network_id = n.id and m.closed_on is null) as members,
  n.version, n.updated_at as "updatedAt"`;

/** The county a network belongs to; null when there is no such network. */
export async function networkCounty(q: Queryable, id: number): Promise<string | null> {
  const { rows } = await q.query<{ county_code: string }>('select county_code from networks where id = $1', [id]);
  return rows[0]?.county_code ?? null;
}

/** The network of one institution, or the networks of the counties whose codes start with `countyPrefix`. */
export async function listNetworks(
  q: Queryable,
  filter: { institutionId: number | null } | { countyPrefix: string },
): Promise<NetworkRow[]> {
  const [where, param] =
    'institutionId' in filter
      ? ['n.id = (select network_id from institutions where id = $1)', filter.institutionId]
      : ['n.county_code like $1', `${filter.countyPrefix}%`];
  const { rows } = await q.query<NetworkRow>(
    `select ${NETWORK_COLUMNS}
       from networks n left join institutions l on l.id = n.lead_institution_id
      where ${where} order by n.county_code, n.name`,
    [param],
  );
  return rows;
}

export async function getNetwork(q: Queryable, id: number): Promise<NetworkRow | null> {
  const { rows } = await q.query<NetworkRow>(
    `select ${NETWORK_COLUMNS} from networks n left join institutions l on l.id = n.lead_institution_id
      where n.id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

/** Every member, closed ones included (they stay as history), the lead first, then by area and name. */
export async function networkMembers(q: Queryable, id: number): Promise<NetworkMemberRow[]> {
  const { rows } = await q.query<NetworkMemberRow>(
    `select i.id, i.name, i.category, i.area_code as "areaCode", i.county_code as "countyCode",
            to_char(i.closed_on, 'YYYY-MM-DD') as "closedOn",
            coalesce(n.lead_institution_id = i.id, false) as "isLead", i.version
       from institutions i join networks n on n.id = i.network_id
      where i.network_id = $1
      order by (n.lead_institution_id = i.id) desc, i.closed_on is not null, i.area_code, i.name, i.id`,
    [id],
  );
  return rows;
}

/** The network another network of the same county already uses `name` in, if any. */
export async function networkIdByName(q: Queryable, countyCode: string, name: string): Promise<number | null> {
  const { rows } = await q.query<{ id: number }>('select id from networks where county_code = $1 and name = $2', [
    countyCode,
    name,
  ]);
  return rows[0]?.id ?? null;
}

/** The network `institutionId` leads, if any. */
export async function networkLedBy(q: Queryable, institutionId: number): Promise<{ id: number; name: string } | null> {
  const { rows } = await q.query<{ id: number; name: string }>(
    'select id, name from networks where lead_institution_id = $1 order by id limit 1',
    [institutionId],
  );
  return rows[0] ?? null;
}

export async function insertNetwork(
  q: Queryable,
  n: { countyCode: string; name: string; type: NetworkType },
): Promise<number> {
  const { rows } = await q.query<{ id: number }>(
    'insert into networks (county_code, name, type) values ($1, $2, $3) returning id',
    [n.countyCode, n.name, n.type],
  );
  return rows[0]!.id;
}

/** Updates when `version` still matches; returns false when someone else changed it first. */
export async function updateNetwork(
  q: Queryable,
  id: number,
  n: { name: string; type: NetworkType; leadInstitutionId: number | null },
  version: number,
): Promise<boolean> {
  const { rows } = await q.query(
    `update networks set name = $3, type = $4, lead_institution_id = $5, version = version + 1, updated_at = now()
      where id = $1 and version = $2 returning id`,
    [id, version, n.name, n.type, n.leadInstitutionId],
  );
  return rows.length === 1;
}

export async function setNetworkLead(q: Queryable, id: number, leadInstitutionId: number | null): Promise<void> {
  await q.query('update networks set lead_institution_id = $2 where id = $1', [id, leadInstitutionId]);
}

/** A membership change is a change of both records: the institution's version moves on, and the network's. */
export async function setMembership(q: Queryable, institutionId: number, networkId: number | null): Promise<void> {
  await q.query('update institutions set network_id = $2, version = version + 1, updated_at = now() where id = $1', [
    institutionId,
    networkId,
  ]);
}

export async function touchNetwork(q: Queryable, id: number): Promise<void> {
  await q.query('update networks set version = version + 1, updated_at = now() where id = $1', [id]);
}

/** Deletes a network without members; false when it has members or is gone or `version` is stale. */
export async function deleteEmptyNetwork(q: Queryable, id: number, version: number): Promise<boolean> {
  const { rows } = await q.query(
    `delete from networks n where n.id = $1 and n.version = $2
        and not exists (select 1 from institutions i where i.network_id = n.id) returning id`,
    [id, version],
  );
  return rows.length === 1;
}
