// Parsing a numbered Chinese task list (工作要点, 任务分解表) into tasks: 一、 sections, （一） subsections
// and 1. items, each item a task; quantified deliverables ("建成2个紧急医学救援基地、45个智慧卫生急救站")
// are extracted with their numbers. Real lists are irregular (seed 003 restarts and repeats numbers, puts
// two items on one line), so the parser keeps every item's text verbatim and never drops a line: text it
// cannot place is attached to the item or section before it.

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
}

const CN_NUM = '一二三四五六七八九十百';
const SECTION = new RegExp(`^\\s*([${CN_NUM}]+)[、.．]\\s*(.+)$`);
const SUBSECTION = new RegExp(`^\\s*[（(]([${CN_NUM}]+)[）)]\\s*(.*)$`);
// An item number: digits then 、 . ． or ）, not a decimal (1.5) and not a year (2021年).
const ITEM = /^\s*(?:[（(](\d{1,3})[）)]|(\d{1,3})[.．、])\s*(?!\d)(.+)$/;
// "6.30家…" is item 6 (30 institutions), not 6.30: accepted when 6 is the number expected next.
const ITEM_BEFORE_DIGIT = /^\s*(\d{1,3})[.．]\s*(\d.*)$/;
// A further item inside a line: "…工作。6.全面加强…".
const INLINE_ITEM = /(?<=[。；;])\s*(?=\d{1,3}[.．、](?!\d))/;

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

/** Parses a numbered task list (pasted text). */
export function parseTaskList(input: string): ParsedTaskList {
  const lines = input
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .flatMap((l) => l.split(INLINE_ITEM))
    .map((l) => l.replace(/\u3000/g, ' ').trim())
    .filter(Boolean);
  const tasks: ParsedTask[] = [];
  const sections: ParsedTaskList['sections'] = [];
  let preamble = '';
  let section: { number: string; title: string; intro: string } | null = null;
  let subsection: { number: string; title: string } | null = null;
  let last: ParsedTask | null = null;
  let lastNumber = 0;

  for (const line of lines) {
    const sec = SECTION.exec(line);
    if (sec) {
      section = { number: sec[1]!, title: stripEnd(sec[2]!), intro: '' };
      sections.push(section);
      subsection = null;
      last = null;
      lastNumber = 0;
      continue;
    }
    const sub = SUBSECTION.exec(line);
    if (sub) {
      subsection = { number: sub[1]!, title: stripEnd(sub[2]!) };
      last = null;
      continue;
    }
    let item: [n: string, text: string] | null = null;
    const strict = ITEM.exec(line);
    if (strict) item = [strict[1] ?? strict[2]!, strict[3]!];
    else {
      const loose = ITEM_BEFORE_DIGIT.exec(line);
      if (loose && Number(loose[1]) === lastNumber + 1) item = [loose[1]!, loose[2]!];
    }
    if (item) {
      const text = item[1].trim();
      const n = item[0];
      lastNumber = Number(n);
      const number = [section?.number, subsection ? `（${subsection.number}）` : null, n].filter(Boolean).join('');
      last = {
        seq: tasks.length + 1,
        number,
        section: section?.title ?? null,
        subsection: subsection?.title ?? null,
        title: titleOf(text),
        text,
        deliverables: extractDeliverables(text),
      };
      tasks.push(last);
      continue;
    }
    // Continuation text: the item's next paragraph, a section's intro, or the preamble.
    if (last) {
      last.text = `${last.text}\n${line}`;
      last.deliverables = extractDeliverables(last.text);
    } else if (section) section.intro = section.intro ? `${section.intro}\n${line}` : line;
    else preamble = preamble ? `${preamble}\n${line}` : line;
  }
  return { tasks, sections, preamble };
}
