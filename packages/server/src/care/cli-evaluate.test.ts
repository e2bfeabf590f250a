import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CliError } from '../platform/cli-args.ts';
import { evaluateNdjson, streamLines } from './cli-evaluate.ts';

const collect = async (chunks: (string | Buffer)[]) => {
  const out: string[] = [];
  for await (const line of streamLines(Readable.from(chunks))) out.push(line);
  return out;
};

describe('streamLines', () => {
  it('splits across chunk boundaries, CRLF and a multi-byte character cut in two', async () => {
    const bytes = Buffer.from('{"a":"高"}\r\nline two\n\nlast');
    const cut = bytes.indexOf(Buffer.from('高')) + 1; // inside the 3-byte character
    expect(await collect([bytes.subarray(0, cut), bytes.subarray(cut, cut + 6), bytes.subarray(cut + 6)])).toEqual([
      '{"a":"高"}',
      'line two',
      '',
      'last',
    ]);
    expect(await collect(['a\r\n', 'b\n'])).toEqual(['a', 'b']);
  });
});

describe('evaluateNdjson', () => {
  it('evaluates, and refuses with every bad line named (the first ten, then a count)', async () => {
    const good = `${JSON.stringify({ kind: 'resident', id: 'a', sex: 'F', birthDate: '1950-01-01', area: '410782101201' })}\n`;
    const values = await evaluateNdjson(Readable.from([good]), 2026);
    expect(values.find((v) => v.code === 'ehr-coverage')).toMatchObject({ numerator: 0, denominator: 1, value: 0 });

    const bad = good + '{"kind":"x"}\n'.repeat(12);
    const e = await evaluateNdjson(Readable.from([bad]), 2026).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(CliError);
    const text = (e as CliError).text;
    expect(text.zh).toContain('输入有 12 行错误');
    expect(text.zh).toContain('第 2 行【kind】');
    expect(text.zh).toContain('第 11 行【kind】');
    expect(text.zh).not.toContain('第 12 行');
    expect(text.en).toContain('… and 2 more');
  });
});
