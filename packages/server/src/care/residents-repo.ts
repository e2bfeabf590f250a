// SQL of the person index (care_residents), a record's content (conditions) and its timeline, merges and
// openings. The timeline reads the other care tables directly: they are this module's own.
import type { Queryable } from '../platform/db.ts';
import type { RecordRef } from './record-access.ts';

/** A stored record as the service works with it (identifiers still sealed): what was written, and its state. */
export interface ResidentRow extends ResidentWrite {
  id: number;
  mergedInto: number | null;
  updatedAt: string;
}

const d = (col: string, as: string) => `to_char(${col}, 'YYYY-MM-DD') as "${as}"`;

export const RESIDENT_COLUMNS = `r.id::float8 as id, r.county_code as "countyCode", r.external_id as "externalId",
  r.name, r.sex, ${d('r.birth_date', 'birthDate')}, r.area_code as "areaCode", r.township_code as "townshipCode",
  r.household, r.residence, r.id_enc as "idEnc", r.id_hmac as "idHmac", r.id_masked as "idMasked",
  r.phone_enc as "phoneEnc", r.phone_hmac as "phoneHmac", r.phone_masked as "phoneMasked",
  ${d('r.established', 'established')}, r.keeper_institution_id::float8 as "keeperInstitutionId",
  ${d('r.death_date', 'deathDate')}, ${d('r.moved_out', 'movedOut')}, r.merged_into::float8 as "mergedInto",
  r.disabled, r.poor, r.history, r.allergies,
  to_char(r.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as "updatedAt"`;

/** The columns a list shows: no ciphertext, no digests. */
export const LIST_COLUMNS = `r.id::float8 as id, r.county_code as "countyCode", r.name, r.sex,
  ${d('r.birth_date', 'birthDate')}, r.area_code as "areaCode", r.id_masked as "idMasked",
  r.phone_masked as "phoneMasked", ${d('r.established', 'established')},
  r.keeper_institution_id::float8 as "keeperInstitutionId", ${d('r.death_date', 'deathDate')},
  ${d('r.moved_out', 'movedOut')}`;

export async function residentById(q: Queryable, id: number, lock = false): Promise<ResidentRow | null> {
  const { rows } = await q.query<ResidentRow>(
    `select ${RESIDENT_COLUMNS} from care_residents r where r.id = $1${lock ? ' for update' : ''}`,
    [id],
  );
  return rows[0] ?? null;
}

export async function residentIn(q: Queryable, county: string, id: number): Promise<ResidentRow | null> {
  const { rows } = await q.query<ResidentRow>(
    `select ${RESIDENT_COLUMNS} from care_residents r where r.county_code = $1 and r.id = $2`,
    [county, id],
  );
  return rows[0] ?? null;
}

export const refOf = (r: ResidentRow): RecordRef => ({
  countyCode: r.countyCode,
  id: r.id,
  areaCode: r.areaCode,
  keeperInstitutionId: r.keeperInstitutionId,
});

/** The live record of a person in a county by their 身份证号 digest (merged records excluded). */
export async function residentByIdHmac(q: Queryable, county: string, hmac: string): Promise<ResidentRow | null> {
  const { rows } = await q.query<ResidentRow>(
    `select ${RESIDENT_COLUMNS} from care_residents r
      where r.county_code = $1 and r.id_hmac = $2 and r.merged_into is null`,
    [county, hmac],
  );
  return rows[0] ?? null;
}

export async function residentByExternalId(q: Queryable, county: string, ext: string): Promise<ResidentRow | null> {
  const { rows } = await q.query<ResidentRow>(
    `select ${RESIDENT_COLUMNS} from care_residents r where r.county_code = $1 and r.external_id = $2`,
    [county, ext],
  );
  return rows[0] ?? null;
}

/** Stored columns of a record, as written by create and edit. */
export interface ResidentWrite {
  countyCode: string;
  externalId: string | null;
  name: string;
  sex: 'M' | 'F';
  birthDate: string;
  areaCode: string;
  townshipCode: string;
  household: string | null;
  residence: string;
  idEnc: string | null;
  idHmac: string | null;
  idMasked: string | null;
  phoneEnc: string | null;
  phoneHmac: string | null;
  phoneMasked: string | null;
  established: string | null;
  keeperInstitutionId: number | null;
  deathDate: string | null;
  movedOut: string | null;
  disabled: boolean;
  poor: boolean;
  history: string | null;
  allergies: string | null;
}

const WRITE_COLUMNS = [
  ['county_code', 'countyCode'],
  ['external_id', 'externalId'],
  ['name', 'name'],
  ['sex', 'sex'],
  ['birth_date', 'birthDate'],
  ['area_code', 'areaCode'],
  ['township_code', 'townshipCode'],
  ['household', 'household'],
  ['residence', 'residence'],
  ['id_enc', 'idEnc'],
  ['id_hmac', 'idHmac'],
  ['id_masked', 'idMasked'],
  ['phone_enc', 'phoneEnc'],
  ['phone_hmac', 'phoneHmac'],
  ['phone_masked', 'phoneMasked'],
  ['established', 'established'],
  ['keeper_institution_id', 'keeperInstitutionId'],
  ['death_date', 'deathDate'],
  ['moved_out', 'movedOut'],
  ['disabled', 'disabled'],
  ['poor', 'poor'],
  ['history', 'history'],
  ['allergies', 'allergies'],
] as const satisfies readonly (readonly [string, keyof ResidentWrite])[];

export async function insertResident(q: Queryable, w: ResidentWrite): Promise<number> {
  const { rows } = await q.query<{ id: number }>(
    `insert into care_residents (${WRITE_COLUMNS.map(([c]) => c).join(', ')})
     values (${WRITE_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')}) returning id::float8 as id`,
    WRITE_COLUMNS.map(([, k]) => w[k]),
  );
  return rows[0]!.id;
}

export async function updateResident(q: Queryable, id: number, w: ResidentWrite): Promise<void> {
  const cols = WRITE_COLUMNS.filter(([c]) => c !== 'county_code');
  await q.query(
    `update care_residents set ${cols.map(([c], i) => `${c} = $${i + 3}`).join(', ')}, updated_at = now()
      where county_code = $1 and id = $2`,
    [w.countyCode, id, ...cols.map(([, k]) => w[k])],
  );
}

/** Tables whose rows belong to a resident (resident_id), re-pointed to the survivor on a merge. */
const CHILD_TABLES = ['care_contracts', 'care_enrolments', 'care_followups', 'care_checks', 'care_record_openings'];

/**
 * Merges record `from` into `into` (same county), in the caller's transaction: the survivor keeps its own
 * values and takes the other's where it has none; conditions are united; every child row is re-pointed; the
 * merged record points at the survivor and leaves the person index (merged_into) but stays for the audit.
 */
export async function mergeResidents(q: Queryable, county: string, from: number, into: number): Promise<void> {
  // The merged record leaves the unique 身份证号 index first, so the survivor can take its digest.
  await q.query('update care_residents set merged_into = $3, updated_at = now() where county_code = $1 and id = $2', [
    county,
    from,
    into,
  ]);
  await q.query(
    `update care_residents s set
        id_enc = coalesce(s.id_enc, m.id_enc), id_hmac = coalesce(s.id_hmac, m.id_hmac),
        id_masked = coalesce(s.id_masked, m.id_masked), phone_enc = coalesce(s.phone_enc, m.phone_enc),
        phone_hmac = coalesce(s.phone_hmac, m.phone_hmac), phone_masked = coalesce(s.phone_masked, m.phone_masked),
        established = least(s.established, m.established),
        keeper_institution_id = coalesce(s.keeper_institution_id, m.keeper_institution_id),
        household = coalesce(s.household, m.household), history = coalesce(s.history, m.history),
        allergies = coalesce(s.allergies, m.allergies), death_date = coalesce(s.death_date, m.death_date),
        moved_out = coalesce(s.moved_out, m.moved_out), disabled = s.disabled or m.disabled, poor = s.poor or m.poor,
        updated_at = now()
       from care_residents m
      where s.county_code = $1 and s.id = $3 and m.county_code = $1 and m.id = $2`,
    [county, from, into],
  );
  await q.query(
    `insert into care_conditions (county_code, resident_id, icd10, name, diagnosed)
     select county_code, $3, icd10, name, diagnosed from care_conditions where county_code = $1 and resident_id = $2
     on conflict do nothing`,
    [county, from, into],
  );
  await q.query('delete from care_conditions where county_code = $1 and resident_id = $2', [county, from]);
  for (const t of CHILD_TABLES) {
    await q.query(`update ${t} set resident_id = $3 where county_code = $1 and resident_id = $2`, [county, from, into]);
  }
}

export interface TimelineRows {
  conditions: { icd10: string; name: string | null; diagnosed: string | null }[];
  enrolments: {
    id: number;
    program: string;
    start: string;
    end: string | null;
    institutionId: number | null;
    doctorUserId: number | null;
  }[];
  followups: {
    id: number;
    program: string;
    date: string;
    mode: string;
    sbp: number | null;
    dbp: number | null;
    fbg: number | null;
    medication: string | null;
    classification: string | null;
    nextDue: string | null;
    urgent: boolean;
    referralSuggested: boolean;
    institutionId: number | null;
  }[];
  checks: { id: number; type: string; date: string; complete: boolean; institutionId: number | null }[];
  contracts: {
    id: number;
    teamId: number;
    teamName: string;
    teamCode: string;
    leadName: string;
    institutionId: number;
    start: string;
    end: string;
    cancelled: boolean;
  }[];
}

/** How many of each kind the timeline shows (newest first): a record of decades stays one quick read. */
const TIMELINE_LIMIT = 500;

export async function timelineOf(q: Queryable, county: string, id: number): Promise<TimelineRows> {
  const p = [county, id];
  const [conditions, enrolments, followups, checks, contracts] = await Promise.all([
    q.query<TimelineRows['conditions'][number]>(
      `select icd10, name, ${d('diagnosed', 'diagnosed')} from care_conditions
        where county_code = $1 and resident_id = $2 order by icd10`,
      p,
    ),
    q.query<TimelineRows['enrolments'][number]>(
      `select id::float8 as id, program, ${d('start_date', 'start')}, ${d('end_date', 'end')},
              institution_id::float8 as "institutionId", doctor_user_id::float8 as "doctorUserId"
         from care_enrolments where county_code = $1 and resident_id = $2
        order by start_date desc, id desc limit ${TIMELINE_LIMIT}`,
      p,
    ),
    q.query<TimelineRows['followups'][number]>(
      `select id::float8 as id, program, ${d('date', 'date')}, mode, sbp, dbp, fbg::float8 as fbg, medication,
              classification, ${d('next_due', 'nextDue')}, urgent, referral_suggested as "referralSuggested",
              institution_id::float8 as "institutionId"
         from care_followups where county_code = $1 and resident_id = $2
        order by date desc, id desc limit ${TIMELINE_LIMIT}`,
      p,
    ),
    q.query<TimelineRows['checks'][number]>(
      `select id::float8 as id, type, ${d('date', 'date')}, complete, institution_id::float8 as "institutionId"
         from care_checks where county_code = $1 and resident_id = $2
        order by date desc, id desc limit ${TIMELINE_LIMIT}`,
      p,
    ),
    q.query<TimelineRows['contracts'][number]>(
      `select c.id::float8 as id, c.team_id::float8 as "teamId", t.name as "teamName", t.code as "teamCode",
              t.lead_name as "leadName", t.institution_id::float8 as "institutionId",
              ${d('c.start_date', 'start')}, ${d('c.end_date', 'end')}, c.cancelled
         from care_contracts c join care_teams t on t.county_code = c.county_code and t.id = c.team_id
        where c.county_code = $1 and c.resident_id = $2
        order by c.start_date desc, c.id desc limit ${TIMELINE_LIMIT}`,
      p,
    ),
  ]);
  return {
    conditions: conditions.rows,
    enrolments: enrolments.rows,
    followups: followups.rows,
    checks: checks.rows,
    contracts: contracts.rows,
  };
}

export interface OpeningRow {
  id: number;
  openedAt: string;
  username: string;
  institutionId: number | null;
  basis: string;
}

export const OPENING_COLUMNS = `o.id::float8 as id,
  to_char(o.opened_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as "openedAt", o.username,
  o.institution_id::float8 as "institutionId", o.basis`;

export async function upsertCondition(
  q: Queryable,
  county: string,
  id: number,
  c: { icd10: string; name: string | null; diagnosed: string | null },
): Promise<void> {
  await q.query(
    `insert into care_conditions (county_code, resident_id, icd10, name, diagnosed) values ($1, $2, $3, $4, $5)
     on conflict (county_code, resident_id, icd10) do update set name = excluded.name, diagnosed = excluded.diagnosed`,
    [county, id, c.icd10, c.name, c.diagnosed],
  );
}

export async function deleteCondition(q: Queryable, county: string, id: number, icd10: string): Promise<boolean> {
  const { rows } = await q.query(
    'delete from care_conditions where county_code = $1 and resident_id = $2 and icd10 = $3 returning icd10',
    [county, id, icd10],
  );
  return rows.length > 0;
}
