// Work lists (issue 15 §5): the due and overdue follow-ups and checks of a doctor, team, institution or township.
// worklist-repo.ts reads in one statement what the schedules need of each resident (the latest follow-up of
// each open enrolment with its stored next_due, the latest checks); core's schedules turn that into one item per
// follow-up or check due (programmeDue, maternalDue, childCheckDue, elderlyCheckDue), so the list and the
// indicators never disagree on the rules. A list is bounded by its source (a doctor's ~1,000 patients, a
// township's few thousand items), so filtering, sorting and keyset paging happen on the computed items.
import {
  addDays,
  addYears,
  ageAt,
  type CheckType,
  type Classification,
  childCheckDue,
  type DueFollowup,
  daysBetween,
  ELDERLY_AGE,
  elderlyCheckDue,
  type FollowupMode,
  maternalDue,
  maxDate,
  type Program,
  programmeDue,
  quarterStart,
} from '@weijian/core/care';
import { chinaToday } from '@weijian/core/platform';
import type { AccessPolicy } from '../platform/access-policy.ts';
import { forbidden, invalid, notFound } from '../platform/errors.ts';
import { type Count, decodeCursor, encodeCursor, type Keyset } from '../platform/keyset.ts';
import type { CareBase } from './base.ts';
import type { TeamsService } from './teams-service.ts';
import { type WorklistResidentFacts, type WorklistSource, worklistFacts } from './worklist-repo.ts';

export const WORKLIST_STATUSES = ['due', 'overdue', 'all'] as const;
export type WorklistStatus = (typeof WORKLIST_STATUSES)[number];
export const WORKLIST_SORTS = ['due', 'name', 'village'] as const;
export type WorklistSort = (typeof WORKLIST_SORTS)[number];
/** `program` filter values: the programmes and the older people's yearly check. */
export const WORKLIST_PROGRAMS = ['hypertension', 'diabetes', 'smd', 'tb', 'maternal', 'child', 'elderly'] as const;
export type WorklistProgram = (typeof WORKLIST_PROGRAMS)[number];

/** "Due" = due within this many days from today, or overdue: what a doctor plans the next two weeks with. */
export const DUE_WINDOW_DAYS = 14;
/** An export holds at most this many rows (a township's list, not a county's). */
export const EXPORT_MAX_ROWS = 20_000;

export interface WorklistQuery {
  doctor?: number;
  team?: number;
  institution?: number;
  township?: string;
  program?: WorklistProgram;
  status?: WorklistStatus;
  sort?: WorklistSort;
  desc?: boolean;
  cursor?: string;
  limit?: number;
}

export interface WorklistItem {
  residentId: number;
  name: string;
  sex: string;
  age: number;
  areaCode: string;
  villageName: string | null;
  idMasked: string | null;
  phoneMasked: string | null;
  kind: 'followup' | 'check';
  program: Program | null;
  checkType: CheckType | null;
  lastDate: string | null;
  dueDate: string;
  overdueDays: number;
  urgent: boolean;
  doctorUserId: number | null;
}

type Keyed = WorklistItem & { key: string };

const KEYSETS: Record<WorklistSort, Keyset> = {
  due: {
    name: 'care-worklist-due',
    terms: [
      { expr: 'due', type: 'date' },
      { expr: 'name', type: 'text' },
      { expr: 'id', type: 'bigint' },
      { expr: 'key', type: 'text' },
    ],
  },
  name: {
    name: 'care-worklist-name',
    terms: [
      { expr: 'name', type: 'text' },
      { expr: 'id', type: 'bigint' },
      { expr: 'key', type: 'text' },
    ],
  },
  village: {
    name: 'care-worklist-village',
    terms: [
      { expr: 'area', type: 'text' },
      { expr: 'name', type: 'text' },
      { expr: 'id', type: 'bigint' },
      { expr: 'key', type: 'text' },
    ],
  },
};

const sortValues = (sort: WorklistSort, i: Keyed): string[] =>
  sort === 'due'
    ? [i.dueDate, i.name, String(i.residentId), i.key]
    : sort === 'name'
      ? [i.name, String(i.residentId), i.key]
      : [i.areaCode, i.name, String(i.residentId), i.key];

/** Compares sort keys term by term; ids numerically, everything else by code unit (as the cursor carries them). */
function compareKeys(sort: WorklistSort, a: string[], b: string[]): number {
  const terms = KEYSETS[sort].terms;
  for (let k = 0; k < terms.length; k++) {
    const x = a[k]!;
    const y = b[k]!;
    const c = terms[k]!.type === 'bigint' ? Number(x) - Number(y) : x < y ? -1 : x > y ? 1 : 0;
    if (c !== 0) return c;
  }
  return 0;
}

export class WorklistService {
  constructor(
    readonly base: CareBase,
    private readonly teams: TeamsService,
    private readonly today: () => string = () => chinaToday(),
  ) {}

  /** One page of the list, with the counts of due and overdue items over the whole filtered list. */
  async page(policy: AccessPolicy, q: WorklistQuery) {
    const sort = q.sort ?? 'due';
    const keyset = KEYSETS[sort];
    const limit = q.limit ?? 50;
    const from = q.cursor ? decodeCursor(keyset, q.cursor) : null;
    const { asOf, items } = await this.items(policy, q);
    const dir = q.desc ? -1 : 1;
    const keyed = items.map((i) => ({ i, k: sortValues(sort, i) }));
    keyed.sort((a, b) => dir * compareKeys(sort, a.k, b.k));
    const start = from ? keyed.findIndex((x) => dir * compareKeys(sort, x.k, from.values) > 0) : 0;
    const rest = start < 0 ? [] : keyed.slice(start);
    const page = rest.slice(0, limit);
    const count: Count = { total: items.length, totalExact: true };
    const last = page.at(-1);
    const nextCursor = rest.length > limit && last ? encodeCursor(keyset, last.k, count) : null;
    return {
      asOf,
      ...count,
      due: items.filter((i) => i.overdueDays <= 0).length,
      overdue: items.filter((i) => i.overdueDays > 0).length,
      nextCursor,
      items: page.map(({ i }) => strip(i)),
    };
  }

  /** Every item of the filtered list in the asked order (the XLSX export); at most EXPORT_MAX_ROWS. */
  async all(policy: AccessPolicy, q: WorklistQuery): Promise<{ asOf: string; items: WorklistItem[] }> {
    const sort = q.sort ?? 'due';
    const { asOf, items } = await this.items(policy, q);
    const dir = q.desc ? -1 : 1;
    const sorted = items
      .map((i) => ({ i, k: sortValues(sort, i) }))
      .sort((a, b) => dir * compareKeys(sort, a.k, b.k))
      .map(({ i }) => strip(i));
    if (sorted.length > EXPORT_MAX_ROWS) {
      throw invalid([
        {
          path: 'township',
          message: {
            zh: `清单超过 ${EXPORT_MAX_ROWS} 行，请按医生、团队或项目缩小范围后导出`,
            en: `The list exceeds ${EXPORT_MAX_ROWS} rows: narrow it by doctor, team or programme to export`,
          },
        },
      ]);
    }
    return { asOf, items: sorted };
  }

  private async items(policy: AccessPolicy, q: WorklistQuery): Promise<{ asOf: string; items: Keyed[] }> {
    const today = this.today();
    const { source, areaPrefix } = await this.resolve(policy, q);
    const year = Number(today.slice(0, 4));
    const facts = await worklistFacts(this.base.db, source, {
      today,
      quarterStart: quarterStart(today),
      areaPrefix,
      elderlyBorn: `${year - ELDERLY_AGE}-12-31`,
      childBorn: addYears(today, -7),
    });
    const tree = await this.base.areas.tree();
    const status = q.status ?? 'due';
    const horizon = addDays(today, DUE_WINDOW_DAYS);
    const out: Keyed[] = [];
    for (const r of facts) {
      const village = tree.get(r.areaCode)?.name ?? null;
      for (const item of itemsOf(r, today)) {
        if (
          q.program &&
          item.program !== q.program &&
          !(q.program === 'elderly' && item.checkType === 'elderly-annual')
        )
          continue;
        if (status === 'overdue' && item.dueDate >= today) continue;
        if (status === 'due' && item.dueDate > horizon) continue;
        out.push({ ...item, villageName: village });
      }
    }
    return { asOf: today, items: out };
  }

  /** The list's source and area bound by the caller's scope: out-of-scope teams and institutions answer 404. */
  private async resolve(
    policy: AccessPolicy,
    q: WorklistQuery,
  ): Promise<{ source: WorklistSource; areaPrefix: string | null }> {
    if (!policy.isAdmin) policy.requireRight('readInstitution');
    const isInstitution = policy.role === 'institution';
    let areaPrefix: string | null = policy.isAdmin || isInstitution ? null : policy.scopeAreaCode;
    if (!policy.isAdmin && !isInstitution && !areaPrefix) policy.require(false);
    if (q.township) {
      if (isInstitution) {
        throw forbidden({
          zh: '机构用户按医生、团队或本机构查看工作清单',
          en: 'Institution users list by doctor, team or their own institution',
        });
      }
      if (!policy.isAdmin) await policy.requireReadArea(q.township);
      areaPrefix = q.township;
    }
    if (q.doctor !== undefined) {
      if (isInstitution && q.doctor !== policy.principal.userId) {
        const user = await this.base.users.byId(q.doctor);
        if (!user || user.scopeInstitutionId !== policy.scopeInstitutionId) {
          throw forbidden({ zh: '只能查看本机构医生的工作清单', en: "Only your institution's doctors' work lists" });
        }
      }
      return { source: { kind: 'doctor', userId: q.doctor }, areaPrefix };
    }
    if (q.team !== undefined) {
      const team = await this.teams.readable(policy, q.team);
      return { source: { kind: 'team', teamId: team.id, countyCode: team.countyCode }, areaPrefix };
    }
    if (q.institution !== undefined) {
      const what = { zh: `机构 ${q.institution} `, en: `Institution ${q.institution}` };
      const inst = (await this.base.institutions.byIds([q.institution])).get(q.institution);
      await policy.requireReadInstitution(inst, what);
      return { source: { kind: 'institution', institutionId: inst!.id, countyCode: inst!.countyCode }, areaPrefix };
    }
    if (q.township) {
      if (q.township.length !== 9) {
        throw invalid([
          { path: 'township', message: { zh: '乡镇（街道）代码为 9 位', en: 'A township code has 9 digits' } },
        ]);
      }
      if (!(await this.base.areas.tree()).get(q.township)) {
        throw notFound({ zh: `乡镇 ${q.township} `, en: `Township ${q.township}` });
      }
      return { source: { kind: 'township', code: q.township, countyCode: q.township.slice(0, 6) }, areaPrefix };
    }
    return { source: { kind: 'doctor', userId: policy.principal.userId }, areaPrefix };
  }
}

function strip(i: Keyed): WorklistItem {
  const { key: _key, ...rest } = i;
  return rest;
}

const CHECK_OF_VISIT = (key: string): CheckType =>
  key.startsWith('prenatal') ? 'prenatal' : key === 'postpartum-42' ? 'postpartum-42' : 'postpartum';

/** The follow-ups and checks a resident is due for (or will be), by core's schedules, as of `today`. */
export function itemsOf(r: WorklistResidentFacts, today: string): Omit<Keyed, 'villageName'>[] {
  const age = ageAt(r.birthDate, today);
  const base = {
    residentId: Number(r.id),
    name: r.name,
    sex: r.sex,
    age,
    areaCode: r.areaCode,
    idMasked: r.idMasked,
    phoneMasked: r.phoneMasked,
  };
  const out: Omit<Keyed, 'villageName'>[] = [];
  const push = (x: {
    kind: 'followup' | 'check';
    program: Program | null;
    checkType: CheckType | null;
    lastDate: string | null;
    dueDate: string;
    urgent: boolean;
    doctorUserId: number | null;
  }) =>
    out.push({
      ...base,
      ...x,
      overdueDays: Math.max(0, daysBetween(x.dueDate, today)),
      key: `${x.kind}:${x.program ?? ''}:${x.checkType ?? ''}`,
    });
  let childEnrolled = false;
  for (const e of r.enrolments ?? []) {
    const program = e.program as Program;
    if (program === 'child') {
      childEnrolled = true;
      continue;
    }
    if (program === 'maternal') {
      const checks = e.mchecks ?? [];
      const due = maternalDue({
        lmp: e.lmp ?? e.start,
        delivery: e.delivery,
        prenatalChecks: checks.filter((c) => c.type === 'prenatal').length,
        postpartumDone: checks.some((c) => c.type === 'postpartum'),
        postpartum42Done: checks.some((c) => c.type === 'postpartum-42'),
        asOf: today,
      });
      if (due) {
        const last =
          checks
            .map((c) => c.date)
            .sort()
            .at(-1) ?? null;
        push({
          kind: 'check',
          program: 'maternal',
          checkType: CHECK_OF_VISIT(due.key),
          lastDate: last,
          dueDate: due.due,
          urgent: false,
          doctorUserId: e.doctor,
        });
      }
      continue;
    }
    const followups: DueFollowup[] = [];
    if (e.lastDate) {
      followups.push({
        date: e.lastDate,
        mode: e.lastMode as FollowupMode,
        classification: e.lastClass as Classification | null,
        nextDue: e.lastNextDue,
      });
      // A face-to-face visit this quarter that was not the latest one: what programmeDue needs to know of it.
      if (e.f2f && e.lastMode === 'phone') {
        const qs = quarterStart(today);
        followups.push({ date: maxDate(e.start, qs), mode: 'clinic', classification: null });
      }
    }
    const due = programmeDue({ program, enrolmentStart: e.start, followups, asOf: today });
    push({
      kind: 'followup',
      program,
      checkType: null,
      lastDate: e.lastDate,
      dueDate: due.due,
      urgent: !!e.urgent,
      doctorUserId: e.doctor,
    });
  }
  if (age < 7 || childEnrolled) {
    const due = childCheckDue(r.birthDate, today, r.lastChild);
    if (due) {
      push({
        kind: 'check',
        program: 'child',
        checkType: 'child',
        lastDate: r.lastChild,
        dueDate: due.due,
        urgent: false,
        doctorUserId: null,
      });
    }
  }
  const elderly = elderlyCheckDue(r.birthDate, r.lastElderly, today);
  if (elderly) {
    push({
      kind: 'check',
      program: null,
      checkType: 'elderly-annual',
      lastDate: r.lastElderly,
      dueDate: elderly.due,
      urgent: false,
      doctorUserId: null,
    });
  }
  return out;
}
