// Networks (医联体: 城市医疗集团, 县域医共体) in SQL.
import type { Queryable } from '../platform/db.ts';

export interface NetworkRow {
  id: number;
  name: string;
  type: string;
  countyCode: string;
  leadInstitutionId: number | null;
  leadName: string | null;
  members: number;
}

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
    `select n.id, n.name, n.type, n.county_code as "countyCode", n.lead_institution_id as "leadInstitutionId",
          l.name as "leadName", (select count(*)::int from institutions m where m.network_id = n.id) as members
     from networks n left join institutions l on l.id = n.lead_institution_id
    where ${where} order by n.county_code, n.name`,
    [param],
  );
  return rows;
}
