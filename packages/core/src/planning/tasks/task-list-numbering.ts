// The numbering of a Chinese task list, level by level, and the reason given when a text has none of it.
// Levels as official documents nest them (GB/T 9704 and common practice): 一、 then （一） then 1. (or 1、)
// then （1） (or (1)) then ①.
import type { Bilingual } from '../../platform/text.ts';

export interface RecognisedEntry {
  /** 1 一、 · 2 （一） · 3 1. · 4 （1） · 5 ①. */
  level: 1 | 2 | 3 | 4 | 5;
  /** The number as it joins the ancestors' numbers: 四 · （三） · 6 · （1） · ①. */
  token: string;
  /** The value of an item number (level 3), for the "6.30家" rule; else 0. */
  value: number;
  /** The line without its number. */
  text: string;
}

const CN = '一二三四五六七八九十百';
const SECTION = new RegExp(`^([${CN}]+)[、.．]\\s*(.+)$`);
const SUBSECTION = new RegExp(`^[（(]([${CN}]+)[）)]\\s*(.+)$`);
// An item number: digits then . ． or 、, not a decimal (1.5) and not a year (2021年).
const ITEM = /^(\d{1,3})[.．、]\s*(?!\d)(.+)$/;
// "6.30家…" is item 6 (30 institutions), not 6.30: accepted when 6 is the number expected next.
const ITEM_BEFORE_DIGIT = /^(\d{1,3})[.．]\s*(\d.*)$/;
const SUB_ITEM = /^[（(](\d{1,3})[）)]\s*(.+)$/;
const POINT = /^([\u2460-\u2473])\s*(.+)$/;

/** The numbered entry a (trimmed) line starts, or null; `lastItem` is the item number seen last. */
export function recogniseEntry(line: string, lastItem: number): RecognisedEntry | null {
  let m = SECTION.exec(line);
  if (m) return { level: 1, token: m[1]!, value: 0, text: m[2]! };
  m = SUBSECTION.exec(line);
  if (m) return { level: 2, token: `（${m[1]}）`, value: 0, text: m[2]! };
  m = ITEM.exec(line);
  if (m) return { level: 3, token: m[1]!, value: Number(m[1]), text: m[2]! };
  m = ITEM_BEFORE_DIGIT.exec(line);
  if (m && Number(m[1]) === lastItem + 1) return { level: 3, token: m[1]!, value: Number(m[1]), text: m[2]! };
  m = SUB_ITEM.exec(line);
  if (m) return { level: 4, token: `（${m[1]}）`, value: 0, text: m[2]! };
  m = POINT.exec(line);
  if (m) return { level: 5, token: m[1]!, value: 0, text: m[2]! };
  return null;
}

// Numberings people use that are not task numbers, each with what to write instead.
const NEAR_MISSES: { re: RegExp; zh: string; en: string }[] = [
  { re: /^\d{1,3}[)）]/, zh: '“1)”应写作“1.”或“（1）”', en: '"1)" should be "1." or "(1)"' },
  { re: /^[（(]\d{1,3}[.．、]/, zh: '括号未闭合，应写作“（1）”', en: 'unclosed bracket; write "(1)"' },
  { re: new RegExp(`^[${CN}]+[，,:：]`), zh: '“一，”应写作“一、”', en: '"一，" should be "一、"' },
  {
    re: new RegExp(`^第[${CN}\\d]+[条项章节部分]`),
    zh: '“第一条”式编号不是任务编号',
    en: '"第一条" is not a task number',
  },
  { re: new RegExp(`^[${CN}]+是`), zh: '“一是”式编号不是任务编号', en: '"一是" is not a task number' },
  { re: /^[•·●○■□◆◇▪*\-–—]/, zh: '项目符号不是编号', en: 'a bullet is not a number' },
];

const quote = (s: string) => (s.length > 16 ? `${s.slice(0, 16)}…` : s);

/**
 * Why a text yields no task: empty, or no line starts with a number the parser knows. Names the first lines
 * (at most three) and, for a numbering that is almost right, what to write instead.
 */
export function explainNoTasks(lines: readonly string[]): Bilingual {
  if (!lines.length)
    return { zh: '文本是空的：请粘贴带编号的任务清单', en: 'The text is empty: paste a numbered task list' };
  const shown = lines.slice(0, 3).map((l, i) => {
    const miss = NEAR_MISSES.find((n) => n.re.test(l));
    return {
      zh: `第 ${i + 1} 行“${quote(l)}”${miss ? `（${miss.zh}）` : ''}`,
      en: `line ${i + 1} "${quote(l)}"${miss ? ` (${miss.en})` : ''}`,
    };
  });
  const more =
    lines.length > 3 ? { zh: ` 等 ${lines.length} 行`, en: ` and ${lines.length - 3} more` } : { zh: '', en: '' };
  return {
    zh: `未识别到编号：每行应以“一、”“（一）”“1.”“（1）”“①”之一开头；${shown.map((s) => s.zh).join('、')}${more.zh}都不是`,
    en: `No numbering recognised: a task line starts with one of 一、 （一） 1. （1） ①; ${shown.map((s) => s.en).join(', ')}${more.en} do not`,
  };
}
