import { describe, expect, it } from 'vitest';
import { checkCaseReport, maskName, parseChinaTime, timeliness } from './case-report.ts';
import { detect } from './detect.ts';
import { DISEASES, isClassAorB } from './diseases.ts';
import { periodEnd, periodIndex, periodStart } from './periods.ts';

describe('disease catalogue', () => {
  it('lists the 2 甲类 diseases, 乙类甲管 with 2-hour deadlines and unique codes', () => {
    expect(DISEASES.filter((d) => d.class === 'A').map((d) => d.name.zh)).toEqual(['鼠疫', '霍乱']);
    for (const d of DISEASES.filter((x) => x.class === 'A' || x.class === 'B-A')) {
      expect(d.deadlineHours).toBe(2);
      expect(d.immediate).toBe(true);
    }
    expect(DISEASES.filter((d) => d.class === 'B-A').map((d) => d.name.zh)).toEqual(['传染性非典型肺炎', '肺炭疽']);
    expect(new Set(DISEASES.map((d) => d.code)).size).toBe(DISEASES.length);
    expect(DISEASES.filter((d) => d.class === 'C')).toHaveLength(11);
    expect(isClassAorB('B-A')).toBe(true);
    expect(isClassAorB('C')).toBe(false);
  });

  it('carries detector settings detect() accepts', () => {
    const observed = Array.from({ length: 6 * 365 }, (_, i) => (i % 7) + 1);
    for (const d of DISEASES) {
      const frequency = d.frequency === 'day' ? 365 : 52;
      const n = frequency === 365 ? observed.length : 6 * 52;
      expect(() =>
        detect({
          algorithm: d.algorithm,
          frequency,
          observed: observed.slice(0, n),
          range: [n - 1, n - 1],
          params: d.params,
        }),
      ).not.toThrow();
    }
  });
});

describe('report card checks', () => {
  const now = '2024-06-01T08:00:00.000Z';
  const card = {
    clientReportId: 'R1',
    institutionId: 3,
    diseaseCode: 'C11',
    classification: 'clinical',
    patientName: '张小明',
    citizenId: '11010519491231002X',
    occupation: '散居儿童',
    addressCode: '410782001001',
    onsetDate: '2024-05-28',
    diagnosisAt: '2024-05-29 10:00',
    reportedAt: '2024-05-29 15:30',
    doctorName: '李医生',
  };

  it('accepts a valid card, deriving sex and birth date from the ID', () => {
    const r = checkCaseReport(card, now);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value.sex).toBe('female');
      expect(r.value.birthDate).toBe('1949-12-31');
      expect(r.value.diagnosisAt).toBe('2024-05-29T02:00:00.000Z');
      expect(r.value.ageYears).toBe(74);
    }
  });

  it('names every bad field in Chinese and English', () => {
    const r = checkCaseReport(
      {
        ...card,
        citizenId: '110105194912310021',
        classification: 'probable',
        onsetDate: '2024-06-30',
        sex: 'male',
        occupation: 'x',
      },
      now,
    );
    expect(r.ok).toBe(false);
    if (!r.ok) {
      const paths = r.problems.map((p) => p.path);
      expect(paths).toEqual(expect.arrayContaining(['citizenId', 'classification', 'onsetDate', 'occupation']));
      expect(r.problems.find((p) => p.path === 'citizenId')!.message.zh).toContain('校验码');
    }
    const r2 = checkCaseReport({ ...card, reportedAt: '2024-05-29 09:00' }, now);
    expect(!r2.ok && r2.problems[0]!.path).toBe('reportedAt');
    // An id beyond PostgreSQL's integer cannot name an institution (it used to reach SQL and fail there).
    const r3 = checkCaseReport({ ...card, institutionId: 2_147_483_648 }, now);
    expect(!r3.ok && r3.problems.map((p) => p.path)).toEqual(['institutionId']);
  });

  it('measures timeliness and masks names', () => {
    expect(timeliness('2024-05-29T02:00:00.000Z', '2024-05-29T05:00:00.000Z', 2)).toEqual({
      delayMinutes: 180,
      timely: false,
    });
    expect(timeliness('2024-05-29T02:00:00.000Z', '2024-05-29T05:00:00.000Z', 24).timely).toBe(true);
    expect(maskName('张小明')).toBe('张**');
    expect(parseChinaTime('2024-02-30 10:00')).toBeNull();
  });

  it('counts weeks from Monday', () => {
    const w = periodIndex('week', '2024-05-29');
    expect(periodStart('week', w)).toBe('2024-05-27');
    expect(periodEnd('week', w)).toBe('2024-06-02');
    expect(periodIndex('week', '2024-06-02')).toBe(w);
    expect(periodIndex('week', '2024-06-03')).toBe(w + 1);
  });
});
