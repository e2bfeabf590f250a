// The care part of the demo city (issue 15 §9): full records (core's generateCareDemo, calibrated to published
// rates) for the smallest whole county of the city — every resident the registry counts in its townships —
// with family-doctor teams at its township health centres and village clinics; the other counties keep the
// values reported per area (the plan falls back to them where care has no records).
//
// WEIJIAN_CARE_DEMO=none loads no care records (to measure the rest), =city gives every county full records instead (benchmarks: at --scale 1 the city's
// 6.25 M residents; meant for PostgreSQL). Records stream from the generator in chunks of whole villages,
// each written with COPY (bulk-repo.ts) in its own transaction, so memory stays bounded whatever the scale.
// In demo mode a village doctor (institution user of a 村卫生室 of the full county, member and lead of its
// team, the doctor of its patients) and a resident user are added.

import { performance } from 'node:perf_hooks';
import { type CareDemoChunk, type CareDemoVillage, generateCareDemo } from '@weijian/core/care';
import { rngFor } from '@weijian/core/platform';
import { DEMO_ADMIN_PASSWORD } from '../platform/config.ts';
import type { Queryable } from '../platform/db.ts';
import type { DemoSeedOptions } from '../platform/module.ts';
import {
  analyzeCareTables,
  type BulkTeam,
  insertChecks,
  insertConditions,
  insertContracts,
  insertEnrolments,
  insertFollowups,
  insertResidents,
  insertTeams,
} from './bulk-repo.ts';
import type { CareServices } from './services.ts';

/** The year the demo's records are calibrated for: the registry demo's last year of population. */
export const CARE_DEMO_YEAR = 2025;
export const VILLAGE_DOCTOR = 'village-doctor';
export const DEMO_RESIDENT = 'resident';

/** Care tables in delete order (rows pointing at others first). */
const TABLES = [
  'care_record_openings',
  'care_followups',
  'care_checks',
  'care_contracts',
  'care_enrolments',
  'care_conditions',
  'care_team_members',
  'care_teams',
  'care_packages',
  'care_residents',
];

export async function clearCareDemo(s: CareServices, o: DemoSeedOptions): Promise<void> {
  await s.db.tx(async (q) => {
    // The demo resident user points at a demo record: it goes with it (created again with the new record).
    await s.users.removeUsers([DEMO_RESIDENT], 'resident', q);
    for (const t of TABLES) await q.query(`delete from ${t} where county_code like $1`, [`${o.city}%`]);
  });
}

interface CountyPlan {
  county: string;
  villages: CareDemoVillage[];
  /** Team per village: its clinic's team, else its township centre's. */
  teams: (BulkTeam & { villages: string[] })[];
  /** The institution keeping the records of each village. */
  keeper: Map<string, number>;
  residents: number;
}

/** `total` split in proportion to `weights` in whole numbers (largest remainders), summing to `total`. */
function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (sum > 0 ? (total * w) / sum : 0));
  const out = exact.map(Math.floor);
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = exact.map((e, n) => [e - Math.floor(e), n] as const).sort((a, b) => b[0] - a[0]);
  for (let k = 0; left > 0 && order.length > 0; k = (k + 1) % order.length, left--) out[order[k]![1]]!++;
  return out;
}

/** The counties with full records: the smallest by 常住人口 in CARE_DEMO_YEAR, or all with WEIJIAN_CARE_DEMO=city. */
async function fullCounties(s: CareServices, o: DemoSeedOptions): Promise<string[]> {
  const totals = new Map<string, number>();
  for (const t of await s.institutions.townshipPopulation(o.city, CARE_DEMO_YEAR))
    totals.set(t.countyCode, (totals.get(t.countyCode) ?? 0) + (t.resident ?? 0));
  const counties = [...totals].sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0])).map(([c]) => c);
  const mode = s.config.careDemo;
  if (counties.length === 0 || mode === 'none') return [];
  return mode === 'city' ? counties : [counties[0]!];
}

async function planCounty(s: CareServices, o: DemoSeedOptions, county: string): Promise<CountyPlan> {
  const tree = await s.areas.tree();
  const pop = (await s.institutions.townshipPopulation(county, CARE_DEMO_YEAR)).map((t) => ({
    code: t.code,
    resident: t.resident,
    a0: t.age0To2,
    a3: t.age3To6,
    a7: t.age7To14,
    a15: t.age15To59,
    a60: t.age60To64,
    a65: t.age65Plus,
    male: t.male,
  }));
  const insts = (await s.institutions.openDemoIn(county, ['C2', 'B1', 'D6']))
    .filter((i) => i.category.startsWith('C2') || i.category.startsWith('B1') || i.category === 'D6')
    .map((i) => ({ id: i.id, name: i.name, category: i.category, area: i.areaCode }));
  const villages: CareDemoVillage[] = [];
  const teams: CountyPlan['teams'] = [];
  const keeper = new Map<string, number>();
  let residents = 0;
  for (const p of pop) {
    const township = String(p.code);
    const kids = tree.childrenIn(township, CARE_DEMO_YEAR).map((v) => v.code);
    const codes = kids.length ? kids : [`${township}000`];
    const rng = rngFor(o.seed, `care-demo:${township}`);
    const weights = codes.map(() => rng.range(0.5, 1.5));
    const bands = [p.a0, p.a3, p.a7, p.a15, p.a60, p.a65].map((v) => apportion(v ?? 0, weights));
    const maleShare = Number(p.resident) > 0 ? Number(p.male ?? 0) / Number(p.resident) : 0.51;
    codes.forEach((code, n) => {
      villages.push({ code, bands: bands.map((b) => b[n]!), maleShare: maleShare || 0.51 });
    });
    residents += Number(p.resident ?? 0);
    const centre = insts.find(
      (i) => (i.category.startsWith('C2') || i.category.startsWith('B1')) && i.area.startsWith(township),
    );
    const served: string[] = [];
    for (const code of codes) {
      const clinic = insts.find((i) => i.category === 'D6' && i.area === code);
      if (clinic) {
        teams.push({
          county,
          code: `V${code}`,
          institutionId: clinic.id,
          name: `${clinic.name}家庭医生团队`,
          leadName: '乡村医生',
          members: [{ name: '乡村医生', duty: 'village-doctor' }],
          villages: [code],
        });
        keeper.set(code, clinic.id);
      } else {
        served.push(code);
        if (centre) keeper.set(code, centre.id);
      }
    }
    if (centre)
      teams.push({
        county,
        code: `T${township}`,
        institutionId: centre.id,
        name: `${centre.name}家庭医生团队`,
        leadName: '全科医生',
        members: [
          { name: '全科医生', duty: 'doctor' },
          { name: '护士', duty: 'nurse' },
          { name: '公卫医生', duty: 'public-health' },
        ],
        villages: served,
      });
  }
  return { county, villages, teams, keeper, residents };
}

export async function loadCareDemo(s: CareServices, o: DemoSeedOptions): Promise<Record<string, unknown>> {
  const counties = await fullCounties(s, o);
  const totals = {
    counties,
    residents: 0,
    enrolments: 0,
    followups: 0,
    checks: 0,
    contracts: 0,
    teams: 0,
    /** Time generating the records and writing them (the demo start's share of each). */
    generateMs: 0,
    writeMs: 0,
  };
  let doctor: { userId: number; village: string; institutionId: number } | null = null;
  for (const county of counties) {
    const plan = await planCounty(s, o, county);
    if (plan.teams.length === 0) continue;
    const teamIds = await s.db.tx((q) => insertTeams(q, plan.teams));
    totals.teams += teamIds.length;
    const teamId = new Map(plan.teams.map((t, n) => [t.code, teamIds[n]!]));
    if (doctor === null && s.config.mode === 'demo') doctor = await villageDoctor(s, plan, teamId);
    const chunks = generateCareDemo({
      seed: o.seed,
      year: CARE_DEMO_YEAR,
      fromYear: CARE_DEMO_YEAR - 1,
      villages: plan.villages,
      teams: plan.teams.map((t) => ({ code: t.code, villages: t.villages })),
    });
    for (let t = performance.now(), next = chunks.next(); !next.done; next = chunks.next()) {
      const chunk = next.value;
      const written = performance.now();
      totals.generateMs += written - t;
      await s.db.tx((q) => writeChunk(q, s, county, chunk, plan, teamId, doctor));
      t = performance.now();
      totals.writeMs += t - written;
      totals.residents += chunk.residents.length;
      totals.enrolments += chunk.enrolments.length;
      totals.followups += chunk.followups.length;
      totals.checks += chunk.checks.length;
      totals.contracts += chunk.contracts.length;
    }
  }
  const analyzed = performance.now();
  if (counties.length) await analyzeCareTables(s.db);
  totals.writeMs += performance.now() - analyzed;
  totals.generateMs = Math.round(totals.generateMs);
  totals.writeMs = Math.round(totals.writeMs);
  if (doctor) await demoResident(s, doctor.village);
  return totals;
}

async function writeChunk(
  q: Queryable,
  s: CareServices,
  county: string,
  c: CareDemoChunk,
  plan: CountyPlan,
  teamId: ReadonlyMap<string, number>,
  doctor: { userId: number; village: string; institutionId: number } | null,
): Promise<void> {
  const ids = await insertResidents(
    q,
    s.protector,
    c.residents.map((r) => ({
      county,
      externalId: r.id,
      name: r.name,
      sex: r.sex,
      birthDate: r.birthDate,
      areaCode: r.area,
      idNumber: r.idNumber,
      phone: r.phone,
      established: r.established,
      keeperInstitutionId: r.established ? (plan.keeper.get(r.area) ?? null) : null,
      deathDate: r.deathDate,
      movedOut: r.movedOut,
      disabled: r.disabled ?? false,
      poor: r.poor ?? false,
    })),
  );
  const id = new Map(c.residents.map((r, n) => [r.id, ids[n]!]));
  const area = new Map(c.residents.map((r) => [r.id, r.area]));
  // The demo doctor's village: its patients are theirs (their work list), the rest the keeper's.
  const who = (resident: string) => {
    const a = area.get(resident)!;
    const mine = doctor !== null && a === doctor.village;
    return { institutionId: plan.keeper.get(a) ?? null, doctorUserId: mine ? doctor!.userId : null };
  };
  await insertConditions(
    q,
    c.conditions.map((x) => ({
      county,
      residentId: id.get(x.resident)!,
      icd10: x.icd10,
      name: x.name,
      diagnosed: x.diagnosed,
    })),
  );
  await insertEnrolments(
    q,
    c.enrolments.map((e) => ({
      county,
      residentId: id.get(e.resident)!,
      program: e.program,
      start: e.start,
      end: e.end,
      lmp: e.lmp ?? null,
      delivery: e.delivery ?? null,
      ...who(e.resident),
    })),
  );
  await insertFollowups(
    q,
    c.followups.map((f) => ({ county, residentId: id.get(f.resident)!, ...f, ...who(f.resident) })),
  );
  await insertChecks(
    q,
    c.checks.map((x) => ({
      county,
      residentId: id.get(x.resident)!,
      type: x.type,
      date: x.date,
      complete: x.complete,
      ...who(x.resident),
    })),
  );
  await insertContracts(
    q,
    c.contracts.flatMap((x) => {
      const team = teamId.get(x.team);
      return team === undefined
        ? []
        : [{ county, residentId: id.get(x.resident)!, teamId: team, start: x.start, end: x.end }];
    }),
  );
}

/** The demo's village doctor: an institution user of a 村卫生室, lead and member of its team. */
async function villageDoctor(
  s: CareServices,
  plan: CountyPlan,
  teamId: ReadonlyMap<string, number>,
): Promise<{ userId: number; village: string; institutionId: number } | null> {
  // The clinic of the most populous village with one, so the work list is a full one.
  let best: (typeof plan.teams)[number] | null = null;
  let size = -1;
  for (const t of plan.teams) {
    if (!t.code.startsWith('V')) continue;
    const v = plan.villages.find((x) => x.code === t.villages[0]);
    const n = v ? v.bands.reduce((a, b) => a + b, 0) : 0;
    if (n > size) {
      best = t;
      size = n;
    }
  }
  if (!best) return null;
  await s.users.ensureDemoUsers(
    [
      {
        username: VILLAGE_DOCTOR,
        displayName: '乡村医生',
        role: 'institution',
        scopeInstitutionId: best.institutionId,
      },
    ],
    s.config.adminPassword ?? DEMO_ADMIN_PASSWORD,
  );
  const user = await s.users.byUsername(VILLAGE_DOCTOR);
  if (!user) return null;
  const team = teamId.get(best.code)!;
  await s.db.query('update care_teams set lead_user_id = $1 where county_code = $2 and id = $3', [
    user.id,
    plan.county,
    team,
  ]);
  await s.db.query('update care_team_members set user_id = $1 where county_code = $2 and team_id = $3 and seq = 1', [
    user.id,
    plan.county,
    team,
  ]);
  return { userId: user.id, village: best.villages[0]!, institutionId: best.institutionId };
}

/** A resident user for the resident's own view: an adult of the doctor's village with a managed programme. */
async function demoResident(s: CareServices, village: string): Promise<void> {
  const { rows } = await s.db.query<{ county: string; id: number }>(
    `select r.county_code as county, r.id::float8 as id from care_residents r
      where r.area_code = $1 and r.death_date is null and r.moved_out is null and r.established is not null
        and exists (select 1 from care_enrolments e where e.county_code = r.county_code and e.resident_id = r.id)
      order by r.id limit 1`,
    [village],
  );
  const r = rows[0];
  if (!r) return;
  await s.users.ensureDemoUsers(
    [
      {
        username: DEMO_RESIDENT,
        displayName: '居民',
        role: 'resident',
        residentCountyCode: r.county,
        residentId: r.id,
      },
    ],
    s.config.adminPassword ?? DEMO_ADMIN_PASSWORD,
  );
}
