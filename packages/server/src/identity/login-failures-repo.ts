// Failed sign-ins, kept for the counting window only (WEIJIAN_LOGIN_WINDOW_MINUTES).
import type { Queryable } from '../platform/db.ts';

/** Counts within the window, and seconds since the latest failure, per pair, per account and per address. */
export interface FailureStats {
  /** This username from this address. */
  pair: number;
  pairAgoSeconds: number | null;
  /** This username from any address. */
  account: number;
  accountAgoSeconds: number | null;
  /** Any username from this address. */
  address: number;
}

export async function failureStats(
  q: Queryable,
  username: string,
  ip: string,
  windowMinutes: number,
): Promise<FailureStats> {
  // Ages are computed by the database clock, the one that stamped `at`.
  const { rows } = await q.query<FailureStats>(
    `select count(*) filter (where username = $1 and ip = $2)::int as pair,
            extract(epoch from now() - max(at) filter (where username = $1 and ip = $2))::float8 as "pairAgoSeconds",
            count(*) filter (where username = $1)::int as account,
            extract(epoch from now() - max(at) filter (where username = $1))::float8 as "accountAgoSeconds",
            count(*) filter (where ip = $2)::int as address
       from login_failures
      where (username = $1 or ip = $2) and at > now() - make_interval(mins => $3)`,
    [username, ip, windowMinutes],
  );
  const r = rows[0];
  return {
    pair: r?.pair ?? 0,
    pairAgoSeconds: r?.pairAgoSeconds ?? null,
    account: r?.account ?? 0,
    accountAgoSeconds: r?.accountAgoSeconds ?? null,
    address: r?.address ?? 0,
  };
}

/** Records a failure and forgets those older than the window. */
export async function recordFailure(q: Queryable, username: string, ip: string, windowMinutes: number): Promise<void> {
  await q.query('insert into login_failures (username, ip) values ($1, $2)', [username, ip]);
  await q.query('delete from login_failures where at < now() - make_interval(mins => $1)', [windowMinutes]);
}

/** A success forgets the pair's failures (not those of the account from elsewhere, nor the address's). */
export async function clearFailures(q: Queryable, username: string, ip: string): Promise<void> {
  await q.query('delete from login_failures where username = $1 and ip = $2', [username, ip]);
}
