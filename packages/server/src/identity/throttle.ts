// Sign-in throttling (等保 2.0 level 3: 登录失败处理). Pure decision over the failure counts, so the rules
// are tested without waiting; login-failures-repo.ts counts, auth-service.ts applies.
//
// Three counters, each with an exponential back-off (one minute, doubling per further failure, capped at
// WEIJIAN_LOGIN_BACKOFF_MAX_MINUTES) measured from the latest failure, so a lock always ends by itself:
//
// 1. The pair (account, address): `max` failures (5) start the back-off. The ordinary guard.
// 2. The account from any address: 4×max failures start it. Guessing one password from many addresses (a
//    botnet, or X-Forwarded-For rotation if a proxy were trusted wrongly) is stopped here. Its cost: such an
//    attacker can keep the account waiting, at most the cap at a time; that is the lock-out 等保 asks for.
// 3. The address across accounts (password spraying): over 4×max failures the address is suspect, and the
//    pair threshold drops from `max` to 1, so every account gets one guess from there per back-off.
//    Why not refuse the whole address: behind a hospital's NAT or a proxy that is not trusted, everyone shares
//    one address, and 20 failures of one person would lock every colleague out (the finding). An
//    account that has not failed from that address still signs in with its correct password at once.
//
// A refused attempt is not checked against the password and not counted, so waiting is enough to recover.

export type ThrottleScope = 'pair' | 'account' | 'address';

export interface ThrottleCounts {
  pair: number;
  pairAgoSeconds: number | null;
  account: number;
  accountAgoSeconds: number | null;
  address: number;
}

export interface ThrottleSettings {
  maxFailures: number;
  backoffMaxMinutes: number;
}

export const ACCOUNT_FACTOR = 4;
export const ADDRESS_FACTOR = 4;

/** The wait after `excess` failures beyond a threshold (0 → 60 s, 1 → 120 s, …), capped. */
export function backoffSeconds(excess: number, capMinutes: number): number {
  return Math.min(60 * 2 ** Math.min(Math.max(excess, 0), 20), capMinutes * 60);
}

/** Null when the attempt may go ahead, else which counter refuses it and how long to wait. */
export function throttle(c: ThrottleCounts, s: ThrottleSettings): { scope: ThrottleScope; waitSeconds: number } | null {
  const suspectAddress = c.address >= s.maxFailures * ADDRESS_FACTOR;
  const pairThreshold = suspectAddress ? 1 : s.maxFailures;
  const checks: [ThrottleScope, number, number | null, number][] = [
    [suspectAddress ? 'address' : 'pair', c.pair, c.pairAgoSeconds, pairThreshold],
    ['account', c.account, c.accountAgoSeconds, s.maxFailures * ACCOUNT_FACTOR],
  ];
  let worst: { scope: ThrottleScope; waitSeconds: number } | null = null;
  for (const [scope, count, ago, threshold] of checks) {
    if (count < threshold || ago === null) continue;
    const wait = Math.ceil(backoffSeconds(count - threshold, s.backoffMaxMinutes) - ago);
    if (wait > 0 && (!worst || wait > worst.waitSeconds)) worst = { scope, waitSeconds: wait };
  }
  return worst;
}
