// Checking every row of an import against the database and the caller's scope, producing the plan of
// what to write. Nothing here writes: a dry run and a real import share this code.
import { mayReadInstitution, mayWriteArea, mayWriteInstitution, type Principal } from '@weijian/core/identity';
import type { AreaTree, InstitutionInput, PopulationValues, ResourceValues } from '@weijian/core/registry';
import {
  type ColumnSpec,
  type ExchangeKind,
  institutionFromRow,
  type MappedRow,
  mapRow,
  matchHeaders,
  populationFromRow,
  resourcesFromRow,
} from '@weijian/core/registry/exchange';
import type { AccessPolicy } from '../platform/access-policy.ts';
import type { Queryable } from '../platform/db.ts';
import type { Sheet } from '../platform/file-decoding.ts';
import { type AreaRecord, currentYear, normaliseAreaCode } from './areas-service.ts';
import type { Problems } from './exchange-problems.ts';
import {
  type InstitutionRef,
  institutionRefs,
  institutionsByIds,
  storedPopulationKeys,
  storedResourceKeys,
  usccHolders,
} from './exchange-repo.ts';
import type { InstitutionRow } from './institutions-repo.ts';
import { checkPopulationImport } from './population-checks.ts';

export interface InstitutionWrite {
  row: number;
  id: number | null;
  countyCode: string;
  input: InstitutionInput;
}
export interface ResourceWrite {
  row: number;
  institutionId: number;
  countyCode: string;
  year: number;
  values: ResourceValues;
}
export interface PopulationWrite {
  row: number;
  areaCode: string;
  countyCode: string;
  year: number;
  values: PopulationValues;
}

export type Plan =
  | { kind: 'institutions'; rows: InstitutionWrite[]; inserted: number; updated: number }
  | { kind: 'resources'; rows: ResourceWrite[]; inserted: number; updated: number }
  | { kind: 'population'; rows: PopulationWrite[]; inserted: number; updated: number };

interface Mapped {
  row: number;
  mapped: MappedRow;
}

type Within = (code: string, root: string) => boolean;

/**
 * Subtree membership as AreasService.withinFn answers it, but from a tree loaded beforehand: the checks
 * run inside the import transaction, where PGlite's single connection cannot serve another query.
 */
function withinOf(tree: AreaTree, year = currentYear()): Within {
  return (code, root) => tree.isWithin(code, root, year) || tree.isWithin(code, root, currentYear());
}

/** Who may import what: read-only users nothing, institution users only their institution's resources. */
export function requireMayImport(policy: AccessPolicy, kind: ExchangeKind) {
  policy.requireWrite({ zh: '只读用户不能导入数据', en: 'Read-only users cannot import' });
  policy.require(policy.role !== 'institution' || kind === 'resources', {
    zh: '机构用户只能导入本机构的年度资源数据',
    en: 'Institution users can import only their own yearly resources',
  });
}

/** Matches the header row and parses every row; header problems stop here (rows cannot be read without them). */
export function mapSheet(kind: ExchangeKind, sheet: Sheet, problems: Problems): Mapped[] | null {
  const hasData = (i: number) =>
    sheet.rows.some((r) => {
      const c = r.cells[i];
      return c !== null && c !== undefined && String(c).trim() !== '';
    });
  const { columns, issues } = matchHeaders(kind, sheet.headers, hasData);
  for (const i of issues) problems.addHeader(sheet.headerRow, i.index, i.header, i.message);
  if (issues.length) return null;
  problems.useHeaders(
    sheet.headers,
    columns.map((c: ColumnSpec | null) => c?.key ?? null),
  );
  if (!sheet.rows.length) {
    problems.addHeader(sheet.headerRow, -1, '', { zh: '文件中没有数据行', en: 'The file has no data rows' });
    return null;
  }
  return sheet.rows.map((r) => ({ row: r.row, mapped: mapRow(columns, r.cells) }));
}

const countyOf = (area: AreaRecord) => area.countyCode ?? (area.level === 3 ? area.code : area.code.slice(0, 6));

/** Checks the rows; `tree` is loaded by the caller before any transaction begins. */
export async function checkRows(
  tree: AreaTree,
  q: Queryable,
  p: Principal,
  kind: ExchangeKind,
  rows: Mapped[],
  problems: Problems,
): Promise<Plan> {
  if (kind === 'institutions') return checkInstitutions(tree, q, p, rows, problems);
  if (kind === 'resources') return checkResources(tree, q, p, rows, problems);
  return checkPopulation(tree, q, p, rows, problems);
}

async function checkInstitutions(
  tree: AreaTree,
  q: Queryable,
  p: Principal,
  rows: Mapped[],
  problems: Problems,
): Promise<Plan> {
  const within = withinOf(tree);
  const ids = [...new Set(rows.map((r) => r.mapped.values.id).filter((v): v is number => typeof v === 'number'))];
  const existing = new Map<number, InstitutionRow>();
  for (const f of await institutionsByIds(q, ids)) existing.set(f.id, f);
  const out: InstitutionWrite[] = [];
  const seenIds = new Map<number, number>();
  const seenUscc = new Map<string, number>();
  for (const { row, mapped } of rows) {
    const id = typeof mapped.values.id === 'number' ? mapped.values.id : null;
    let before: InstitutionRow | null = null;
    if (id !== null) {
      const inst = existing.get(id);
      if (!inst || !mayReadInstitution(p, inst, within)) {
        problems.add(row, 'id', {
          zh: `机构ID ${id} 不存在或不在您的管辖范围内`,
          en: `Institution ${id} does not exist or is outside your scope`,
        });
        continue;
      }
      if (!mayWriteInstitution(p, inst, within)) {
        problems.add(row, 'id', {
          zh: `无权修改机构 #${id}（${inst.name}）`,
          en: `You may not edit institution #${id}`,
        });
        continue;
      }
      const dup = seenIds.get(id);
      if (dup !== undefined)
        problems.add(row, 'id', {
          zh: `机构ID ${id} 与第 ${dup} 行重复`,
          en: `Institution ID ${id} repeats row ${dup}`,
        });
      else seenIds.set(id, row);
      before = inst;
    }
    const { record, issues } = institutionFromRow(mapped, before);
    for (const i of issues) problems.add(row, i.key, i.message);
    const input = record.input;
    let countyCode = '';
    if (input.areaCode && !issues.some((i) => i.key === 'areaCode')) {
      input.areaCode = normaliseAreaCode(input.areaCode);
      const area = tree.get(input.areaCode) as AreaRecord | undefined;
      if (!area || area.level < 3) {
        problems.add(row, 'areaCode', {
          zh: `所在区划 ${input.areaCode} 不存在或不是县级及以下区划`,
          en: `Area ${input.areaCode} does not exist or is above county level`,
        });
      } else if ((!before || before.areaCode !== input.areaCode) && !mayWriteArea(p, input.areaCode, within)) {
        problems.add(row, 'areaCode', {
          zh: `区划 ${input.areaCode}（${area.name}）不在您的管辖范围内`,
          en: `Area ${input.areaCode} (${area.name}) is outside your scope`,
        });
      } else {
        countyCode = countyOf(area);
      }
    }
    if (input.uscc) {
      const dup = seenUscc.get(input.uscc);
      if (dup !== undefined)
        problems.add(row, 'uscc', {
          zh: `统一社会信用代码 ${input.uscc} 与第 ${dup} 行重复`,
          en: `Credit code ${input.uscc} repeats row ${dup}`,
        });
      else seenUscc.set(input.uscc, row);
    }
    out.push({ row, id, countyCode, input });
  }
  // Codes already held by other institutions (whether or not the caller can see them: the code is unique).
  if (seenUscc.size) {
    const owner = await usccHolders(q, [...seenUscc.keys()]);
    for (const w of out) {
      const holder = w.input.uscc ? owner.get(w.input.uscc) : undefined;
      if (holder !== undefined && holder !== w.id) {
        problems.add(w.row, 'uscc', {
          zh: `统一社会信用代码 ${w.input.uscc} 已被机构 #${holder} 使用${w.id === null ? '（如需更新该机构，请填写“机构ID”列）' : ''}`,
          en: `Credit code ${w.input.uscc} is already used by institution #${holder}${w.id === null ? ' (fill in 机构ID to update it)' : ''}`,
        });
      }
    }
  }
  const updated = out.filter((w) => w.id !== null).length;
  return { kind: 'institutions', rows: out, inserted: out.length - updated, updated };
}

async function checkResources(
  tree: AreaTree,
  q: Queryable,
  p: Principal,
  rows: Mapped[],
  problems: Problems,
): Promise<Plan> {
  const within = withinOf(tree);
  const records = rows.map(({ row, mapped }) => ({ row, ...resourcesFromRow(mapped) }));
  const ids = [...new Set(records.map((r) => r.record.institutionId).filter((v): v is number => v !== null))];
  const usccs = [...new Set(records.map((r) => r.record.uscc).filter((v): v is string => v !== null))];
  const insts = await institutionRefs(q, ids, usccs);
  const byId = new Map(insts.map((i) => [i.id, i]));
  const byUscc = new Map(insts.filter((i) => i.uscc).map((i) => [i.uscc!, i]));
  const out: ResourceWrite[] = [];
  const seen = new Map<string, number>();
  for (const { row, record, issues } of records) {
    for (const i of issues) problems.add(row, i.key, i.message);
    const { institutionId, uscc } = record;
    let inst: InstitutionRef | undefined;
    let key: 'institutionId' | 'uscc' = 'institutionId';
    if (institutionId !== null) {
      inst = byId.get(institutionId);
      if (inst && uscc !== null && inst.uscc !== uscc) {
        problems.add(row, 'uscc', {
          zh: `统一社会信用代码 ${uscc} 与机构ID ${institutionId}（${inst.name}）不符`,
          en: `Credit code ${uscc} does not belong to institution ${institutionId}`,
        });
        continue;
      }
    } else if (uscc !== null) {
      key = 'uscc';
      inst = byUscc.get(uscc);
    } else {
      continue;
    }
    const ref = institutionId ?? uscc;
    if (!inst || !mayReadInstitution(p, inst, within)) {
      problems.add(row, key, {
        zh: `${key === 'uscc' ? '统一社会信用代码' : '机构ID'} ${ref} 对应的机构不存在或不在您的管辖范围内`,
        en: `No institution ${ref} within your scope`,
      });
      continue;
    }
    if (!mayWriteInstitution(p, inst, within)) {
      problems.add(row, key, {
        zh: `无权填报机构 #${inst.id}（${inst.name}）的数据`,
        en: `You may not report for institution #${inst.id}`,
      });
      continue;
    }
    if (!record.year) continue;
    const k = `${inst.id}/${record.year}`;
    const dup = seen.get(k);
    if (dup !== undefined) {
      problems.add(row, 'year', {
        zh: `机构 #${inst.id} ${record.year} 年的数据与第 ${dup} 行重复`,
        en: `Institution #${inst.id}, ${record.year} repeats row ${dup}`,
      });
      continue;
    }
    seen.set(k, row);
    out.push({ row, institutionId: inst.id, countyCode: inst.countyCode, year: record.year, values: record.values });
  }
  const have = await storedResourceKeys(q, [...new Set(out.map((w) => w.institutionId))]);
  const updated = out.filter((w) => have.has(`${w.institutionId}/${w.year}`)).length;
  return { kind: 'resources', rows: out, inserted: out.length - updated, updated };
}

async function checkPopulation(
  tree: AreaTree,
  q: Queryable,
  p: Principal,
  rows: Mapped[],
  problems: Problems,
): Promise<Plan> {
  const withinByYear = new Map<number, Within>();
  const withinIn = (year: number) => {
    let w = withinByYear.get(year);
    if (!w) {
      w = withinOf(tree, year);
      withinByYear.set(year, w);
    }
    return w;
  };
  const out: PopulationWrite[] = [];
  const seen = new Map<string, number>();
  for (const { row, mapped } of rows) {
    const { record, issues } = populationFromRow(mapped);
    for (const i of issues) problems.add(row, i.key, i.message);
    if (!record.areaCode || issues.some((i) => i.key === 'areaCode')) continue;
    const code = normaliseAreaCode(record.areaCode);
    const area = tree.get(code) as AreaRecord | undefined;
    if (!area) {
      problems.add(row, 'areaCode', {
        zh: `区划代码 ${record.areaCode} 不存在`,
        en: `Area ${record.areaCode} does not exist`,
      });
      continue;
    }
    if (area.level < 3) {
      problems.add(row, 'areaCode', {
        zh: `人口数据应填报到县级及以下区划（${area.name} 是上级区划，由下级汇总）`,
        en: 'Population is recorded for counties and below',
      });
      continue;
    }
    if (!record.year) continue;
    if (tree.resolveIn(code, record.year) !== code) {
      const current = tree.resolveIn(code, record.year);
      const name = current ? tree.get(current)?.name : null;
      problems.add(row, 'areaCode', {
        zh: `${area.name}（${code}）在 ${record.year} 年不是有效区划${current ? `，请填报到 ${name}（${current}）` : ''}`,
        en: `${code} was not in force in ${record.year}${current ? `; record it under ${current}` : ''}`,
      });
      continue;
    }
    if (!mayWriteArea(p, code, withinIn(record.year))) {
      problems.add(row, 'areaCode', {
        zh: `区划 ${code}（${area.name}）不在您的管辖范围内`,
        en: `Area ${code} (${area.name}) is outside your scope`,
      });
      continue;
    }
    const k = `${code}/${record.year}`;
    const dup = seen.get(k);
    if (dup !== undefined) {
      problems.add(row, 'year', {
        zh: `${area.name} ${record.year} 年的数据与第 ${dup} 行重复`,
        en: `${code}, ${record.year} repeats row ${dup}`,
      });
      continue;
    }
    seen.set(k, row);
    out.push({ row, areaCode: code, countyCode: countyOf(area), year: record.year, values: record.values });
  }
  // A county total against its townships (and back) as they would stand after the import.
  for (const e of await checkPopulationImport(q, tree, out)) problems.add(e.row, e.field, e.message);
  const have = await storedPopulationKeys(q, [...new Set(out.map((w) => w.areaCode))]);
  const updated = out.filter((w) => have.has(`${w.areaCode}/${w.year}`)).length;
  return { kind: 'population', rows: out, inserted: out.length - updated, updated };
}
