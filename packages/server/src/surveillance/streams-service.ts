// Syndromic streams (多点触发 sources): fever and intestinal clinics, pharmacy sales by drug class, school
// absenteeism by symptom, and custom streams defined as data (a new source needs no code). Daily counts per
// source (an institution of the registry, key 'inst:<id>', or a named school or pharmacy in its township or
// village, key 'name:<area code>:<name>') arrive by API or CSV, all-or-nothing per request; every source's
// reporting cadence is tracked so one that stops is noticed.

import { canWrite, mayReadInstitution, type Principal } from '@weijian/core/identity';
import { chinaToday, chinaYear } from '@weijian/core/platform';
import { INT4_MAX } from '@weijian/core/registry';
import { type Algorithm, dayIndex } from '@weijian/core/surveillance';
import { type Actor, audit } from '../platform/audit.ts';
import type { Db } from '../platform/db.ts';
import { conflict, type ErrorDetail, forbidden, invalid, notFound } from '../platform/errors.ts';
import type { AreasService } from '../registry/areas-service.ts';

/** The editable settings of a stream. */
export interface StreamSettings {
  nameZh: string;
  nameEn: string;
  unit: string;
  algorithm: Algorithm;
  params: Record<string, unknown>;
  areaLevel: 'county' | 'township';
  silentDays: number;
  syndrome: string;
  enabled: boolean;
}

/** A stream's columns as the API gives them. */
const STREAM_COLUMNS = `code, name_zh as "nameZh", name_en as "nameEn", kind, unit, algorithm, params,
  area_level as "areaLevel", silent_days as "silentDays", syndrome, enabled, builtin, version`;

export const STREAM_KINDS = ['fever-clinic', 'intestinal-clinic', 'pharmacy', 'school-absenteeism', 'custom'] as const;

interface BuiltinStream {
  code: string;
  zh: string;
  en: string;
  kind: (typeof STREAM_KINDS)[number];
  unit: string;
  params: Record<string, unknown>;
  silentDays: number;
  syndrome: string;
}

/**
 * The streams every installation starts with: EARS C2 over the last 14 days with reports, per township, with
 * a floor on σ (minSigma) so day-to-day noise of small counts does not alarm.
 */
export const BUILTIN_STREAMS: BuiltinStream[] = [
  {
    code: 'fever-clinic',
    zh: '发热门诊就诊人次',
    en: 'Fever clinic visits',
    kind: 'fever-clinic',
    unit: '人次',
    params: { baseline: 14, minSigma: 4, alpha: 0.001 },
    silentDays: 3,
    syndrome: 'respiratory',
  },
  {
    code: 'intestinal-clinic',
    zh: '肠道门诊就诊人次',
    en: 'Intestinal clinic visits',
    kind: 'intestinal-clinic',
    unit: '人次',
    params: { baseline: 14, minSigma: 4, alpha: 0.001 },
    silentDays: 3,
    syndrome: 'gastrointestinal',
  },
  {
    code: 'pharmacy-antipyretic',
    zh: '药店退热药销售量',
    en: 'Pharmacy sales: antipyretics',
    kind: 'pharmacy',
    unit: '盒',
    params: { baseline: 14, minSigma: 10, alpha: 0.001 },
    silentDays: 3,
    syndrome: 'respiratory',
  },
  {
    code: 'pharmacy-antidiarrhoeal',
    zh: '药店止泻药销售量',
    en: 'Pharmacy sales: antidiarrhoeals',
    kind: 'pharmacy',
    unit: '盒',
    params: { baseline: 14, minSigma: 10, alpha: 0.001 },
    silentDays: 3,
    syndrome: 'gastrointestinal',
  },
  {
    code: 'pharmacy-cough',
    zh: '药店止咳药销售量',
    en: 'Pharmacy sales: cough medicines',
    kind: 'pharmacy',
    unit: '盒',
    params: { baseline: 14, minSigma: 10, alpha: 0.001 },
    silentDays: 3,
    syndrome: 'respiratory',
  },
  {
    code: 'pharmacy-antiviral',
    zh: '药店抗病毒药销售量',
    en: 'Pharmacy sales: antivirals',
    kind: 'pharmacy',
    unit: '盒',
    params: { baseline: 14, minSigma: 10, alpha: 0.001 },
    silentDays: 3,
    syndrome: 'respiratory',
  },
  {
    code: 'school-absence-fever',
    zh: '学校因病缺课（发热）',
    en: 'School absenteeism: fever',
    kind: 'school-absenteeism',
    unit: '人',
    params: { baseline: 14, minSigma: 3, alpha: 0.001 },
    silentDays: 5,
    syndrome: 'respiratory',
  },
  {
    code: 'school-absence-gi',
    zh: '学校因病缺课（腹泻、呕吐）',
    en: 'School absenteeism: diarrhoea, vomiting',
    kind: 'school-absenteeism',
    unit: '人',
    params: { baseline: 14, minSigma: 3, alpha: 0.001 },
    silentDays: 5,
    syndrome: 'gastrointestinal',
  },
  {
    code: 'school-absence-rash',
    zh: '学校因病缺课（皮疹）',
    en: 'School absenteeism: rash',
    kind: 'school-absenteeism',
    unit: '人',
    params: { baseline: 14, minSigma: 3, alpha: 0.001 },
    silentDays: 5,
    syndrome: 'rash',
  },
];

export async function seedStreams(db: Pick<Db, 'query'>): Promise<void> {
  const S = BUILTIN_STREAMS;
  await db.query(
    `insert into streams (code, name_zh, name_en, kind, unit, algorithm, params, silent_days, syndrome, builtin)
     select c, z, e, k, u, 'ears-c2', p, s, y, true
       from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::jsonb[], $7::smallint[], $8::text[])
            as t(c, z, e, k, u, p, s, y)
     on conflict (code) do nothing`,
    [
      S.map((s) => s.code),
      S.map((s) => s.zh),
      S.map((s) => s.en),
      S.map((s) => s.kind),
      S.map((s) => s.unit),
      S.map((s) => JSON.stringify(s.params)),
      S.map((s) => s.silentDays),
      S.map((s) => s.syndrome),
    ],
  );
}

export interface StreamCountInput {
  stream: string;
  institutionId?: number | null;
  sourceName?: string | null;
  areaCode?: string | null;
  date: string;
  count: number;
  denominator?: number | null;
}

interface PreparedCount {
  countyCode: string;
  streamCode: string;
  sourceKey: string;
  institutionId: number | null;
  sourceName: string;
  areaCode: string;
  townshipCode: string;
  date: string;
  count: number;
  denominator: number | null;
}

export interface StreamIngestResult {
  rows: number;
  sources: number;
  streams: string[];
  counties: string[];
  from: string | null;
  to: string | null;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
export class StreamsService {
  constructor(
    private readonly db: Db,
    private readonly areas: AreasService,
  ) {}

  /**
   * Validates every row (stream known and enabled, source identified and in scope, area a township or
   * village, date not in the future, counts non-negative integers); any problem → 422 listing them all,
   * nothing written. Re-sending a source's day replaces its count (a correction).
   */
  async ingest(
    p: Principal,
    raws: readonly unknown[],
    actor: Actor,
    lineNumbers?: number[],
  ): Promise<StreamIngestResult> {
    if (!canWrite(p)) throw forbidden();
    const tree = await this.areas.tree();
    const { rows: streamRows } = await this.db.query<{ code: string; enabled: boolean }>(
      'select code, enabled from streams',
    );
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
    const { rows: insts } = await this.db.query<{ id: number; name: string; areaCode: string }>(
      `select id, name, area_code as "areaCode" from institutions where id = any($1::int[])`,
      [instIds],
    );
    const instById = new Map(insts.map((i) => [i.id, i]));
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
      const stream = typeof r.stream === 'string' ? streams.get(r.stream) : undefined;
      if (!stream)
        bad('stream', `监测数据流“${String(r.stream ?? '')}”不存在`, `Unknown stream "${String(r.stream ?? '')}"`);
      else if (!stream.enabled) bad('stream', `监测数据流“${stream.code}”已停用`, `Stream ${stream.code} is disabled`);
      const date = typeof r.date === 'string' ? r.date.trim() : '';
      if (!DATE.test(date) || Number.isNaN(dayIndex(date)))
        bad('date', '日期必须是 YYYY-MM-DD', 'date must be YYYY-MM-DD');
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
    if (!P.length) return { rows: 0, sources: 0, streams: [], counties: [], from: null, to: null };
    await this.db.tx(async (q) => {
      await q.query(
        `insert into stream_counts (county_code, stream_code, source_key, township_code, date, count, denominator)
         select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::date[], $6::int[], $7::int[])
         on conflict (county_code, stream_code, source_key, date)
         do update set count = excluded.count, denominator = excluded.denominator,
                       township_code = excluded.township_code, updated_at = now()`,
        [
          P.map((x) => x.countyCode),
          P.map((x) => x.streamCode),
          P.map((x) => x.sourceKey),
          P.map((x) => x.townshipCode),
          P.map((x) => x.date),
          P.map((x) => x.count),
          P.map((x) => x.denominator),
        ],
      );
      await q.query(
        `insert into stream_sources (county_code, stream_code, source_key, institution_id, source_name, area_code,
           township_code, first_date, last_date)
         select county_code, stream_code, source_key, min(institution_id), min(source_name), min(area_code), min(township_code),
                min(date), max(date)
           from unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[], $6::text[], $7::text[], $8::date[])
                as u(county_code, stream_code, source_key, institution_id, source_name, area_code, township_code, date)
          group by county_code, stream_code, source_key
         on conflict (county_code, stream_code, source_key) do update
           set first_date = least(stream_sources.first_date, excluded.first_date),
               last_date = greatest(stream_sources.last_date, excluded.last_date),
               source_name = excluded.source_name, area_code = excluded.area_code, township_code = excluded.township_code`,
        [
          P.map((x) => x.countyCode),
          P.map((x) => x.streamCode),
          P.map((x) => x.sourceKey),
          P.map((x) => x.institutionId),
          P.map((x) => x.sourceName),
          P.map((x) => x.areaCode),
          P.map((x) => x.townshipCode),
          P.map((x) => x.date),
        ],
      );
      const keys = [...new Set(P.map((x) => `${x.countyCode}|${x.streamCode}|${x.sourceKey}`))].map((k) =>
        k.split('|'),
      );
      await q.query(
        `update stream_sources s set report_days = (select count(*) from stream_counts c
            where c.county_code = s.county_code and c.stream_code = s.stream_code and c.source_key = s.source_key)
          from unnest($1::text[], $2::text[], $3::text[]) as k(county_code, stream_code, source_key)
         where s.county_code = k.county_code and s.stream_code = k.stream_code and s.source_key = k.source_key`,
        [keys.map((k) => k[0]), keys.map((k) => k[1]), keys.slice().map((k) => k.slice(2).join('|'))],
      );
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
    };
  }

  /** Who reports and who stopped: every source with its last report, cadence and status as of a date. */
  async status(p: Principal, opts: { stream?: string; area?: string; asOf?: string; limit: number; offset: number }) {
    if (p.role === 'institution') throw forbidden();
    const asOf = opts.asOf ?? chinaToday();
    const params: unknown[] = [];
    const bind = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const where: string[] = [];
    if (p.role !== 'admin') where.push(`s.area_code like ${bind(`${p.scopeAreaCode ?? '\u0000'}%`)}`);
    if (opts.stream) where.push(`s.stream_code = ${bind(opts.stream)}`);
    if (opts.area) where.push(`s.area_code like ${bind(`${opts.area}%`)}`);
    const asOfParam = bind(asOf);
    const { rows } = await this.db.query<{
      countyCode: string;
      streamCode: string;
      streamName: string;
      sourceKey: string;
      sourceName: string;
      institutionId: number | null;
      areaCode: string;
      townshipCode: string;
      firstDate: string;
      lastDate: string;
      reportDays: number;
      silentDays: number;
      daysSince: number;
      total: number;
    }>(
      `select s.county_code as "countyCode", s.stream_code as "streamCode", t.name_zh as "streamName", s.source_key as "sourceKey",
              s.source_name as "sourceName", s.institution_id as "institutionId", s.area_code as "areaCode",
              s.township_code as "townshipCode", to_char(s.first_date, 'YYYY-MM-DD') as "firstDate",
              to_char(s.last_date, 'YYYY-MM-DD') as "lastDate", s.report_days as "reportDays", t.silent_days as "silentDays",
              (${asOfParam}::date - s.last_date) as "daysSince", count(*) over ()::int as total
         from stream_sources s join streams t on t.code = s.stream_code
        ${where.length ? `where ${where.join(' and ')}` : ''}
        order by (${asOfParam}::date - s.last_date) desc, s.stream_code, s.source_name
        limit ${bind(opts.limit)} offset ${bind(opts.offset)}`,
      params,
    );
    const tree = await this.areas.tree();
    return {
      asOf,
      total: rows[0]?.total ?? 0,
      items: rows.map(({ total: _t, ...r }) => {
        const span = dayIndex(r.lastDate) - dayIndex(r.firstDate) + 1;
        const cadenceDays = Math.max(1, Math.round(span / Math.max(1, r.reportDays)));
        const status = r.daysSince > cadenceDays + r.silentDays ? 'silent' : r.daysSince > cadenceDays ? 'late' : 'ok';
        return { ...r, areaName: tree.get(r.areaCode)?.name ?? null, cadenceDays, status };
      }),
    };
  }

  async list() {
    const { rows } = await this.db.query(`select ${STREAM_COLUMNS} from streams order by builtin desc, code`);
    return { items: rows };
  }

  /**
   * Edits a stream's names, unit, detector, area level, silence threshold, fusion group or whether it is
   * monitored, with optimistic concurrency; its code and kind stay (counts and sources are keyed by them).
   * A new detector sent without parameters starts from its defaults. `check` vets the detector and parameters
   * that will be in force (it throws to refuse them). Returns the stream as `list()` gives it.
   */
  async update(
    code: string,
    version: number,
    changes: Partial<StreamSettings>,
    actor: Actor,
    check: (algorithm: Algorithm, params: Record<string, unknown>) => void,
  ) {
    return this.db.tx(async (q) => {
      const { rows } = await q.query<StreamSettings & { code: string; version: number }>(
        `select ${STREAM_COLUMNS} from streams where code = $1`,
        [code],
      );
      const cur = rows[0];
      if (!cur) throw notFound({ zh: `数据流 ${code} `, en: `Stream ${code}` });
      const newDetector = changes.algorithm !== undefined && changes.algorithm !== cur.algorithm;
      const next = {
        ...cur,
        ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)),
        ...(newDetector && !changes.params ? { params: {} } : {}),
      };
      check(next.algorithm, next.params);
      const { rows: done } = await q.query(
        `update streams set name_zh = $3, name_en = $4, unit = $5, algorithm = $6, params = $7, area_level = $8,
                silent_days = $9, syndrome = $10, enabled = $11, version = version + 1, updated_at = now()
          where code = $1 and version = $2 returning ${STREAM_COLUMNS}`,
        [
          code,
          version,
          next.nameZh,
          next.nameEn,
          next.unit,
          next.algorithm,
          JSON.stringify(next.params),
          next.areaLevel,
          next.silentDays,
          next.syndrome || code,
          next.enabled,
        ],
      );
      if (!done[0]) throw conflict();
      await audit(q, actor, { action: 'stream.update', entity: 'stream', entityId: code, before: cur, after: next });
      return done[0];
    });
  }

  /** A custom stream is a row, not code: its counts are ingested and detected like any other. */
  async create(
    p: Principal,
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
    if (p.role !== 'admin' && p.role !== 'city') throw forbidden();
    return this.db.tx(async (q) => {
      const { rows: exists } = await q.query('select 1 from streams where code = $1', [s.code]);
      if (exists.length)
        throw invalid([
          { path: 'code', message: { zh: `数据流编码“${s.code}”已存在`, en: `Stream code ${s.code} exists` } },
        ]);
      await q.query(
        `insert into streams (code, name_zh, name_en, kind, unit, algorithm, params, area_level, silent_days, syndrome)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          s.code,
          s.nameZh,
          s.nameEn,
          s.kind,
          s.unit,
          s.algorithm,
          JSON.stringify(s.params),
          s.areaLevel,
          s.silentDays,
          s.syndrome || s.code,
        ],
      );
      await audit(q, actor, { action: 'stream.create', entity: 'stream', entityId: s.code, after: s });
      return { ...s, enabled: true, builtin: false, version: 1 };
    });
  }
}
