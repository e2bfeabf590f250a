import { describe, expect, it } from 'vitest';
import { evaluateCare, requiredFollowups } from './evaluate.ts';
import type {
  CareCheck,
  CareContract,
  CareEnrolment,
  CareFollowup,
  CareIndicatorCode,
  CareRecords,
  CareResident,
} from './types.ts';

const person = (id: string, birthDate: string, more: Partial<CareResident> = {}): CareResident => ({
  id,
  sex: 'M',
  birthDate,
  area: '410782101201',
  established: null,
  deathDate: null,
  movedOut: null,
  ...more,
});
const enrol = (
  resident: string,
  program: CareEnrolment['program'],
  start: string,
  end: string | null = null,
): CareEnrolment => ({
  resident,
  program,
  start,
  end,
});
const fu = (
  resident: string,
  program: CareFollowup['program'],
  date: string,
  mode: CareFollowup['mode'] = 'clinic',
  r: Partial<Pick<CareFollowup, 'sbp' | 'dbp' | 'fbg'>> = {},
): CareFollowup => ({ resident, program, date, mode, sbp: null, dbp: null, fbg: null, ...r });
const check = (resident: string, type: CareCheck['type'], date: string, complete = true): CareCheck => ({
  resident,
  type,
  date,
  complete,
});
const contract = (resident: string, start: string, end: string): CareContract => ({ resident, team: 'T1', start, end });

function run(records: Partial<CareRecords>, year = 2026) {
  const all: CareRecords = { residents: [], enrolments: [], followups: [], checks: [], contracts: [], ...records };
  const values = evaluateCare(all, year);
  return (code: CareIndicatorCode) => {
    const v = values.find((x) => x.code === code)!;
    return [v.numerator, v.denominator, v.value] as const;
  };
}
const quarterly = (r: string, p: CareFollowup['program'], dates: string[], mode: CareFollowup['mode'] = 'clinic') =>
  dates.map((d) => fu(r, p, d, mode));

describe('requiredFollowups', () => {
  it('counts the quarters from the later of enrolment and 1 January', () => {
    expect(requiredFollowups('2024-08-01', 2026)).toBe(4);
    expect(requiredFollowups('2026-01-01', 2026)).toBe(4);
    expect(requiredFollowups('2026-05-15', 2026)).toBe(3);
    expect(requiredFollowups('2026-12-31', 2026)).toBe(1);
  });
});

describe('evaluateCare', () => {
  it('returns every code, null values over empty denominators', () => {
    const get = run({});
    expect(get('ehr-coverage')).toEqual([0, 0, null]);
    expect(
      evaluateCare({ residents: [], enrolments: [], followups: [], checks: [], contracts: [] }, 2026),
    ).toHaveLength(13);
  });

  it('hypertension-management: 4 face-to-face in the year, fewer from a mid-year enrolment; phone ones do not count', () => {
    const residents = ['a', 'b', 'c', 'd', 'e'].map((id) => person(id, '1960-01-01'));
    const get = run({
      residents,
      enrolments: [
        enrol('a', 'hypertension', '2020-03-01'),
        enrol('b', 'hypertension', '2020-03-01'),
        enrol('c', 'hypertension', '2026-07-10'), // Q3: needs 2
        enrol('d', 'hypertension', '2026-07-10'),
        enrol('e', 'hypertension', '2020-03-01'),
      ],
      followups: [
        ...quarterly('a', 'hypertension', ['2026-01-10', '2026-04-10', '2026-07-10', '2026-10-10']),
        // b: 3 face to face and one by phone → not standard
        ...quarterly('b', 'hypertension', ['2026-01-10', '2026-04-10', '2026-07-10']),
        fu('b', 'hypertension', '2026-10-10', 'phone'),
        // c: two home visits after enrolment; d: one before the enrolment does not count
        ...quarterly('c', 'hypertension', ['2026-08-01', '2026-11-20'], 'home'),
        fu('d', 'hypertension', '2026-07-09'),
        fu('d', 'hypertension', '2026-11-20'),
        // e: 4 visits, one of them in the previous year, one of another programme
        ...quarterly('e', 'hypertension', ['2025-12-30', '2026-04-10', '2026-07-10']),
        fu('e', 'diabetes', '2026-10-10'),
      ],
    });
    expect(get('hypertension-management')).toEqual([2, 5, 40]);
  });

  it('the four weekly visits of one quarter make four (the definition counts visits, not quarters)', () => {
    const get = run({
      residents: [person('a', '1960-01-01')],
      enrolments: [enrol('a', 'hypertension', '2020-01-01')],
      followups: quarterly('a', 'hypertension', ['2026-03-01', '2026-03-08', '2026-03-15', '2026-03-22']),
    });
    expect(get('hypertension-management')).toEqual([1, 1, 100]);
  });

  it('managed patients: enrolled by 31 December and not ended before it', () => {
    const residents = ['a', 'b', 'c', 'd'].map((id) => person(id, '1960-01-01'));
    const get = run({
      residents,
      enrolments: [
        enrol('a', 'diabetes', '2020-01-01', '2026-12-31'), // ends on D: managed
        enrol('b', 'diabetes', '2020-01-01', '2026-12-30'), // ended before D
        enrol('c', 'diabetes', '2027-01-01'), // starts after D
        enrol('d', 'diabetes', '2026-12-31'), // starts on D: needs 1 visit (Q4)
      ],
      followups: [fu('d', 'diabetes', '2026-12-31', 'clinic', { fbg: 6.5 })],
    });
    expect(get('diabetes-management')).toEqual([1, 2, 50]);
    expect(get('diabetes-glucose-control')).toEqual([1, 2, 50]);
  });

  it('dead and moved-out residents do not count anywhere; after 31 December they still do', () => {
    const residents = [
      person('a', '1950-01-01', { deathDate: '2026-12-31', established: '2010-01-01' }),
      person('b', '1950-01-01', { movedOut: '2026-06-30', established: '2010-01-01' }),
      person('c', '1950-01-01', { deathDate: '2027-01-01', established: '2010-01-01' }),
      person('d', '1950-01-01', { established: '2027-01-05' }),
      person('e', '2027-02-01', { established: '2027-02-01' }), // not born yet
    ];
    const get = run({
      residents,
      enrolments: [enrol('a', 'hypertension', '2020-01-01'), enrol('c', 'hypertension', '2020-01-01')],
      checks: [check('a', 'elderly-annual', '2026-03-01'), check('c', 'elderly-annual', '2026-03-01')],
    });
    expect(get('ehr-coverage')).toEqual([1, 2, 50]);
    expect(get('hypertension-management')).toEqual([0, 1, 0]);
    expect(get('elderly-health-management')).toEqual([1, 2, 50]);
  });

  it('bp-control: the latest follow-up in the year with a BP; none → not controlled', () => {
    const residents = ['a', 'b', 'c', 'd', 'e'].map((id) => person(id, '1960-01-01'));
    const get = run({
      residents,
      enrolments: residents.map((r) => enrol(r.id, 'hypertension', '2020-01-01')),
      followups: [
        // a: high in March, controlled in November; a later phone visit without readings does not hide it
        fu('a', 'hypertension', '2026-03-01', 'clinic', { sbp: 160, dbp: 95 }),
        fu('a', 'hypertension', '2026-11-01', 'clinic', { sbp: 132, dbp: 84 }),
        fu('a', 'hypertension', '2026-12-01', 'phone'),
        // b: controlled then 140/80 (SBP 140 is not <140)
        fu('b', 'hypertension', '2026-03-01', 'clinic', { sbp: 120, dbp: 80 }),
        fu('b', 'hypertension', '2026-11-01', 'clinic', { sbp: 140, dbp: 80 }),
        // c: a controlled reading only in the previous year
        fu('c', 'hypertension', '2025-11-01', 'clinic', { sbp: 120, dbp: 80 }),
        // d: only the SBP was recorded → no BP
        fu('d', 'hypertension', '2026-11-01', 'clinic', { sbp: 120 }),
        // e: two readings on the latest day, one of them high → not controlled
        fu('e', 'hypertension', '2026-11-01', 'clinic', { sbp: 120, dbp: 80 }),
        fu('e', 'hypertension', '2026-11-01', 'clinic', { sbp: 130, dbp: 92 }),
      ],
    });
    expect(get('hypertension-bp-control')).toEqual([1, 5, 20]);
  });

  it('glucose-control: the latest FBG in the year <7.0', () => {
    const residents = ['a', 'b', 'c'].map((id) => person(id, '1960-01-01'));
    const get = run({
      residents,
      enrolments: residents.map((r) => enrol(r.id, 'diabetes', '2020-01-01')),
      followups: [
        fu('a', 'diabetes', '2026-02-01', 'clinic', { fbg: 9.1 }),
        fu('a', 'diabetes', '2026-10-01', 'phone', { fbg: 6.9 }),
        fu('b', 'diabetes', '2026-10-01', 'clinic', { fbg: 7.0 }),
        fu('c', 'diabetes', '2026-10-01', 'clinic', { sbp: 120, dbp: 70 }),
      ],
    });
    expect(get('diabetes-glucose-control')).toEqual([1, 3, (1 / 3) * 100]);
  });

  it('smi-management (any follow-up) and smi-standard-management (face-to-face per quarter)', () => {
    const residents = ['a', 'b', 'c'].map((id) => person(id, '1980-01-01'));
    const get = run({
      residents,
      enrolments: [enrol('a', 'smd', '2020-01-01'), enrol('b', 'smd', '2020-01-01'), enrol('c', 'smd', '2026-10-01')],
      followups: [
        ...quarterly('a', 'smd', ['2026-01-10', '2026-04-10', '2026-07-10', '2026-10-10'], 'home'),
        fu('b', 'smd', '2026-05-01', 'phone'),
        fu('c', 'smd', '2026-09-01', 'clinic'), // before the enrolment
      ],
    });
    expect(get('smi-management')).toEqual([2, 3, (2 / 3) * 100]);
    expect(get('smi-standard-management')).toEqual([1, 3, (1 / 3) * 100]);
  });

  it('elderly: age ≥65 at 31 December with a complete yearly check in the year', () => {
    const get = run({
      residents: [
        person('a', '1961-12-31'), // 65 on D
        person('b', '1962-01-01'), // 64
        person('c', '1950-06-01'),
        person('d', '1950-06-01'),
      ],
      checks: [
        check('a', 'elderly-annual', '2026-02-01'),
        check('b', 'elderly-annual', '2026-02-01'),
        check('c', 'elderly-annual', '2026-02-01', false), // incomplete
        check('d', 'elderly-annual', '2025-12-31'), // previous year
      ],
    });
    expect(get('elderly-health-management')).toEqual([1, 3, (1 / 3) * 100]);
  });

  it('children 0–6: under 7 at 31 December with a child check in the year', () => {
    const get = run({
      residents: [
        person('a', '2020-01-01'),
        person('b', '2019-12-31'),
        person('c', '2024-05-01'),
        person('d', '2026-11-01'),
      ],
      checks: [check('a', 'child', '2026-03-01'), check('b', 'child', '2026-03-01'), check('c', 'child', '2025-05-01')],
    });
    expect(get('child-0-6-health-management')).toEqual([1, 3, (1 / 3) * 100]);
  });

  it('child-u3: as many checks in the year as visits due in it; none due → not counted', () => {
    const get = run({
      residents: [
        person('a', '2025-01-31'), // 2026: 12 and 18 months due → 2
        person('b', '2025-01-31'),
        person('c', '2026-03-01'), // newborn, month-1, 3, 6, 8 months → 5
        person('d', '2026-12-28'), // nothing due in 2026
        person('e', '2023-06-01'), // 3 at D: not under 3
      ],
      checks: [
        check('a', 'child', '2026-01-31'),
        check('a', 'child', '2026-07-31'),
        check('b', 'child', '2026-07-31'),
        ...['2026-03-08', '2026-03-29', '2026-06-01', '2026-09-01', '2026-11-01'].map((d) => check('c', 'child', d)),
      ],
    });
    expect(get('child-u3-system-management')).toEqual([2, 3, (2 / 3) * 100]);
  });

  it('maternal-system-management: delivered in the year, booked before 13 weeks, ≥5 prenatal, postpartum within 28 days', () => {
    const women = ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => person(id, '1995-01-01', { sex: 'F' }));
    const mat = (r: string, lmp: string | null, start: string, delivery: string | null): CareEnrolment => ({
      ...enrol(r, 'maternal', start, delivery),
      lmp,
      delivery,
    });
    const prenatal = (r: string, dates: string[]) => dates.map((d) => check(r, 'prenatal', d));
    const five = ['2026-03-01', '2026-04-20', '2026-05-20', '2026-07-20', '2026-09-01'];
    const get = run({
      residents: women,
      enrolments: [
        mat('a', '2026-01-01', '2026-03-01', '2026-09-30'), // 59 days: booked in time; all visits → managed
        mat('b', '2026-01-01', '2026-04-02', '2026-09-30'), // 91 days = 13 weeks: too late
        mat('c', '2026-01-01', '2026-03-01', '2026-09-30'), // 4 prenatal
        mat('d', '2026-01-01', '2026-03-01', '2026-09-30'), // postpartum visit on day 29
        mat('e', null, '2026-03-01', '2026-09-30'), // no LMP → cannot show early booking
        mat('f', '2026-06-01', '2026-07-01', null), // not delivered: not in the denominator
      ],
      checks: [
        ...prenatal('a', five),
        check('a', 'postpartum', '2026-10-06'),
        ...prenatal('b', ['2026-04-02', ...five.slice(1)]),
        check('b', 'postpartum', '2026-10-06'),
        ...prenatal('c', five.slice(0, 4)),
        check('c', 'postpartum', '2026-10-06'),
        ...prenatal('d', five),
        check('d', 'postpartum', '2026-10-29'),
        ...prenatal('e', five),
        check('e', 'postpartum', '2026-10-06'),
      ],
    });
    expect(get('maternal-system-management')).toEqual([1, 5, 20]);
  });

  it('ehr-coverage and family-doctor signing (all residents and the key population)', () => {
    const residents = [
      person('old', '1950-01-01', { established: '2015-01-01' }), // key: 65+
      person('ht', '1975-01-01', { established: '2026-12-31' }), // key: managed
      person('kid', '2022-01-01', { established: '2027-01-01' }), // key: child
      person('preg', '1995-01-01', { sex: 'F' }), // key: pregnant
      person('adult', '1985-01-01', { established: '2020-01-01' }), // not key
      person('was', '1975-01-01'), // hypertension ended before D: not key
    ];
    const get = run({
      residents,
      enrolments: [
        enrol('ht', 'hypertension', '2026-06-01'),
        { ...enrol('preg', 'maternal', '2026-08-01'), lmp: '2026-06-01', delivery: null },
        enrol('was', 'hypertension', '2020-01-01', '2026-11-30'),
      ],
      contracts: [
        contract('old', '2026-01-01', '2026-12-31'), // covers D
        contract('ht', '2025-01-01', '2026-12-30'), // ends the day before D
        contract('kid', '2027-01-01', '2027-12-31'), // starts after D
        contract('preg', '2026-12-31', '2027-12-30'),
        contract('adult', '2026-01-01', '2027-12-31'),
      ],
    });
    expect(get('ehr-coverage')).toEqual([3, 6, 50]);
    expect(get('family-doctor-signing')).toEqual([3, 6, 50]);
    expect(get('family-doctor-signing-key')).toEqual([2, 4, 50]);
  });

  it('ignores records of residents not in the file', () => {
    const get = run({
      residents: [person('a', '1960-01-01')],
      enrolments: [enrol('a', 'tb', '2026-01-01'), enrol('ghost', 'hypertension', '2020-01-01')],
      followups: [fu('ghost', 'hypertension', '2026-03-01')],
    });
    expect(get('hypertension-management')).toEqual([0, 0, null]);
    expect(get('family-doctor-signing-key')).toEqual([0, 1, 0]);
  });
});
