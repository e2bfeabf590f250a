// Case report (传染病报告卡) intake: one path for the form, the JSON API, bulk NDJSON and CSV import. Every
// card is checked by core's checkCaseReport, then against the area tree, the disease settings and the caller's
// scope; identifiers are encrypted before they reach SQL; a resent card is recognised (idempotent) and a
// probable duplicate of the same person flagged. A submission stores the cards and queues the series they
// touched for detection in the same transaction (detection-worker.ts); what the request detects at once is
// decided by submit().
import { mayReadInstitution } from '@weijian/core/identity';
import { chinaYear } from '@weijian/core/platform';
import {
  type CaseReportInput,
  checkCaseReport,
  dayIndex,
  type FieldProblem,
  maskCard,
  maskCitizenId,
  maskPhone,
  timeliness,
} from '@weijian/core/surveillance';
import type { AccessPolicy } from '../platform/access-policy.ts';
import { type Actor, audit } from '../platform/audit.ts';
import type { Db, Queryable } from '../platform/db.ts';
import { type ErrorDetail, invalid } from '../platform/errors.ts';
import { malformedTextAt } from '../platform/input.ts';
import type { AreasService, InstitutionDirectory } from '../registry/index.ts';
import { requireAreaReader } from './access.ts';
import {
  eventsOfCase,
  insertCards,
  reportsOfPersons,
  type StoredCard,
  setDuplicatesOf,
  storedClientIds,
} from './cases-repo.ts';
import { caseKeys, type DetectionQueue } from './detection-worker.ts';
import type { DiseaseSettings } from './diseases-service.ts';
import type { AffectedCase, RunStats } from './engine-model.ts';
import { areaScope } from './events-repo.ts';
import type { Protector } from './protect.ts';

export type { AffectedCase } from './engine-model.ts';

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

type Prepared = { line: number; card: CaseReportInput; stored: StoredCard };

export class CaseIntake {
  constructor(
    private readonly db: Db,
    private readonly areas: AreasService,
    private readonly diseases: DiseaseSettings,
    private readonly protector: Protector,
    private readonly detection: DetectionQueue,
    private readonly institutions: InstitutionDirectory,
  ) {}

  /**
   * Stores cards, their series queued for the detection worker in the same transaction, whatever `detect`
   * says (a stored card is always detected). With `detect` the request also detects at once: a single card
   * only when its disease is reported immediately (甲类, 乙类甲管, rare diseases: their signal is in the
   * answer), a bulk upload or file import all its series (one run per disease, as a batch job). Everything
   * else is detected by the worker within WEIJIAN_DETECTION_INTERVAL_MS.
   */
  async submit(
    policy: AccessPolicy,
    raws: readonly unknown[],
    opts: IngestOptions & { detect: boolean },
  ): Promise<IngestResult & { run: RunStats | null }> {
    const r = await this.ingest(policy, raws, opts);
    if (!opts.detect || !r.affected.length) return { ...r, run: null };
    let now = r.affected;
    if (opts.mode === 'single') {
      const diseases = await this.diseases.all();
      now = now.filter((a) => diseases.get(a.diseaseCode)?.immediate);
    }
    return { ...r, run: await this.detection.runNow(caseKeys(now)) };
  }

  /**
   * One card, all or nothing (422 naming every bad field): stored and queued for detection (an immediately
   * reported disease detected in the request), and answered with the events its signals belong to as far as
   * the caller may open them (those known when it answers).
   */
  async submitOne(policy: AccessPolicy, raw: unknown, opts: { actor: Actor; detect: boolean }) {
    const r = await this.submit(policy, [raw], { actor: opts.actor, mode: 'single', detect: opts.detect });
    const line = r.results[0]!;
    if (line.status === 'rejected') throw invalid((line.errors ?? []).map(({ row: _r, ...d }) => d));
    return {
      id: line.id,
      status: line.status,
      duplicateOf: line.duplicateOf ?? null,
      signals: r.run?.signals ?? 0,
      events: r.run ? r.run.eventsCreated + r.run.eventsUpdated : 0,
      eventIds: line.id ? await this.eventIdsOf(policy, line.id) : [],
    };
  }

  /** Person key: the ID number when given, else name + birth date (or age) + sex + township. */
  personKey(card: CaseReportInput, townshipCode: string): string {
    if (card.citizenId) return this.protector.hmac('citizen-id', card.citizenId);
    return this.protector.hmac(
      'person',
      [card.patientName, card.birthDate ?? `age${card.ageYears}`, card.sex, townshipCode].join('|'),
    );
  }

  /**
   * Checks and stores cards and queues their series for detection (see submit; the demo loader runs its own
   * detection); per-line results, or 422 when allOrNothing.
   */
  async ingest(policy: AccessPolicy, raws: readonly unknown[], opts: IngestOptions): Promise<IngestResult> {
    policy.requireWrite();
    const now = opts.now ?? new Date().toISOString();
    const [diseases, tree] = await Promise.all([this.diseases.all(), this.areas.tree()]);
    const lineOf = (i: number) => opts.lineNumbers?.[i] ?? i + 1;
    const results: LineResult[] = [];
    const checked: { line: number; card: CaseReportInput }[] = [];
    const reject = (line: number, problems: FieldProblem[]) =>
      results.push({ line, status: 'rejected', errors: problems.map((x) => ({ ...x, row: line })) });

    raws.forEach((raw, i) => {
      const line = lineOf(i);
      // NUL or a lone surrogate: this line is rejected naming the field (PostgreSQL would fail the whole batch).
      const malformed = malformedTextAt(raw);
      if (malformed) {
        reject(line, [malformed]);
        return;
      }
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
    const instById = await this.institutions.byIds(instIds);
    const within = (code: string, root: string) => tree.isWithin(code, root, chinaYear(new Date(now)));
    const prepared: Prepared[] = [];
    for (const { line, card } of checked) {
      const inst = instById.get(card.institutionId);
      if (!inst || !mayReadInstitution(policy.principal, inst, within)) {
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
      const known = await storedClientIds(
        q,
        prepared.map((x) => x.card.institutionId),
        prepared.map((x) => x.card.clientReportId),
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
        await setDuplicatesOf(
          q,
          resolved.map(([dup]) => idOf(dup)!),
          resolved.map(([, first]) => idOf(first)!),
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
      // In the same transaction: an acknowledged card always has its series queued, across a crash.
      await this.detection.enqueue(q, caseKeys(affected));
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

  /** A checked card as stored: identifiers encrypted, digested and masked; timeliness and county derived. */
  toStored(
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
    const rows = await reportsOfPersons(q, [...new Set(fresh.map((x) => x.stored.personHmac))]);
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
  async eventIdsOf(policy: AccessPolicy, caseId: number): Promise<number[]> {
    if (policy.role === 'institution') return [];
    requireAreaReader(policy);
    return eventsOfCase(this.db, caseId, (params) => areaScope(policy.principal, params, 'e'));
  }
}

/** The non-identifying part of a stored card (audit after-values), masked by core's one rule. */
export function publicFields(s: StoredCard) {
  const m = maskCard({ patientName: s.patientName, citizenIdMasked: s.citizenIdMasked, addressCode: s.addressCode });
  return {
    diseaseCode: s.diseaseCode,
    classification: s.classification,
    institutionId: s.institutionId,
    clientReportId: s.clientReportId,
    addressCode: m.addressCode,
    onsetDate: s.onsetDate,
    citizenId: m.citizenIdMasked,
    patientName: m.patientName,
  };
}
