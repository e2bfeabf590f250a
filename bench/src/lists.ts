// The institution list's pages by keyset against the offset paging it replaced, in the same run on the same
// database: the first, a middle and the last page of 50 of every county and of the whole city, each query
// timed alternately (old, new) so both see the same machine. The baseline is the former statement verbatim:
// `count(*) over ()` and `offset`, the page and the total from one scan.
import { performance } from 'node:perf_hooks';
import type { App } from '@weijian/server/app';
import { INSTITUTION_COLUMNS, listInstitutions } from '@weijian/server/registry/institutions-repo';

const ADMIN = { role: 'admin', scopeAreaCode: null, scopeInstitutionId: null } as const;
const PAGE = 50;
const ROUNDS = 5;

/** The list as main had it before keyset paging (sort=area). */
async function offsetPage(app: App, area: string | null, offset: number) {
  const params: unknown[] = area ? [`${area}%`] : [];
  const { rows } = await app.db.query<{ total: number }>(
    `select ${INSTITUTION_COLUMNS}, count(*) over ()::int as total
       from institutions i left join networks n on n.id = i.network_id
      where true ${area ? 'and i.area_code like $1' : ''}
      order by i.area_code asc nulls last, i.category asc nulls last, i.id asc nulls last
      limit ${PAGE} offset ${offset}`,
    params,
  );
  return rows;
}

const keysetPage = (app: App, area: string | null, cursor?: string, limit = PAGE) =>
  listInstitutions(app.db, ADMIN as never, {
    sort: 'area',
    limit,
    ...(area ? { area } : {}),
    ...(cursor ? { cursor } : {}),
  });

/** The cursors of a middle and of the last page of 50 (keyset pages are reached from the one before). */
async function cursorsOf(app: App, area: string | null): Promise<{ rows: number; middle?: string; last?: string }> {
  const starts: (string | undefined)[] = [undefined];
  let rows = 0;
  for (let p = await keysetPage(app, area, undefined, 500); ; ) {
    rows += p.items.length;
    if (!p.nextCursor) break;
    starts.push(p.nextCursor);
    p = await keysetPage(app, area, p.nextCursor, 500);
  }
  let cursor = starts.at(-1);
  let last = cursor;
  for (;;) {
    const p = await keysetPage(app, area, cursor);
    if (!p.nextCursor) break;
    last = cursor = p.nextCursor;
  }
  return { rows, middle: starts[Math.floor(starts.length / 2)], last };
}

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
const round = (x: number) => Math.round(x * 100) / 100;
const time = async (fn: () => Promise<unknown>) => {
  const t = performance.now();
  await fn();
  return performance.now() - t;
};

export async function benchListPages(app: App, counties: string[]) {
  const cache = (app as unknown as { cache: { enabled: boolean } }).cache;
  const was = cache.enabled;
  cache.enabled = false;
  try {
    const old = { first: [] as number[], middle: [] as number[], last: [] as number[] };
    const now = { first: [] as number[], middle: [] as number[], last: [] as number[] };
    let lists = 0;
    let rowsInAll = 0;
    for (const area of [...counties, null]) {
      const { rows, middle, last } = await cursorsOf(app, area);
      lists++;
      rowsInAll += area ? rows : 0;
      const pages = Math.ceil(rows / PAGE);
      const positions = [
        ['first', 0, undefined],
        ['middle', Math.floor(pages / 2) * PAGE, middle],
        ['last', (pages - 1) * PAGE, last],
      ] as const;
      for (let r = 0; r < ROUNDS; r++) {
        for (const [name, offset, cursor] of positions) {
          old[name].push(await time(() => offsetPage(app, area, offset)));
          now[name].push(await time(() => keysetPage(app, area, cursor)));
        }
      }
    }
    const stats = (xs: number[]) => ({ median: round(pct(xs, 0.5)), p95: round(pct(xs, 0.95)) });
    const of = (o: typeof old) => ({ first: stats(o.first), middle: stats(o.middle), last: stats(o.last) });
    return {
      lists,
      institutions: rowsInAll,
      timesPerPage: lists * ROUNDS,
      note: 'repository call, read cache off, one at a time; offset = the former count(*) over () + offset statement',
      offsetBaselineMs: of(old),
      keysetMs: of(now),
      lastPageSpeedup: round(pct(old.last, 0.5) / pct(now.last, 0.5)),
      firstPageSpeedup: round(pct(old.first, 0.5) / pct(now.first, 0.5)),
    };
  } finally {
    cache.enabled = was;
  }
}
