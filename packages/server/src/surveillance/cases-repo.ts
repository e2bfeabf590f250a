// Case reports in SQL: the bulk insert, scoped lists and single reads. Every query takes the caller's
// scope condition from here, so no route can forget it.
import type { Principal } from '@weijian/core/identity';
import type { Queryable } from '../platform/db.ts';

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

/** SQL condition restricting case reports (alias c) to what `p` may see. */
export function caseScope(p: Principal, params: unknown[]): string {
  if (p.role === 'admin') return 'true';
  if (p.role === 'institution') {
    params.push(p.scopeInstitutionId);
    return `c.institution_id = $${params.length}`;
  }
  // The county of the patient's address and the county of the reporting institution both manage a card.
  params.push(`${p.scopeAreaCode ?? '\u0000'}%`);
  const n = params.length;
  return `(c.county_code like $${n} or c.institution_id in (select id from institutions where area_code like $${n}))`;
}

export const CASE_LIST_COLUMNS = `c.id, c.county_code as "countyCode", c.township_code as "townshipCode",
  c.address_code as "addressCode", c.institution_id as "institutionId", i.name as "institutionName",
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

export async function getCase(q: Queryable, p: Principal, id: number): Promise<CaseRow | null> {
  const params: unknown[] = [id];
  const { rows } = await q.query<CaseRow>(
    `select ${CASE_DETAIL_COLUMNS}
       from case_reports c join disease_settings d on d.code = c.disease_code
       left join institutions i on i.id = c.institution_id
      where c.id = $1 and ${caseScope(p, params)}`,
    params,
  );
  return rows[0] ?? null;
}
