// Case report (传染病报告卡) record-keeping: the audited single read, scoped masked lists, a card's history,
// 订正 (correction) and deletion, each correction or deletion followed by detection over the series it changed.
// Cards come in through case-intake.ts.
import { maskCitizenId } from '@weijian/core/registry';
import { checkCaseReport, maskName } from '@weijian/core/surveillance';
import type { AccessPolicy } from '../platform/access-policy.ts';
import { type Actor, audit } from '../platform/audit.ts';
import type { Db } from '../platform/db.ts';
import { AppError, conflict, type ErrorDetail, invalid, notFound } from '../platform/errors.ts';
import type { AreasService, InstitutionDirectory } from '../registry/index.ts';
import type { CaseIntake } from './case-intake.ts';
import { publicFields } from './case-intake.ts';
import {
  addCaseVersion,
  type CaseFilter,
  type CaseRow,
  type CaseScope,
  caseHistory,
  caseSnapshot,
  getCase,
  listCases,
  markDeleted,
  updateCard,
} from './cases-repo.ts';
import type { DiseaseSettings } from './diseases-service.ts';
import type { SignalEngine } from './engine.ts';
import type { Protector } from './protect.ts';

export type { CaseFilter } from './cases-repo.ts';

/** Roles that see full identifiers on the single-record read (their scope permitting). */
const FULL_IDENTITY_ROLES = new Set(['admin', 'city', 'county', 'institution']);

export class CasesService {
  constructor(
    private readonly db: Db,
    private readonly areas: AreasService,
    private readonly diseases: DiseaseSettings,
    private readonly protector: Protector,
    private readonly intake: CaseIntake,
    private readonly engine: SignalEngine,
    private readonly institutions: InstitutionDirectory,
  ) {}

  /** The caller's scope over cards: area users also see the cards of the institutions registered in their area. */
  private async scopeOf(policy: AccessPolicy): Promise<CaseScope> {
    const p = policy.principal;
    const area = p.role !== 'admin' && p.role !== 'institution' ? p.scopeAreaCode : null;
    return { principal: p, institutionIds: area ? await this.institutions.idsWithin(area) : [] };
  }

  /** One card within the caller's scope, named with its institution. */
  private async card(policy: AccessPolicy, id: number): Promise<CaseRow> {
    const row = await getCase(this.db, await this.scopeOf(policy), id);
    if (!row) throw notFound({ zh: `报告卡 ${id} `, en: `Case report ${id}` });
    return (await this.withInstitutionNames([row]))[0]!;
  }

  /** Fills in the registry's names of the cards' institutions, in one look-up. */
  private async withInstitutionNames<T extends { institutionId: number; institutionName: string | null }>(
    rows: T[],
  ): Promise<T[]> {
    if (!rows.length) return rows;
    const byId = await this.institutions.byIds(rows.map((r) => r.institutionId));
    return rows.map((r) => ({ ...r, institutionName: byId.get(Number(r.institutionId))?.name ?? null }));
  }

  // --- reads ----------------------------------------------------------------------------------------------

  /** The single-record read: full identifiers for the roles allowed, always audited as case.read. */
  async read(policy: AccessPolicy, id: number, actor: Actor) {
    const row = await this.card(policy, id);
    const full = FULL_IDENTITY_ROLES.has(policy.role);
    await audit(this.db, actor, {
      action: 'case.read',
      entity: 'case_report',
      entityId: id,
      areaCode: row.countyCode,
      after: { fullIdentity: full },
    });
    return this.present(row, full);
  }

  present(row: CaseRow, full: boolean) {
    const { citizenIdEnc, phoneEnc, ...rest } = row;
    return {
      ...rest,
      patientName: full ? row.patientName : maskName(row.patientName),
      citizenId: full && citizenIdEnc ? this.protector.decrypt(citizenIdEnc) : null,
      phone: full && phoneEnc ? this.protector.decrypt(phoneEnc) : null,
      identityMasked: !full,
    };
  }

  async list(policy: AccessPolicy, f: CaseFilter, actor: Actor) {
    // A person's reports are found by keyed digest: the full number is never compared in SQL.
    const personHmac = f.citizenId ? this.protector.hmac('citizen-id', f.citizenId.trim().toUpperCase()) : undefined;
    const rows = await this.withInstitutionNames(await listCases(this.db, await this.scopeOf(policy), f, personHmac));
    const total = rows[0]?.total ?? 0;
    if (rows.length) {
      await audit(this.db, actor, {
        action: 'case.list',
        entity: 'case_report',
        after: {
          filter: { ...f, citizenId: f.citizenId ? maskCitizenId(f.citizenId) : undefined },
          ids: rows.map((r) => r.id),
        },
      });
    }
    return {
      total,
      items: rows.map(({ total: _t, ...r }) => ({ ...r, patientName: maskName(r.patientName) })),
    };
  }

  async history(policy: AccessPolicy, id: number, actor: Actor) {
    const row = await this.card(policy, id);
    const rows = await caseHistory(this.db, id);
    await audit(this.db, actor, {
      action: 'case.read',
      entity: 'case_report',
      entityId: id,
      areaCode: row.countyCode,
      after: { history: true },
    });
    return {
      items: rows.map((r) => ({ ...r, before: maskStoredSnapshot(r.before) })),
    };
  }

  // --- corrections and deletion ---------------------------------------------------------------------------

  /** 订正: replaces the card's fields, keeping the previous version and the reason. */
  async correct(
    policy: AccessPolicy,
    id: number,
    body: Record<string, unknown>,
    actor: Actor,
  ): Promise<{ id: number; version: number }> {
    policy.requireWrite();
    const reason = typeof body.reason === 'string' ? body.reason.trim() : '';
    const version = body.version;
    const row = await this.card(policy, id);
    if (row.deleted)
      throw invalid([{ path: 'id', message: { zh: '报告卡已删除，不能订正', en: 'The report is deleted' } }]);
    const problems: ErrorDetail[] = [];
    if (!reason) problems.push({ path: 'reason', message: { zh: '请填写订正原因', en: 'A reason is required' } });
    if (typeof version !== 'number')
      problems.push({ path: 'version', message: { zh: '请提供读取时的 version', en: 'version is required' } });
    if (problems.length) throw invalid(problems);
    // Fields not sent keep their stored values; identifiers come back decrypted for re-validation.
    const current = this.present(row, true);
    const merged: Record<string, unknown> = {
      clientReportId: row.clientReportId,
      institutionId: row.institutionId,
      diseaseCode: current.diseaseCode,
      classification: current.classification,
      patientName: current.patientName,
      parentName: current.parentName,
      citizenId: current.citizenId,
      sex: current.sex,
      birthDate: current.birthDate,
      ageYears: current.birthDate ? undefined : current.ageYears,
      phone: current.phone,
      workplace: current.workplace,
      occupation: current.occupation,
      addressCode: current.addressCode,
      addressText: current.addressText,
      onsetDate: current.onsetDate,
      diagnosisAt: new Date(current.diagnosisAt).toISOString(),
      reportedAt: new Date(current.reportedAt).toISOString(),
      deathDate: current.deathDate,
      doctorName: current.doctorName,
      remarks: current.remarks,
    };
    for (const [k, v] of Object.entries(body))
      if (k in merged && k !== 'clientReportId' && k !== 'institutionId') merged[k] = v;
    // The age is derived from the birth date unless the birth date is removed.
    if ('birthDate' in body && !body.birthDate && !('ageYears' in body)) merged.ageYears = current.ageYears;
    const checked = checkCaseReport(merged, new Date().toISOString(), {});
    if (!checked.ok) throw invalid(checked.problems);
    const card = checked.value;
    const [diseases, tree] = await Promise.all([this.diseases.all(), this.areas.tree()]);
    const d = diseases.get(card.diseaseCode);
    const extra: ErrorDetail[] = [];
    if (!d)
      extra.push({
        path: 'diseaseCode',
        message: { zh: `疾病编码“${card.diseaseCode}”不存在`, en: `Unknown disease code "${card.diseaseCode}"` },
      });
    const area = tree.get(card.addressCode);
    if (!area || (area.level !== 4 && area.level !== 5)) {
      extra.push({
        path: 'addressCode',
        message: { zh: `现住址区划代码“${card.addressCode}”不存在`, en: `Unknown address code ${card.addressCode}` },
      });
    }
    if (extra.length) throw invalid(extra);
    const stored = this.intake.toStored(card, d!.deadlineHours, tree, { actor, mode: 'single' });
    stored.duplicateOf = row.duplicateOf;
    const newVersion = await this.db.tx(async (q) => {
      const before = await caseSnapshot(q, id);
      const updated = await updateCard(q, id, version as number, stored);
      if (updated === null) throw conflict();
      await addCaseVersion(q, {
        countyCode: row.countyCode,
        caseId: id,
        version: version as number,
        action: 'correct',
        reason,
        actor,
        before,
      });
      await audit(q, actor, {
        action: 'case.correct',
        entity: 'case_report',
        entityId: id,
        areaCode: stored.countyCode,
        before: maskStoredSnapshot(before),
        after: { ...publicFields(stored), reason },
      });
      return updated;
    });
    // The card's old and new series both changed: each is detected again.
    await this.engine.afterCases([
      {
        diseaseCode: row.diseaseCode,
        countyCode: row.countyCode,
        townshipCode: row.townshipCode,
        onsetDate: row.onsetDate,
      },
      {
        diseaseCode: card.diseaseCode,
        countyCode: stored.countyCode,
        townshipCode: stored.townshipCode,
        onsetDate: card.onsetDate,
      },
    ]);
    return { id, version: newVersion };
  }

  /** Soft deletion with a reason; the card stays for history and audit, and its series is detected again. */
  async remove(policy: AccessPolicy, id: number, body: { reason?: unknown; version?: unknown }, actor: Actor) {
    policy.requireWrite();
    const reason = typeof body.reason === 'string' ? body.reason.trim() : '';
    const problems: ErrorDetail[] = [];
    if (!reason) problems.push({ path: 'reason', message: { zh: '请填写删除原因', en: 'A reason is required' } });
    if (typeof body.version !== 'number')
      problems.push({ path: 'version', message: { zh: '请提供读取时的 version', en: 'version is required' } });
    if (problems.length) throw invalid(problems);
    const row = await this.card(policy, id);
    if (row.deleted) throw new AppError('CONFLICT', { zh: '报告卡已删除', en: 'The report is already deleted' });
    const { version } = await this.db.tx(async (q) => {
      const before = await caseSnapshot(q, id);
      const version = await markDeleted(q, id, body.version as number);
      if (version === null) throw conflict();
      await addCaseVersion(q, {
        countyCode: row.countyCode,
        caseId: id,
        version: body.version as number,
        action: 'delete',
        reason,
        actor,
        before,
      });
      await audit(q, actor, {
        action: 'case.delete',
        entity: 'case_report',
        entityId: id,
        areaCode: row.countyCode,
        after: { reason },
      });
      return { id, version };
    });
    // As after a correction: the card's series changed, so its disease × county is detected again.
    await this.engine.afterCases([
      {
        diseaseCode: row.diseaseCode,
        countyCode: row.countyCode,
        townshipCode: row.townshipCode,
        onsetDate: row.onsetDate,
      },
    ]);
    return { id, version, deleted: true };
  }
}

/** A stored snapshot for audit and history views: no ciphertext, no digests. */
function maskStoredSnapshot(before: Record<string, unknown>): Record<string, unknown> {
  const { citizen_id_enc: _c, phone_enc: _p, ...rest } = before;
  return {
    ...rest,
    patient_name: typeof rest.patient_name === 'string' ? maskName(rest.patient_name) : rest.patient_name,
  };
}
