// SQL of contracts (care_contracts), programme enrolments (care_enrolments), follow-ups (care_followups) and
// checks (care_checks), and the few resident facts their rules need (care_residents, read only here).
import type { Queryable } from '../platform/db.ts';

/** What the programme rules and access checks need of a resident. */
export interface ResidentRef {
  id: number;
  countyCode: string;
  name: string;
  sex: 'M' | 'F';
  birthDate: string;
  areaCode: string;
  keeperInstitutionId: number | null;
  deathDate: string | null;
  movedOut: string | null;
  mergedInto: number | null;
  disabled: boolean;
  poor: boolean;
}

export async function residentRef(q: Queryable, id: number): Promise<ResidentRef | null> {
  const { rows } = await q.query<ResidentRef>(
    `select id, county_code as "countyCode", name, sex, to_char(birth_date, 'YYYY-MM-DD') as "birthDate",
            area_code as "areaCode", keeper_institution_id as "keeperInstitutionId",
            to_char(death_date, 'YYYY-MM-DD') as "deathDate", to_char(moved_out, 'YYYY-MM-DD') as "movedOut",
            merged_into as "mergedInto", disabled, poor
       from care_residents where id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

export interface ContractRow {
  id: number;
  countyCode: string;
  residentId: number;
  residentName: string;
  teamId: number;
  teamName: string;
  teamInstitutionId: number;
  packageId: number | null;
  packageName: string | null;
  start: string;
  end: string;
  renewedFrom: number | null;
  cancelled: boolean;
  active: boolean;
}

const CONTRACT_COLUMNS = `c.id, c.county_code as "countyCode", c.resident_id as "residentId", r.name as "residentName",
  c.team_id as "teamId", t.name as "teamName", t.institution_id as "teamInstitutionId", c.package_id as "packageId",
  p.name as "packageName", to_char(c.start_date, 'YYYY-MM-DD') as "start", to_char(c.end_date, 'YYYY-MM-DD') as "end",
  c.renewed_from as "renewedFrom", c.cancelled,
  (not c.cancelled and c.start_date <= $1::date and c.end_date >= $1::date) as active`;
const CONTRACT_FROM = `care_contracts c
  join care_residents r on r.county_code = c.county_code and r.id = c.resident_id
  join care_teams t on t.county_code = c.county_code and t.id = c.team_id
  left join care_packages p on p.county_code = c.county_code and p.id = c.package_id`;

export interface ContractFilter {
  residentId?: number;
  teamId?: number;
  activeOnly?: boolean;
  /** Bounds: residents' area under a prefix and/or teams or keepers of one institution. */
  areaPrefix?: string;
  institutionId?: number;
}

export async function listContracts(q: Queryable, today: string, f: ContractFilter): Promise<ContractRow[]> {
  const params: unknown[] = [today];
  const where: string[] = [];
  const bind = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (f.residentId !== undefined) where.push(`c.resident_id = ${bind(f.residentId)}`);
  if (f.teamId !== undefined) where.push(`c.team_id = ${bind(f.teamId)}`);
  if (f.activeOnly) where.push('not c.cancelled and c.start_date <= $1::date and c.end_date >= $1::date');
  if (f.areaPrefix) where.push(`r.area_code like ${bind(`${f.areaPrefix}%`)}`);
  if (f.institutionId !== undefined) {
    const i = bind(f.institutionId);
    where.push(`(t.institution_id = ${i} or r.keeper_institution_id = ${i})`);
  }
  const { rows } = await q.query<ContractRow>(
    `select ${CONTRACT_COLUMNS} from ${CONTRACT_FROM} ${where.length ? `where ${where.join(' and ')}` : ''}
      order by c.start_date desc, c.id desc limit 1000`,
    params,
  );
  return rows;
}

export async function contractById(q: Queryable, today: string, id: number): Promise<ContractRow | null> {
  const { rows } = await q.query<ContractRow>(`select ${CONTRACT_COLUMNS} from ${CONTRACT_FROM} where c.id = $2`, [
    today,
    id,
  ]);
  return rows[0] ?? null;
}

/** The resident's live (not cancelled) contracts overlapping [start, end], other than `except`. */
export async function overlappingContracts(
  q: Queryable,
  today: string,
  countyCode: string,
  residentId: number,
  start: string,
  end: string,
  except: number | null,
): Promise<ContractRow[]> {
  const { rows } = await q.query<ContractRow>(
    `select ${CONTRACT_COLUMNS} from ${CONTRACT_FROM}
      where c.county_code = $2 and c.resident_id = $3 and not c.cancelled
        and c.start_date <= $5::date and c.end_date >= $4::date and ($6::bigint is null or c.id <> $6)
      order by c.start_date`,
    [today, countyCode, residentId, start, end, except],
  );
  return rows;
}

export async function insertContract(
  q: Queryable,
  c: {
    countyCode: string;
    residentId: number;
    teamId: number;
    packageId: number | null;
    start: string;
    end: string;
    renewedFrom: number | null;
  },
): Promise<number> {
  const { rows } = await q.query<{ id: number }>(
    `insert into care_contracts (county_code, resident_id, team_id, package_id, start_date, end_date, renewed_from)
     values ($1, $2, $3, $4, $5, $6, $7) returning id`,
    [c.countyCode, c.residentId, c.teamId, c.packageId, c.start, c.end, c.renewedFrom],
  );
  return rows[0]!.id;
}

export async function cancelContract(q: Queryable, countyCode: string, id: number): Promise<void> {
  await q.query('update care_contracts set cancelled = true where county_code = $1 and id = $2', [countyCode, id]);
}

export interface EnrolmentRow {
  id: number;
  countyCode: string;
  residentId: number;
  program: string;
  start: string;
  end: string | null;
  institutionId: number | null;
  doctorUserId: number | null;
  lmp: string | null;
  deliveryDate: string | null;
}

const ENROLMENT_COLUMNS = `id, county_code as "countyCode", resident_id as "residentId", program,
  to_char(start_date, 'YYYY-MM-DD') as "start", to_char(end_date, 'YYYY-MM-DD') as "end",
  institution_id as "institutionId", doctor_user_id as "doctorUserId", to_char(lmp, 'YYYY-MM-DD') as lmp,
  to_char(delivery_date, 'YYYY-MM-DD') as "deliveryDate"`;

export async function enrolmentsOf(q: Queryable, countyCode: string, residentId: number): Promise<EnrolmentRow[]> {
  const { rows } = await q.query<EnrolmentRow>(
    `select ${ENROLMENT_COLUMNS} from care_enrolments where county_code = $1 and resident_id = $2
      order by start_date desc, id desc`,
    [countyCode, residentId],
  );
  return rows;
}

export async function enrolmentById(q: Queryable, id: number): Promise<EnrolmentRow | null> {
  const { rows } = await q.query<EnrolmentRow>(`select ${ENROLMENT_COLUMNS} from care_enrolments where id = $1`, [id]);
  return rows[0] ?? null;
}

export async function insertEnrolment(q: Queryable, e: Omit<EnrolmentRow, 'id' | 'end'>): Promise<number> {
  const { rows } = await q.query<{ id: number }>(
    `insert into care_enrolments (county_code, resident_id, program, start_date, institution_id, doctor_user_id, lmp,
                                  delivery_date)
     values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
    [e.countyCode, e.residentId, e.program, e.start, e.institutionId, e.doctorUserId, e.lmp, e.deliveryDate],
  );
  return rows[0]!.id;
}

export async function updateEnrolment(
  q: Queryable,
  e: Pick<EnrolmentRow, 'countyCode' | 'id' | 'end' | 'institutionId' | 'doctorUserId' | 'deliveryDate'>,
): Promise<void> {
  await q.query(
    `update care_enrolments set end_date = $3, institution_id = $4, doctor_user_id = $5, delivery_date = $6
      where county_code = $1 and id = $2`,
    [e.countyCode, e.id, e.end, e.institutionId, e.doctorUserId, e.deliveryDate],
  );
}

/** Earlier follow-ups of one programme on or before `date`, newest first: what the rules' "previous" needs. */
export async function previousFollowups(
  q: Queryable,
  countyCode: string,
  residentId: number,
  program: string,
  date: string,
  n = 3,
): Promise<{ date: string; classification: string | null }[]> {
  const { rows } = await q.query<{ date: string; classification: string | null }>(
    `select to_char(date, 'YYYY-MM-DD') as date, classification from care_followups
      where county_code = $1 and resident_id = $2 and program = $3 and date <= $4::date
      order by date desc, id desc limit ${n}`,
    [countyCode, residentId, program, date],
  );
  return rows;
}

export interface FollowupRecord {
  countyCode: string;
  residentId: number;
  program: string;
  date: string;
  mode: string;
  sbp: number | null;
  dbp: number | null;
  fbg: number | null;
  weightKg: number | null;
  heightCm: number | null;
  medication: string | null;
  classification: string;
  nextDue: string;
  urgent: boolean;
  referralSuggested: boolean;
  institutionId: number | null;
  doctorUserId: number | null;
  note: string | null;
}

export async function insertFollowup(q: Queryable, f: FollowupRecord): Promise<number> {
  const { rows } = await q.query<{ id: number }>(
    `insert into care_followups (county_code, resident_id, program, date, mode, sbp, dbp, fbg, weight_kg, height_cm,
       medication, classification, next_due, urgent, referral_suggested, institution_id, doctor_user_id, note)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) returning id`,
    [
      f.countyCode,
      f.residentId,
      f.program,
      f.date,
      f.mode,
      f.sbp,
      f.dbp,
      f.fbg,
      f.weightKg,
      f.heightCm,
      f.medication,
      f.classification,
      f.nextDue,
      f.urgent,
      f.referralSuggested,
      f.institutionId,
      f.doctorUserId,
      f.note,
    ],
  );
  return rows[0]!.id;
}

export async function insertCheck(
  q: Queryable,
  c: {
    countyCode: string;
    residentId: number;
    type: string;
    date: string;
    complete: boolean;
    institutionId: number | null;
    doctorUserId: number | null;
    note: string | null;
  },
): Promise<number> {
  const { rows } = await q.query<{ id: number }>(
    `insert into care_checks (county_code, resident_id, type, date, complete, institution_id, doctor_user_id, note)
     values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
    [c.countyCode, c.residentId, c.type, c.date, c.complete, c.institutionId, c.doctorUserId, c.note],
  );
  return rows[0]!.id;
}
