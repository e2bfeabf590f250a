// Two-step floating catchment (2SFCA) and its Gaussian-decay form (E2SFCA) on the road network: a registry
// resource (doctors, beds or any yearly-report field) of the institutions of chosen categories, per 1,000
// residents reachable within the catchment, per village and per township (the residents-weighted mean of its
// villages' figures). Supply and demand are the whole city's (catchments cross county lines), the answer the
// area's; each village's institutions within the catchment (contraction hierarchy, sparse) are cached per
// network and kept across registry edits, only new or moved points searched again (point-cache.ts).
// Exportable as CSV (UTF-8 with BOM) or XLSX.
import { twoStepFcaSparse } from '@weijian/core/access';
import { RESOURCE_FIELDS, type ResourceKey } from '@weijian/core/registry';
import ExcelJS from 'exceljs';
import type { AccessPolicy } from '../platform/access-policy.ts';
import { currentYear } from '../registry/index.ts';
import { type AnalysisService, MEDICAL_CATEGORIES, summaryOf } from './analysis-service.ts';
import { cityOf, type ProfileName } from './networks-service.ts';

export interface FcaQuery {
  area?: string | undefined;
  resource: ResourceKey;
  minutes: number;
  decay: 'none' | 'gaussian';
  level: 'village' | 'township';
  categories?: readonly string[] | undefined;
  profile?: ProfileName | undefined;
  year?: number | undefined;
}

export interface FcaRow {
  code: string;
  name: string;
  level: number;
  residents: number;
  /** Resource per 1,000 residents reachable within the catchment (decay-weighted for E2SFCA). */
  per1000: number | null;
}

const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;

export class FcaService {
  constructor(private readonly analysis: AnalysisService) {}

  async compute(policy: AccessPolicy, q: FcaQuery) {
    const area = await this.analysis.readableArea(policy, q.area);
    const year = q.year ?? currentYear();
    const city = cityOf(area.code);
    const network = await this.analysis.networks.require(city, q.profile ?? 'drive');
    const places = await this.analysis.places(city, year);
    const categories = [...(q.categories?.length ? q.categories : MEDICAL_CATEGORIES)].sort();
    // The institutions with the resource are the columns; the rows within the catchment stay cached
    // (point-cache.ts) across registry edits: an edit costs the new or moved points' searches (a figure going
    // from 0 adds a column; one going to 0 leaves its column without supply) and the arithmetic below.
    const facilities = places.institutions.filter((i) => categories.some((c) => i.category.startsWith(c)));
    const amounts = await this.analysis.directory.latestResource(
      facilities.map((f) => f.id),
      q.resource,
      year,
    );
    // Snapped as one list with the coverage's (one cache slot per network: a subset would evict the rest).
    const snaps = this.analysis.facilitySnaps(network, facilities);
    const supplied = facilities.flatMap((f, j) => ((amounts.get(f.id) ?? 0) > 0 ? [j] : []));
    const withSupply = supplied.map((j) => facilities[j]!);
    const {
      rows: reach,
      columnOf,
      columns,
    } = this.analysis.catchments.rows(
      network,
      categories.join(','),
      places.villages.map((v) => ({ id: v.code, lng: v.lng, lat: v.lat })),
      this.analysis.villageSnaps(network, places),
      withSupply,
      supplied.map((j) => snaps[j]!),
      q.minutes * 60,
    );
    const supply = new Float64Array(columns);
    withSupply.forEach((f, j) => {
      supply[columnOf[j]!] = amounts.get(f.id)!;
    });
    const ratios = twoStepFcaSparse({
      supply,
      demand: places.villages.map((v) => v.residents),
      rows: reach,
      catchmentSeconds: q.minutes * 60,
      decay: q.decay,
    });
    const rows: FcaRow[] = [];
    if (q.level === 'village') {
      places.villages.forEach((v, i) => {
        if (!v.code.startsWith(area.code)) return;
        rows.push({
          code: v.code,
          name: v.name,
          level: 5,
          residents: Math.round(v.residents),
          per1000: round(ratios[i]!),
        });
      });
    } else {
      const byTownship = new Map<string, { pop: number; sum: number }>();
      places.villages.forEach((v, i) => {
        if (!v.code.startsWith(area.code) && !area.code.startsWith(v.townshipCode)) return;
        const acc = byTownship.get(v.townshipCode) ?? { pop: 0, sum: 0 };
        acc.pop += v.residents;
        acc.sum += v.residents * ratios[i]!;
        byTownship.set(v.townshipCode, acc);
      });
      for (const t of places.townships) {
        const acc = byTownship.get(t.code);
        if (!acc) continue;
        rows.push({
          code: t.code,
          name: t.name,
          level: 4,
          residents: Math.round(acc.pop),
          per1000: acc.pop > 0 ? round(acc.sum / acc.pop) : null,
        });
      }
    }
    return {
      area: { code: area.code, name: area.name },
      network: summaryOf(network),
      resource: q.resource,
      minutes: q.minutes,
      decay: q.decay,
      year,
      facilities: withSupply.length,
      items: rows,
    };
  }

  /** The rows as a file: CSV (UTF-8 with BOM, Excel reads it) or XLSX, with bilingual headers. */
  async file(result: Awaited<ReturnType<FcaService['compute']>>, format: 'csv' | 'xlsx') {
    const field = RESOURCE_FIELDS.find((f) => f.key === result.resource);
    const label = field ? `${field.zh}（${field.en}）` : result.resource;
    const method = result.decay === 'gaussian' ? 'E2SFCA' : '2SFCA';
    const header = [
      '区划代码 code',
      '名称 name',
      '常住人口 residents',
      `每千人${label} per 1,000 (${method}, ${result.minutes} min)`,
    ];
    const rows = result.items.map((r) => [r.code, r.name, r.residents, r.per1000]);
    const base = `access-${method.toLowerCase()}-${result.resource}-${result.area.code}`;
    if (format === 'csv') {
      const cell = (v: unknown) => {
        const s = v === null || v === undefined ? '' : String(v);
        return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
      };
      const text = [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n');
      return { body: Buffer.from(`\uFEFF${text}\r\n`, 'utf8'), filename: `${base}.csv` };
    }
    const wb = new ExcelJS.Workbook();
    wb.creator = 'Weijian 卫健';
    const ws = wb.addWorksheet(method);
    ws.addRow(header).font = { bold: true };
    for (const r of rows) ws.addRow(r);
    ws.getColumn(1).numFmt = '@';
    [16, 24, 14, 36].forEach((w, i) => {
      ws.getColumn(i + 1).width = w;
    });
    return { body: Buffer.from(await wb.xlsx.writeBuffer()), filename: `${base}.xlsx` };
  }
}
