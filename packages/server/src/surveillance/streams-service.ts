// Syndromic streams (多点触发 sources): fever and intestinal clinics, pharmacy sales by drug class, school
// absenteeism by symptom, and custom streams defined as data (a new source needs no code). Daily counts per
// source (an institution of the registry, key 'inst:<id>', or a named school or pharmacy in its township or
// village, key 'name:<area code>:<name>') arrive by API or CSV, all-or-nothing per request; every source's
// reporting cadence is tracked so one that stops is noticed.

import { mayReadInstitution } from '@weijian/core/identity';
import { chinaToday, chinaYear, isCalendarDate } from '@weijian/core/platform';
import { INT4_MAX } from '@weijian/core/registry';
import { type Algorithm, dayIndex } from '@weijian/core/surveillance';
import type { AccessPolicy } from '../platform/access-policy.ts';
import { type Actor, audit } from '../platform/audit.ts';
import type { Db } from '../platform/db.ts';
import { conflict, type ErrorDetail, invalid, notFound } from '../platform/errors.ts';
import { malformedTextAt } from '../platform/input.ts';
import type { AreasService, InstitutionDirectory } from '../registry/index.ts';
import { requireConfigure } from './access.ts';
import { STREAM_CITY_FIELDS, viewerCity } from './city-settings.ts';
import { type DetectionKey, type DetectionQueue, streamKeys } from './detection-worker.ts';
import { checkDetector } from './detector-check.ts';
import type { SignalEngine } from './engine.ts';
import type { StreamSettings } from './streams-catalogue.ts';
import {
  insertStream,
  listStreams,
  type PreparedCount,
  sourceStatusRows,
  storeCounts,
  streamRow,
  streamStates,
  updateStream,
} from './streams-repo.ts';

export interface StreamCountInput {
  stream: string;
  institutionId?: number | null;
  sourceName?: string | null;
  areaCode?: string | null;
  date: string;
  count: number;
  denominator?: number | null;
}

export interface StreamIngestResult {
  rows: number;
  sources: number;
  streams: string[];
  counties: string[];
  from: string | null;
  to: string | null;
  /** The streams × counties queued for detection. */
  keys: DetectionKey[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
export class StreamsService {
  constructor(
    private readonly db: Db,
    private readonly areas: AreasService,
    private readonly engine: SignalEngine,
    private readonly detection: DetectionQueue,
    private readonly institutions: InstitutionDirectory,
  ) {}

  /**
   * Stores counts (see ingest), their streams × counties queued for detection in the same transaction, and,
   * unless `detect` is false, detects them in the request: one run per submission (a batch of counts). With
   * `detect=false` the detection worker runs them within WEIJIAN_DETECTION_INTERVAL_MS.
   */
  async submit(
    policy: AccessPolicy,
    raws: readonly unknown[],
    opts: { actor: Actor; lineNumbers?: number[]; detect: boolean },
  ) {
    const r = await this.ingest(policy, raws, opts.actor, opts.lineNumbers);
    const run = opts.detect ? await this.detection.runNow(r.keys) : null;
    return { rows: r.rows, sources: r.sources, from: r.from, to: r.to, signals: run?.signals ?? 0 };
  }

  /**
   * Validates every row (stream known and enabled, source identified and in scope, area a township or
   * village, date not in the future, counts non-negative integers); any problem → 422 listing them all,
   * nothing written. Re-sending a source's day replaces its count (a correction).
   */
  async ingest(
    policy: AccessPolicy,
    raws: readonly unknown[],
    actor: Actor,
    lineNumbers?: number[],
  ): Promise<StreamIngestResult> {
    policy.requireWrite();
    const p = policy.principal;
    const tree = await this.areas.tree();
    const streamRows = await streamStates(this.db);
    const streams = new Map(streamRows.map((s) => [s.code, s]));
    const today = chinaToday();
    const problems: ErrorDetail[] = [];
    const lineOf = (i: number) => lineNumbers?.[i] ?? i + 1;
    const instIds = [
      ...new Set(
        raws
          .map((r) => (r && typeof r === 'object' ? (r as Record<string, unknown>).institutionId : null))
          .map((v) => (typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v) : v))
          .filter((v): v is number => typeof v === 'number' && Number.isInteger(v) && v > 0 && v <= INT4_MAX),
      ),
    ];
    const instById = await this.institutions.byIds(instIds);
    const within = (code: string, root: string) => tree.isWithin(code, root, chinaYear());
    const countyOf = (code: string) => {
      const a = tree.get(code) as { level: number; countyCode?: string | null } | undefined;
      if (!a || a.level < 3) return null;
      return a.countyCode ?? code.slice(0, 6);
    };
    const prepared: PreparedCount[] = [];
    raws.forEach((raw, i) => {
      const line = lineOf(i);
      const bad = (path: string, zh: string, en: string) =>
        problems.push({ path: `[${line}].${path}`, row: line, message: { zh, en } });
      if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
        bad('', '每行必须是 JSON 对象', 'each row must be an object');
        return;
      }
      const r = raw as Record<string, unknown>;
      const n = problems.length;
      // A NUL (a CSV's past its first 8 KB) would fail the whole statement; a lone surrogate be stored altered.
      const malformed = malformedTextAt(r);
      if (malformed) bad(malformed.path, malformed.message.zh, malformed.message.en);
      const stream = typeof r.stream === 'string' ? streams.get(r.stream) : undefined;
      if (!stream)
        bad('stream', `监测数据流“${String(r.stream ?? '')}”不存在`, `Unknown stream "${String(r.stream ?? '')}"`);
      else if (!stream.enabled) bad('stream', `监测数据流“${stream.code}”已停用`, `Stream ${stream.code} is disabled`);
      const date = typeof r.date === 'string' ? r.date.trim() : '';
      // isCalendarDate, not Date.parse: V8 reads 2023-02-30 as 2 March, which PostgreSQL then refuses (a 500).
      if (!DATE.test(date) || !isCalendarDate(date)) bad('date', '日期必须是 YYYY-MM-DD', 'date must be YYYY-MM-DD');
      else if (date > today) bad('date', '日期不能晚于今天', 'date cannot be in the future');
      const count = typeof r.count === 'string' && r.count.trim() !== '' ? Number(r.count) : r.count;
      if (typeof count !== 'number' || !Number.isInteger(count) || count < 0 || count > INT4_MAX)
        bad('count', '数量必须是非负整数', 'count must be a non-negative integer');
      const denRaw = r.denominator === '' ? null : r.denominator;
      const denominator = typeof denRaw === 'string' ? Number(denRaw) : (denRaw ?? null);
      if (
        denominator !== null &&
        (typeof denominator !== 'number' || !Number.isInteger(denominator) || denominator < 0 || denominator > INT4_MAX)
      ) {
        bad('denominator', '分母必须是非负整数', 'denominator must be a non-negative integer');
      } else if (typeof denominator === 'number' && typeof count === 'number' && count > denominator) {
        bad('count', '数量不能大于分母', 'count cannot exceed the denominator');
      }
      const sourceProblems = problems.length;
      let sourceKey = '';
      let sourceName = typeof r.sourceName === 'string' ? r.sourceName.trim() : '';
      let areaCode =
        typeof r.areaCode === 'string' ? r.areaCode.trim() : typeof r.areaCode === 'number' ? String(r.areaCode) : '';
      let institutionId: number | null = null;
      // The institution's registered area stands in for an empty areaCode; if it is not a township or village
      // (a county hospital), the problem is the missing areaCode, not a code the user never typed.
      let areaOfInstitution: { name: string; areaCode: string } | null = null;
      const instRaw =
        typeof r.institutionId === 'string' && r.institutionId.trim() ? Number(r.institutionId) : r.institutionId;
      if (instRaw !== undefined && instRaw !== null && instRaw !== '') {
        const inst = typeof instRaw === 'number' ? (instById.get(instRaw) ?? null) : null;
        if (!inst || !mayReadInstitution(p, inst, within)) {
          bad(
            'institutionId',
            `机构 ${String(instRaw)} 不存在或不在您的管辖范围内`,
            `Institution ${String(instRaw)} does not exist or is outside your scope`,
          );
        } else {
          institutionId = inst.id;
          sourceKey = `inst:${inst.id}`;
          sourceName ||= inst.name;
          if (!areaCode) {
            areaCode = inst.areaCode;
            areaOfInstitution = inst;
          }
        }
      } else if (sourceName) {
        if (p.role === 'institution')
          bad('institutionId', '机构用户只能报送本机构的数据', 'Institution users report for their institution only');
        // A named source is its name in its area: two pharmacies of one name in two townships are two sources.
        sourceKey = `name:${areaCode}:${sourceName}`;
      } else {
        bad(
          'sourceName',
          '请填写机构编号或来源名称（学校、药店）',
          'Give institutionId or sourceName (school, pharmacy)',
        );
      }
      const area = areaCode ? tree.get(areaCode) : undefined;
      if (!areaCode && problems.length > sourceProblems) {
        // The source could not be identified, so neither could its area: one problem, not two.
      } else if (areaOfInstitution && (!area || (area.level !== 4 && area.level !== 5))) {
        const { name, areaCode: registered } = areaOfInstitution;
        const atCounty = area?.level === 3;
        bad(
          'areaCode',
          atCounty
            ? `机构“${name}”登记在区县级（${registered}），请为其数据填写所在乡镇或村（居）的区划代码`
            : `机构“${name}”登记的区划“${registered}”不是乡镇或村（居），请为其数据填写所在乡镇或村（居）的区划代码`,
          atCounty
            ? `Institution "${name}" is registered at county level (${registered}); give the areaCode of a township or village for its counts`
            : `Institution "${name}" is registered at area "${registered}", not a township or village; give the areaCode of a township or village for its counts`,
        );
      } else if (!area || (area.level !== 4 && area.level !== 5)) {
        bad(
          'areaCode',
          `区划代码“${areaCode}”不是乡镇或村（居）代码`,
          `areaCode "${areaCode}" is not a township or village`,
        );
      } else if (p.role === 'institution') {
        // An institution reports for itself, at a place of its own county: another county's series are not its to fill.
        const own = institutionId !== null ? instById.get(institutionId) : undefined;
        const county = own ? countyOf(own.areaCode) : null;
        if (own && !(county && within(areaCode, county)))
          bad('areaCode', '区划不在本机构所在区县内', "The area is outside your institution's county");
      } else if (p.role !== 'admin' && !(p.scopeAreaCode && within(areaCode, p.scopeAreaCode))) {
        bad('areaCode', '区划不在您的管辖范围内', 'The area is outside your scope');
      }
      if (problems.length > n || !area || !stream) return;
      const township = areaCode.slice(0, 9);
      const t = tree.get(township) as { parentCode: string | null; countyCode?: string | null } | undefined;
      prepared.push({
        countyCode: t?.countyCode ?? t?.parentCode ?? areaCode.slice(0, 6),
        streamCode: stream.code,
        sourceKey,
        institutionId,
        sourceName,
        areaCode,
        townshipCode: township,
        date,
        count: count as number,
        denominator: denominator as number | null,
      });
    });
    if (problems.length) throw invalid(problems);
    // The last row for a source and day wins within one request.
    const dedup = new Map(prepared.map((x) => [`${x.countyCode}|${x.streamCode}|${x.sourceKey}|${x.date}`, x]));
    const P = [...dedup.values()];
    if (!P.length) return { rows: 0, sources: 0, streams: [], counties: [], from: null, to: null, keys: [] };
    const detectionKeys = streamKeys(P.map((x) => ({ stream: x.streamCode, countyCode: x.countyCode, date: x.date })));
    await this.db.tx(async (q) => {
      const keys = await storeCounts(q, P);
      // In the same transaction: stored counts always have their series queued, across a crash.
      await this.detection.enqueue(q, detectionKeys);
      await audit(q, actor, {
        action: 'stream.ingest',
        entity: 'stream_counts',
        after: { rows: P.length, streams: [...new Set(P.map((x) => x.streamCode))], sources: keys.length },
      });
    });
    const dates = P.map((x) => x.date).sort();
    return {
      rows: P.length,
      sources: new Set(P.map((x) => `${x.countyCode}|${x.streamCode}|${x.sourceKey}`)).size,
      streams: [...new Set(P.map((x) => x.streamCode))],
      counties: [...new Set(P.map((x) => x.countyCode))],
      from: dates[0]!,
      to: dates[dates.length - 1]!,
      keys: detectionKeys,
    };
  }

  /** Who reports and who stopped: every source with its last report, cadence and status as of a date. */
  async status(
    policy: AccessPolicy,
    opts: { stream?: string; area?: string; asOf?: string; limit: number; cursor?: string },
  ) {
    // Institutions report counts; who else reports is not theirs to see.
    policy.requireRight('readArea');
    // An area outside the caller's scope is refused (403), not answered with an empty list.
    if (opts.area) await policy.requireReadArea(opts.area);
    const p = policy.principal;
    const asOf = opts.asOf ?? chinaToday();
    const { items, ...page } = await sourceStatusRows(this.db, p, { ...opts, asOf });
    const tree = await this.areas.tree();
    return {
      asOf,
      ...page,
      items: items.map((r) => {
        const span = dayIndex(r.lastDate) - dayIndex(r.firstDate) + 1;
        const cadenceDays = Math.max(1, Math.round(span / Math.max(1, r.reportDays)));
        const status = r.daysSince > cadenceDays + r.silentDays ? 'silent' : r.daysSince > cadenceDays ? 'late' : 'ok';
        return { ...r, areaName: tree.get(r.areaCode)?.name ?? null, cadenceDays, status };
      }),
    };
  }

  /** The streams as the caller's city runs them (its overrides over the default); the default for admin or none. */
  async list(policy?: AccessPolicy) {
    const city = policy ? viewerCity(policy) : null;
    return { items: await this.engine.overrides.apply('stream', city, await listStreams(this.db)) };
  }

  /**
   * Edits a stream's names, unit, detector, area level, silence threshold, fusion group or whether it is
   * monitored, with optimistic concurrency; its code and kind stay (counts and sources are keyed by them).
   * A new detector sent without parameters starts from its defaults. The detector and parameters that will be in
   * force are checked by running them (422). Returns the stream as `list()` gives it.
   */
  async update(policy: AccessPolicy, code: string, version: number, changes: Partial<StreamSettings>, actor: Actor) {
    requireConfigure(policy);
    const city = viewerCity(policy);
    if (city) return this.updateForCity(city, code, version, changes, actor);
    return this.db.tx(async (q) => {
      const cur = await streamRow(q, code);
      if (!cur) throw notFound({ zh: `数据流 ${code} `, en: `Stream ${code}` });
      const newDetector = changes.algorithm !== undefined && changes.algorithm !== cur.algorithm;
      const next = {
        ...cur,
        ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)),
        ...(newDetector && !changes.params ? { params: {} } : {}),
      };
      checkDetector(next.algorithm, next.params, 365);
      const done = await updateStream(q, code, version, next);
      if (!done) throw conflict();
      await audit(q, actor, { action: 'stream.update', entity: 'stream', entityId: code, before: cur, after: next });
      return done;
    });
  }

  /** A city administrator's change: written to its city's override (city-settings.ts); the default stays. */
  private async updateForCity(
    city: string,
    code: string,
    version: number,
    changes: Partial<StreamSettings>,
    actor: Actor,
  ) {
    const overrides = this.engine.overrides;
    await this.db.tx(async (q) => {
      const base = await streamRow(q, code);
      if (!base) throw notFound({ zh: `数据流 ${code} `, en: `Stream ${code}` });
      const [cur] = await overrides.apply('stream', city, [base]);
      const newDetector = changes.algorithm !== undefined && changes.algorithm !== cur!.algorithm;
      const effective = { ...changes, ...(newDetector && !changes.params ? { params: {} } : {}) };
      const next = { ...cur!, ...Object.fromEntries(Object.entries(effective).filter(([, v]) => v !== undefined)) };
      checkDetector(next.algorithm, next.params, 365);
      await overrides.write(q, {
        kind: 'stream',
        city,
        base,
        current: cur!,
        version,
        changes: effective,
        allowed: STREAM_CITY_FIELDS,
      });
      await audit(q, actor, {
        action: 'stream.update',
        entity: 'stream',
        entityId: code,
        areaCode: city,
        before: cur,
        after: next,
      });
    });
    overrides.invalidate();
    const [after] = await overrides.apply('stream', city, [(await streamRow(this.db, code))!]);
    return after!;
  }

  /** A custom stream is a row, not code: its counts are ingested and detected like any other. */
  async create(
    policy: AccessPolicy,
    s: {
      code: string;
      nameZh: string;
      nameEn: string;
      kind: string;
      unit: string;
      algorithm: Algorithm;
      params: Record<string, unknown>;
      areaLevel: string;
      silentDays: number;
      syndrome?: string;
    },
    actor: Actor,
  ) {
    requireConfigure(policy);
    checkDetector(s.algorithm, s.params, 365);
    return this.db.tx(async (q) => {
      if (await streamRow(q, s.code))
        throw invalid([
          { path: 'code', message: { zh: `数据流编码“${s.code}”已存在`, en: `Stream code ${s.code} exists` } },
        ]);
      await insertStream(q, s);
      await audit(q, actor, { action: 'stream.create', entity: 'stream', entityId: s.code, after: s });
      return { ...s, enabled: true, builtin: false, version: 1 };
    });
  }
}
