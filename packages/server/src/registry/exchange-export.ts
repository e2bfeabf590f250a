// Exports within the caller's scope, in the columns of the import templates (plus a few read-only name
// columns), so an exported file can be edited and imported back unchanged.
import type { Principal } from '@weijian/core/identity';
import { categoryByCode, GRADE_LEVELS, OWNERSHIPS } from '@weijian/core/registry';
import { EXCHANGE_COLUMNS, type ExchangeKind, KIND_LABELS } from '@weijian/core/registry/exchange';
import type { AccessPolicy } from '../platform/access-policy.ts';
import { audit } from '../platform/audit.ts';
import type { Db } from '../platform/db.ts';
import { type FileFormat, type OutCell, writeCsv, writeXlsx } from '../platform/file-decoding.ts';
import { type AreasService, currentYear, normaliseAreaCode } from './areas-service.ts';
import { exportedInstitutions, exportedPopulation, exportedResources } from './exchange-repo.ts';
import { outColumns } from './exchange-templates.ts';
import type { InstitutionRow } from './institutions-repo.ts';

type ExchangeDeps = { db: Db; areas: AreasService };

export interface ExportQuery {
  area?: string;
  year?: number;
}

export interface ExportFile {
  body: Buffer;
  rows: number;
  filename: { ascii: string; utf8: string };
  format: FileFormat;
}

const gradeName = (level: number | null) =>
  level === null ? null : (GRADE_LEVELS.find((g) => g.level === level)?.zh ?? String(level));
const ownershipName = (o: string) => OWNERSHIPS.find((x) => x.code === o)?.zh ?? o;

/**
 * The area filter of an export, checked against the caller's scope. A caller asking for an area above
 * their own scope gets their scope (the rows are narrowed to it anyway); an area elsewhere is 403.
 */
async function areaFilter(
  ctx: ExchangeDeps,
  policy: AccessPolicy,
  raw: string | undefined,
  kind: ExchangeKind,
): Promise<string | null> {
  const tree = await ctx.areas.tree();
  const year = currentYear();
  const area = raw ? (tree.resolveIn(normaliseAreaCode(raw), year) ?? normaliseAreaCode(raw)) : null;
  policy.require(!area || tree.get(area) !== undefined);
  if (policy.isAdmin) return area;
  if (policy.role === 'institution') {
    policy.require(kind !== 'population', {
      zh: '机构用户不能导出区划人口数据',
      en: 'Institution users cannot export population',
    });
    // Institution users have no area: an area filter is outside their scope (403), not silently ignored.
    policy.require(!area);
    return null; // narrowed to the one institution by scopeCondition
  }
  const scope = policy.scopeAreaCode!;
  if (!area) return scope;
  if (tree.isWithin(area, scope, year)) return area;
  if (tree.isWithin(scope, area, year)) return scope;
  policy.require(false);
  return null;
}

async function institutionRows(
  ctx: ExchangeDeps,
  p: Principal,
  area: string | null,
  year: number | undefined,
): Promise<OutCell[][]> {
  const tree = await ctx.areas.tree();
  const rows = await exportedInstitutions(ctx.db, p, area, year);
  const get: Record<string, (i: InstitutionRow) => OutCell> = {
    id: (i) => i.id,
    name: (i) => i.name,
    uscc: (i) => i.uscc,
    category: (i) => i.category,
    categoryName: (i) => categoryByCode(i.category)?.zh ?? null,
    gradeLevel: (i) => gradeName(i.gradeLevel),
    gradeClass: (i) => i.gradeClass,
    ownership: (i) => ownershipName(i.ownership),
    forProfit: (i) => (i.forProfit ? '是' : '否'),
    areaCode: (i) => i.areaCode,
    areaName: (i) => tree.get(i.areaCode)?.name ?? null,
    lng: (i) => i.lng,
    lat: (i) => i.lat,
    openedOn: (i) => i.openedOn,
    closedOn: (i) => i.closedOn,
  };
  const specs = EXCHANGE_COLUMNS.institutions;
  return rows.map((r) => specs.map((c) => get[c.key]?.(r) ?? null));
}

async function resourceRows(
  ctx: ExchangeDeps,
  p: Principal,
  area: string | null,
  year: number | undefined,
): Promise<OutCell[][]> {
  const rows = await exportedResources(ctx.db, p, area, year);
  const specs = EXCHANGE_COLUMNS.resources;
  return rows.map((r) => specs.map((c) => r[c.key] ?? null));
}

async function populationRows(
  ctx: ExchangeDeps,
  policy: AccessPolicy,
  area: string | null,
  year: number | undefined,
): Promise<OutCell[][]> {
  const tree = await ctx.areas.tree();
  const rows = await exportedPopulation(ctx.db, area, year);
  const visible = [];
  for (const r of rows) {
    if (!policy.isAdmin && !(await policy.mayReadArea(r.areaCode, r.year))) continue;
    visible.push(r);
  }
  const specs = EXCHANGE_COLUMNS.population;
  return visible.map((r) =>
    specs.map((c) => (c.key === 'areaName' ? (tree.get(r.areaCode)?.name ?? null) : (r[c.key] ?? null))),
  );
}

export async function exportKind(
  ctx: ExchangeDeps,
  policy: AccessPolicy,
  kind: ExchangeKind,
  query: ExportQuery,
  format: FileFormat,
): Promise<ExportFile> {
  const p = policy.principal;
  const area = await areaFilter(ctx, policy, query.area, kind);
  const rows =
    kind === 'institutions'
      ? await institutionRows(ctx, p, area, query.year)
      : kind === 'resources'
        ? await resourceRows(ctx, p, area, query.year)
        : await populationRows(ctx, policy, area, query.year);
  const columns = outColumns(EXCHANGE_COLUMNS[kind]);
  const body = format === 'csv' ? writeCsv(columns, rows) : await writeXlsx(KIND_LABELS[kind].zh, columns, rows);
  await audit(ctx.db, policy.actor, {
    action: `export.${kind}`,
    entity: kind,
    areaCode: area,
    after: { area, year: query.year ?? null, format, rows: rows.length },
  });
  const suffix = [area ?? 'all', query.year ?? ''].filter(Boolean).join('-');
  return {
    body,
    rows: rows.length,
    format,
    filename: { ascii: `weijian-${kind}-${suffix}.${format}`, utf8: `${KIND_LABELS[kind].zh}_${suffix}.${format}` },
  };
}
