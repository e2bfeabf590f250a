import { describe, expect, it } from 'vitest';
import { AppError } from './errors.ts';
import { afterCondition, decodeCursor, encodeCursor, type Keyset, pageQuery, pageResult, reversed } from './keyset.ts';

const byName: Keyset = {
  name: 'name',
  terms: [
    { expr: 'i.name', type: 'text' },
    { expr: 'i.id', type: 'int' },
  ],
};
const mixed: Keyset = {
  name: 'mixed',
  terms: [
    { expr: 'p.region', type: 'text' },
    { expr: 'p.start', type: 'int', desc: true },
    { expr: 'p.id', type: 'int' },
  ],
};
const binder = () => {
  const params: unknown[] = [];
  return {
    params,
    bind: (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    },
  };
};
const count = { total: 12, totalExact: true };

describe('keyset cursors', () => {
  it('round-trips the sort key and the count', () => {
    const c = encodeCursor(byName, ['卫生院', '42'], count);
    expect(c).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(byName, c)).toEqual({ values: ['卫生院', '42'], count });
  });

  it('refuses a cursor of another order, a reversed one, a wrong arity and values its type cannot hold', () => {
    const c = encodeCursor(byName, ['a', '1'], count);
    const refused = (k: Keyset, cursor: string) => {
      try {
        decodeCursor(k, cursor);
      } catch (e) {
        return e instanceof AppError && e.status === 422 && e.details[0]?.path === 'cursor';
      }
      return false;
    };
    expect(refused(mixed, c)).toBe(true);
    expect(refused(reversed(byName), c)).toBe(true);
    expect(refused(byName, encodeCursor(byName, ['a'], count))).toBe(true);
    expect(refused(byName, encodeCursor(byName, ['a', '2147483648'], count))).toBe(true);
    expect(refused(byName, encodeCursor(byName, ['a', '1.5'], count))).toBe(true);
    expect(refused(byName, encodeCursor(byName, ['a\u0000', '1'], count))).toBe(true);
    expect(refused(byName, encodeCursor(byName, ['a', '1'], { total: 10_001, totalExact: true }))).toBe(true);
    expect(refused(byName, 'a+b/c=')).toBe(true);
    expect(refused(byName, Buffer.from('[1,2]').toString('base64url'))).toBe(true);
    const ts: Keyset = { name: 't', terms: [{ expr: 'x.at', type: 'timestamptz' }] };
    expect(decodeCursor(ts, encodeCursor(ts, ['2024-02-29T23:59:59.123456Z'], count)).values).toHaveLength(1);
    expect(refused(ts, encodeCursor(ts, ['2023-02-29T10:00:00.000000Z'], count))).toBe(true);
    expect(refused(ts, encodeCursor(ts, ['2024-01-01 10:00'], count))).toBe(true);
  });
});

describe('keyset SQL', () => {
  it('compares one row value when every term runs the same way, and flips it reversed', () => {
    const b = binder();
    expect(afterCondition(byName, ['x', '7'], b.bind)).toBe('(i.name, i.id) > ($1::text, $2::integer)');
    expect(afterCondition(reversed(byName), ['x', '7'], binder().bind)).toBe(
      '(i.name, i.id) < ($1::text, $2::integer)',
    );
    expect(b.params).toEqual(['x', '7']);
  });

  it('expands mixed directions, led by a bound on the first term', () => {
    expect(afterCondition(mixed, ['41', '2021', '9'], binder().bind)).toBe(
      'p.region >= $1::text and (p.region > $1::text or (p.region = $1::text and ' +
        '(p.start < $2::integer or (p.start = $2::integer and p.id > $3::integer))))',
    );
  });

  it('fetches one row more than the page and makes the next cursor from the last row shown', () => {
    const q = pageQuery(byName, undefined, 2, binder().bind);
    expect(q).toMatchObject({ after: null, carried: null, fetch: 3, orderBy: 'i.name asc, i.id asc' });
    expect(q.keyColumns).toBe('(i.name)::text as "_k0", (i.id)::text as "_k1"');
    const rows = [
      { id: 1, _k0: 'a', _k1: '1' },
      { id: 2, _k0: 'b', _k1: '2' },
      { id: 3, _k0: 'c', _k1: '3' },
    ];
    const page = pageResult(byName, rows, 2, count);
    expect(page.items).toEqual([{ id: 1 }, { id: 2 }]);
    expect(decodeCursor(byName, page.nextCursor!)).toEqual({ values: ['b', '2'], count });
    expect(pageResult(byName, rows.slice(0, 2), 2, count).nextCursor).toBeNull();
    const next = pageQuery(byName, page.nextCursor!, 2, binder().bind);
    expect(next.carried).toEqual(count);
    expect(next.after).toBe('(i.name, i.id) > ($1::text, $2::integer)');
  });
});
