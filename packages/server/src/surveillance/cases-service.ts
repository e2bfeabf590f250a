// Case report (传染病报告卡) ingestion, correction, deletion and reads. One path for the form, the JSON API,
// bulk NDJSON and CSV import: every card is checked by core's checkCaseReport, then against the area tree,
// the disease settings and the caller's scope; identifiers are encrypted before they reach SQL.
import { canWrite, mayReadInstitution, type Principal } from '@weijian/core/identity';
import { chinaYear } from '@weijian/core/platform';
import { maskCitizenId, maskPhone } from '@weijian/core/registry';
import {
  type CaseReportInput,
  checkCaseReport,
  dayIndex,
  type FieldProblem,
  maskName,
  SCHOOL_OCCUPATIONS,
  timeliness,
} from '@weijian/core/surveillance';
import { type Actor, audit } from '../platform/audit.ts';
import type { Db, Queryable } from '../platform/db.ts';
import { AppError, conflict, type ErrorDetail, forbidden, invalid, notFound } from '../platform/errors.ts';
import type { AreasService } from '../registry/areas-service.ts';
import {
  CARD_COLUMNS,
  CASE_LIST_COLUMNS,
  type CaseRow,
  caseScope,
  getCase,
  insertCards,
  type StoredCard,
} from './cases-repo.ts';
import type { DiseaseSettings } from './diseases-repo.ts';
import { areaScope } from './events-repo.ts';
import type { Protector } from './protect.ts';

/** Reports of the same person and disease with onsets this close are flagged as probable duplicates. */
export const DUPLICATE_WINDOW_DAYS = 30;

export interface LineResult {
  /** 1-based line (NDJSON) or spreadsheet row number. */
  line: number;
  status: 'created' | 'exists' | 'rejected';
  id?: number;
  duplicateOf?: number | null;
  errors?: ErrorDetail[];
}

export interface IngestResult {
  total: number;
  created: number;
  existing: number;
  rejected: number;
  duplicates: number;
  results: LineResult[];
  /** Series touched by the new cards, for the signal engine. */
  affected: AffectedCase[];
}

export interface AffectedCase {
  diseaseCode: string;
  countyCode: string;
  townshipCode: string;
  onsetDate: string;
}

export interface IngestOptions {
  actor: Actor;
  /** 'single' audits one case.create; 'bulk' and 'import' audit one summary entry. */
  mode: 'single' | 'bulk' | 'import';
  /** Row numbers to report instead of 1..n (CSV rows). */
  lineNumbers?: number[];
  synthetic?: boolean;
  /** Fixed "now" (tests, demo generation). */
  now?: string;
  /** Reject the whole request when any line is bad (CSV import); details carry the row numbers. */
  allOrNothing?: boolean;
}

/** Roles that see full identifiers on the single-record read (their scope permitting). */
const FULL_IDENTITY_ROLES = new Set(['admin', 'city', 'county', 'institution']);

type Prepared = { line: number; card: CaseReportInput; stored: StoredCard };

export class CasesService {
  constructor(
    private readonly db: Db,
    private readonly areas: AreasService,
    private readonly diseases: DiseaseSettings,
    private readonly protector: Protector,
  ) {}

  /** Person key: the ID number when given, else name + birth date (or age) + sex + township. */
  personKey(card: CaseReportInput, townshipCode: string): string {
    if (card.citizenId) return this.protector.hmac('citizen-id', card.citizenId);
    return this.protector.hmac(
      'person',
      [card.patientName, card.birthDate ?? `age${card.ageYears}`, card.sex, townshipCode].join('|'),
    );
  }

  async ingest(p: Principal, raws: readonly unknown[], opts: IngestOptions): Promise<IngestResult> {
    if (!canWrite(p)) throw forbidden();
    const now = opts.now ?? new Date().toISOString();
    const [diseases, tree] = await Promise.all([this.diseases.all(), this.areas.tree()]);
    const lineOf = (i: number) => opts.lineNumbers?.[i] ?? i + 1;
    const results: LineResult[] = [];
    const checked: { line: number; card: CaseReportInput }[] = [];
    const reject = (line: number, problems: FieldProblem[]) =>
      results.push({ line, status: 'rejected', errors: problems.map((x) => ({ ...x, row: line })) });

    raws.forEach((raw, i) => {
      const line = lineOf(i);
      const r = checkCaseReport(raw, now);
      if (!r.ok) {
        reject(line, r.problems);
        return;
      }
      const problems: FieldProblem[] = [];
      const d = diseases.get(r.value.diseaseCode);
      if (!d) {
        problems.push({
          path: 'diseaseCode',
          message: {
            zh: `疾病编码“${r.value.diseaseCode}”不存在`,
            en: `Unknown disease code "${r.value.diseaseCode}"`,
          },
        });
      } else if (!d.enabled) {
        problems.push({
          path: 'diseaseCode',
          message: { zh: `疾病“${d.nameZh}”已停用`, en: `Disease ${d.nameEn} is disabled` },
        });
      }
      const area = tree.get(r.value.addressCode);
      if (!area || (area.level !== 4 && area.level !== 5)) {
        problems.push({
          path: 'addressCode',
          message: {
            zh: `现住址区划代码“${r.value.addressCode}”不存在（需乡镇或村级代码）`,
            en: `Address code ${r.value.addressCode} is not a known township or village`,
          },
        });
      }
      if (problems.length) {
        reject(line, problems);
        return;
      }
      checked.push({ line, card: r.value });
    });

    // Institutions: must exist and be within the caller's scope.
    const instIds = [...new Set(checked.map((c) => c.card.institutionId))];
    const { rows: insts } = await this.db.query<{ id: number; areaCode: string }>(
      `select id, area_code as "areaCode" from institutions where id = any($1::int[])`,
      [instIds],
    );
    const instById = new Map(insts.map((i) => [i.id, i]));
    const within = (code: string, root: string) => tree.isWithin(code, root, chinaYear(new Date(now)));
    const prepared: Prepared[] = [];
    for (const { line, card } of checked) {
      const inst = instById.get(card.institutionId);
      if (!inst || !mayReadInstitution(p, inst, within)) {
        // Outside the scope reads like a missing institution: existence does not leak.
        reject(line, [
          {
            path: 'institutionId',
            message: {
              zh: `报告单位 ${card.institutionId} 不存在或不在您的管辖范围内`,
              en: `Institution ${card.institutionId} does not exist or is outside your scope`,
            },
          },
        ]);
        continue;
      }
      prepared.push({
        line,
        card,
        stored: this.toStored(card, diseases.get(card.diseaseCode)!.deadlineHours, tree, opts),
      });
    }

    if (opts.allOrNothing && results.length) {
      throw invalid(results.flatMap((r) => r.errors ?? []).sort((a, b) => (a.row ?? 0) - (b.row ?? 0)));
    }
    const created: LineResult[] = [];
    const affected: AffectedCase[] = [];
    let existing = 0;
    let duplicates = 0;
    await this.db.tx(async (q) => {
      // Idempotency: a client report id already stored (or repeated in this request) is not stored again.
      const { rows: known } = await q.query<{ id: number; institutionId: number; clientReportId: string }>(
        `select c.id, c.institution_id as "institutionId", c.client_report_id as "clientReportId"
           from case_reports c join unnest($1::int[], $2::text[]) as k(inst, cid)
             on c.institution_id = k.inst and c.client_report_id = k.cid`,
        [prepared.map((x) => x.card.institutionId), prepared.map((x) => x.card.clientReportId)],
      );
      const keyOf = (inst: number, cid: string) => `${inst}\u0000${cid}`;
      const knownIds = new Map(known.map((k) => [keyOf(k.institutionId, k.clientReportId), k.id]));
      const fresh: Prepared[] = [];
      const repeated: Prepared[] = [];
      const seen = new Set<string>();
      for (const x of prepared) {
        const key = keyOf(x.card.institutionId, x.card.clientReportId);
        const id = knownIds.get(key);
        if (id !== undefined) {
          existing++;
          results.push({ line: x.line, status: 'exists', id });
        } else if (seen.has(key)) {
          repeated.push(x);
        } else {
          seen.add(key);
          fresh.push(x);
        }
      }
      const batchPairs = await this.flagDuplicates(q, fresh);
      const inserted = await insertCards(
        q,
        fresh.map((x) => x.stored),
      );
      const newIds = new Map(inserted.map((r) => [keyOf(r.institutionId, r.clientReportId), r.id]));
      const idOf = (x: Prepared) => newIds.get(keyOf(x.card.institutionId, x.card.clientReportId));
      const resolved = batchPairs.filter(([dup, first]) => idOf(dup) !== undefined && idOf(first) !== undefined);
      if (resolved.length) {
        for (const [dup, first] of resolved) dup.stored.duplicateOf = idOf(first)!;
        await q.query(
          `update case_reports c set duplicate_of = u.first from unnest($1::int8[], $2::int8[]) as u(id, first) where c.id = u.id`,
          [resolved.map(([dup]) => idOf(dup)), resolved.map(([, first]) => idOf(first))],
        );
      }
      for (const x of fresh) {
        const id = newIds.get(keyOf(x.card.institutionId, x.card.clientReportId));
        if (id === undefined) {
          // Stored by a concurrent request between our check and insert: idempotent all the same.
          existing++;
          results.push({ line: x.line, status: 'exists' });
          continue;
        }
        if (x.stored.duplicateOf !== null) duplicates++;
        const r: LineResult = { line: x.line, status: 'created', id, duplicateOf: x.stored.duplicateOf };
        created.push(r);
        results.push(r);
        affected.push({
          diseaseCode: x.card.diseaseCode,
          countyCode: x.stored.countyCode,
          townshipCode: x.stored.townshipCode,
          onsetDate: x.card.onsetDate,
        });
      }
      for (const x of repeated) {
        existing++;
        results.push({
          line: x.line,
          status: 'exists',
          id: newIds.get(keyOf(x.card.institutionId, x.card.clientReportId)),
        });
      }
      if (opts.mode === 'single') {
        const c = created[0];
        if (c) {
          const x = fresh[0]!;
          await audit(q, opts.actor, {
            action: 'case.create',
            entity: 'case_report',
            entityId: c.id,
            areaCode: x.stored.countyCode,
            after: publicFields(x.stored),
          });
        }
      } else if (created.length || results.some((r) => r.status === 'rejected')) {
        await audit(q, opts.actor, {
          action: opts.mode === 'bulk' ? 'case.bulk' : 'case.import',
          entity: 'case_report',
          after: {
            total: raws.length,
            created: created.length,
            existing,
            rejected: results.filter((r) => r.status === 'rejected').length,
            duplicates,
            ids: created.length <= 1000 ? created.map((c) => c.id) : undefined,
          },
        });
      }
    });
    results.sort((a, b) => a.line - b.line);
    return {
      total: raws.length,
      created: created.length,
      existing,
      rejected: results.filter((r) => r.status === 'rejected').length,
      duplicates,
      results,
      affected,
    };
  }

  private toStored(
    card: CaseReportInput,
    deadlineHours: number,
    tree: Awaited<ReturnType<AreasService['tree']>>,
    opts: IngestOptions,
  ): StoredCard {
    const townshipCode = card.addressCode.slice(0, 9);
    const township = tree.get(townshipCode) as { parentCode: string | null; countyCode?: string | null } | undefined;
    const countyCode = township?.countyCode ?? township?.parentCode ?? card.addressCode.slice(0, 6);
    const t = timeliness(card.diagnosisAt, card.reportedAt, deadlineHours);
    const pr = this.protector;
    return {
      countyCode,
      townshipCode,
      addressCode: card.addressCode,
      institutionId: card.institutionId,
      clientReportId: card.clientReportId,
      diseaseCode: card.diseaseCode,
      classification: card.classification,
      patientName: card.patientName,
      parentName: card.parentName,
      citizenIdEnc: card.citizenId ? pr.encrypt(card.citizenId) : null,
      citizenIdMasked: card.citizenId ? maskCitizenId(card.citizenId) : null,
      phoneEnc: card.phone ? pr.encrypt(card.phone) : null,
      phoneHmac: card.phone ? pr.hmac('phone', card.phone) : null,
      phoneMasked: card.phone ? maskPhone(card.phone) : null,
      personHmac: this.personKey(card, townshipCode),
      sex: card.sex,
      birthDate: card.birthDate,
      ageYears: card.ageYears,
      occupation: card.occupation,
      workplace: card.workplace,
      addressText: card.addressText,
      onsetDate: card.onsetDate,
      diagnosisAt: card.diagnosisAt,
      reportedAt: card.reportedAt,
      deathDate: card.deathDate,
      doctorName: card.doctorName,
      remarks: card.remarks,
      reportDelayMinutes: t.delayMinutes,
      timely: t.timely,
      duplicateOf: null,
      synthetic: opts.synthetic ?? false,
    };
  }

  /**
   * Sets duplicateOf on cards whose person and disease were already reported with an onset within the
   * window; returns the pairs found inside this batch (resolved to ids once the batch is stored).
   */
  private async flagDuplicates(q: Queryable, fresh: Prepared[]): Promise<[Prepared, Prepared][]> {
    if (!fresh.length) return [];
    const { rows } = await q.query<{ id: number; personHmac: string; diseaseCode: string; onsetDate: string }>(
      `select id, person_hmac as "personHmac", disease_code as "diseaseCode", to_char(onset_date, 'YYYY-MM-DD') as "onsetDate"
         from case_reports where not deleted and person_hmac = any($1::text[]) order by id`,
      [[...new Set(fresh.map((x) => x.stored.personHmac))]],
    );
    const stored = new Map<string, { id: number; day: number }[]>();
    for (const r of rows) {
      const key = `${r.personHmac}|${r.diseaseCode}`;
      const list = stored.get(key) ?? [];
      list.push({ id: r.id, day: dayIndex(r.onsetDate) });
      stored.set(key, list);
    }
    const inBatch = new Map<string, Prepared[]>();
    const pairs: [Prepared, Prepared][] = [];
    for (const x of fresh) {
      const key = `${x.stored.personHmac}|${x.card.diseaseCode}`;
      const day = dayIndex(x.card.onsetDate);
      const near = (d: number) => Math.abs(d - day) <= DUPLICATE_WINDOW_DAYS;
      const match = stored.get(key)?.find((o) => near(o.day));
      if (match) x.stored.duplicateOf = match.id;
      else {
        const first = inBatch.get(key)?.find((o) => near(dayIndex(o.card.onsetDate)));
        if (first) pairs.push([x, first]);
      }
      const list = inBatch.get(key) ?? [];
      list.push(x);
      inBatch.set(key, list);
    }
    return pairs;
  }

  /**
   * Events a card's signals belong to, among those the caller may open (institution users open no events:
   * none). A signal covers the card when it lists it (fixed and cluster signals, `detail.caseIds`), when it
   * is of the card's disease in its county or township over a period containing its onset (the statistical
   * detectors' counts, and the single-case signal of its county and day, also when an earlier card of that
   * day raised it), or when it is a cluster of the card's school or village whose window contains the onset.
   * A merged event resolves to the event that absorbed it. Read after the engine's incremental run.
   */
  async eventIdsOf(p: Principal, caseId: number): Promise<number[]> {
    if (p.role === 'institution') return [];
    const params: unknown[] = [caseId, [...SCHOOL_OCCUPATIONS]];
    const scope = areaScope(p, params, 'e');
    const { rows } = await this.db.query<{ id: number }>(
      `with c as (
         select id, disease_code, county_code, township_code, onset_date,
                case when occupation = any($2::text[]) and workplace is not null then 'school:' || workplace
                     when length(address_code) = 12 then 'village:' || address_code end as place
           from case_reports where id = $1 and not deleted)
       select distinct case when e.state = 'merged' and e.merged_into is not null then e.merged_into else e.id end as id
         from c join signals s on s.subject = c.disease_code and s.county_code = c.county_code
         join surveillance_events e on e.id = s.event_id
        where ${scope}
          and (s.detail -> 'caseIds' @> jsonb_build_array(c.id)
               or (s.source in ('case', 'fixed') and s.area_code in (c.county_code, c.township_code)
                   and c.onset_date between s.period_start and s.period_end)
               or (s.source = 'cluster' and s.place = c.place
                   and c.onset_date > s.period_end - coalesce((s.params ->> 'window')::int, 1)
                   and c.onset_date <= s.period_end))
        order by 1`,
      params,
    );
    return rows.map((r) => Number(r.id));
  }

  // --- reads ----------------------------------------------------------------------------------------------

  /** The single-record read: full identifiers for the roles allowed, always audited as case.read. */
  async read(p: Principal, id: number, actor: Actor) {
    const row = await getCase(this.db, p, id);
    if (!row) throw notFound({ zh: `报告卡 ${id} `, en: `Case report ${id}` });
    const full = FULL_IDENTITY_ROLES.has(p.role);
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

  async list(p: Principal, f: CaseFilter, actor: Actor) {
    const params: unknown[] = [];
    const where = [caseScope(p, params)];
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
    if (f.citizenId)
      where.push(`c.person_hmac = ${bind(this.protector.hmac('citizen-id', f.citizenId.trim().toUpperCase()))}`);
    const { rows } = await this.db.query<Record<string, unknown> & { total: number; patientName: string; id: number }>(
      `select ${CASE_LIST_COLUMNS}, count(*) over ()::int as total
         from case_reports c join disease_settings d on d.code = c.disease_code
         left join institutions i on i.id = c.institution_id
        where ${where.join(' and ')}
        order by c.reported_at desc, c.id desc limit ${bind(f.limit)} offset ${bind(f.offset)}`,
      params,
    );
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

  async history(p: Principal, id: number, actor: Actor) {
    const row = await getCase(this.db, p, id);
    if (!row) throw notFound({ zh: `报告卡 ${id} `, en: `Case report ${id}` });
    const { rows } = await this.db.query<{
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
    p: Principal,
    id: number,
    body: Record<string, unknown>,
    actor: Actor,
  ): Promise<{ id: number; version: number; affected: AffectedCase[] }> {
    if (!canWrite(p)) throw forbidden();
    const reason = typeof body.reason === 'string' ? body.reason.trim() : '';
    const version = body.version;
    const row = await getCase(this.db, p, id);
    if (!row) throw notFound({ zh: `报告卡 ${id} `, en: `Case report ${id}` });
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
    const stored = this.toStored(card, d!.deadlineHours, tree, { actor, mode: 'single' });
    stored.duplicateOf = row.duplicateOf;
    const newVersion = await this.db.tx(async (q) => {
      const before = await snapshot(q, id);
      const sets = CARD_COLUMNS.filter(([k]) => k !== 'clientReportId' && k !== 'institutionId' && k !== 'synthetic');
      const params: unknown[] = [id, version];
      const assignments = sets.map(([k, col, type]) => {
        params.push(stored[k]);
        return `${col} = $${params.length}::${type}`;
      });
      const { rows: upd } = await q.query<{ version: number; countyCode: string }>(
        `update case_reports c set ${assignments.join(', ')}, version = version + 1, updated_at = now()
          where c.id = $1 and c.version = $2 returning c.version, c.county_code as "countyCode"`,
        params,
      );
      if (!upd[0]) throw conflict();
      await q.query(
        `insert into case_report_versions (county_code, case_id, version, action, reason, user_id, username, before)
         values ($1, $2, $3, 'correct', $4, $5, $6, $7)`,
        [
          row.countyCode,
          id,
          version,
          reason,
          actor.principal?.userId ?? null,
          actor.principal?.username ?? null,
          JSON.stringify(before),
        ],
      );
      await audit(q, actor, {
        action: 'case.correct',
        entity: 'case_report',
        entityId: id,
        areaCode: stored.countyCode,
        before: maskStoredSnapshot(before),
        after: { ...publicFields(stored), reason },
      });
      return upd[0].version;
    });
    return {
      id,
      version: newVersion,
      affected: [
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
      ],
    };
  }

  /** Soft deletion with a reason; the card stays for history and audit. `affected` is for re-detection. */
  async remove(p: Principal, id: number, body: { reason?: unknown; version?: unknown }, actor: Actor) {
    if (!canWrite(p)) throw forbidden();
    const reason = typeof body.reason === 'string' ? body.reason.trim() : '';
    const problems: ErrorDetail[] = [];
    if (!reason) problems.push({ path: 'reason', message: { zh: '请填写删除原因', en: 'A reason is required' } });
    if (typeof body.version !== 'number')
      problems.push({ path: 'version', message: { zh: '请提供读取时的 version', en: 'version is required' } });
    if (problems.length) throw invalid(problems);
    const row = await getCase(this.db, p, id);
    if (!row) throw notFound({ zh: `报告卡 ${id} `, en: `Case report ${id}` });
    if (row.deleted) throw new AppError('CONFLICT', { zh: '报告卡已删除', en: 'The report is already deleted' });
    const { version } = await this.db.tx(async (q) => {
      const before = await snapshot(q, id);
      const { rows } = await q.query<{ version: number }>(
        `update case_reports set deleted = true, version = version + 1, updated_at = now()
          where id = $1 and version = $2 returning version`,
        [id, body.version],
      );
      if (!rows[0]) throw conflict();
      await q.query(
        `insert into case_report_versions (county_code, case_id, version, action, reason, user_id, username, before)
         values ($1, $2, $3, 'delete', $4, $5, $6, $7)`,
        [
          row.countyCode,
          id,
          body.version,
          reason,
          actor.principal?.userId ?? null,
          actor.principal?.username ?? null,
          JSON.stringify(before),
        ],
      );
      await audit(q, actor, {
        action: 'case.delete',
        entity: 'case_report',
        entityId: id,
        areaCode: row.countyCode,
        after: { reason },
      });
      return { id, version: rows[0].version };
    });
    return {
      id,
      version,
      deleted: true,
      affected: [
        {
          diseaseCode: row.diseaseCode,
          countyCode: row.countyCode,
          townshipCode: row.townshipCode,
          onsetDate: row.onsetDate,
        },
      ] as AffectedCase[],
    };
  }
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
  offset: number;
}

async function snapshot(q: Queryable, id: number): Promise<Record<string, unknown>> {
  const { rows } = await q.query<{ row: Record<string, unknown> }>(
    `select to_jsonb(c) - 'person_hmac' - 'phone_hmac' as row from case_reports c where id = $1`,
    [id],
  );
  return rows[0]!.row;
}

/** A stored snapshot for audit and history views: no ciphertext, no digests. */
function maskStoredSnapshot(before: Record<string, unknown>): Record<string, unknown> {
  const { citizen_id_enc: _c, phone_enc: _p, ...rest } = before;
  return {
    ...rest,
    patient_name: typeof rest.patient_name === 'string' ? maskName(rest.patient_name) : rest.patient_name,
  };
}

/** The non-identifying part of a stored card (audit after-values). */
function publicFields(s: StoredCard) {
  return {
    diseaseCode: s.diseaseCode,
    classification: s.classification,
    institutionId: s.institutionId,
    clientReportId: s.clientReportId,
    addressCode: s.addressCode,
    onsetDate: s.onsetDate,
    citizenId: s.citizenIdMasked,
    patientName: maskName(s.patientName),
  };
}
