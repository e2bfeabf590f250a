// Readable form of a typed target, for tables, reports and the UI preview of what the parser understood.

import type { Bilingual } from '../platform/text.ts';
import type { Target, ThresholdOp, TrendDirection } from './types.ts';
import { unitSuffix } from './units.ts';

export type Lang = 'zh' | 'en';

const OP_SYMBOL: Record<ThresholdOp, string> = { '>=': '≥', '>': '>', '<=': '≤', '<': '<', '=': '=' };
const TREND: Record<TrendDirection, Bilingual> = {
  increase: { zh: '持续提高', en: 'increase' },
  decrease: { zh: '持续降低', en: 'decrease' },
  maintain: { zh: '保持稳定', en: 'maintain' },
  'slower-increase': { zh: '上升趋势减缓', en: 'slower increase' },
  'slower-decrease': { zh: '下降趋势减缓', en: 'slower decrease' },
};

/** Numbers without float noise (0.1+0.2) and without needless trailing zeros. */
function n(v: number): string {
  return String(Math.round(v * 1e6) / 1e6);
}

export function formatTarget(target: Target | null, lang: Lang = 'zh'): string {
  if (target === null) return lang === 'zh' ? '—' : '—';
  switch (target.kind) {
    case 'threshold': {
      const v = `${n(target.value)}${unitSuffix(target.unit, lang)}`;
      if (target.op === '=') return v;
      return lang === 'zh' ? `${OP_SYMBOL[target.op]}${v}` : `${OP_SYMBOL[target.op]} ${v}`;
    }
    case 'approx': {
      const v = `${n(target.value)}${unitSuffix(target.unit, lang)}`;
      return lang === 'zh' ? `${v}左右` : `about ${v}`;
    }
    case 'range': {
      const u = unitSuffix(target.unit, lang);
      return `${n(target.min)}–${n(target.max)}${u}`;
    }
    case 'trend':
      return TREND[target.direction][lang];
    case 'annual-change': {
      const v = `${n(Math.abs(target.delta))}${unitSuffix(target.unit, lang)}`;
      if (lang === 'zh') return `每年${target.delta < 0 ? '降低' : '提高'}${v}`;
      return `${target.delta < 0 ? '−' : '+'}${v} per year`;
    }
    case 'relative': {
      const v = `${n(Math.abs(target.delta))}${unitSuffix(target.unit, lang)}`;
      if (lang === 'zh') return `比${target.base}年${target.delta < 0 ? '降低' : '提高'}${v}`;
      return `${target.delta < 0 ? '−' : '+'}${v} vs ${target.base}`;
    }
    case 'unparsed':
      return target.text;
  }
}
