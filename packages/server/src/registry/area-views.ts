// What the area pages read: an area with its place in the tree of a year, its summary, its children's
// summaries beside the year before, and its series. Each read is checked against the caller's area scope.
import type { AccessPolicy } from '../platform/access-policy.ts';
import { notFound } from '../platform/errors.ts';
import { type AreasService, currentYear, normaliseAreaCode } from './areas-service.ts';
import { boundariesOf } from './boundaries.ts';
import type { InstitutionDirectory } from './institution-directory.ts';
import type { SummaryService } from './summary-service.ts';

export class AreaViews {
  constructor(
    private readonly areas: AreasService,
    private readonly summaries: SummaryService,
    private readonly directory: InstitutionDirectory,
  ) {}

  async detail(policy: AccessPolicy, code: string, year = currentYear()) {
    const area = await this.areas.get(code);
    const tree = await this.areas.tree();
    // An institution user has no area data, but picks places inside its own institution's area (a case card's
    // address): the names and structure of that subtree, never its figures.
    const own =
      policy.role === 'institution' && policy.scopeInstitutionId !== null
        ? (await this.directory.byIds([policy.scopeInstitutionId])).get(policy.scopeInstitutionId)?.areaCode
        : undefined;
    if (!own || !tree.isWithin(area.code, own, year)) await policy.requireReadArea(area.code, year);
    const brief = (c: string) => {
      const a = tree.get(c)!;
      return { code: a.code, name: a.name, level: a.level };
    };
    return {
      ...area,
      year,
      validInYear: tree.resolveIn(area.code, year) === area.code,
      predecessors: tree.predecessorsOf(area.code).map((a) => brief(a.code)),
      ancestors: tree
        .ancestorsIn(area.code, year)
        .map((a) => brief(a.code))
        .reverse(),
      children: tree
        .childrenIn(tree.resolveIn(area.code, year) ?? area.code, year)
        .map((c) => ({ ...brief(c.code), hasChildren: tree.childrenIn(c.code, year).length > 0 }))
        .sort((a, b) => a.code.localeCompare(b.code)),
    };
  }

  /** An area's code after normalising, once it is known to exist and the caller may read it in `year`. */
  private async readable(policy: AccessPolicy, raw: string, year?: number): Promise<string> {
    const code = normaliseAreaCode(raw);
    await this.areas.get(code);
    await policy.requireReadArea(code, year);
    return code;
  }

  /** The summary of `year` (default: the latest year with data). */
  async summary(policy: AccessPolicy, raw: string, year?: number) {
    const y = year ?? (await this.summaries.latestYear());
    return this.summaries.summary(await this.readable(policy, raw, y), y);
  }

  async childrenSummary(policy: AccessPolicy, raw: string, year?: number) {
    const y = year ?? (await this.summaries.latestYear());
    const code = await this.readable(policy, raw, y);
    const tree = await this.areas.tree();
    const children = tree
      .childrenIn(tree.resolveIn(code, y) ?? code, y)
      .map((c) => c.code)
      .sort();
    const all = await this.summaries.summaries(children, y - 1, y);
    const items = children.map((c) => ({
      ...all.get(`${c}:${y}`)!,
      previous: all.get(`${c}:${y - 1}`) ?? null,
    }));
    return { total: items.length, items };
  }

  /** Yearly summaries from `from` to `to` (default: the ten years up to the latest; at most fifty). */
  async series(policy: AccessPolicy, raw: string, range: { from?: number; to?: number }) {
    const code = await this.readable(policy, raw);
    const to = range.to ?? (await this.summaries.latestYear());
    const from = Math.max(range.from ?? to - 9, to - 49);
    const all = await this.summaries.summaries([code], from, to);
    const items = [];
    for (let y = from; y <= to; y++) items.push(all.get(`${code}:${y}`)!);
    return { total: items.length, items };
  }

  /**
   * The county boundaries of a city. Public geography, not scoped data: any signed-in user may read those
   * of any area (a county user's event map draws the whole city's counties around its own).
   */
  async boundaries(raw: string): Promise<object> {
    const area = await this.areas.get(raw);
    const geo = await boundariesOf({ areas: this.areas }, area.code);
    if (!geo) throw notFound({ zh: `${area.name}的边界数据`, en: `Boundaries of ${area.code}` });
    return geo;
  }
}
