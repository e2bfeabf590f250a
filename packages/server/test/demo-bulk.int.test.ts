// The demo's bulk card load (demo-loader.ts bulkLoadCards) stores exactly what the intake stores for the same
// synthetic cards: every column but ids and timestamps, identifiers compared decrypted (fresh IVs), the
// planted duplicates pointing at the same earlier cards; a bad card fails the load with nothing written.
import { chinaToday } from '@weijian/core/platform';
import { addDays, generateDemoSurveillance } from '@weijian/core/surveillance';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessPolicy } from '../src/platform/access-policy.ts';
import { bulkLoadCards } from '../src/surveillance/demo-loader.ts';
import { createInstitution } from './fixtures.ts';
import { ENGINES, makeApp, type TestApp } from './helpers.ts';

const HX = '410782001'; // a township of 辉县市
const HX2 = '410782002';

describe.each(ENGINES)('demo bulk card load on %s', (engine) => {
  let t: TestApp;
  let cards: unknown[];

  beforeAll(async () => {
    t = await makeApp(engine);
    const admin = await t.login('admin');
    const hospital = await createInstitution(t, admin, '辉县市人民医院（测试）', HX);
    const centre = await createInstitution(t, admin, '测试乡镇卫生院', HX2, { category: 'B1' });
    const s = t.ctx.services.surveillance;
    const tree = await s.areas.tree();
    const to = addDays(chinaToday(new Date()), -1);
    const year = Number(to.slice(0, 4));
    const demo = generateDemoSurveillance({
      townships: [HX, HX2].map((code) => ({
        code,
        name: tree.get(code)!.name,
        countyCode: '410782',
        population: 60_000,
        villages: tree.childrenIn(code, year).map((v) => v.code),
        institutionIds: [centre],
      })),
      countyHospitals: { '410782': [hospital] },
      to,
    });
    cards = demo.cards;
  }, 120_000);
  afterAll(() => t?.close());

  const policy = async () => {
    const s = t.ctx.services.surveillance;
    const admin = await s.users.adminPrincipal();
    const actor = { principal: admin, ip: null };
    return { actor, policy: new AccessPolicy(admin, s.areaScope, actor) };
  };

  /** The synthetic cards as stored, keyed by client report id, ids and timestamps left out. */
  const snapshot = async () => {
    const s = t.ctx.services.surveillance;
    const { rows } = await s.db.query<Record<string, unknown>>(
      `select c.*, f.institution_id as dup_inst, f.client_report_id as dup_cid
         from case_reports c left join case_reports f on f.id = c.duplicate_of
        where c.synthetic order by c.institution_id, c.client_report_id`,
    );
    return rows.map(({ id: _i, duplicate_of, created_at: _c, updated_at: _u, citizen_id_enc, phone_enc, ...rest }) => ({
      ...rest,
      duplicate: duplicate_of !== null,
      citizenId: citizen_id_enc ? s.protector.decrypt(String(citizen_id_enc)) : null,
      phone: phone_enc ? s.protector.decrypt(String(phone_enc)) : null,
    }));
  };
  const clear = () =>
    t.ctx.services.surveillance.db.query('delete from case_reports where synthetic').then(() => undefined);

  it('stores the rows the intake stores, duplicates included', async () => {
    const s = t.ctx.services.surveillance;
    const { actor, policy: p } = await policy();
    const now = new Date().toISOString();
    expect(cards.length).toBeGreaterThan(500);
    // The intake in two submissions (the second half's duplicates of the first found among stored cards).
    const half = Math.floor(cards.length / 2);
    let intakeDuplicates = 0;
    for (const part of [cards.slice(0, half), cards.slice(half)]) {
      const r = await s.intake.ingest(p, part, { actor, mode: 'bulk', synthetic: true, now });
      expect(r.rejected).toBe(0);
      intakeDuplicates += r.duplicates;
    }
    const viaIntake = await snapshot();
    expect(viaIntake).toHaveLength(cards.length);
    await clear();
    const bulk = await bulkLoadCards(s, p, cards, { actor, now });
    const viaBulk = await snapshot();
    expect(bulk.created).toBe(cards.length);
    expect(intakeDuplicates).toBeGreaterThan(0);
    expect(bulk.duplicates).toBe(intakeDuplicates);
    expect(viaBulk.filter((r) => r.duplicate)).toHaveLength(intakeDuplicates);
    expect(viaBulk).toEqual(viaIntake);
    // One summary entry, and the series queued as the intake queues them.
    const { rows: audit } = await s.db.query<{ after: { created: number } }>(
      `select after from audit_log where action = 'case.bulk' order by id desc limit 1`,
    );
    expect(audit[0]?.after.created).toBe(cards.length);
    const { rows: queued } = await s.db.query<{ n: number }>('select count(*)::int as n from detection_queue');
    expect(queued[0]!.n).toBeGreaterThan(0);
  }, 240_000);

  it('refuses a bad card with 422 naming its row, nothing written', async () => {
    const s = t.ctx.services.surveillance;
    await clear();
    const { actor, policy: p } = await policy();
    const bad = cards.slice(0, 50).map((c, i) => (i === 7 ? { ...(c as object), onsetDate: 'gestern' } : c));
    await expect(bulkLoadCards(s, p, bad, { actor, now: new Date().toISOString() })).rejects.toMatchObject({
      status: 422,
      details: [expect.objectContaining({ row: 8, path: 'onsetDate' })],
    });
    const { rows } = await s.db.query<{ n: number }>('select count(*)::int as n from case_reports where synthetic');
    expect(rows[0]!.n).toBe(0);
  });
});
