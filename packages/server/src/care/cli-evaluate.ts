// `weijian care evaluate --year Y [--json]`: the care indicators of an NDJSON file read on stdin, without a
// database — the same definitions (core/care evaluateCare) the platform's measures are tested against.
// The input is streamed line by line (never held as one text); every bad line is named, and any bad line
// means exit 1 with nothing printed on stdout.
import { StringDecoder } from 'node:string_decoder';
import {
  CARE_INDICATOR_LABELS,
  type CareIndicatorValue,
  CareRecordsCollector,
  evaluateCare,
  parseCareLine,
} from '@weijian/core/care';
import type { Bilingual } from '@weijian/core/platform';
import type { Command } from 'commander';
import { CliError, cliLang, say, yearArg } from '../platform/cli-args.ts';

/** Bad lines named in one refusal; the rest are counted. */
const MAX_REPORTED = 10;

/** The lines of a stream as they arrive (\n or \r\n), without readline's per-line event machinery. */
export async function* streamLines(input: NodeJS.ReadableStream): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  for await (const chunk of input) {
    const text = rest + (typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer));
    let from = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', from)) {
      yield text.charCodeAt(nl - 1) === 13 ? text.slice(from, nl - 1) : text.slice(from, nl);
      from = nl + 1;
    }
    rest = text.slice(from);
  }
  rest += decoder.end();
  if (rest) yield rest.endsWith('\r') ? rest.slice(0, -1) : rest;
}

/** Reads NDJSON care records from a stream and evaluates `year`; throws a CliError naming the bad lines. */
export async function evaluateNdjson(input: NodeJS.ReadableStream, year: number): Promise<CareIndicatorValue[]> {
  const collector = new CareRecordsCollector();
  const problems: Bilingual[] = [];
  let bad = 0;
  let lineNo = 0;
  for await (const raw of streamLines(input)) {
    lineNo++;
    const line = lineNo === 1 && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
    if (!line.trim()) continue;
    const parsed = parseCareLine(line, lineNo);
    const refusal = parsed.ok ? collector.add(parsed.item, lineNo) : parsed.message;
    if (refusal) {
      bad++;
      if (problems.length < MAX_REPORTED) problems.push(refusal);
    }
  }
  if (bad === 0) {
    const done = collector.finish();
    if (done.ok) return evaluateCare(done.records, year);
    bad++;
    problems.push(done.message);
  }
  const more = bad - problems.length;
  throw new CliError({
    zh: [
      `输入有 ${bad} 行错误，未计算指标：`,
      ...problems.map((p) => `  ${p.zh}`),
      ...(more > 0 ? [`  ……另有 ${more} 行`] : []),
    ].join('\n'),
    en: [
      `${bad} bad line(s) in the input; nothing evaluated:`,
      ...problems.map((p) => `  ${p.en}`),
      ...(more > 0 ? [`  … and ${more} more`] : []),
    ].join('\n'),
  });
}

function table(year: number, values: readonly CareIndicatorValue[]): string {
  const lang = cliLang();
  const head =
    lang === 'zh'
      ? ['指标', '代码', '分子', '分母', '值（%）']
      : ['Indicator', 'Code', 'Numerator', 'Denominator', 'Value (%)'];
  const rows = values.map((v) => [
    say(CARE_INDICATOR_LABELS[v.code], lang),
    v.code,
    String(v.numerator),
    String(v.denominator),
    v.value === null ? '—' : v.value.toFixed(1),
  ]);
  // Chinese characters take two columns in a terminal.
  const width = (s: string) => [...s].reduce((w, c) => w + (/[\u2e80-\uffef]/.test(c) ? 2 : 1), 0);
  const widths = head.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i]!))));
  const pad = (s: string, i: number) =>
    i >= 2 ? ' '.repeat(widths[i]! - width(s)) + s : s + ' '.repeat(widths[i]! - width(s));
  const title = say({ zh: `${year} 年基本公卫与家庭医生签约指标`, en: `Primary care indicators, ${year}` }, lang);
  return [title, head.map(pad).join('  '), ...rows.map((r) => r.map(pad).join('  '))].join('\n');
}

export function registerCareEvaluate(care: Command) {
  care
    .command('evaluate')
    .description('evaluate the care indicators of NDJSON records read on stdin (no database)')
    .requiredOption('--year <year>', 'the year (age and status at 31 December)', yearArg('--year'))
    .option('--json', 'print machine-readable JSON')
    .action(async (opts: { year: number; json?: boolean }) => {
      if (process.stdin.isTTY)
        throw new CliError({
          zh: '请从标准输入提供 NDJSON，例如：weijian care evaluate --year 2026 < records.ndjson',
          en: 'give the NDJSON on stdin, e.g. weijian care evaluate --year 2026 < records.ndjson',
        });
      const values = await evaluateNdjson(process.stdin, opts.year);
      const out = opts.json
        ? JSON.stringify({
            year: opts.year,
            indicators: values.map(({ code, numerator, denominator, value }) => ({
              code,
              numerator,
              denominator,
              value,
            })),
          })
        : table(opts.year, values);
      process.stdout.write(`${out}\n`);
    });
}
