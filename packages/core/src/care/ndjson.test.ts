import { describe, expect, it } from 'vitest';
import { citizenIdCheckChar } from '../registry/validators.ts';
import { parseCareLine } from './ndjson.ts';

const ok = (o: object) => {
  const r = parseCareLine(JSON.stringify(o), 1);
  if (!r.ok) throw new Error(r.message.en);
  return r.item;
};
const bad = (line: string | object, lineNo = 7) => {
  const r = parseCareLine(typeof line === 'string' ? line : JSON.stringify(line), lineNo);
  if (r.ok) throw new Error('accepted');
  return r;
};
const idOf = (first17: string) => first17 + citizenIdCheckChar(first17);

const resident = { kind: 'resident', id: 'r1', sex: 'F', birthDate: '1960-05-04', area: '410782101201' };

describe('parseCareLine', () => {
  it('reads the five kinds with defaults', () => {
    expect(ok(resident)).toEqual({ ...resident, established: null, deathDate: null, movedOut: null });
    expect(ok({ kind: 'enrolment', resident: 'r1', program: 'hypertension', start: '2025-02-01' })).toEqual({
      kind: 'enrolment',
      resident: 'r1',
      program: 'hypertension',
      start: '2025-02-01',
      end: null,
    });
    expect(
      ok({ kind: 'followup', resident: 'r1', program: 'diabetes', date: '2026-01-05', mode: 'phone', fbg: 6.8 }),
    ).toMatchObject({
      sbp: null,
      dbp: null,
      fbg: 6.8,
    });
    expect(ok({ kind: 'check', resident: 'r1', type: 'elderly-annual', date: '2026-04-01' })).toMatchObject({
      complete: true,
    });
    expect(ok({ kind: 'check', resident: 'r1', type: 'child', date: '2026-04-01', complete: false })).toMatchObject({
      complete: false,
    });
    expect(ok({ kind: 'contract', resident: 'r1', team: 'T1', start: '2026-01-01', end: '2026-12-31' })).toMatchObject({
      team: 'T1',
    });
    expect(
      ok({
        kind: 'enrolment',
        resident: 'r1',
        program: 'maternal',
        start: '2026-02-01',
        lmp: '2025-12-01',
        delivery: null,
      }),
    ).toMatchObject({
      lmp: '2025-12-01',
      delivery: null,
    });
  });
  it('reads null optional fields as absent', () => {
    expect(ok({ ...resident, deathDate: null, established: '2020-01-01' })).toMatchObject({
      deathDate: null,
      established: '2020-01-01',
    });
  });
  it('checks the ID number against the birth date and sex (GB 11643)', () => {
    const id = idOf('41078219600504002'); // sequence 002: even → female
    expect(ok({ ...resident, idNumber: id.toLowerCase() })).toMatchObject({ idNumber: id });
    expect(bad({ ...resident, idNumber: `${id.slice(0, 17)}${id[17] === '1' ? '2' : '1'}` }).message.zh).toContain(
      '校验码',
    );
    expect(bad({ ...resident, sex: 'M', idNumber: id }).field).toBe('idNumber');
    expect(bad({ ...resident, birthDate: '1960-05-05', idNumber: id }).message.en).toContain('birth date');
  });
  it('names the line and the field in both languages', () => {
    const r = bad({ ...resident, sex: 'X' }, 12);
    expect(r.field).toBe('sex');
    expect(r.message.zh).toBe('第 12 行【sex】“X”无效，可选：M、F');
    expect(r.message.en).toBe('line 12 [sex]: "X" is not one of M, F');
  });
  it('refuses bad JSON, unknown kinds and unknown fields', () => {
    expect(bad('{"kind":').message.zh).toBe('第 7 行：不是有效的 JSON');
    expect(bad('[1]').message.en).toContain('JSON object');
    expect(bad({ kind: 'visit' }).field).toBe('kind');
    const typo = bad({
      kind: 'followup',
      resident: 'r1',
      program: 'diabetes',
      date: '2026-01-05',
      mode: 'clinic',
      fgb: 6.1,
    });
    expect(typo.field).toBe('fgb');
    expect(typo.message.en).toBe('line 7 [fgb]: no such field in a followup line');
  });
  it('refuses bad dates, programmes, modes, readings and types', () => {
    expect(bad({ ...resident, birthDate: '1960-02-30' }).field).toBe('birthDate');
    expect(bad({ ...resident, birthDate: '19600504' }).field).toBe('birthDate');
    expect(bad({ ...resident, birthDate: '1900-02-29' }).field).toBe('birthDate');
    expect(ok({ ...resident, birthDate: '2000-02-29' })).toMatchObject({ birthDate: '2000-02-29' });
    expect(bad({ ...resident, birthDate: '1960-04-31' }).field).toBe('birthDate');
    expect(bad({ ...resident, birthDate: '1960-00-10' }).field).toBe('birthDate');
    expect(bad({ ...resident, name: 'a\u0000b' }).message.zh).toContain('无效字符');
    expect(bad({ ...resident, area: '4107' }).field).toBe('area');
    expect(bad({ ...resident, id: 5 }).message.en).toContain('must be a string');
    expect(bad({ ...resident, id: undefined }).message.zh).toContain('缺少必填字段');
    expect(bad({ ...resident, deathDate: '1959-01-01' }).field).toBe('deathDate');
    const f = { kind: 'followup', resident: 'r1', program: 'hypertension', date: '2026-01-05', mode: 'clinic' };
    expect(bad({ ...f, program: 'asthma' }).field).toBe('program');
    expect(bad({ ...f, mode: 'video' }).field).toBe('mode');
    expect(bad({ ...f, sbp: '140' }).field).toBe('sbp');
    expect(bad({ ...f, sbp: 140.5 }).message.en).toContain('integer');
    expect(bad({ ...f, dbp: 250 }).message.zh).toContain('超出合理范围');
    expect(bad({ ...f, date: '2026-13-01' }).field).toBe('date');
    expect(bad({ kind: 'check', resident: 'r1', type: 'dental', date: '2026-01-01' }).field).toBe('type');
    expect(bad({ kind: 'check', resident: 'r1', type: 'child', date: '2026-01-01', complete: 'yes' }).field).toBe(
      'complete',
    );
    expect(bad({ kind: 'contract', resident: 'r1', team: 'T', start: '2026-01-01' }).field).toBe('end');
    expect(bad({ kind: 'contract', resident: 'r1', team: 'T', start: '2026-01-01', end: '2025-12-31' }).field).toBe(
      'end',
    );
    expect(
      bad({ kind: 'enrolment', resident: 'r1', program: 'tb', start: '2026-01-01', lmp: '2025-12-01' }).field,
    ).toBe('lmp');
  });
});
