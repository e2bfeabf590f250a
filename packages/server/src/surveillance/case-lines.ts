// The shapes a case-report submission takes on its way through the intake (case-intake.ts), and the checks
// of its lines that need no I/O: core's card rules, then the disease catalogue and the area tree.
import { type CaseReportInput, checkCaseReport, dayIndex, type FieldProblem } from '@weijian/core/surveillance';
import type { AccessPolicy } from '../platform/access-policy.ts';
import type { Actor } from '../platform/audit.ts';
import type { ErrorDetail } from '../platform/errors.ts';
import { malformedTextAt } from '../platform/input.ts';
import type { AreasService } from '../registry/index.ts';
import type { Outcome } from './case-group-commit.ts';
import type { StoredCard } from './cases-repo.ts';
import type { AffectedCase } from './engine-model.ts';

/** Reports of the same person and disease with onsets this close are flagged as probable duplicates. */
export const DUPLICATE_WINDOW_DAYS = 30;

export interface LineResult {
  /** 1-based line (NDJSON) or spreadsheet row number. */
  line: number;
  status: 'created' | 'exists' | 'rejected';
  id?: number;
  duplicateOf?: number | null;
  errors?: ErrorDetail[];
}

export interface IngestResult {
  total: number;
  created: number;
  existing: number;
  rejected: number;
  duplicates: number;
  results: LineResult[];
  /** Series touched by the new cards, for the signal engine. */
  affected: AffectedCase[];
}

export interface IngestOptions {
  actor: Actor;
  /** 'single' audits one case.create; 'bulk' and 'import' audit one summary entry. */
  mode: 'single' | 'bulk' | 'import';
  /** Row numbers to report instead of 1..n (CSV rows). */
  lineNumbers?: number[];
  synthetic?: boolean;
  /** Fixed "now" (tests, demo generation). */
  now?: string;
  /** Reject the whole request when any line is bad (CSV import); details carry the row numbers. */
  allOrNothing?: boolean;
}

export type Prepared = { line: number; card: CaseReportInput; stored: StoredCard };

/** One submission: its caller's policy, its cards, its options. */
export interface IngestItem {
  policy: AccessPolicy;
  raws: readonly unknown[];
  opts: IngestOptions;
}

export type IngestOutcome = Outcome<IngestResult>;

/** A submission on its way through ingestMany. */
export interface Work {
  k: number;
  now: string;
  checked: { line: number; card: CaseReportInput }[];
  prepared: Prepared[];
  results: LineResult[];
  created: { r: LineResult; x: Prepared }[];
  affected: AffectedCase[];
  existing: number;
  duplicates: number;
  reject(line: number, problems: FieldProblem[]): void;
}

/** One submission's lines checked by core and against the catalogue and the tree (no I/O). */
export function checkLines(
  k: number,
  item: IngestItem,
  diseases: Map<string, { nameZh: string; nameEn: string; enabled: boolean }>,
  tree: Awaited<ReturnType<AreasService['tree']>>,
): Work {
  const { raws, opts } = item;
  const now = opts.now ?? new Date().toISOString();
  const lineOf = (i: number) => opts.lineNumbers?.[i] ?? i + 1;
  const w: Work = {
    k,
    now,
    checked: [],
    prepared: [],
    results: [],
    created: [],
    affected: [],
    existing: 0,
    duplicates: 0,
    reject: (line, problems) =>
      w.results.push({ line, status: 'rejected', errors: problems.map((x) => ({ ...x, row: line })) }),
  };
  raws.forEach((raw, i) => {
    const line = lineOf(i);
    // NUL or a lone surrogate: this line is rejected naming the field (PostgreSQL would fail the whole batch).
    const malformed = malformedTextAt(raw);
    if (malformed) {
      w.reject(line, [malformed]);
      return;
    }
    const r = checkCaseReport(raw, now);
    if (!r.ok) {
      w.reject(line, r.problems);
      return;
    }
    const problems: FieldProblem[] = [];
    const d = diseases.get(r.value.diseaseCode);
    if (!d) {
      problems.push({
        path: 'diseaseCode',
        message: {
          zh: `疾病编码“${r.value.diseaseCode}”不存在`,
          en: `Unknown disease code "${r.value.diseaseCode}"`,
        },
      });
    } else if (!d.enabled) {
      problems.push({
        path: 'diseaseCode',
        message: { zh: `疾病“${d.nameZh}”已停用`, en: `Disease ${d.nameEn} is disabled` },
      });
    }
    const area = tree.get(r.value.addressCode);
    if (!area || (area.level !== 4 && area.level !== 5)) {
      problems.push({
        path: 'addressCode',
        message: {
          zh: `现住址区划代码“${r.value.addressCode}”不存在（需乡镇或村级代码）`,
          en: `Address code ${r.value.addressCode} is not a known township or village`,
        },
      });
    }
    if (problems.length) {
      w.reject(line, problems);
      return;
    }
    w.checked.push({ line, card: r.value });
  });
  return w;
}

/**
 * The duplicate rule, one for the intake and the demo's bulk load: a card whose person and disease were
 * already stored (`stored`, oldest first) with an onset within DUPLICATE_WINDOW_DAYS gets that card's id as
 * duplicateOf; otherwise the first earlier card of this batch that matches is returned as a pair (the batch
 * has no ids yet: the caller resolves them once stored).
 */
export function matchDuplicates<T extends { card: CaseReportInput; stored: StoredCard }>(
  stored: readonly { id: number; personHmac: string; diseaseCode: string; onsetDate: string }[],
  fresh: readonly T[],
): [T, T][] {
  const before = new Map<string, { id: number; day: number }[]>();
  for (const r of stored) {
    const key = `${r.personHmac}|${r.diseaseCode}`;
    const list = before.get(key) ?? [];
    list.push({ id: r.id, day: dayIndex(r.onsetDate) });
    before.set(key, list);
  }
  const inBatch = new Map<string, T[]>();
  const pairs: [T, T][] = [];
  for (const x of fresh) {
    const key = `${x.stored.personHmac}|${x.card.diseaseCode}`;
    const day = dayIndex(x.card.onsetDate);
    const near = (d: number) => Math.abs(d - day) <= DUPLICATE_WINDOW_DAYS;
    const match = before.get(key)?.find((o) => near(o.day));
    if (match) x.stored.duplicateOf = match.id;
    else {
      const first = inBatch.get(key)?.find((o) => near(dayIndex(o.card.onsetDate)));
      if (first) pairs.push([x, first]);
    }
    const list = inBatch.get(key) ?? [];
    list.push(x);
    inBatch.set(key, list);
  }
  return pairs;
}
