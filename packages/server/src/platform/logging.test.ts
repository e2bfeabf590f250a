import { describe, expect, it } from 'vitest';
import { scrubMessage, serializeError, urlWithoutValues } from './logging.ts';

describe('what the log keeps of a request and an error', () => {
  it('keeps query keys, not values', () => {
    expect(urlWithoutValues('/api/v1/surveillance/cases?citizenId=410782198001011234&limit=5')).toBe(
      '/api/v1/surveillance/cases?citizenId=[redacted]&limit=[redacted]',
    );
    expect(urlWithoutValues('/api/v1/plans/3')).toBe('/api/v1/plans/3');
  });

  it('blanks quoted values and long digit runs in database messages', () => {
    expect(scrubMessage('invalid input syntax for type date: "2023-02-30"')).toBe(
      'invalid input syntax for type date: "…"',
    );
    expect(scrubMessage('value "3000000000" is out of range for type integer')).toBe(
      'value "…" is out of range for type integer',
    );
    expect(scrubMessage('phone 13912345678 and ID 41078219800101123X refused')).toBe('phone … and ID … refused');
  });

  it('drops the parameters, detail and query a database error carries', () => {
    const e = Object.assign(new Error('duplicate key value violates unique constraint "x"'), {
      code: '23505',
      table: 'case_reports',
      detail: 'Key (patient_name)=(张三) already exists.',
      params: [['张三'], ['410782198001011234']],
      query: 'insert into case_reports …',
    });
    const out = serializeError(e);
    expect(out).toMatchObject({ code: '23505', table: 'case_reports' });
    expect(JSON.stringify(out)).not.toMatch(/张三|410782198001011234|insert into/);
  });
});
