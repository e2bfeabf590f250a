import { describe, expect, it } from 'vitest';
import { type FusionSignal, fuseSignals, scoreEvent, signalStrength } from './fusion.ts';

let nextId = 1;
const sig = (over: Partial<FusionSignal>): FusionSignal => ({
  id: nextId++,
  source: 'case',
  category: 'case-report',
  subject: 'C11',
  subjectName: '手足口病',
  areaCode: '410782001',
  areaName: '城关街道',
  areaLevel: 'township',
  countyCode: '410782',
  syndrome: 'rash',
  date: '2024-05-10',
  observed: 8,
  upperbound: 4,
  algorithm: 'ears-c2',
  ...over,
});

describe('signal fusion', () => {
  it('ranks a case aberration plus a school spike in one township above either alone', () => {
    const cases = sig({});
    const school = sig({
      source: 'stream',
      category: 'school',
      subject: 'school-fever',
      subjectName: '学校因病缺课（发热）',
      date: '2024-05-13',
    });
    const alone1 = scoreEvent([cases]);
    const alone2 = scoreEvent([school]);
    const r = fuseSignals([], [cases, school]);
    expect(r.changed).toHaveLength(1);
    const both = r.changed[0]!;
    expect(both.signals).toHaveLength(2);
    expect(both.score).toBeGreaterThan(Math.max(alone1.score, alone2.score));
    expect(both.level).toBeGreaterThanOrEqual(alone1.level);
    expect(both.explanation.zh).toContain('传染病报告');
    expect(both.explanation.zh).toContain('学校缺课');
    expect(both.explanation.triggers.map((t) => t.category)).toEqual(['case-report', 'school']);
  });

  it('keeps signals more than the window apart, or in other townships, in separate events', () => {
    const a = sig({ date: '2024-05-01' });
    const b = sig({ date: '2024-05-20' });
    const c = sig({ date: '2024-05-02', areaCode: '410782002', areaName: '某镇' });
    expect(fuseSignals([], [a, b, c]).changed).toHaveLength(3);
  });

  it('merges township events into an overlapping county event of the same county', () => {
    const township = sig({ source: 'stream', category: 'school', date: '2024-05-08' });
    const county = sig({
      areaCode: '410782',
      areaName: '辉县市',
      areaLevel: 'county',
      subject: 'B12',
      date: '2024-05-10',
    });
    const existing = fuseSignals([], [township]).changed.map((e, i) => ({ ...e, key: 100 + i }));
    const r = fuseSignals(existing, [county]);
    expect(r.changed).toHaveLength(1);
    expect(r.changed[0]!.areaCode).toBe('410782');
    expect(r.changed[0]!.mergedFrom).toEqual([100]);
    expect(r.changed[0]!.signals).toHaveLength(2);
  });

  it('joins a new signal to an open event within the window and leaves closed events alone', () => {
    const first = sig({ date: '2024-05-01' });
    const [e] = fuseSignals([], [first]).changed;
    const open = { ...e!, key: 7 };
    const r = fuseSignals([open], [sig({ date: '2024-05-06' })]);
    expect(r.changed.map((x) => x.key)).toEqual([7]);
    const r2 = fuseSignals([{ ...open, open: false }], [sig({ date: '2024-05-20' })]);
    expect(r2.changed[0]!.isNew).toBe(true);
  });

  it('keeps different syndromes apart and does not chain an event beyond its window', () => {
    const rash = sig({ date: '2024-05-01' });
    const gi = sig({ subject: 'C10', syndrome: 'gastrointestinal', date: '2024-05-02' });
    expect(fuseSignals([], [rash, gi]).changed).toHaveLength(2);
    const chain = [1, 5, 9, 13].map((d) => sig({ date: `2024-05-${String(d).padStart(2, '0')}` }));
    const r = fuseSignals([], chain).changed;
    expect(r.map((e) => [e.firstDate, e.signals.length])).toEqual([
      ['2024-05-01', 2],
      ['2024-05-09', 2],
    ]);
  });

  it('makes immediate signals red and ignores source-silent signals', () => {
    const plague = sig({
      source: 'fixed',
      subject: 'A01',
      observed: 1,
      upperbound: 0,
      immediate: true,
      algorithm: 'fixed',
    });
    expect(scoreEvent([plague]).level).toBe(4);
    expect(fuseSignals([], [sig({ source: 'silent', category: 'data-quality' })]).changed).toHaveLength(0);
    expect(signalStrength({ observed: 5, upperbound: 5 })).toBeCloseTo(1 - Math.exp(-1), 10);
    expect(signalStrength({ observed: 10, upperbound: 5 })).toBeGreaterThan(
      signalStrength({ observed: 6, upperbound: 5 }),
    );
  });

  it('drops withdrawn signals from the risk but names them in the explanation', () => {
    const plague = sig({ source: 'fixed', subject: 'A01', immediate: true, upperbound: 0, observed: 1 });
    const school = sig({ source: 'stream', category: 'school', subject: 'school-fever', observed: 9, upperbound: 4 });
    const withSchool = scoreEvent([{ ...plague, withdrawn: true, observed: 0 }, school]);
    expect(withSchool.level).toBe(scoreEvent([school]).level);
    expect(withSchool.score).toBe(scoreEvent([school]).score);
    expect(withSchool.explanation.zh).toContain('1 个信号已撤回');
    const none = scoreEvent([{ ...plague, withdrawn: true, observed: 0 }]);
    expect(none).toMatchObject({ score: 0, level: 1 });
    expect(none.explanation.en).toMatch(/^Every trigger withdrawn/);
  });
});
