// Failed sign-ins, kept for the throttling window only.
import type { Queryable } from '../platform/db.ts';

/** Failures within the window: of this username from this address, and of any username from it. */
export async function recentFailures(
  q: Queryable,
  username: string,
  ip: string,
  windowMinutes: number,
): Promise<{ pair: number; addr: number }> {
  const { rows } = await q.query<{ pair: number; addr: number }>(
    `select count(*) filter (where username = $1)::int as pair, count(*)::int as addr from login_failures
      where ip = $2 and at > now() - make_interval(mins => $3)`,
    [username, ip, windowMinutes],
  );
  return rows[0] ?? { pair: 0, addr: 0 };
}

/** Records a failure and forgets those older than the window. */
export async function recordFailure(q: Queryable, username: string, ip: string, windowMinutes: number): Promise<void> {
  await q.query('insert into login_failures (username, ip) values ($1, $2)', [username, ip]);
  await q.query('delete from login_failures where at < now() - make_interval(mins => $1)', [windowMinutes]);
}

export async function clearFailures(q: Queryable, username: string, ip: string): Promise<void> {
  await q.query('delete from login_failures where username = $1 and ip = $2', [username, ip]);
}
