// A detector by name (EARS C2, 改进 Farrington 算法, 时空扫描), never its code (`ears-c2`) alone: core's
// DETECTOR_LABELS for the algorithms a disease or stream can be set to, and the names of the rules that raise
// signals without one (a fixed threshold, a space-time scan, a silent source).
import { DETECTOR_LABELS } from '@weijian/core/surveillance';
import type { Lang } from '../platform/locale.tsx';

const RULES: Record<string, { zh: string; en: string }> = {
  scan: { zh: '时空扫描', en: 'Space-time scan' },
  silent: { zh: '停报监测', en: 'Silent-source check' },
  cluster: { zh: '聚集性规则', en: 'Cluster rule' },
};

export function detectorName(code: string, lang: Lang): string {
  const words = (DETECTOR_LABELS as Record<string, { zh: string; en: string } | undefined>)[code] ?? RULES[code];
  return words ? words[lang] : code;
}
