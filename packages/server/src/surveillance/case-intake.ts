// Case report (传染病报告卡) intake: one path for the form, the JSON API, bulk NDJSON and CSV import. Every
// card is checked by core's checkCaseReport, then against the area tree, the disease settings and the caller's
// scope; identifiers are encrypted before they reach SQL; a resent card is recognised (idempotent) and a
// probable duplicate of the same person flagged. A submission stores the cards and queues the series they
// touched for detection in the same transaction (detection-worker.ts); what the request detects at once is
// decided by submit().
import { mayReadInstitution } from '@weijian/core/identity';
import { chinaYear } from '@weijian/core/platform';
import { type CaseReportInput, maskCard, maskCitizenId, maskPhone, timeliness } from '@weijian/core/surveillance';
import type { AccessPolicy } from '../platform/access-policy.ts';
import { type Actor, type AuditEntry, auditMany } from '../platform/audit.ts';
import type { Db, Queryable } from '../platform/db.ts';
import { invalid } from '../platform/errors.ts';
import type { Protector } from '../platform/protect.ts';
import type { AreasService, InstitutionDirectory } from '../registry/index.ts';
import { requireAreaReader } from './access.ts';
import { GroupCommit, type Outcome } from './case-group-commit.ts';
import {
  checkLines,
  type IngestItem,
  type IngestOptions,
  type IngestOutcome,
  type IngestResult,
  type LineResult,
  matchDuplicates,
  type Prepared,
  type Work,
} from './case-lines.ts';
import {
  eventsOfCase,
  eventsOfCases,
  insertCards,
  reportsOfPersons,
  type StoredCard,
  setDuplicatesOf,
  storedClientIds,
} from './cases-repo.ts';
import { caseKeys, type DetectionQueue } from './detection-worker.ts';
import type { DiseaseSettings } from './diseases-service.ts';
import type { RunStats } from './engine-model.ts';
import { areaScope } from './events-repo.ts';

export type { IngestItem, IngestOptions, IngestOutcome, IngestResult, LineResult } from './case-lines.ts';
export { DUPLICATE_WINDOW_DAYS } from './case-lines.ts';
export type { AffectedCase } from './engine-model.ts';

export class CaseIntake {
  constructor(
    private readonly db: Db,
    private readonly areas: AreasService,
    private readonly diseases: DiseaseSettings,
    private readonly protector: Protector,
    private readonly detection: DetectionQueue,
    private readonly institutions: InstitutionDirectory,
  ) {
    this.batcher = new GroupCommit((items) => this.ingestSingles(items), db.engine === 'pglite' ? 1 : 4);
  }

  /** Group commit of concurrent single cards (on by default; the bench compares it with one transaction each). */
  groupCommit = true;
  private readonly batcher: GroupCommit<IngestItem, IngestResult & { eventIds?: number[] }>;

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
    return this.detectNow(await this.ingest(policy, raws, opts), opts);
  }

  /** What a submission detects in the request (see submit). */
  private async detectNow(r: IngestResult, opts: IngestOptions & { detect: boolean }) {
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
    const o = { actor: opts.actor, mode: 'single' as const, detect: opts.detect };
    // Concurrent single cards are stored together (group commit), each answered on its own.
    const stored: IngestResult & { eventIds?: number[] } = this.groupCommit
      ? await this.batcher.add({ policy, raws: [raw], opts: o })
      : await this.ingest(policy, [raw], o);
    const r = await this.detectNow(stored, o);
    const line = r.results[0]!;
    if (line.status === 'rejected') throw invalid((line.errors ?? []).map(({ row: _r, ...d }) => d));
    // The batch's look-up holds unless this request detected (its signals came after).
    const eventIds = !line.id
      ? []
      : !r.run && stored.eventIds
        ? stored.eventIds
        : await this.eventIdsOf(policy, line.id);
    return {
      id: line.id,
      status: line.status,
      duplicateOf: line.duplicateOf ?? null,
      signals: r.run?.signals ?? 0,
      events: r.run ? r.run.eventsCreated + r.run.eventsUpdated : 0,
      eventIds,
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
    const [r] = await this.ingestMany([{ policy, raws, opts }]);
    if (!r!.ok) throw r!.error;
    return r!.value;
  }

  /**
   * A group commit of single cards: ingestMany, then the events covering each stored card in one statement
   * per caller scope (not one per card); a card whose caller may not read events is left to eventIdsOf.
   */
  private async ingestSingles(items: readonly IngestItem[]) {
    const outcomes: Outcome<IngestResult & { eventIds?: number[] }>[] = await this.ingestMany(items);
    const byScope = new Map<string, { policy: AccessPolicy; ids: number[]; results: { eventIds?: number[] }[] }>();
    outcomes.forEach((o, k) => {
      const id = o.ok ? o.value.results[0]?.id : undefined;
      if (!o.ok || id === undefined) return;
      const { policy } = items[k]!;
      if (policy.role === 'institution') {
        o.value.eventIds = [];
        return;
      }
      try {
        requireAreaReader(policy);
      } catch {
        return;
      }
      // The key areaScope builds its condition from.
      const key = policy.principal.role === 'admin' ? '' : `${policy.principal.scopeAreaCode}`;
      const g = byScope.get(key) ?? { policy, ids: [], results: [] };
      g.ids.push(id);
      g.results.push(o.value);
      byScope.set(key, g);
    });
    for (const g of byScope.values()) {
      // The cards are stored: a failed look-up must not fail the batch (GroupCommit would store each again),
      // it leaves the look-up to each request.
      const found = await eventsOfCases(this.db, g.ids, (params) => areaScope(g.policy.principal, params, 'e')).catch(
        () => null,
      );
      if (!found) continue;
      g.results.forEach((r, i) => {
        r.eventIds = found.get(g.ids[i]!) ?? [];
      });
    }
    return outcomes;
  }

  /**
   * Several submissions checked each on its own (its caller's policy, its options) and stored in ONE
   * transaction: the group commit of concurrent single cards (see CardBatcher). A submission refused as a
   * whole (no right to write, allOrNothing with a bad line) fails alone; the others are stored.
   */
  async ingestMany(items: readonly IngestItem[]): Promise<IngestOutcome[]> {
    const [diseases, tree] = await Promise.all([this.diseases.all(), this.areas.tree()]);
    const outcomes: (IngestOutcome | null)[] = items.map(() => null);
    const work: Work[] = [];
    items.forEach((item, k) => {
      try {
        item.policy.requireWrite();
        work.push(checkLines(k, item, diseases, tree));
      } catch (error) {
        outcomes[k] = { ok: false, error };
      }
    });
    // Institutions of every submission in one look-up; each must exist and be within its caller's scope.
    const instById = await this.institutions.byIds([
      ...new Set(work.flatMap((w) => w.checked.map((c) => c.card.institutionId))),
    ]);
    const live: Work[] = [];
    for (const w of work) {
      const { policy, opts } = items[w.k]!;
      const within = (code: string, root: string) => tree.isWithin(code, root, chinaYear(new Date(w.now)));
      for (const { line, card } of w.checked) {
        const inst = instById.get(card.institutionId);
        if (!inst || !mayReadInstitution(policy.principal, inst, within)) {
          // Outside the scope reads like a missing institution: existence does not leak.
          w.reject(line, [
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
        w.prepared.push({
          line,
          card,
          stored: this.toStored(card, diseases.get(card.diseaseCode)!.deadlineHours, tree, opts),
        });
      }
      if (opts.allOrNothing && w.results.length) {
        const details = w.results.flatMap((r) => r.errors ?? []).sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
        outcomes[w.k] = { ok: false, error: invalid(details) };
      } else live.push(w);
    }
    if (live.length) await this.db.tx((q) => this.store(q, items, live));
    for (const w of live) {
      w.results.sort((a, b) => a.line - b.line);
      outcomes[w.k] = {
        ok: true,
        value: {
          total: items[w.k]!.raws.length,
          created: w.created.length,
          existing: w.existing,
          rejected: w.results.filter((r) => r.status === 'rejected').length,
          duplicates: w.duplicates,
          results: w.results,
          affected: w.affected,
        },
      };
    }
    return outcomes as IngestOutcome[];
  }

  /** Stores the prepared cards of every live submission in the caller's transaction, with audit and queue. */
  private async store(q: Queryable, items: readonly IngestItem[], live: Work[]): Promise<void> {
    const all = live.flatMap((w) => w.prepared.map((x) => ({ w, x })));
    // Idempotency: a client report id already stored (or repeated in this batch) is not stored again.
    const known = await storedClientIds(
      q,
      all.map(({ x }) => x.card.institutionId),
      all.map(({ x }) => x.card.clientReportId),
    );
    const keyOf = (inst: number, cid: string) => `${inst}\u0000${cid}`;
    const cardKey = (x: Prepared) => keyOf(x.card.institutionId, x.card.clientReportId);
    const knownIds = new Map(known.map((k) => [keyOf(k.institutionId, k.clientReportId), k.id]));
    const fresh: { w: Work; x: Prepared }[] = [];
    const repeated: { w: Work; x: Prepared }[] = [];
    const seen = new Set<string>();
    for (const e of all) {
      const id = knownIds.get(cardKey(e.x));
      if (id !== undefined) {
        e.w.existing++;
        e.w.results.push({ line: e.x.line, status: 'exists', id });
      } else if (seen.has(cardKey(e.x))) {
        repeated.push(e);
      } else {
        seen.add(cardKey(e.x));
        fresh.push(e);
      }
    }
    const freshCards = fresh.map((e) => e.x);
    const batchPairs = await this.flagDuplicates(q, freshCards);
    const inserted = await insertCards(
      q,
      freshCards.map((x) => x.stored),
    );
    const newIds = new Map(inserted.map((r) => [keyOf(r.institutionId, r.clientReportId), r.id]));
    const idOf = (x: Prepared) => newIds.get(cardKey(x));
    const resolved = batchPairs.filter(([dup, first]) => idOf(dup) !== undefined && idOf(first) !== undefined);
    if (resolved.length) {
      for (const [dup, first] of resolved) dup.stored.duplicateOf = idOf(first)!;
      await setDuplicatesOf(
        q,
        resolved.map(([dup]) => idOf(dup)!),
        resolved.map(([, first]) => idOf(first)!),
      );
    }
    for (const { w, x } of fresh) {
      const id = idOf(x);
      if (id === undefined) {
        // Stored by a concurrent request between our check and insert: idempotent all the same.
        w.existing++;
        w.results.push({ line: x.line, status: 'exists' });
        continue;
      }
      if (x.stored.duplicateOf !== null) w.duplicates++;
      const r: LineResult = { line: x.line, status: 'created', id, duplicateOf: x.stored.duplicateOf };
      w.created.push({ r, x });
      w.results.push(r);
      w.affected.push({
        diseaseCode: x.card.diseaseCode,
        countyCode: x.stored.countyCode,
        townshipCode: x.stored.townshipCode,
        onsetDate: x.card.onsetDate,
      });
    }
    for (const { w, x } of repeated) {
      w.existing++;
      w.results.push({ line: x.line, status: 'exists', id: idOf(x) });
    }
    // Every card's case.create and every upload's summary, each its own row, in one statement.
    const entries: { actor: Actor; entry: AuditEntry }[] = [];
    for (const w of live) {
      const { opts, raws } = items[w.k]!;
      if (opts.mode === 'single') {
        const c = w.created[0];
        if (c) {
          entries.push({
            actor: opts.actor,
            entry: {
              action: 'case.create',
              entity: 'case_report',
              entityId: c.r.id,
              areaCode: c.x.stored.countyCode,
              after: publicFields(c.x.stored),
            },
          });
        }
      } else if (w.created.length || w.results.some((r) => r.status === 'rejected')) {
        entries.push({
          actor: opts.actor,
          entry: {
            action: opts.mode === 'bulk' ? 'case.bulk' : 'case.import',
            entity: 'case_report',
            after: {
              total: raws.length,
              created: w.created.length,
              existing: w.existing,
              rejected: w.results.filter((r) => r.status === 'rejected').length,
              duplicates: w.duplicates,
              ids: w.created.length <= 1000 ? w.created.map((c) => c.r.id) : undefined,
            },
          },
        });
      }
    }
    await auditMany(q, entries);
    // In the same transaction: an acknowledged card always has its series queued, across a crash.
    await this.detection.enqueue(q, caseKeys(live.flatMap((w) => w.affected)));
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
    return matchDuplicates(rows, fresh);
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
