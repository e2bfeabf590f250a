import { describe, expect, it } from 'vitest';
import { computeKpis, median } from './kpi.ts';
import { allowedTransitions, checkTransition, EVENT_STATES, verifyDeadlineHours } from './workflow.ts';

describe('event workflow', () => {
  it('walks 待核实 → 初步核实 → 疑似事件 → 现场调查 → 确认 → 结案', () => {
    expect(checkTransition('pending', 'verifying').ok).toBe(true);
    expect(checkTransition('verifying', 'suspected', { note: '核实为聚集性疫情' }).ok).toBe(true);
    expect(checkTransition('suspected', 'investigating').ok).toBe(true);
    expect(checkTransition('investigating', 'confirmed', { emergencyLevel: 4 }).ok).toBe(true);
    expect(checkTransition('confirmed', 'closed', { note: '处置完毕' }).ok).toBe(true);
  });

  it('rejects skipped steps, confirmation without a level and verification without a note', () => {
    const r = checkTransition('pending', 'confirmed', { emergencyLevel: 3 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message.zh).toContain('待核实');
    expect(checkTransition('investigating', 'confirmed')).toMatchObject({ ok: false, field: 'emergencyLevel' });
    expect(checkTransition('pending', 'confirmed', { emergencyLevel: 3 })).toMatchObject({ ok: false, field: 'to' });
    expect(checkTransition('verifying', 'excluded')).toMatchObject({ ok: false, field: 'note' });
    expect(checkTransition('verifying', 'excluded', { note: '重复报告' }).ok).toBe(true);
    expect(checkTransition('closed', 'pending').ok).toBe(false);
    for (const s of EVENT_STATES) expect(allowedTransitions(s)).not.toContain(s);
  });

  it('gives red events 2 hours and others 24', () => {
    expect(verifyDeadlineHours(4)).toBe(2);
    expect(verifyDeadlineHours(2)).toBe(24);
  });
});

describe('KPIs', () => {
  it('computes timeliness, median response, signals per county-week and PPV', () => {
    const ev = (created: string, verified: string | null, confirmed = false) => ({
      countyCode: '410782',
      createdAt: created,
      verifyDeadline: new Date(Date.parse(created) + 24 * 3600_000).toISOString(),
      verifiedAt: verified,
      state: confirmed ? 'confirmed' : verified ? 'excluded' : 'pending',
      confirmed,
    });
    const k = computeKpis(
      [
        ev('2024-05-01T00:00:00.000Z', '2024-05-01T01:00:00.000Z', true),
        ev('2024-05-02T00:00:00.000Z', '2024-05-02T03:00:00.000Z'),
        ev('2024-05-03T00:00:00.000Z', '2024-05-05T00:00:00.000Z'),
        ev('2024-05-04T00:00:00.000Z', null),
      ],
      8,
      { counties: 2, from: '2024-05-01', to: '2024-05-14', now: '2024-06-01T00:00:00.000Z' },
    );
    expect(k.timeliness).toBe(0.5); // 2 in time of 4 due (one late, one overdue)
    expect(k.medianResponseHours).toBe(3);
    expect(k.ppv).toBe(0.25);
    expect(k.signalsPerCountyWeek).toBeCloseTo(8 / 2 / 2, 2);
    expect(median([])).toBeNull();
  });
});
