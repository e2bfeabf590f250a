// Test data shared by the integration tests: dates relative to today, synthetic citizen IDs, multipart
// uploads, and the institutions and users a test file sets up through the API.
import { citizenIdCheckChar } from '@weijian/core/registry';
import { expect } from 'vitest';
import type { TestApp } from './helpers.ts';

/** Password of the users the tests create (meets the password policy). */
export const STRONG = 'Passw0rd-test';

/** A date `n` days before today (China time), as YYYY-MM-DD. */
export const daysAgo = (n: number) => new Date(Date.now() + 8 * 3_600_000 - n * 86_400_000).toISOString().slice(0, 10);

/** A synthetic citizen ID with a valid check character (address code 410799 does not exist). */
export function citizenId(n: number, birth = '19800101'): string {
  const first17 = `410799${birth}${String(n % 1000).padStart(3, '0')}`;
  return first17 + citizenIdCheckChar(first17);
}

/** A multipart/form-data body holding one file, for `app.inject`. */
export function multipart(filename: string, body: Buffer, field = 'file') {
  const boundary = `----weijian${Math.random().toString(16).slice(2)}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head), body, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** Creates a government institution (a 二级甲等 hospital unless `over` says otherwise) and returns its id. */
export async function createInstitution(
  t: TestApp,
  cookie: string,
  name: string,
  areaCode: string,
  over: Record<string, unknown> = {},
): Promise<number> {
  const category = (over.category as string | undefined) ?? 'A1';
  const r = await t.call(cookie, 'POST', '/api/v1/institutions', {
    name,
    category,
    ...(category === 'A1' ? { gradeLevel: 2, gradeClass: '甲' } : {}),
    ownership: 'government',
    forProfit: false,
    areaCode,
    ...over,
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id as number;
}

export interface NewUser {
  username: string;
  displayName: string;
  role: string;
  scopeAreaCode?: string;
  scopeInstitutionId?: number;
}

/** Creates users with the password `STRONG`; returns their ids by username. */
export async function createUsers(t: TestApp, cookie: string, users: NewUser[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const u of users) {
    const r = await t.call(cookie, 'POST', '/api/v1/users', { ...u, password: STRONG });
    expect(r.statusCode, r.body).toBe(201);
    ids.set(u.username, r.json().user.id as number);
  }
  return ids;
}
