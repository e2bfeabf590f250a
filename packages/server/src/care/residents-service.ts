// Residents and their health records (issue 15 §1–2): the person index of each county (身份证号 and phone
// sealed, HMAC'd for look-ups, masked in lists), creating and editing records with the ID cross-checked,
// duplicates refused with the existing record named, merges, conditions, the audited full-record read with its
// timeline (record-access.ts decides who may), and the openings a record's resident and keepers see.
import type { OpeningReason } from '@weijian/core/care';
import { chinaToday } from '@weijian/core/platform';
import type { AreaTree } from '@weijian/core/registry';
import { validateCitizenId } from '@weijian/core/registry';
import { maskName } from '@weijian/core/surveillance';
import type { AccessPolicy } from '../platform/access-policy.ts';
import { audit } from '../platform/audit.ts';
import { type ErrorDetail, forbidden, invalid, notFound } from '../platform/errors.ts';
import { keysetPage } from '../platform/keyset.ts';
import type { CareBase } from './base.ts';
import {
  accessFor,
  logOpening,
  type OpeningBasis,
  RECORD,
  type RecordAccess,
  requireRecordManage,
  requireRecordWrite,
  standingOn,
} from './record-access.ts';
import { CitizenIdPurpose, normalisePhone, PhonePurpose } from './residents-identifiers.ts';
import { ICD10, type ResidentFields, refuseDuplicate, residentWrite, rethrowUnique } from './residents-write.ts';

export type { ResidentFields } from './residents-write.ts';

import {
  deleteCondition,
  insertResident,
  LIST_COLUMNS,
  mergeResidents,
  OPENING_COLUMNS,
  type OpeningRow,
  type ResidentRow,
  refOf,
  residentById,
  timelineOf,
  updateResident,
  upsertCondition,
} from './residents-repo.ts';

const LIST_KEYSET = {
  name: 'name',
  terms: [
    { expr: 'r.name', type: 'text' as const },
    { expr: 'r.id', type: 'bigint' as const },
  ],
};
const OPENINGS_KEYSET = {
  name: 'opened',
  terms: [
    { expr: 'o.opened_at', type: 'timestamptz' as const, desc: true },
    { expr: 'o.id', type: 'bigint' as const, desc: true },
  ],
};

const likePrefix = (s: string) => `${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export class ResidentsService {
  constructor(readonly base: CareBase) {}

  // --- reading ---------------------------------------------------------------------------------------------

  /**
   * A list of records, masked: by 身份证号 (exact, via its digest, any county: a clinician elsewhere finds the
   * record to open with a reason), by phone (the same), else by name prefix and area within the records the
   * caller has standing on (keeper institution, contracted team, area scope).
   */
  async search(policy: AccessPolicy, o: { q?: string; area?: string; cursor?: string; limit: number }) {
    this.refuseResident(policy);
    const q = o.q?.trim() ?? '';
    const digest = this.lookupDigest(q);
    if (digest) return this.searchExact(policy, digest);
    const params: unknown[] = [];
    const bind = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const where = ['r.merged_into is null', this.listScope(policy, bind)];
    if (q) where.push(`r.name like ${bind(likePrefix(q))}`);
    if (o.area) where.push(`r.area_code like ${bind(likePrefix(o.area))}`);
    const page = await keysetPage<Omit<ListRow, 'standing' | 'keeperName'>>(this.base.db, LIST_KEYSET, {
      columns: LIST_COLUMNS,
      from: 'care_residents r',
      where,
      params,
      limit: o.limit,
      cursor: o.cursor,
    });
    return { ...page, items: await this.listed(policy, page.items) };
  }

  /** The full record with its timeline: every opening logged (openings list and audit log). */
  async open(policy: AccessPolicy, id: number, reason: OpeningReason | null | undefined) {
    const row = await residentById(this.base.db, id);
    if (!row) throw notFound(RECORD);
    const access = await accessFor(this.base, policy, refOf(row), reason);
    await this.base.db.tx((q) => logOpening(q, policy, row, access.basis));
    return this.detail(row, access);
  }

  /** The record after a write by the caller (a write is audited itself; it is not an opening). */
  private async written(policy: AccessPolicy, id: number) {
    const row = (await residentById(this.base.db, id))!;
    const access = (await standingOn(this.base, policy, refOf(row))) ?? {
      basis: 'area' as const,
      write: false,
      manage: false,
      identifiers: false,
    };
    return this.detail(row, access);
  }

  private async detail(row: ResidentRow, access: RecordAccess) {
    return {
      record: await this.shown(row, access.identifiers),
      timeline: await timelineOf(this.base.db, row.countyCode, row.id),
      access: { basis: access.basis, write: access.write, manage: access.manage },
    };
  }

  /** Who opened a record, newest first: for those with standing on it (and the resident, through me()). */
  async openings(policy: AccessPolicy, id: number, o: { cursor?: string; limit: number }) {
    const row = await this.ownRecordOrStanding(policy, id);
    const page = await keysetPage<OpeningRow>(this.base.db, OPENINGS_KEYSET, {
      columns: OPENING_COLUMNS,
      from: 'care_record_openings o',
      where: ['o.county_code = $1', 'o.resident_id = $2'],
      params: [row.countyCode, row.id],
      limit: o.limit,
      cursor: o.cursor,
    });
    return { ...page, items: await this.namedOpenings(page.items) };
  }

  /** A resident user's own record (followed through merges), its timeline and who opened it. */
  async me(policy: AccessPolicy) {
    if (policy.principal.role !== 'resident') {
      throw forbidden({
        zh: '仅居民账号可查看“我的健康档案”',
        en: 'Only resident accounts have a record of their own',
      });
    }
    const link = await this.base.users.residentOf(policy.principal.userId);
    let row = link ? await residentById(this.base.db, link.residentId) : null;
    for (let hops = 0; row?.mergedInto && hops < 10; hops++) row = await residentById(this.base.db, row.mergedInto);
    if (!row || row.countyCode !== link?.countyCode) throw notFound({ zh: '您的健康档案', en: 'Your health record' });
    const { rows } = await this.base.db.query<OpeningRow>(
      `select ${OPENING_COLUMNS} from care_record_openings o where o.county_code = $1 and o.resident_id = $2
        order by o.opened_at desc, o.id desc limit 200`,
      [row.countyCode, row.id],
    );
    return {
      record: await this.shown(row, true),
      timeline: await timelineOf(this.base.db, row.countyCode, row.id),
      openings: await this.namedOpenings(rows),
    };
  }

  // --- writing ---------------------------------------------------------------------------------------------

  /** A new record: ID checked against sex and birth date, area a village of the caller's scope, no duplicate. */
  async create(policy: AccessPolicy, input: ResidentFields) {
    policy.requireWrite();
    this.refuseResident(policy);
    const w = await residentWrite(this.base, policy, input, null);
    // Checked before the transaction (naming the record reads the registry, another connection); a race past
    // it still meets the unique indexes inside.
    await refuseDuplicate(this.base, this.base.db, w, null);
    const id = await this.base.db.tx(async (q) => {
      const id = await insertResident(q, w).catch((e) => rethrowUnique(e, w));
      await audit(q, policy.actor, {
        action: 'care.resident.create',
        entity: 'care_resident',
        entityId: id,
        areaCode: w.countyCode,
        after: { areaCode: w.areaCode, keeperInstitutionId: w.keeperInstitutionId, established: w.established },
      });
      return id;
    });
    return this.written(policy, id);
  }

  /** An edit of the fields sent (death and move-out dates included); the county cannot change. */
  async update(policy: AccessPolicy, id: number, patch: Partial<ResidentFields>) {
    const row = await residentById(this.base.db, id);
    if (!row) throw notFound(RECORD);
    if (row.mergedInto) throw this.mergedAlready(row);
    await requireRecordManage(this.base, policy, refOf(row));
    const w = await residentWrite(this.base, policy, patch, row);
    if (w.countyCode !== row.countyCode) {
      throw invalid([
        {
          path: 'area',
          message: {
            zh: '档案不能迁到其他县区：请在迁入地新建档案并填写迁出日期',
            en: 'A record cannot move to another county: create one there and set the move-out date here',
          },
        },
      ]);
    }
    await refuseDuplicate(this.base, this.base.db, w, row.id);
    await this.base.db.tx(async (q) => {
      await updateResident(q, row.id, w).catch((e) => rethrowUnique(e, w));
      await audit(q, policy.actor, {
        action: 'care.resident.update',
        entity: 'care_resident',
        entityId: row.id,
        areaCode: row.countyCode,
        // Which fields changed, never their values: the record holds personal data.
        after: { fields: Object.keys(patch).sort() },
      });
    });
    return this.written(policy, id);
  }

  /** Merges record `id` into `into` (two records of one person in one county), audited, in one transaction. */
  async merge(policy: AccessPolicy, id: number, into: number) {
    const [from, to] = await Promise.all([residentById(this.base.db, id), residentById(this.base.db, into)]);
    if (!from) throw notFound(RECORD);
    if (!to) throw notFound({ zh: `合并目标档案 #${into}`, en: `Target record #${into}` });
    await requireRecordManage(this.base, policy, refOf(from));
    await requireRecordManage(this.base, policy, refOf(to));
    if (id === into) {
      throw invalid([{ path: 'into', message: { zh: '不能与自身合并', en: 'A record cannot merge into itself' } }]);
    }
    const issues: ErrorDetail[] = [];
    if (from.countyCode !== to.countyCode) {
      issues.push({
        path: 'into',
        message: { zh: '只能合并同一县区的档案', en: 'Only records of one county can be merged' },
      });
    }
    if (from.mergedInto || to.mergedInto) throw this.mergedAlready(from.mergedInto ? from : to);
    if (from.idHmac && to.idHmac && from.idHmac !== to.idHmac) {
      issues.push({
        path: 'into',
        message: {
          zh: '两份档案的身份证号不同，不是同一人',
          en: 'The two records carry different ID numbers: they are not one person',
        },
      });
    }
    if (from.sex !== to.sex || from.birthDate !== to.birthDate) {
      issues.push({
        path: 'into',
        message: {
          zh: '两份档案的性别或出生日期不同，请先更正再合并',
          en: 'The two records differ in sex or birth date: correct one before merging',
        },
      });
    }
    if (issues.length) throw invalid(issues);
    await this.base.db.tx(async (q) => {
      const locked = await q.query<{ m: number | null }>(
        'select merged_into::float8 as m from care_residents where county_code = $1 and id = any($2::bigint[]) for update',
        [from.countyCode, [from.id, to.id]],
      );
      if (locked.rows.some((r) => r.m !== null)) throw this.mergedAlready(from);
      await mergeResidents(q, from.countyCode, from.id, to.id);
      await audit(q, policy.actor, {
        action: 'care.resident.merge',
        entity: 'care_resident',
        entityId: to.id,
        areaCode: from.countyCode,
        before: { merged: from.id },
        after: { survivor: to.id },
      });
    });
    return this.written(policy, to.id);
  }

  /** Adds or replaces a chronic condition (ICD-10); a clinical write (keeper, team, admin). */
  async addCondition(
    policy: AccessPolicy,
    id: number,
    c: { icd10: string; name?: string | null; diagnosed?: string | null },
  ) {
    const row = await this.liveRecord(id);
    await requireRecordWrite(this.base, policy, refOf(row));
    const icd10 = c.icd10.trim().toUpperCase();
    if (!ICD10.test(icd10)) {
      throw invalid([
        {
          path: 'icd10',
          message: {
            zh: `“${icd10}”不是ICD-10编码（字母加两位数字，可带小数，如 I10、E11.9）`,
            en: `"${icd10}" is not an ICD-10 code (a letter, two digits, optionally decimals: I10, E11.9)`,
          },
        },
      ]);
    }
    if (c.diagnosed && c.diagnosed > chinaToday()) {
      throw invalid([{ path: 'diagnosed', message: { zh: '诊断日期不能晚于今天', en: 'Diagnosed in the future' } }]);
    }
    await this.base.db.tx(async (q) => {
      await upsertCondition(q, row.countyCode, row.id, {
        icd10,
        name: c.name?.trim() || null,
        diagnosed: c.diagnosed ?? null,
      });
      await audit(q, policy.actor, {
        action: 'care.condition.add',
        entity: 'care_resident',
        entityId: row.id,
        areaCode: row.countyCode,
        after: { icd10 },
      });
    });
    return (await timelineOf(this.base.db, row.countyCode, row.id)).conditions;
  }

  async removeCondition(policy: AccessPolicy, id: number, icd10: string) {
    const row = await this.liveRecord(id);
    await requireRecordWrite(this.base, policy, refOf(row));
    const code = icd10.trim().toUpperCase();
    if (!ICD10.test(code)) {
      throw invalid([
        { path: 'icd10', message: { zh: `“${code}”不是ICD-10编码`, en: `"${code}" is not an ICD-10 code` } },
      ]);
    }
    await this.base.db.tx(async (q) => {
      if (!(await deleteCondition(q, row.countyCode, row.id, code))) {
        throw notFound({ zh: `疾病 ${code}`, en: `Condition ${code}` });
      }
      await audit(q, policy.actor, {
        action: 'care.condition.remove',
        entity: 'care_resident',
        entityId: row.id,
        areaCode: row.countyCode,
        before: { icd10: code },
      });
    });
    return (await timelineOf(this.base.db, row.countyCode, row.id)).conditions;
  }

  // --- helpers ---------------------------------------------------------------------------------------------

  private refuseResident(policy: AccessPolicy) {
    if (policy.principal.role === 'resident') {
      throw forbidden({ zh: '居民账号只能查看自己的健康档案', en: 'A resident account sees only its own record' });
    }
  }

  private mergedAlready(row: ResidentRow) {
    return invalid([
      {
        path: 'id',
        message: {
          zh: `档案 #${row.id} 已合并到 #${row.mergedInto}`,
          en: `Record #${row.id} was merged into #${row.mergedInto}`,
        },
      },
    ]);
  }

  private async liveRecord(id: number): Promise<ResidentRow> {
    const row = await residentById(this.base.db, id);
    if (!row) throw notFound(RECORD);
    if (row.mergedInto) throw this.mergedAlready(row);
    return row;
  }

  /** The record if the caller has standing on it (no reason gives a view of who else opened it). */
  private async ownRecordOrStanding(policy: AccessPolicy, id: number): Promise<ResidentRow> {
    const row = await residentById(this.base.db, id);
    if (!row) throw notFound(RECORD);
    if (policy.principal.role === 'resident') {
      const link = await this.base.users.residentOf(policy.principal.userId);
      if (link?.residentId === row.id && link.countyCode === row.countyCode) return row;
      throw notFound(RECORD);
    }
    if (!(await standingOn(this.base, policy, refOf(row)))) throw notFound(RECORD);
    return row;
  }

  /** The digest a search string names: a valid 身份证号 or a phone number; null for a name. */
  private lookupDigest(q: string): { column: 'id_hmac' | 'phone_hmac'; digest: string } | null {
    if (/^\d{17}[\dXx]$/.test(q)) {
      const v = validateCitizenId(q);
      if (!v.ok) throw invalid([{ path: 'q', message: v.message }]);
      return { column: 'id_hmac', digest: this.base.protector.hmac(CitizenIdPurpose, v.id) };
    }
    const phone = /^[\d\s+-]{7,20}$/.test(q) ? normalisePhone(q) : null;
    if (phone) return { column: 'phone_hmac', digest: this.base.protector.hmac(PhonePurpose, phone) };
    if (/^\d+$/.test(q)) {
      throw invalid([
        {
          path: 'q',
          message: { zh: '请输入完整的身份证号、手机号或姓名', en: 'Give a whole ID number, phone number or a name' },
        },
      ]);
    }
    return null;
  }

  /** An exact look-up across counties: each hit says the caller's standing; those they cannot open are left out. */
  private async searchExact(policy: AccessPolicy, key: { column: 'id_hmac' | 'phone_hmac'; digest: string }) {
    const { rows } = await this.base.db.query<
      Omit<ListRow, 'standing' | 'keeperName'> & { keeperInstitutionId: number | null }
    >(
      `select ${LIST_COLUMNS} from care_residents r where r.${key.column} = $1 and r.merged_into is null
        order by r.name, r.id limit 50`,
      [key.digest],
    );
    const standings: (OpeningBasis | null | 'none')[] = [];
    for (const r of rows) {
      const s = await standingOn(this.base, policy, { ...r });
      // Only clinicians (institution users) may open a record by stating a reason; others see none of it.
      standings.push(s ? s.basis : policy.principal.role === 'institution' ? null : 'none');
    }
    const kept = rows.map((r, i) => ({ r, s: standings[i]! })).filter((x) => x.s !== 'none');
    const items = await this.withKeepers(
      kept.map(({ r, s }) => ({
        ...r,
        name: s === null ? maskName(r.name) : r.name,
        standing: s as OpeningBasis | null,
      })),
    );
    return { total: items.length, totalExact: true, nextCursor: null, items };
  }

  /** The WHERE term of the records a caller has standing on (lists by name and area). */
  private listScope(policy: AccessPolicy, bind: (v: unknown) => string): string {
    const p = policy.principal;
    // Built only where used: a bound parameter the statement does not reference has no type (an error).
    const team = () => `(r.county_code, r.id) in (select c.county_code, c.resident_id from care_contracts c
        join care_teams t on t.county_code = c.county_code and t.id = c.team_id
       where not c.cancelled and not t.closed and c.start_date <= current_date and c.end_date >= current_date
         and (t.lead_user_id = ${bind(p.userId)} or exists (select 1 from care_team_members m
              where m.county_code = t.county_code and m.team_id = t.id and m.user_id = ${bind(p.userId)})))`;
    if (policy.isAdmin) return 'true';
    if (p.role === 'institution' && p.scopeInstitutionId !== null) {
      return `(r.keeper_institution_id = ${bind(p.scopeInstitutionId)} or ${team()})`;
    }
    if (p.scopeAreaCode) {
      const root = p.scopeAreaCode;
      return `((r.county_code like ${bind(likePrefix(root.slice(0, 6)))} and r.area_code like ${bind(likePrefix(root))}) or ${team()})`;
    }
    return team();
  }

  /** List rows with their keeper's name and the caller's standing (rows come from listScope). */
  private async listed(policy: AccessPolicy, rows: Omit<ListRow, 'standing' | 'keeperName'>[]): Promise<ListRow[]> {
    const p = policy.principal;
    const standing = (r: Omit<ListRow, 'standing' | 'keeperName'>): OpeningBasis => {
      if (policy.isAdmin) return 'admin';
      if (p.role === 'institution' && r.keeperInstitutionId === p.scopeInstitutionId) return 'keeper';
      if (p.scopeAreaCode && r.areaCode.startsWith(p.scopeAreaCode)) return 'area';
      return 'team';
    };
    return this.withKeepers(rows.map((r) => ({ ...r, standing: standing(r) })));
  }

  private async withKeepers<T extends { keeperInstitutionId: number | null }>(
    rows: T[],
  ): Promise<(T & { keeperName: string | null })[]> {
    const ids = rows.map((r) => r.keeperInstitutionId).filter((x): x is number => x !== null);
    const names = await this.base.institutions.byIds(ids);
    return rows.map((r) => ({
      ...r,
      keeperName: r.keeperInstitutionId === null ? null : (names.get(r.keeperInstitutionId)?.name ?? null),
    }));
  }

  private async namedOpenings(rows: OpeningRow[]) {
    const ids = rows.map((r) => r.institutionId).filter((x): x is number => x !== null);
    const names = await this.base.institutions.byIds(ids);
    return rows.map((r) => ({
      ...r,
      basis: r.basis as OpeningBasis,
      institutionName: r.institutionId === null ? null : (names.get(r.institutionId)?.name ?? null),
    }));
  }

  /** The record as the API answers it: identifiers decrypted only when `identifiers`. */
  async shown(row: ResidentRow, identifiers: boolean) {
    const tree: AreaTree = await this.base.areas.tree();
    const [withKeeper] = await this.withKeepers([row]);
    const { idEnc, idHmac: _i, phoneEnc, phoneHmac: _p, ...rest } = withKeeper!;
    return {
      ...rest,
      areaName: tree.get(row.areaCode)?.name ?? null,
      idNumber: identifiers && idEnc ? this.base.protector.decrypt(idEnc) : null,
      phone: identifiers && phoneEnc ? this.base.protector.decrypt(phoneEnc) : null,
      residence: row.residence as 'resident' | 'registered' | 'both',
    };
  }
}

export interface ListRow {
  id: number;
  countyCode: string;
  name: string;
  sex: 'M' | 'F';
  birthDate: string;
  areaCode: string;
  idMasked: string | null;
  phoneMasked: string | null;
  established: string | null;
  keeperInstitutionId: number | null;
  keeperName: string | null;
  deathDate: string | null;
  movedOut: string | null;
  standing: OpeningBasis | null;
}

export type { RecordAccess };
