// Loads the surveillance part of the demo city: five years of synthetic case reports through the intake's
// own checks, encryption and duplicate rule loaded in bulk (bulkLoadCards), 180 days of stream counts, one detection run
// over the last year, and plausible responses to the older events so the KPIs have something to show.
import { mayReadInstitution } from '@weijian/core/identity';
import { chinaToday, chinaYear, mulberry32 } from '@weijian/core/platform';
import { addDays, type DemoTownship, generateDemoSurveillance } from '@weijian/core/surveillance';
import { AccessPolicy } from '../platform/access-policy.ts';
import { type Actor, auditMany } from '../platform/audit.ts';
import { copyLine, type Queryable } from '../platform/db.ts';
import { invalid } from '../platform/errors.ts';
import { checkLines, type IngestOptions, matchDuplicates, type Prepared } from './case-lines.ts';
import { CARD_COLUMNS, reportsOfPersons } from './cases-repo.ts';
import { dropKeys } from './detection-queue.ts';
import { caseKeys } from './detection-worker.ts';
import type { SurveillanceServices } from './services.ts';

export interface SurveillanceDemoResult {
  cases: number;
  duplicates: number;
  streamRows: number;
  signals: number;
  events: number;
  /** Milliseconds per step: generation, ingestion (validation, encryption, duplicate checks), streams, detection. */
  steps: Record<string, number>;
  ms: number;
}

/** Removes the demo city's surveillance data (before the registry demo deletes its institutions). */
export async function clearSurveillanceDemo(ctx: SurveillanceServices, cityCode: string): Promise<void> {
  // Cards reported by synthetic institutions go too: asked before the transaction, which holds the connection.
  const synthetic = await ctx.institutions.syntheticIds();
  await ctx.db.tx((q) => clearIn(q, cityCode, synthetic));
}

async function clearIn(q: Queryable, cityCode: string, syntheticInstitutions: number[]): Promise<void> {
  const like = `${cityCode}%`;
  await q.query('delete from event_history where county_code like $1', [like]);
  await q.query('delete from signals where county_code like $1', [like]);
  await q.query('delete from surveillance_events where county_code like $1', [like]);
  await q.query(
    `delete from case_report_versions where case_id in (select id from case_reports where synthetic or institution_id = any($1::int[]))`,
    [syntheticInstitutions],
  );
  await q.query(`delete from case_reports where synthetic or institution_id = any($1::int[])`, [syntheticInstitutions]);
  await q.query('delete from stream_counts where county_code like $1', [like]);
  await q.query('delete from stream_sources where county_code like $1', [like]);
  await dropKeys(q, like);
}

export async function loadSurveillanceDemo(
  ctx: SurveillanceServices,
  opts: { cityCode: string; seed?: number; now?: Date },
): Promise<SurveillanceDemoResult> {
  const started = Date.now();
  const now = opts.now ?? new Date();
  const to = addDays(chinaToday(now), -1);
  const tree = await ctx.areas.tree();
  const year = Number(to.slice(0, 4));
  const popOf = await ctx.institutions.townshipResidents(opts.cityCode);
  // Hospitals (A), township health centres (B1) and public-health institutions (C) report cards.
  const insts = await ctx.institutions.inCountiesOf(opts.cityCode, ['A', 'B1', 'C']);
  const countyHospitals: Record<string, number[]> = {};
  for (const i of insts) {
    if (!i.category.startsWith('A')) continue;
    countyHospitals[i.countyCode] ??= [];
    countyHospitals[i.countyCode]!.push(i.id);
  }
  const townships: DemoTownship[] = [];
  for (const county of tree.childrenIn(opts.cityCode, year)) {
    for (const t of tree.childrenIn(county.code, year)) {
      townships.push({
        code: t.code,
        name: t.name,
        countyCode: county.code,
        population: popOf.get(t.code) ?? 0,
        villages: tree.childrenIn(t.code, year).map((v) => v.code),
        institutionIds: insts
          .filter((i) => i.areaCode.startsWith(t.code) && !i.category.startsWith('A'))
          .map((i) => i.id),
      });
    }
  }
  const steps: Record<string, number> = {};
  let mark = Date.now();
  const step = (name: string) => {
    steps[name] = Date.now() - mark;
    mark = Date.now();
  };
  const demo = generateDemoSurveillance({ townships, countyHospitals, to, seed: opts.seed });
  step('generate');
  const admin = await ctx.users.adminPrincipal();
  const actor = { principal: admin, ip: null };
  const policy = new AccessPolicy(admin, ctx.areaScope, actor);
  const { created: cases, duplicates } = await bulkLoadCards(ctx, policy, demo.cards, {
    actor,
    now: now.toISOString(),
  });
  step('ingestCases');
  await insertStreamRows(ctx, demo.streamRows);
  step('streams');
  const run = await ctx.engine.run({ from: addDays(to, -364), to, historical: true });
  // The run covered every series the load queued: the worker need not run them again.
  await dropKeys(ctx.db, `${opts.cityCode}%`);
  step('detect');
  await respondToOldEvents(ctx, addDays(to, -14), opts.seed ?? 20201231);
  step('responses');
  for (const table of ['case_reports', 'stream_counts', 'signals', 'surveillance_events'])
    await ctx.db.exec(`vacuum analyze ${table}`);
  step('vacuum');
  const { rows: ev } = await ctx.db.query<{ n: number }>('select count(*)::int as n from surveillance_events');
  return {
    cases,
    duplicates,
    streamRows: demo.streamRows.length,
    signals: run.signals,
    events: ev[0]?.n ?? 0,
    steps,
    ms: Date.now() - started,
  };
}

/**
 * The demo's bulk path for synthetic cards. The intake's own pieces: its line checks (checkLines), its
 * institution check, its stored rows (toStored: the same encryption, digests and masks) and its duplicate
 * rule (matchDuplicates); but one transaction loading the rows with COPY (no ids returned, no 20,000-card
 * batches each inserting, looking its persons up and auditing), the in-batch duplicates resolved by client
 * report id afterwards, one audit summary and the series queued as the intake queues them.
 * demo-bulk.int.test.ts proves it stores what the intake stores. A bad card, or a card already stored,
 * fails the whole load with nothing written (the demo clears its cards first).
 */
export async function bulkLoadCards(
  ctx: SurveillanceServices,
  policy: AccessPolicy,
  raws: readonly unknown[],
  o: { actor: Actor; now: string },
): Promise<{ created: number; duplicates: number }> {
  policy.requireWrite();
  const [diseases, tree] = await Promise.all([ctx.diseases.all(), ctx.areas.tree()]);
  const opts: IngestOptions = { actor: o.actor, mode: 'bulk', synthetic: true, now: o.now, allOrNothing: true };
  const w = checkLines(0, { policy, raws, opts }, diseases, tree);
  const instById = await ctx.institutions.byIds([...new Set(w.checked.map((c) => c.card.institutionId))]);
  const within = (code: string, root: string) => tree.isWithin(code, root, chinaYear(new Date(w.now)));
  // Repeated client report ids: the first is stored, as the intake does.
  const seen = new Set<string>();
  const fresh: Prepared[] = [];
  for (const { line, card } of w.checked) {
    const inst = instById.get(card.institutionId);
    if (!inst || !mayReadInstitution(policy.principal, inst, within)) {
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
    const key = `${card.institutionId}\u0000${card.clientReportId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    fresh.push({
      line,
      card,
      stored: ctx.intake.toStored(card, diseases.get(card.diseaseCode)!.deadlineHours, tree, opts),
    });
  }
  if (w.results.length) throw invalid(w.results.flatMap((r) => r.errors ?? []));
  return ctx.db.tx(async (q) => {
    const before = await reportsOfPersons(q, [...new Set(fresh.map((x) => x.stored.personHmac))]);
    const pairs = matchDuplicates(before, fresh);
    const columns = CARD_COLUMNS.map((c) => c[1]);
    const CHUNK = 20_000;
    for (let i = 0; i < fresh.length; i += CHUNK) {
      let text = '';
      for (let j = i; j < Math.min(i + CHUNK, fresh.length); j++) {
        const s = fresh[j]!.stored;
        text += copyLine(CARD_COLUMNS.map(([k]) => s[k]));
      }
      await q.copyFrom!('case_reports', columns, text);
    }
    if (pairs.length) {
      await q.query(
        `update case_reports c set duplicate_of = f.id
           from unnest($1::int[], $2::text[], $3::int[], $4::text[]) as u(inst, cid, first_inst, first_cid)
           join case_reports f on f.institution_id = u.first_inst and f.client_report_id = u.first_cid
          where c.institution_id = u.inst and c.client_report_id = u.cid`,
        [
          pairs.map(([d]) => d.card.institutionId),
          pairs.map(([d]) => d.card.clientReportId),
          pairs.map(([, f]) => f.card.institutionId),
          pairs.map(([, f]) => f.card.clientReportId),
        ],
      );
    }
    const duplicates = fresh.filter((x) => x.stored.duplicateOf !== null).length + pairs.length;
    await auditMany(q, [
      {
        actor: o.actor,
        entry: {
          action: 'case.bulk',
          entity: 'case_report',
          after: {
            total: raws.length,
            created: fresh.length,
            existing: raws.length - fresh.length,
            rejected: 0,
            duplicates,
          },
        },
      },
    ]);
    await ctx.detection.enqueue(
      q,
      caseKeys(
        fresh.map((x) => ({
          diseaseCode: x.card.diseaseCode,
          countyCode: x.stored.countyCode,
          townshipCode: x.stored.townshipCode,
          onsetDate: x.card.onsetDate,
        })),
      ),
    );
    return { created: fresh.length, duplicates };
  });
}

async function insertStreamRows(
  ctx: SurveillanceServices,
  R: ReturnType<typeof generateDemoSurveillance>['streamRows'],
) {
  await ctx.db.tx(async (q) => {
    const CHUNK = 20_000;
    for (let i = 0; i < R.length; i += CHUNK) {
      const S = R.slice(i, i + CHUNK);
      await q.query(
        `insert into stream_counts (county_code, stream_code, source_key, township_code, date, count, denominator)
         select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::date[], $6::int[], $7::int[])`,
        [
          S.map((r) => r.countyCode),
          S.map((r) => r.stream),
          S.map((r) => r.sourceKey),
          S.map((r) => r.areaCode.slice(0, 9)),
          S.map((r) => r.date),
          S.map((r) => r.count),
          S.map((r) => r.denominator),
        ],
      );
    }
    const sources = new Map<string, (typeof R)[number]>();
    for (const r of R) sources.set(`${r.countyCode}|${r.stream}|${r.sourceKey}`, r);
    const S = [...sources.values()];
    await q.query(
      `insert into stream_sources (county_code, stream_code, source_key, institution_id, source_name, area_code, township_code,
         first_date, last_date, report_days)
       select u.county_code, u.stream_code, u.source_key, u.institution_id, u.source_name, u.area_code, u.township_code,
              min(c.date), max(c.date), count(*)
         from unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[], $6::text[], $7::text[])
              as u(county_code, stream_code, source_key, institution_id, source_name, area_code, township_code)
         join stream_counts c on c.county_code = u.county_code and c.stream_code = u.stream_code and c.source_key = u.source_key
        group by 1, 2, 3, 4, 5, 6, 7`,
      [
        S.map((r) => r.countyCode),
        S.map((r) => r.stream),
        S.map((r) => r.sourceKey),
        S.map((r) => r.institutionId),
        S.map((r) => r.sourceName),
        S.map((r) => r.areaCode),
        S.map((r) => r.areaCode.slice(0, 9)),
      ],
    );
  });
}

/**
 * Older demo events get the history a working county CDC would have left: most verified within the
 * deadline and excluded, some suspected → investigated → closed, a few confirmed as level IV events.
 */
async function respondToOldEvents(ctx: SurveillanceServices, before: string, seed: number) {
  const rnd = mulberry32(seed ^ 0xe7e7);
  const { rows } = await ctx.db.query<{ id: number; countyCode: string; createdAt: Date; riskLevel: number }>(
    `select id, county_code as "countyCode", created_at as "createdAt", risk_level as "riskLevel"
       from surveillance_events where state = 'pending' and last_date < $1::date order by id`,
    [before],
  );
  const users = (await ctx.users.withRoles(['county', 'city'])).map((u) => ({ id: u.id, scope: u.scopeAreaCode }));
  const E = {
    id: [] as number[],
    state: [] as string[],
    verified: [] as string[],
    closed: [] as (string | null)[],
    level: [] as (number | null)[],
    assignee: [] as (number | null)[],
  };
  const H = {
    county: [] as string[],
    event: [] as number[],
    at: [] as string[],
    from: [] as string[],
    to: [] as string[],
    note: [] as string[],
  };
  for (const e of rows) {
    const t0 = new Date(e.createdAt).getTime();
    const deadlineH = e.riskLevel >= 4 ? 2 : 24;
    const hours = rnd() < 0.93 ? rnd() * deadlineH * 0.9 : deadlineH * (1 + rnd());
    const verified = new Date(t0 + hours * 3_600_000).toISOString();
    const u = rnd();
    const path: [string, string, string][] =
      u < 0.8
        ? [
            ['pending', 'verifying', '开始核实'],
            ['verifying', 'excluded', '核实为散发病例，排除'],
          ]
        : u < 0.95
          ? [
              ['pending', 'verifying', '开始核实'],
              ['verifying', 'suspected', '疑似聚集'],
              ['suspected', 'investigating', '开展现场调查'],
              ['investigating', 'closed', '调查后未发现续发病例，结案'],
            ]
          : [
              ['pending', 'verifying', '开始核实'],
              ['verifying', 'suspected', '疑似聚集'],
              ['suspected', 'investigating', '开展现场调查'],
              ['investigating', 'confirmed', '确认为一般突发公共卫生事件'],
              ['confirmed', 'closed', '处置完毕，结案'],
            ];
    const final = path[path.length - 1]![1];
    let at = t0 + hours * 0.3 * 3_600_000;
    for (const [from, to, note] of path) {
      const when = to === 'excluded' || to === 'suspected' ? verified : new Date(at).toISOString();
      H.county.push(e.countyCode);
      H.event.push(e.id);
      H.at.push(when);
      H.from.push(from);
      H.to.push(to);
      H.note.push(note);
      at = Math.max(at, Date.parse(when)) + (6 + rnd() * 48) * 3_600_000;
    }
    E.id.push(e.id);
    E.state.push(final);
    E.verified.push(verified);
    E.closed.push(new Date(at).toISOString());
    E.level.push(final === 'closed' && path.some((p) => p[1] === 'confirmed') ? 4 : null);
    E.assignee.push(users.find((x) => x.scope && e.countyCode.startsWith(x.scope) && x.scope.length === 6)?.id ?? null);
  }
  if (!rows.length) return;
  await ctx.db.tx(async (q) => {
    await q.query(
      `update surveillance_events x set state = u.state, verified_at = u.verified, closed_at = u.closed,
              emergency_level = u.level, assignee_id = u.assignee, updated_at = u.closed, version = version + 1
         from unnest($1::int8[], $2::text[], $3::timestamptz[], $4::timestamptz[], $5::smallint[], $6::int[])
              as u(id, state, verified, closed, level, assignee)
        where x.id = u.id`,
      [E.id, E.state, E.verified, E.closed, E.level, E.assignee],
    );
    await q.query(
      `insert into event_history (county_code, event_id, at, username, action, from_state, to_state, note)
       select c, e, a, '演示用户', 'transition', f, t, n
         from unnest($1::text[], $2::int8[], $3::timestamptz[], $4::text[], $5::text[], $6::text[]) as u(c, e, a, f, t, n)`,
      [H.county, H.event, H.at, H.from, H.to, H.note],
    );
  });
}
