// Bulk inserts of care records (the NDJSON import, the demo, benchmarks): rows already checked by the caller
// are written with COPY … FROM STDIN in chunks (PostgreSQL through pg-copy-streams, PGlite through its
// /dev/blob; both handles have copyFrom), several times faster than INSERT. Ids are drawn from each table's
// identity sequence first, so the caller gets them back in row order (enrolments then point at their
// residents) without a RETURNING round trip; COPY accepts explicit values for identity columns.
// Identifiers are sealed here, once, as the residents service seals them: 身份证号 and phone encrypted, keyed
// HMAC for look-ups (the purposes surveillance's case intake uses, so one person has one digest across
// contexts), masked for lists. Nothing here checks rules or access: callers do, inside their transaction.
import { maskCitizenId, maskPhone } from '@weijian/core/registry';
import { copyLine, type Queryable } from '../platform/db.ts';
import type { Protector } from '../platform/protect.ts';

/** Rows per COPY statement: bounded memory for the COPY text, few statements (each fires the 025 triggers). */
export const COPY_CHUNK = 20_000;

/** HMAC purposes as residents-identifiers.ts and surveillance/case-intake.ts use them. */
const CITIZEN_ID = 'citizen-id';
const PHONE = 'phone';

type Cell = string | number | boolean | null | undefined;

export interface BulkResident {
  county: string;
  externalId?: string | null;
  name: string;
  sex: 'M' | 'F';
  birthDate: string;
  /** 12-digit village code (or a 9-digit township code); township_code is its first 9 digits. */
  areaCode: string;
  household?: string | null;
  residence?: 'resident' | 'registered' | 'both';
  /** 身份证号 in plain text (validated by the caller); stored sealed, digested and masked. */
  idNumber?: string | null;
  /** Phone digits as normalisePhone leaves them; stored sealed, digested and masked. */
  phone?: string | null;
  established?: string | null;
  keeperInstitutionId?: number | null;
  deathDate?: string | null;
  movedOut?: string | null;
  disabled?: boolean;
  poor?: boolean;
}

export interface BulkEnrolment {
  county: string;
  residentId: number;
  program: 'hypertension' | 'diabetes' | 'smd' | 'tb' | 'maternal' | 'child';
  start: string;
  end?: string | null;
  institutionId?: number | null;
  doctorUserId?: number | null;
  lmp?: string | null;
  delivery?: string | null;
}

export interface BulkFollowup {
  county: string;
  residentId: number;
  program: BulkEnrolment['program'];
  date: string;
  mode: 'clinic' | 'home' | 'phone';
  sbp?: number | null;
  dbp?: number | null;
  fbg?: number | null;
  classification?: 'controlled' | 'uncontrolled' | 'adverse' | 'complication' | null;
  nextDue?: string | null;
  urgent?: boolean;
  referralSuggested?: boolean;
  institutionId?: number | null;
  doctorUserId?: number | null;
}

export interface BulkCheck {
  county: string;
  residentId: number;
  type: 'elderly-annual' | 'child' | 'prenatal' | 'postpartum' | 'postpartum-42';
  date: string;
  complete?: boolean;
  institutionId?: number | null;
  doctorUserId?: number | null;
}

export interface BulkContract {
  county: string;
  residentId: number;
  teamId: number;
  packageId?: number | null;
  start: string;
  end: string;
}

export interface BulkTeam {
  county: string;
  code: string;
  institutionId: number;
  name: string;
  leadName: string;
  leadUserId?: number | null;
  members?: readonly {
    name: string;
    userId?: number | null;
    duty?: 'doctor' | 'nurse' | 'public-health' | 'village-doctor' | 'other';
  }[];
}

/** `n` ids of a table's identity sequence, in order. */
export async function reserveIds(q: Queryable, table: string, n: number): Promise<number[]> {
  if (n === 0) return [];
  const { rows } = await q.query<{ id: number }>(
    `select nextval(pg_get_serial_sequence($1, 'id'))::float8 as id from generate_series(1, $2)`,
    [table, n],
  );
  return rows.map((r) => r.id);
}

/** COPY `rows` into `table` in chunks of COPY_CHUNK. */
async function copyRows<T>(
  q: Queryable,
  table: string,
  columns: readonly string[],
  rows: readonly T[],
  cells: (row: T, n: number) => readonly Cell[],
): Promise<void> {
  if (!q.copyFrom) throw new Error('care bulk inserts need a database handle with COPY');
  for (let at = 0; at < rows.length; at += COPY_CHUNK) {
    let text = '';
    const end = Math.min(rows.length, at + COPY_CHUNK);
    for (let n = at; n < end; n++) text += copyLine(cells(rows[n]!, n));
    await q.copyFrom(table, columns, text);
  }
}

const RESIDENT_COLUMNS = [
  'county_code',
  'id',
  'external_id',
  'name',
  'sex',
  'birth_date',
  'area_code',
  'township_code',
  'household',
  'residence',
  'id_enc',
  'id_hmac',
  'id_masked',
  'phone_enc',
  'phone_hmac',
  'phone_masked',
  'established',
  'keeper_institution_id',
  'death_date',
  'moved_out',
  'disabled',
  'poor',
];

/**
 * Inserts residents and returns their ids in row order. A duplicate 身份证号 or external id of the county
 * (in the rows or already stored) fails the statement: the caller checks duplicates first (the import names
 * the existing record) and runs this in its transaction, so nothing is partly written.
 */
export async function insertResidents(
  q: Queryable,
  protector: Protector,
  rows: readonly BulkResident[],
): Promise<number[]> {
  const ids = await reserveIds(q, 'care_residents', rows.length);
  await copyRows(q, 'care_residents', RESIDENT_COLUMNS, rows, (r, n) => {
    const id = r.idNumber ? r.idNumber.trim().toUpperCase() : null;
    const phone = r.phone || null;
    return [
      r.county,
      ids[n],
      r.externalId ?? null,
      r.name,
      r.sex,
      r.birthDate,
      r.areaCode,
      r.areaCode.slice(0, 9),
      r.household ?? null,
      r.residence ?? 'resident',
      id && protector.encrypt(id),
      id && protector.hmac(CITIZEN_ID, id),
      id && maskCitizenId(id),
      phone && protector.encrypt(phone),
      phone && protector.hmac(PHONE, phone),
      phone && maskPhone(phone),
      r.established ?? null,
      r.keeperInstitutionId ?? null,
      r.deathDate ?? null,
      r.movedOut ?? null,
      r.disabled ?? false,
      r.poor ?? false,
    ];
  });
  return ids;
}

export async function insertEnrolments(q: Queryable, rows: readonly BulkEnrolment[]): Promise<number[]> {
  const ids = await reserveIds(q, 'care_enrolments', rows.length);
  await copyRows(
    q,
    'care_enrolments',
    [
      'county_code',
      'id',
      'resident_id',
      'program',
      'start_date',
      'end_date',
      'institution_id',
      'doctor_user_id',
      'lmp',
      'delivery_date',
    ],
    rows,
    (r, n) => [
      r.county,
      ids[n],
      r.residentId,
      r.program,
      r.start,
      r.end ?? null,
      r.institutionId ?? null,
      r.doctorUserId ?? null,
      r.lmp ?? null,
      r.delivery ?? null,
    ],
  );
  return ids;
}

/** Follow-ups (no ids returned: nothing points at them). */
export async function insertFollowups(q: Queryable, rows: readonly BulkFollowup[]): Promise<void> {
  await copyRows(
    q,
    'care_followups',
    [
      'county_code',
      'resident_id',
      'program',
      'date',
      'mode',
      'sbp',
      'dbp',
      'fbg',
      'classification',
      'next_due',
      'urgent',
      'referral_suggested',
      'institution_id',
      'doctor_user_id',
    ],
    rows,
    (r) => [
      r.county,
      r.residentId,
      r.program,
      r.date,
      r.mode,
      r.sbp ?? null,
      r.dbp ?? null,
      r.fbg ?? null,
      r.classification ?? null,
      r.nextDue ?? null,
      r.urgent ?? false,
      r.referralSuggested ?? false,
      r.institutionId ?? null,
      r.doctorUserId ?? null,
    ],
  );
}

export async function insertChecks(q: Queryable, rows: readonly BulkCheck[]): Promise<void> {
  await copyRows(
    q,
    'care_checks',
    ['county_code', 'resident_id', 'type', 'date', 'complete', 'institution_id', 'doctor_user_id'],
    rows,
    (r) => [
      r.county,
      r.residentId,
      r.type,
      r.date,
      r.complete ?? true,
      r.institutionId ?? null,
      r.doctorUserId ?? null,
    ],
  );
}

export async function insertContracts(q: Queryable, rows: readonly BulkContract[]): Promise<number[]> {
  const ids = await reserveIds(q, 'care_contracts', rows.length);
  await copyRows(
    q,
    'care_contracts',
    ['county_code', 'id', 'resident_id', 'team_id', 'package_id', 'start_date', 'end_date'],
    rows,
    (r, n) => [r.county, ids[n], r.residentId, r.teamId, r.packageId ?? null, r.start, r.end],
  );
  return ids;
}

export interface BulkCondition {
  county: string;
  residentId: number;
  icd10: string;
  name?: string | null;
  diagnosed?: string | null;
}

/** Chronic conditions of records (ICD-10); one per resident and code. */
export async function insertConditions(q: Queryable, rows: readonly BulkCondition[]): Promise<void> {
  await copyRows(q, 'care_conditions', ['county_code', 'resident_id', 'icd10', 'name', 'diagnosed'], rows, (r) => [
    r.county,
    r.residentId,
    r.icd10,
    r.name ?? null,
    r.diagnosed ?? null,
  ]);
}

/** Teams with their members; ids in row order. A team code already used in the county fails the statement. */
export async function insertTeams(q: Queryable, rows: readonly BulkTeam[]): Promise<number[]> {
  const ids = await reserveIds(q, 'care_teams', rows.length);
  await copyRows(
    q,
    'care_teams',
    ['county_code', 'id', 'code', 'institution_id', 'name', 'lead_name', 'lead_user_id'],
    rows,
    (r, n) => [r.county, ids[n], r.code, r.institutionId, r.name, r.leadName, r.leadUserId ?? null],
  );
  const members = rows.flatMap((t, n) =>
    (t.members ?? []).map((m, seq) => [t.county, ids[n], seq + 1, m.name, m.userId ?? null, m.duty ?? 'doctor']),
  );
  await copyRows(
    q,
    'care_team_members',
    ['county_code', 'team_id', 'seq', 'name', 'user_id', 'duty'],
    members,
    (m) => m,
  );
  return ids;
}

/** Stored ids of residents by external id (the NDJSON "resident" of later lines), of one county. */
export async function residentIdsByExternal(
  q: Queryable,
  county: string,
  externalIds: readonly string[],
): Promise<Map<string, number>> {
  if (externalIds.length === 0) return new Map();
  const { rows } = await q.query<{ e: string; id: number }>(
    `select external_id as e, id::float8 as id from care_residents
      where county_code = $1 and external_id = any($2::text[]) and merged_into is null`,
    [county, externalIds],
  );
  return new Map(rows.map((r) => [r.e, r.id]));
}

/** Stored ids of teams by code (the NDJSON contract's "team"), of one county. */
export async function teamIdsByCode(
  q: Queryable,
  county: string,
  codes: readonly string[],
): Promise<Map<string, number>> {
  if (codes.length === 0) return new Map();
  const { rows } = await q.query<{ code: string; id: number }>(
    'select code, id::float8 as id from care_teams where county_code = $1 and code = any($2::text[])',
    [county, codes],
  );
  return new Map(rows.map((r) => [r.code, r.id]));
}

/**
 * Refreshes the planner's statistics of the care tables after a bulk load: the embedded database runs no
 * autovacuum, and without statistics the indicator query's joins are planned for one row each.
 */
export async function analyzeCareTables(q: Queryable): Promise<void> {
  for (const t of [
    'care_residents',
    'care_enrolments',
    'care_followups',
    'care_checks',
    'care_contracts',
    'care_teams',
  ])
    await q.query(`analyze ${t}`);
}
