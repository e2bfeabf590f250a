// Parsing a numbered Chinese task list (工作要点, 任务分解表) into tasks. The numbering nests by level —
// 一、 sections, （一） subsections, 1. / 1、 items, （1） / (1) sub-items, ① points — and every numbered
// entry with no numbered entry under it is a task (a section only when the list has nothing deeper, since a
// section without numbered children in a deeper list is an introduction: 总体要求, 指导思想). Quantified
// deliverables ("建成2个紧急医学救援基地、45个智慧卫生急救站") are extracted with their numbers. Real lists
// are irregular (seed 003 restarts and repeats numbers, puts two items on one line, seed 000 a section and
// its first subsection on one line), so the parser keeps every entry's text verbatim and never drops a
// line: text it cannot place is attached to the entry or section before it.
import type { Bilingual } from '../../platform/text.ts';
import { explainNoTasks, recogniseEntry } from './task-list-numbering.ts';

export interface Deliverable {
  /** The number as a plain count (万 expanded); for a range ("2-3所") the upper bound. */
  quantity: number;
  /** Lower bound of a range, else absent. */
  quantityMin?: number;
  unit: string;
  /** What is counted, when the text names it right after the unit ("45个智慧卫生急救站" → 智慧卫生急救站). */
  what: string;
  /** The clause the number stands in, verbatim. */
  text: string;
}

export interface ParsedTask {
  /** Position in the list, 1-based. */
  seq: number;
  /** The numbering as written, joined: 四（三）6, 二 3. */
  number: string;
  section: string | null;
  subsection: string | null;
  title: string;
  text: string;
  deliverables: Deliverable[];
}

export interface ParsedTaskList {
  tasks: ParsedTask[];
  /** Sections (一、…) with their headings and intro text. */
  sections: { number: string; title: string; intro: string }[];
  /** Text before the first section (总体要求). */
  preamble: string;
  /** Why no task was found, when none was: what a numbered line must start with, and the lines that do not. */
  unrecognised?: Bilingual;
}

const UNITS = [
  '个百分点',
  '人次',
  '万亩',
  '亩',
  '个',
  '所',
  '家',
  '名',
  '人',
  '张',
  '项',
  '辆',
  '台',
  '套',
  '支',
  '座',
  '间',
  '条',
  '类',
  '种',
  '批',
  '%',
  '％',
];
const UNIT_RE = UNITS.join('|');
const QUANTITY = new RegExp(
  `(\\d+(?:\\.\\d+)?)(?:\\s*[—\\-–~～至]\\s*(\\d+(?:\\.\\d+)?))?\\s*(万)?\\s*(${UNIT_RE})`,
  'g',
);

/** Extracts the quantified deliverables of an item's text. */
export function extractDeliverables(text: string): Deliverable[] {
  const out: Deliverable[] = [];
  for (const m of text.matchAll(QUANTITY)) {
    const at = m.index ?? 0;
    // Skip years (2021年), rates per 10万 (550/10万: kept as its own kind below), and phone-like codes.
    const before = text.slice(Math.max(0, at - 1), at);
    if (before === '/' || /\d/.test(before)) continue;
    const scale = m[3] ? 10000 : 1;
    let unit = m[4]!.replace('％', '%');
    if (unit === '万亩') unit = '亩';
    const factor = m[4] === '万亩' ? 10000 : scale;
    const a = Number(m[1]) * factor;
    const b = m[2] === undefined ? undefined : Number(m[2]) * factor;
    const after = text.slice(at + m[0].length);
    const what = unit === '%' || unit === '个百分点' ? '' : (/^[^，。、；,;：:（(）)“”]{1,20}/.exec(after)?.[0] ?? '');
    const clause = clauseAround(text, at, at + m[0].length);
    let named = what.replace(/^(的|以上|以内|左右)/, '');
    if (!named && unit !== '%' && unit !== '个百分点') {
      // "建成示范性城乡老年友好社区27个": the thing counted precedes the number.
      const head = clause.slice(0, Math.max(0, clause.indexOf(m[0])));
      if (!/\d/.test(head))
        named = head
          .replace(/^.*?(新建|建成|建设|创建|争创|打造|扩建|改建|培养|引进|培训|完成|设立|建立)/, '')
          .slice(-20);
    }
    out.push({
      quantity: b ?? a,
      ...(b === undefined ? {} : { quantityMin: a }),
      unit,
      what: named,
      text: clause,
    });
  }
  // Rates per 10万 ("控制在550/10万以内") are targets worth tracking too.
  for (const m of text.matchAll(/(\d+(?:\.\d+)?)\s*\/\s*10\s*万/g)) {
    out.push({
      quantity: Number(m[1]),
      unit: '1/10万',
      what: '',
      text: clauseAround(text, m.index ?? 0, (m.index ?? 0) + m[0].length),
    });
  }
  return out;
}

function clauseAround(text: string, from: number, to: number): string {
  const stops = /[，。；;,]/;
  let s = from;
  while (s > 0 && !stops.test(text[s - 1]!)) s--;
  let e = to;
  while (e < text.length && !stops.test(text[e]!)) e++;
  return text.slice(s, e).trim();
}

/** A short title: the item's first clause, cut at 40 characters. */
export function titleOf(text: string): string {
  const first = text.split(/[，。；;]/)[0]!.trim() || text.trim();
  return first.length > 40 ? `${first.slice(0, 40)}…` : first;
}

const stripEnd = (s: string) => s.replace(/[。；;，,\s]+$/, '');

// A further item inside a line: "…工作。6.全面加强…".
const INLINE_ITEM = /(?<=[。；;])\s*(?=\d{1,3}[.．、](?!\d))/;
// A section heading followed on its line by its first subsection: "三、主要任务 (一)实施健康新乡行动".
const INLINE_SUBSECTION = /^(\s*[一二三四五六七八九十百]+[、.．][^（(]+?)\s+(?=[（(][一二三四五六七八九十百]+[）)])/;

interface Entry {
  level: number;
  /** The numbering as written, joined with the ancestors': 四（三）6（1）. */
  number: string;
  /** The entry's own line without its number. */
  head: string;
  /** Continuation lines. */
  more: string[];
  parent: Entry | null;
  children: number;
  section: Entry | null;
}

/** Parses a numbered task list (pasted text). */
export function parseTaskList(input: string): ParsedTaskList {
  const lines = input
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .flatMap((l) => l.replace(INLINE_SUBSECTION, '$1\n').split('\n'))
    .flatMap((l) => l.split(INLINE_ITEM))
    .map((l) => l.replace(/\u3000/g, ' ').trim())
    .filter(Boolean);
  const entries: Entry[] = [];
  const preamble: string[] = [];
  // The open entries, outermost first: a new entry closes every open entry of its level or deeper.
  const open: Entry[] = [];
  let lastItem = 0;

  for (const line of lines) {
    const e = recogniseEntry(line, lastItem);
    if (!e) {
      const into = open[open.length - 1];
      if (into) into.more.push(line);
      else preamble.push(line);
      continue;
    }
    while (open.length && open[open.length - 1]!.level >= e.level) open.pop();
    const parent = open[open.length - 1] ?? null;
    // Item numbers run on across subsections (seed 003) and restart with each section.
    if (e.level === 1) lastItem = 0;
    if (e.level === 3) lastItem = e.value;
    const entry: Entry = {
      level: e.level,
      number: (parent?.number ?? '') + e.token,
      head: e.text,
      more: [],
      parent,
      children: 0,
      section: e.level === 1 ? null : (parent?.section ?? (parent?.level === 1 ? parent : null)),
    };
    if (parent) parent.children++;
    entries.push(entry);
    open.push(entry);
  }

  const deeper = entries.some((e) => e.level > 1);
  const isTask = (e: Entry) => e.children === 0 && (e.level > 1 || !deeper);
  const sections = entries
    .filter((e) => e.level === 1)
    .map((e) => ({ number: e.number, title: stripEnd(e.head), intro: isTask(e) ? '' : e.more.join('\n') }));
  const sectionOf = new Map(entries.filter((e) => e.level === 1).map((e, i) => [e, sections[i]!]));
  for (const e of entries) {
    // A heading's own paragraphs below a section (a subsection's intro) stay with the section's intro.
    if (e.level > 1 && !isTask(e) && e.more.length && e.section) {
      const s = sectionOf.get(e.section)!;
      s.intro = [s.intro, ...e.more].filter(Boolean).join('\n');
    }
  }
  const tasks: ParsedTask[] = entries.filter(isTask).map((e, i) => {
    const text = [e.head, ...e.more].join('\n').trim();
    // Headings between the section and the task (（三）完善…, 2.加强…) say where it belongs.
    const between: string[] = [];
    for (let p = e.parent; p && p.level > 1; p = p.parent) between.unshift(stripEnd(p.head));
    return {
      seq: i + 1,
      number: e.number,
      section: e.level === 1 ? null : e.section ? stripEnd(e.section.head) : null,
      subsection: between.length ? between.join(' / ') : null,
      title: titleOf(e.head || text),
      text,
      deliverables: extractDeliverables(text),
    };
  });
  const result: ParsedTaskList = { tasks, sections, preamble: preamble.join('\n') };
  if (!tasks.length) result.unrecognised = explainNoTasks(lines);
  return result;
}
