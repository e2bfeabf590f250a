import { describe, expect, it } from 'vitest';
import { backoffSeconds, throttle } from './throttle.ts';

const S = { maxFailures: 5, backoffMaxMinutes: 15 };
const none = { pair: 0, pairAgoSeconds: null, account: 0, accountAgoSeconds: null, address: 0 };

describe('sign-in throttling', () => {
  it('backs off exponentially from one minute, capped', () => {
    expect([0, 1, 2, 3, 4, 5, 30].map((n) => backoffSeconds(n, 15))).toEqual([60, 120, 240, 480, 900, 900, 900]);
  });

  it('lets the first failures of a pair through and backs off from the fifth', () => {
    expect(throttle({ ...none, pair: 4, pairAgoSeconds: 0, account: 4, accountAgoSeconds: 0, address: 4 }, S)).toBe(
      null,
    );
    expect(
      throttle({ ...none, pair: 5, pairAgoSeconds: 10, account: 5, accountAgoSeconds: 10, address: 5 }, S),
    ).toEqual({ scope: 'pair', waitSeconds: 50 });
    // The sixth failure doubles the wait; once it has passed the next attempt goes ahead.
    expect(
      throttle({ ...none, pair: 6, pairAgoSeconds: 100, account: 6, accountAgoSeconds: 100, address: 6 }, S),
    ).toEqual({ scope: 'pair', waitSeconds: 20 });
    expect(throttle({ ...none, pair: 6, pairAgoSeconds: 121, account: 6, accountAgoSeconds: 121, address: 6 }, S)).toBe(
      null,
    );
  });

  it('stops guessing one account from many addresses', () => {
    expect(throttle({ ...none, pair: 0, account: 20, accountAgoSeconds: 1, address: 0 }, S)).toEqual({
      scope: 'account',
      waitSeconds: 59,
    });
    // Never longer than the cap, whatever the count: a lock ends by itself.
    expect(throttle({ ...none, account: 500, accountAgoSeconds: 0 }, S)?.waitSeconds).toBe(900);
  });

  it('does not lock out the other accounts behind a spraying address', () => {
    // 20 failures from the address, none of them this account's: its correct password goes through.
    expect(throttle({ ...none, address: 20 }, S)).toBe(null);
    expect(throttle({ ...none, address: 400 }, S)).toBe(null);
    // An account that failed once from the suspect address waits (one guess per back-off from there).
    expect(throttle({ ...none, pair: 1, pairAgoSeconds: 5, account: 1, accountAgoSeconds: 5, address: 20 }, S)).toEqual(
      { scope: 'address', waitSeconds: 55 },
    );
  });
});
