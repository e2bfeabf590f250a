// Helpers for the coded values the API describes in /meta (categories, ownerships, grades).
import type { CodeDef, Meta } from '../platform/types.ts';

export interface CodeTreeNode {
  value: string;
  title: string;
  children?: CodeTreeNode[];
}

/** Tree options for a select: /meta lists codes flat, a category nesting under its family by `parent`. */
export function codeTree(defs: CodeDef[], label: (d: CodeDef) => string): CodeTreeNode[] {
  const byParent = new Map<string, CodeDef[]>();
  for (const d of defs) {
    const parent = d.parent ?? '';
    byParent.set(parent, [...(byParent.get(parent) ?? []), d]);
  }
  const codes = new Set(defs.map((d) => d.code));
  const build = (d: CodeDef): CodeTreeNode => {
    const kids = byParent.get(d.code);
    return { value: d.code, title: label(d), children: kids?.map(build) };
  };
  return defs.filter((d) => !d.parent || !codes.has(d.parent)).map(build);
}

export function codeLabel(defs: CodeDef[], code: string | null | undefined, label: (d: CodeDef) => string) {
  if (!code) return '';
  const def = defs.find((d) => d.code === code);
  return def ? label(def) : code;
}

/** Grade filter values as the list endpoint takes them ("3", "3甲", …), built from /meta's levels and classes. */
export function gradeOptions(meta: Meta, lang: 'zh' | 'en'): { value: string; label: string }[] {
  const out: { value: string; label: string }[] = [];
  for (const level of meta.gradeLevels) {
    if (level.level == null) continue;
    out.push({ value: String(level.level), label: level[lang] });
    for (const cls of meta.gradeClasses) {
      if (cls.class == null) continue;
      out.push({
        value: `${level.level}${cls.class}`,
        label: lang === 'zh' ? `${level.zh}${cls.zh}` : `${level.en}, ${cls.en}`,
      });
    }
  }
  return out;
}

/** 三级甲等, 二级, 未定级 … from an institution's level and class. */
export function gradeText(
  meta: Meta,
  level: number | null | undefined,
  cls: string | null | undefined,
  lang: 'zh' | 'en',
): string {
  const l = meta.gradeLevels.find((g) => g.level === (level ?? null));
  if (!l) return level == null ? '' : String(level);
  if (level == null || cls == null) return l[lang];
  const c = meta.gradeClasses.find((g) => g.class === cls);
  if (!c) return `${l[lang]}${cls}`;
  return lang === 'zh' ? `${l.zh}${c.zh}` : `${l.en}, ${c.en}`;
}
