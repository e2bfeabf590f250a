// Case report (传染病报告卡) record-keeping: the audited single read, scoped masked lists, a card's history,
// 订正 (correction) and deletion, each queuing the series it changed for detection in its own transaction and
// detecting them in the request (corrections are few, and whoever corrects looks at the signals next).
// Cards come in through case-intake.ts.
import type { AreaTree } from '@weijian/core/registry';
import { checkCaseReport, holdsIdentifierRight, maskCard, maskCitizenId } from '@weijian/core/surveillance';
import type { AccessPolicy, InstitutionRef } from '../platform/access-policy.ts';
import { type Actor, audit } from '../platform/audit.ts';
import type { Db } from '../platform/db.ts';
import { AppError, conflict, type ErrorDetail, invalid, notFound } from '../platform/errors.ts';
import type { Protector } from '../platform/protect.ts';
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
import { caseKeys, type DetectionQueue } from './detection-worker.ts';
import type { DiseaseSettings } from './diseases-service.ts';

export type { CaseFilter } from './cases-repo.ts';

/**
 * 现住址 in words: the township (乡镇/街道), or the township and the village (村/居) of a 12-digit code; null
 * for a code the tree does not hold (the page then shows the code).
 */
function placeName(tree: AreaTree, code: string): string | null {
  const area = tree.get(code);
  if (!area) return null;
  const parent = area.level === 5 && area.parentCode ? tree.get(area.parentCode) : undefined;
  return parent ? `${parent.name} ${area.name}` : area.name;
}

export class CasesService {
  constructor(
    private readonly db: Db,
    private readonly areas: AreasService,
    private readonly diseases: DiseaseSettings,
    private readonly protector: Protector,
    private readonly intake: CaseIntake,
    private readonly detection: DetectionQueue,
    private readonly institutions: InstitutionDirectory,
  ) {}

  /** The caller's scope over cards: area users also see the cards of the institutions registered in their area. */
  private async scopeOf(policy: AccessPolicy): Promise<CaseScope> {
    const p = policy.principal;
    const area = p.role !== 'admin' && p.role !== 'institution' ? p.scopeAreaCode : null;
    return { principal: p, institutionIds: area ? await this.institutions.idsWithin(area) : [] };
  }

  /** One card within the caller's scope, named with its institution, and that institution (the card's owner). */
  private async card(policy: AccessPolicy, id: number): Promise<{ row: CaseRow; owner: InstitutionRef }> {
    const found = await getCase(this.db, await this.scopeOf(policy), id);
    if (!found) throw notFound({ zh: `报告卡 ${id} `, en: `Case report ${id}` });
    const inst = (await this.institutions.byIds([found.institutionId])).get(Number(found.institutionId));
    return {
      row: { ...found, institutionName: inst?.name ?? null },
      // An institution gone from the registry is owned by nobody but the administrator.
      owner: { id: Number(found.institutionId), areaCode: inst?.areaCode ?? '' },
    };
  }

  /**
   * 订正 and deletion belong to the reporting unit (传染病信息报告管理规范): write scope over the reporting
   * institution. The patient's county reads the card and records its investigation, but does not rewrite it.
   */
  private async requireOwner(policy: AccessPolicy, row: CaseRow, owner: InstitutionRef): Promise<void> {
    const name = row.institutionName ?? `#${row.institutionId}`;
    await policy.requireWriteInstitution(owner, {
      zh: `报告卡 ${row.id} 由报告单位“${name}”负责：只有对该单位有写权限的用户可以订正或删除（现住址所在县区可查看并开展调查）`,
      en: `Case report ${row.id} belongs to its reporting unit ${name}: only users with write rights over that institution may correct or delete it (the patient's county may read it and investigate)`,
    });
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

  /**
   * The single-record read, always audited as case.read: full identifiers for the holders of the identifier
   * right (core's holdsIdentifierRight), the masked card for everyone else. `mayChange`: whether the caller
   * owns the card (may correct or delete it).
   */
  async read(policy: AccessPolicy, id: number, actor: Actor) {
    const { row, owner } = await this.card(policy, id);
    const full = holdsIdentifierRight(
      policy.principal,
      { countyCode: row.countyCode, institution: owner },
      await this.areas.withinFn(),
    );
    const mayChange = await policy.mayWriteInstitution(owner);
    await audit(this.db, actor, {
      action: 'case.read',
      entity: 'case_report',
      entityId: id,
      areaCode: row.countyCode,
      after: { fullIdentity: full },
    });
    const card = this.present(row, full);
    return { ...card, addressName: placeName(await this.areas.tree(), card.addressCode), mayChange };
  }

  /** A card as answered: in full (decrypted) for a holder of the identifier right, else core's masked card. */
  present(row: CaseRow, full: boolean) {
    const { citizenIdEnc, phoneEnc, ...rest } = row;
    const card = {
      ...rest,
      citizenId: full && citizenIdEnc ? this.protector.decrypt(citizenIdEnc) : null,
      phone: full && phoneEnc ? this.protector.decrypt(phoneEnc) : null,
      identityMasked: !full,
    };
    return full ? card : maskCard(card);
  }

  /**
   * A page of cards, masked for everyone (identifiers in full only on the audited single read). A filter
   * naming an area or institution outside the caller's scope is refused (403), not answered with an empty
   * page. A lookup by 身份证号 needs write rights (read-only users never hold the identifier right: a lookup
   * would confirm a guessed number) and is audited whether it finds anything or not, with the number's
   * keyed digest and mask, never the number.
   */
  async list(policy: AccessPolicy, f: CaseFilter, actor: Actor) {
    // A person's reports are found by keyed digest: the full number is never compared in SQL.
    const personHmac = f.citizenId ? this.protector.hmac('citizen-id', f.citizenId.trim().toUpperCase()) : undefined;
    const filter = { ...f, citizenId: f.citizenId ? maskCitizenId(f.citizenId) : undefined };
    try {
      await this.requireFilterInScope(policy, f);
      if (personHmac !== undefined) {
        policy.require(policy.canWrite, {
          zh: '只读用户不能按身份证号查找报告卡',
          en: 'Read-only users cannot look up case reports by citizen ID',
        });
      }
    } catch (e) {
      // A refused lookup is a lookup all the same: audited before the refusal is answered.
      if (personHmac !== undefined) {
        await audit(this.db, actor, {
          action: 'case.lookup',
          entity: 'case_report',
          after: { filter, personHmac, refused: true },
        });
      }
      throw e;
    }
    const page = await listCases(this.db, await this.scopeOf(policy), f, personHmac);
    const rows = await this.withInstitutionNames(page.items);
    const { total, totalExact, nextCursor } = page;
    if (rows.length || personHmac !== undefined) {
      await audit(this.db, actor, {
        action: personHmac !== undefined ? 'case.lookup' : 'case.list',
        entity: 'case_report',
        after: { filter, ...(personHmac !== undefined ? { personHmac, hits: total } : {}), ids: rows.map((r) => r.id) },
      });
    }
    return { total, totalExact, nextCursor, items: rows.map((r) => maskCard({ ...r })) };
  }

  /** Filters name only what the caller may see: an area inside their own, an institution they may read. */
  private async requireFilterInScope(policy: AccessPolicy, f: CaseFilter): Promise<void> {
    if (f.area) {
      let allowed: boolean;
      if (policy.role === 'institution') {
        // An institution user's area is its institution's county: areas inside it, or holding it.
        const own = (await this.institutions.byIds([policy.scopeInstitutionId ?? 0])).get(
          policy.scopeInstitutionId ?? 0,
        );
        const within = await this.areas.withinFn();
        allowed = !!own && (within(f.area, own.countyCode) || within(own.areaCode, f.area));
      } else {
        allowed = await policy.mayReadArea(f.area);
      }
      policy.require(allowed, {
        zh: `筛选条件“地区”：${f.area} 不在您的管辖范围内`,
        en: `Area filter: ${f.area} is outside your scope`,
      });
    }
    if (f.institution !== undefined) {
      const inst = (await this.institutions.byIds([f.institution])).get(f.institution);
      // Unknown and out of scope answer alike: an institution's existence does not leak.
      policy.require(!!inst && (await policy.mayReadInstitution(inst)), {
        zh: `筛选条件“机构”：机构 #${f.institution} 不存在或不在您的管辖范围内`,
        en: `Institution filter: institution #${f.institution} does not exist or is outside your scope`,
      });
    }
  }

  async history(policy: AccessPolicy, id: number, actor: Actor) {
    const { row } = await this.card(policy, id);
    const rows = await caseHistory(this.db, id);
    await audit(this.db, actor, {
      action: 'case.read',
      entity: 'case_report',
      entityId: id,
      areaCode: row.countyCode,
      after: { history: true },
    });
    return {
      // Earlier versions are masked for everyone, as lists are: they are read far more widely than a card.
      items: rows.map((r) => ({ ...r, before: maskCard(r.before, 'snake') })),
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
    const { row, owner } = await this.card(policy, id);
    await this.requireOwner(policy, row, owner);
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
    // The owner keeps the card in view through its institution whatever the address; should that rule ever
    // loosen, a correction still may not move a card where its corrector cannot follow it.
    policy.require((await policy.mayReadArea(stored.countyCode)) || (await policy.mayWriteInstitution(owner)), {
      zh: `现住址“${placeName(tree, card.addressCode) ?? card.addressCode}”（${card.addressCode}）不在您的管辖范围内：订正后您将无法查看此报告卡`,
      en: `The address ${placeName(tree, card.addressCode) ?? ''} (${card.addressCode}) is outside your scope: the corrected card would leave your view`,
    });
    stored.duplicateOf = row.duplicateOf;
    // The card's old and new series both changed: each is detected again.
    const keys = caseKeys([
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
        before: maskCard(before, 'snake'),
        after: { ...publicFields(stored), reason },
      });
      await this.detection.enqueue(q, keys);
      return updated;
    });
    await this.detection.runNow(keys);
    return { id, version: newVersion };
  }

  /** Soft deletion with a reason; the card stays for history and audit, and its series is detected again. */
  async remove(policy: AccessPolicy, id: number, body: { reason?: unknown; version?: unknown }, actor: Actor) {
    policy.requireWrite();
    const reason = typeof body.reason === 'string' ? body.reason.trim() : '';
    const { row, owner } = await this.card(policy, id);
    await this.requireOwner(policy, row, owner);
    const problems: ErrorDetail[] = [];
    if (!reason) problems.push({ path: 'reason', message: { zh: '请填写删除原因', en: 'A reason is required' } });
    if (typeof body.version !== 'number')
      problems.push({ path: 'version', message: { zh: '请提供读取时的 version', en: 'version is required' } });
    if (problems.length) throw invalid(problems);
    if (row.deleted) throw new AppError('CONFLICT', { zh: '报告卡已删除', en: 'The report is already deleted' });
    // As after a correction: the card's series changed, so its disease × county is detected again.
    const keys = caseKeys([
      {
        diseaseCode: row.diseaseCode,
        countyCode: row.countyCode,
        townshipCode: row.townshipCode,
        onsetDate: row.onsetDate,
      },
    ]);
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
      await this.detection.enqueue(q, keys);
      return { id, version };
    });
    await this.detection.runNow(keys);
    return { id, version, deleted: true };
  }
}
