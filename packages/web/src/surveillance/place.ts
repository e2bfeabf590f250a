// How a signal's place is shown: a cluster's school or village by kind and name (学校 城关幼儿园), a silent
// source by its name — never the stored key (school:…, name:<area>:…, inst:<id>).
import type { useSurvT } from './i18n.ts';
import type { Signal } from './types.ts';

export function placeLabel(t: ReturnType<typeof useSurvT>, s: Signal): string {
  if (s.source === 'silent') {
    return s.detail?.sourceName ?? '';
  }
  const kind = s.placeKind ?? /^(school|village):/.exec(s.place ?? '')?.[1];
  const name = s.placeName ?? (s.place ?? '').replace(/^(school|village):/, '');
  if (!name) return '';
  return kind === 'school' || kind === 'village' ? `${t(`placeKind_${kind}`)} ${name}` : name;
}
