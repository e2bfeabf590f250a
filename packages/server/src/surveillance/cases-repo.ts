// Case reports in SQL: the bulk insert, scoped lists and single reads. Every query takes the caller's
// scope condition from here, so no route can forget it.
import type { Principal } from '@weijian/core/identity';
import { SCHOOL_OCCUPATIONS } from '@weijian/core/surveillance';
import type { Actor } from '../platform/audit.ts';
import type { Queryable } from '../platform/db.ts';
import { cappedCount, type Keyset, pageQuery, pageResult } from '../platform/keyset.ts';

/** A card ready to store: identifiers already encrypted, digested and masked. */
export interface StoredCard {
  countyCode: string;
  townshipCode: string;
  addressCode: string;
  institutionId: number;
  clientReportId: string;
  diseaseCode: string;
  classification: string;
  patientName: string;
  parentName: string | null;
  citizenIdEnc: string | null;
  citizenIdMasked: string | null;
  phoneEnc: string | null;
  phoneHmac: string | null;
  phoneMasked: string | null;
  personHmac: string;
  sex: string;
  birthDate: string | null;
  ageYears: number | null;
  occupation: string;
  workplace: string | null;
  addressText: string | null;
  onsetDate: string;
  diagnosisAt: string;
  reportedAt: string;
  deathDate: string | null;
  doctorName: string;
  remarks: string | null;
  reportDelayMinutes: number;
  timely: boolean;
  duplicateOf: number | null;
  synthetic: boolean;
}

/** [field, column, SQL array type] of every stored column, in insert order. */
export const CARD_COLUMNS: [keyof StoredCard, string, string][] = [
  ['countyCode', 'county_code', 'text'],
  ['townshipCode', 'township_code', 'text'],
  ['addressCode', 'address_code', 'text'],
  ['institutionId', 'institution_id', 'int'],
  ['clientReportId', 'client_report_id', 'text'],
  ['diseaseCode', 'disease_code', 'text'],
  ['classification', 'classification', 'text'],
  ['patientName', 'patient_name', 'text'],
  ['parentName', 'parent_name', 'text'],
  ['citizenIdEnc', 'citizen_id_enc', 'text'],
  ['citizenIdMasked', 'citizen_id_masked', 'text'],
  ['phoneEnc', 'phone_enc', 'text'],
  ['phoneHmac', 'phone_hmac', 'text'],
  ['phoneMasked', 'phone_masked', 'text'],
  ['personHmac', 'person_hmac', 'text'],
  ['sex', 'sex', 'text'],
  ['birthDate', 'birth_date', 'date'],
  ['ageYears', 'age_years', 'smallint'],
  ['occupation', 'occupation', 'text'],
  ['workplace', 'workplace', 'text'],
  ['addressText', 'address_text', 'text'],
  ['onsetDate', 'onset_date', 'date'],
  ['diagnosisAt', 'diagnosis_at', 'timestamptz'],
  ['reportedAt', 'reported_at', 'timestamptz'],
  ['deathDate', 'death_date', 'date'],
  ['doctorName', 'doctor_name', 'text'],
  ['remarks', 'remarks', 'text'],
  ['reportDelayMinutes', 'report_delay_minutes', 'int'],
  ['timely', 'timely', 'boolean'],
  ['duplicateOf', 'duplicate_of', 'int8'],
  ['synthetic', 'synthetic', 'boolean'],
];

const CHUNK = 5000;

/** Inserts cards with one unnest statement per chunk; a card whose client id exists is skipped. */
export async function insertCards(
  q: Queryable,
  cards: readonly StoredCard[],
): Promise<{ id: number; institutionId: number; clientReportId: string }[]> {
  const out: { id: number; institutionId: number; clientReportId: string }[] = [];
  for (let start = 0; start < cards.length; start += CHUNK) {
    const chunk = cards.slice(start, start + CHUNK);
    const { rows } = await q.query<{ id: number; institutionId: number; clientReportId: string }>(
      `insert into case_reports (${CARD_COLUMNS.map((c) => c[1]).join(', ')})
       select * from unnest(${CARD_COLUMNS.map((c, i) => `$${i + 1}::${c[2]}[]`).join(', ')})
       on conflict (institution_id, client_report_id) do nothing
       returning id, institution_id as "institutionId", client_report_id as "clientReportId"`,
      CARD_COLUMNS.map(([k]) => chunk.map((c) => c[k])),
    );
    out.push(...rows);
  }
  return out;
}

/**
 * Who may see which cards: the caller, and for area users the registry's institutions registered within
 * their area (the county of the patient's address and the county of the reporting institution both manage a
 * card).
 */
export interface CaseScope {
  principal: Principal;
  institutionIds: number[];
}

/** SQL condition restricting case reports (alias c) to a scope. */
export function caseScope(s: CaseScope, params: unknown[]): string {
  const p = s.principal;
  if (p.role === 'admin') return 'true';
  if (p.role === 'institution') {
    params.push(p.scopeInstitutionId);
    return `c.institution_id = $${params.length}`;
  }
  params.push(`${p.scopeAreaCode ?? '\u0000'}%`, s.institutionIds);
  const n = params.length;
  return `(c.county_code like $${n - 1} or c.institution_id = any($${n}::int[]))`;
}

export const CASE_LIST_COLUMNS = `c.id, c.county_code as "countyCode", c.township_code as "townshipCode",
  c.address_code as "addressCode", c.institution_id as "institutionId", null::text as "institutionName",
  c.client_report_id as "clientReportId", c.disease_code as "diseaseCode", d.name_zh as "diseaseName",
  c.classification, c.patient_name as "patientName", c.citizen_id_masked as "citizenIdMasked",
  c.phone_masked as "phoneMasked", c.sex, to_char(c.birth_date, 'YYYY-MM-DD') as "birthDate",
  c.age_years as "ageYears", c.occupation, c.workplace, to_char(c.onset_date, 'YYYY-MM-DD') as "onsetDate",
  c.diagnosis_at as "diagnosisAt", c.reported_at as "reportedAt", c.report_delay_minutes as "reportDelayMinutes",
  c.timely, c.duplicate_of as "duplicateOf", c.deleted, c.doctor_name as "doctorName", c.synthetic, c.version`;

export interface CaseListRow {
  id: number;
  countyCode: string;
  townshipCode: string;
  addressCode: string;
  institutionId: number;
  institutionName: string | null;
  clientReportId: string;
  diseaseCode: string;
  diseaseName: string | null;
  classification: string;
  patientName: string;
  citizenIdMasked: string | null;
  phoneMasked: string | null;
  sex: string;
  birthDate: string | null;
  ageYears: number | null;
  occupation: string;
  workplace: string | null;
  onsetDate: string;
  diagnosisAt: string;
  reportedAt: string;
  reportDelayMinutes: number;
  timely: boolean;
  duplicateOf: number | null;
  deleted: boolean;
  doctorName: string;
  synthetic: boolean;
  version: number;
}

export interface CaseRow extends CaseListRow {
  parentName: string | null;
  citizenIdEnc: string | null;
  phoneEnc: string | null;
  addressText: string | null;
  deathDate: string | null;
  remarks: string | null;
  createdAt: string;
  updatedAt: string;
}

export const CASE_DETAIL_COLUMNS = `${CASE_LIST_COLUMNS}, c.parent_name as "parentName", c.citizen_id_enc as "citizenIdEnc",
  c.phone_enc as "phoneEnc", c.address_text as "addressText", to_char(c.death_date, 'YYYY-MM-DD') as "deathDate",
  c.remarks, c.created_at as "createdAt", c.updated_at as "updatedAt"`;

/** One card within the scope; its institution's name is left to the caller (the registry's). */
export async function getCase(q: Queryable, scope: CaseScope, id: number): Promise<CaseRow | null> {
  const params: unknown[] = [id];
  const { rows } = await q.query<CaseRow>(
    `select ${CASE_DETAIL_COLUMNS}
       from case_reports c join disease_settings d on d.code = c.disease_code
      where c.id = $1 and ${caseScope(scope, params)}`,
    params,
  );
  return rows[0] ?? null;
}

/** Cards already stored under these (institution, client report id) pairs. */
export async function storedClientIds(q: Queryable, institutionIds: number[], clientReportIds: string[]) {
  const { rows } = await q.query<{ id: number; institutionId: number; clientReportId: string }>(
    `select c.id, c.institution_id as "institutionId", c.client_report_id as "clientReportId"
           from case_reports c join unnest($1::int[], $2::text[]) as k(inst, cid)
             on c.institution_id = k.inst and c.client_report_id = k.cid`,
    [institutionIds, clientReportIds],
  );
  return rows;
}

/** Marks cards as probable duplicates of earlier ones (pairwise arrays). */
export async function setDuplicatesOf(q: Queryable, ids: number[], firsts: number[]): Promise<void> {
  await q.query(
    `update case_reports c set duplicate_of = u.first from unnest($1::int8[], $2::int8[]) as u(id, first) where c.id = u.id`,
    [ids, firsts],
  );
}

/** Stored cards (not deleted) of these person digests, oldest first. */
export async function reportsOfPersons(q: Queryable, personHmacs: string[]) {
  const { rows } = await q.query<{ id: number; personHmac: string; diseaseCode: string; onsetDate: string }>(
    `select id, person_hmac as "personHmac", disease_code as "diseaseCode", to_char(onset_date, 'YYYY-MM-DD') as "onsetDate"
         from case_reports where not deleted and person_hmac = any($1::text[]) order by id`,
    [personHmacs],
  );
  return rows;
}

/**
 * The events whose signals cover a card (see CaseIntake.eventIdsOf), a merged event resolved to the one that
 * absorbed it; `scope` is the caller's condition on the events (alias e), binding its own parameters.
 */
export async function eventsOfCase(
  q: Queryable,
  caseId: number,
  scope: (params: unknown[]) => string,
): Promise<number[]> {
  return (await eventsOfCases(q, [caseId], scope)).get(caseId) ?? [];
}

/**
 * eventsOfCase for several cards in one statement (a group commit of single cards answers each with its
 * events: one statement, planned once, instead of one per card). Cards covered by no event are absent.
 */
export async function eventsOfCases(
  q: Queryable,
  caseIds: readonly number[],
  scope: (params: unknown[]) => string,
): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>();
  if (!caseIds.length) return out;
  const params: unknown[] = [[...caseIds], [...SCHOOL_OCCUPATIONS]];
  const scopeCond = scope(params);
  const { rows } = await q.query<{ caseId: number; id: number }>(
    `with c as (
         select id, disease_code, county_code, township_code, onset_date,
                case when occupation = any($2::text[]) and workplace is not null then 'school:' || workplace
                     when length(address_code) = 12 then 'village:' || address_code end as place
           from case_reports where id = any($1::int8[]) and not deleted)
       select distinct c.id as "caseId",
              case when e.state = 'merged' and e.merged_into is not null then e.merged_into else e.id end as id
         -- Every branch below needs a signal ending on or after the onset; saying so lets signals_period skip
         -- the county's history (this runs for every submitted card).
         from c join signals s on s.subject = c.disease_code and s.county_code = c.county_code
                               and s.period_end >= c.onset_date
         join surveillance_events e on e.id = s.event_id
        where ${scopeCond}
          and (s.detail -> 'caseIds' @> jsonb_build_array(c.id)
               or (s.source in ('case', 'fixed') and s.area_code in (c.county_code, c.township_code)
                   and c.onset_date between s.period_start and s.period_end)
               or (s.source = 'cluster' and s.place = c.place
                   and c.onset_date > s.period_end - coalesce((s.params ->> 'window')::int, 1)
                   and c.onset_date <= s.period_end))
        order by 1, 2`,
    params,
  );
  for (const r of rows) {
    const list = out.get(Number(r.caseId));
    if (list) list.push(Number(r.id));
    else out.set(Number(r.caseId), [Number(r.id)]);
  }
  return out;
}

export interface CaseFilter {
  disease?: string;
  area?: string;
  institution?: number;
  classification?: string;
  from?: string;
  to?: string;
  duplicates?: boolean;
  deleted?: boolean;
  late?: boolean;
  citizenId?: string;
  limit: number;
  /** Where the page starts (the previous page's `nextCursor`). */
  cursor?: string;
}

/** Newest report first; the id breaks ties (surveillance/migrations/017_list_indexes.sql serves it). */
const CASE_ORDER: Keyset = {
  name: 'reported',
  terms: [
    { expr: 'c.reported_at', type: 'timestamptz', desc: true },
    { expr: 'c.id', type: 'bigint', desc: true },
  ],
};

/**
 * A page of the cards within the scope matching the filter, newest report first, after the cursor; with the
 * count of all matches (capped, see platform/keyset.ts).
 */
export async function listCases(q: Queryable, scope: CaseScope, f: CaseFilter, personHmac: string | undefined) {
  const params: unknown[] = [];
  const where = [caseScope(scope, params)];
  const bind = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (!f.deleted) where.push('not c.deleted');
  if (f.disease) where.push(`c.disease_code = ${bind(f.disease)}`);
  if (f.area) where.push(`c.address_code like ${bind(`${f.area}%`)}`);
  if (f.institution) where.push(`c.institution_id = ${bind(f.institution)}`);
  if (f.classification) where.push(`c.classification = ${bind(f.classification)}`);
  if (f.from) where.push(`c.onset_date >= ${bind(f.from)}::date`);
  if (f.to) where.push(`c.onset_date <= ${bind(f.to)}::date`);
  if (f.duplicates) where.push('c.duplicate_of is not null');
  if (f.late) where.push('not c.timely');
  if (personHmac !== undefined) where.push(`c.person_hmac = ${bind(personHmac)}`);
  const countOf = [`select 1 from case_reports c where ${where.join(' and ')}`, [...params]] as const;
  const page = pageQuery(CASE_ORDER, f.cursor, f.limit, bind);
  if (page.after) where.push(page.after);
  const [{ rows }, count] = await Promise.all([
    q.query<CaseListRow>(
      `select ${CASE_LIST_COLUMNS}, ${page.keyColumns}
         from case_reports c join disease_settings d on d.code = c.disease_code
        where ${where.join(' and ')}
        order by ${page.orderBy} limit ${bind(page.fetch)}`,
      params,
    ),
    page.carried ?? cappedCount(q, ...countOf),
  ]);
  return pageResult(CASE_ORDER, rows, f.limit, count);
}

/** The versions kept before each correction or deletion of a card. */
export async function caseHistory(q: Queryable, id: number) {
  const { rows } = await q.query<{
    version: number;
    action: string;
    reason: string;
    changedAt: string;
    username: string | null;
    before: Record<string, unknown>;
  }>(
    `select version, action, reason, changed_at as "changedAt", username, before
         from case_report_versions where case_id = $1 order by version`,
    [id],
  );
  return rows;
}

/** The stored row as JSON, digests left out (kept as the version before a change). */
export async function caseSnapshot(q: Queryable, id: number): Promise<Record<string, unknown>> {
  const { rows } = await q.query<{ row: Record<string, unknown> }>(
    `select to_jsonb(c) - 'person_hmac' - 'phone_hmac' as row from case_reports c where id = $1`,
    [id],
  );
  return rows[0]!.row;
}

/** Replaces a card's fields (its institution, client id and origin stay) under optimistic concurrency. */
export async function updateCard(q: Queryable, id: number, version: number, stored: StoredCard) {
  const sets = CARD_COLUMNS.filter(([k]) => k !== 'clientReportId' && k !== 'institutionId' && k !== 'synthetic');
  const params: unknown[] = [id, version];
  const assignments = sets.map(([k, col, type]) => {
    params.push(stored[k]);
    return `${col} = $${params.length}::${type}`;
  });
  const { rows } = await q.query<{ version: number; countyCode: string }>(
    `update case_reports c set ${assignments.join(', ')}, version = version + 1, updated_at = now()
          where c.id = $1 and c.version = $2 returning c.version, c.county_code as "countyCode"`,
    params,
  );
  return rows[0]?.version ?? null;
}

/** Soft deletion under optimistic concurrency; null when the version is stale. */
export async function markDeleted(q: Queryable, id: number, version: number): Promise<number | null> {
  const { rows } = await q.query<{ version: number }>(
    `update case_reports set deleted = true, version = version + 1, updated_at = now()
          where id = $1 and version = $2 returning version`,
    [id, version],
  );
  return rows[0]?.version ?? null;
}

/** Keeps the version before a correction or deletion, with the reason and who. */
export async function addCaseVersion(
  q: Queryable,
  v: {
    countyCode: string;
    caseId: number;
    version: number;
    action: 'correct' | 'delete';
    reason: string;
    actor: Actor;
    before: Record<string, unknown>;
  },
): Promise<void> {
  await q.query(
    `insert into case_report_versions (county_code, case_id, version, action, reason, user_id, username, before)
         values ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      v.countyCode,
      v.caseId,
      v.version,
      v.action,
      v.reason,
      v.actor.principal?.userId ?? null,
      v.actor.principal?.username ?? null,
      JSON.stringify(v.before),
    ],
  );
}

/** The townships of these cards (not deleted), within an area when one is given: codes only, no personal data. */
export async function townshipsOfCases(q: Queryable, ids: number[], area: string | null): Promise<string[]> {
  const params: unknown[] = [ids];
  let scope = 'true';
  if (area !== null) {
    params.push(`${area}%`);
    scope = `c.county_code like $2`;
  }
  const { rows } = await q.query<{ code: string }>(
    `select distinct c.township_code as code from case_reports c
        where c.id = any($1::bigint[]) and not c.deleted and ${scope}`,
    params,
  );
  return rows.map((r) => r.code);
}
