// `weijian detect` (one detector over a JSON series on stdin, no database) and `weijian surveillance …`:
// run detection and fusion over a date range, simulate outbreaks, evaluate detectors.
import {
  ALGORITHMS,
  type Algorithm,
  DetectionInputError,
  detect,
  evaluateAlgorithms,
  SCENARIOS,
  simulateSeries,
} from '@weijian/core/surveillance';
import { type Command, Option } from 'commander';
import { argError, checkDateRange, dateArg, intArg, listArg, say } from '../platform/cli-args.ts';
import { openApp } from './host.ts';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function fail(zh: string, en: string): never {
  process.stderr.write(`weijian detect: ${say({ zh, en })}\n`);
  process.exit(1);
}

/** Codes not in `known`, refused by argument name with the codes that are. */
function checkCodes(arg: string, given: string[] | undefined, known: Set<string>, what: { zh: string; en: string }) {
  const unknown = given?.filter((c) => !known.has(c)) ?? [];
  if (unknown.length)
    throw argError(
      arg,
      `未知的${what.zh}代码：${unknown.join('、')}（已有：${[...known].sort().join('、')}）`,
      `unknown ${what.en} codes: ${unknown.join(', ')} (known: ${[...known].sort().join(', ')})`,
    );
}

export function registerSurveillanceCommands(program: Command) {
  program
    .command('detect')
    .description(
      'read {"algorithm","frequency","observed","population"?,"range":[from,to],"params"} from stdin; print {"upperbound","alarm","expected"}',
    )
    .action(async () => {
      const text = await readStdin();
      let request: unknown;
      try {
        request = JSON.parse(text);
      } catch (e) {
        fail(`标准输入不是有效的 JSON：${(e as Error).message}`, `stdin is not valid JSON: ${(e as Error).message}`);
      }
      try {
        process.stdout.write(`${JSON.stringify(detect(request))}\n`);
      } catch (e) {
        if (e instanceof DetectionInputError) fail(`${e.field}：${e.zh}`, `${e.field}: ${e.en}`);
        throw e;
      }
    });

  const s = program
    .command('surveillance')
    .description('early warning: detection runs, outbreak simulation, detector evaluation');

  s.command('run')
    .description('run detectors, fixed thresholds, source-silent checks and fusion over a date range (idempotent)')
    .requiredOption('--from <date>', 'first day, YYYY-MM-DD', dateArg('--from'))
    .requiredOption('--to <date>', 'last day, YYYY-MM-DD', dateArg('--to'))
    .option('--disease <codes>', 'comma-separated disease codes (default: all enabled)', listArg('--disease'))
    .option('--stream <codes>', 'comma-separated stream codes (default: all enabled)', listArg('--stream'))
    .option('--historical', 'date new events by their signals (backfill of past data)')
    .addOption(new Option('--json', 'print machine-readable JSON'))
    .action(
      async (o: {
        from: string;
        to: string;
        disease?: string[];
        stream?: string[];
        historical?: boolean;
        json?: boolean;
      }) => {
        checkDateRange('--from', o.from, '--to', o.to);
        const { app, close } = await openApp('surveillance run');
        try {
          const surveillance = app.services.surveillance;
          checkCodes('--disease', o.disease, new Set((await surveillance.diseases.all()).keys()), {
            zh: '病种',
            en: 'disease',
          });
          if (o.stream) {
            const { items } = await surveillance.streams.list();
            checkCodes('--stream', o.stream, new Set(items.map((x) => x.code)), {
              zh: '数据流',
              en: 'stream',
            });
          }
          const stats = await surveillance.engine.run({
            from: o.from,
            to: o.to,
            diseases: o.disease,
            streams: o.stream,
            historical: !!o.historical,
          });
          process.stdout.write(
            o.json
              ? `${JSON.stringify(stats)}\n`
              : `${say({
                  zh: `检测完成：${stats.series} 个序列、${stats.points} 个时间点，新信号 ${stats.signals} 个，新事件 ${stats.eventsCreated} 个，更新事件 ${stats.eventsUpdated} 个（${stats.ms} ms）`,
                  en: `detection done: ${stats.series} series, ${stats.points} points, ${stats.signals} new signals, ${stats.eventsCreated} new events, ${stats.eventsUpdated} events updated (${stats.ms} ms)`,
                })}\n`,
          );
        } finally {
          await close();
        }
      },
    );

  s.command('simulate')
    .description('simulate a weekly series with injected outbreaks (seeded, reproducible)')
    .option('--seed <n>', 'random seed', intArg('--seed', 0, 2 ** 31 - 1), 1)
    .option('--weeks <n>', 'length in weeks (60–1040, as the API)', intArg('--weeks', 60, 1040), 364)
    .addOption(
      new Option('--scenario <name>', 'baseline scenario').choices(SCENARIOS.map((x) => x.name)).default('seasonal'),
    )
    .addOption(new Option('--json', 'print machine-readable JSON'))
    .action((o: { seed: number; weeks: number; scenario: string; json?: boolean }) => {
      const sim = simulateSeries(SCENARIOS.find((x) => x.name === o.scenario)!, { seed: o.seed, weeks: o.weeks });
      if (o.json) {
        process.stdout.write(`${JSON.stringify(sim)}\n`);
        return;
      }
      process.stdout.write(`情景 ${sim.scenario}，种子 ${sim.seed}，${sim.observed.length} 周；注入暴发：\n`);
      for (const ob of sim.outbreaks) process.stdout.write(`  第 ${ob.start}–${ob.end} 周  ${ob.cases} 例\n`);
      process.stdout.write(`observed: ${sim.observed.join(' ')}\n`);
    });

  s.command('evaluate')
    .description('score detectors on simulated outbreaks: sensitivity, false-alarm rate, PPV, time to detection')
    .option('--algorithms <list>', `comma-separated, from: ${ALGORITHMS.join(', ')}`)
    .option('--seed <n>', 'random seed', intArg('--seed', 0, 2 ** 31 - 1), 1)
    .option('--series <n>', 'simulated series per scenario (1–1000)', intArg('--series', 1, 1000), 10)
    .addOption(new Option('--json', 'print machine-readable JSON'))
    .action((o: { algorithms?: string; seed: number; series: number; json?: boolean }) => {
      const algorithms = o.algorithms?.split(',').map((a) => a.trim());
      const bad = algorithms?.filter((a) => !(ALGORITHMS as readonly string[]).includes(a));
      if (bad?.length)
        throw argError(
          '--algorithms',
          `未知算法：${bad.join('、')}（可选：${ALGORITHMS.join('、')}）`,
          `unknown algorithms: ${bad.join(', ')} (one of ${ALGORITHMS.join(', ')})`,
        );
      const r = evaluateAlgorithms({
        seed: o.seed,
        series: o.series,
        algorithms: algorithms as Algorithm[] | undefined,
      });
      if (o.json) {
        process.stdout.write(`${JSON.stringify(r)}\n`);
        return;
      }
      const f = (x: number | null) => (x === null ? '   —' : x.toFixed(3));
      process.stdout.write(`种子 ${r.seed}，每情景 ${r.series} 条序列，评价最后 ${r.evaluationWeeks} 周\n`);
      process.stdout.write('情景          算法                  灵敏度  误报率  阳性预测值  发现时间(周)\n');
      for (const row of r.rows) {
        process.stdout.write(
          `${row.scenario.padEnd(14)}${row.algorithm.padEnd(22)}${f(row.sensitivity)}  ${f(row.falseAlarmRate)}  ${f(row.ppv)}      ${f(row.meanTimeToDetection)}${row.error ? `  （${row.error.zh}）` : ''}\n`,
        );
      }
    });
}
