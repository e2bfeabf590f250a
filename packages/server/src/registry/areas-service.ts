// The division tree held in memory (a city has ~4,000 areas, the country's townships ~45,000): every
// summary, scope check and import validation consults it, so it is read once and refreshed on change.
import { chinaYear } from '@weijian/core/platform';
import { type AreaNode, AreaTree } from '@weijian/core/registry';
import type { Db } from '../platform/db.ts';
import { notFound } from '../platform/errors.ts';

export interface AreaRecord extends AreaNode {
  countyCode: string | null;
  urbanRural: string | null;
  lng: number | null;
  lat: number | null;
}

export class AreasService {
  private cached: Promise<AreaTree> | null = null;
  constructor(private readonly db: Db) {}

  tree(): Promise<AreaTree> {
    this.cached ??= this.load();
    return this.cached;
  }

  invalidate(): void {
    this.cached = null;
  }

  private async load(): Promise<AreaTree> {
    const { rows } = await this.db.query<AreaRecord>(
      `select code, name, level, parent_code as "parentCode", county_code as "countyCode",
              urban_rural as "urbanRural", to_char(valid_from, 'YYYY-MM-DD') as "validFrom",
              to_char(valid_to, 'YYYY-MM-DD') as "validTo", successor_code as "successorCode", lng, lat
         from areas`,
    );
    return new AreaTree(rows);
  }

  async get(code: string): Promise<AreaRecord> {
    const tree = await this.tree();
    const area = tree.get(normaliseAreaCode(code)) as AreaRecord | undefined;
    if (!area) throw notFound({ zh: `行政区划 ${code} `, en: `Area ${code}` });
    return area;
  }

  /**
   * `(code, root) => boolean` answering subtree membership in `year` or today (a code renamed since is
   * still inside its old root): the access policy's area scope.
   */
  async withinFn(year = currentYear()): Promise<(code: string, root: string) => boolean> {
    const tree = await this.tree();
    return (code, root) => tree.isWithin(code, root, year) || tree.isWithin(code, root, currentYear());
  }

  async within(code: string, root: string, year = currentYear()): Promise<boolean> {
    const tree = await this.tree();
    return tree.isWithin(normaliseAreaCode(code), normaliseAreaCode(root), year);
  }
}

/** The current year in China, whatever the server's zone. */
export const currentYear = (): number => chinaYear();

/**
 * Accepts the forms people paste: GB/T 2260 six digits (410700 → city 4107, 410000 → province 41) and
 * 12-digit statistical codes padded with zeros (410782000000 → 410782).
 */
export function normaliseAreaCode(raw: string): string {
  let code = raw.trim();
  if (/^\d{12}$/.test(code)) {
    if (code.endsWith('000000')) code = code.slice(0, 6);
    else if (code.endsWith('000')) code = code.slice(0, 9);
  }
  if (/^\d{6}$/.test(code)) {
    if (code.endsWith('0000')) return code.slice(0, 2);
    if (code.endsWith('00')) return code.slice(0, 4);
  }
  return code;
}
