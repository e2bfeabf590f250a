// Shared planning types. The Target union is the wire format of API and CLI JSON (issue 3 §3), so its
// shape must not drift: every variant carries the original text so nothing a planner wrote is lost.

/** Canonical units of plan targets; anything else is normalised to null (the raw text stays in `text`). */
export const UNITS = ['%', '‰', '1/10万', '岁', '天', '张', '人', '个', '所', '公里', '分钟', '元', '百分点'] as const;
export type Unit = (typeof UNITS)[number];

export type ThresholdOp = '>=' | '>' | '<=' | '<' | '=';
export type TrendDirection = 'increase' | 'decrease' | 'maintain' | 'slower-increase' | 'slower-decrease';

export type Target =
  | { kind: 'threshold'; op: ThresholdOp; value: number; unit: Unit | null; text: string }
  | { kind: 'approx'; value: number; unit: Unit | null; text: string }
  | { kind: 'range'; min: number; max: number; unit: Unit | null; text: string }
  | { kind: 'trend'; direction: TrendDirection; text: string }
  /** Change every year; negative = decrease. Unit 百分点 = absolute points, % = relative to last year. */
  | { kind: 'annual-change'; delta: number; unit: Unit | null; text: string }
  /** Change against a base year; unit % = relative to the base value, otherwise absolute. */
  | { kind: 'relative'; delta: number; unit: Unit | null; base: number; text: string }
  | { kind: 'unparsed'; text: string };

export type TargetKind = Target['kind'];

/** Which way is better for an indicator ('neutral': neither, e.g. bed occupancy has an optimal band). */
export type Direction = 'higher' | 'lower' | 'neutral';

/** 指标性质: 预期性 (expected) or 约束性 (binding). */
export type Nature = 'expected' | 'binding';

export type { Bilingual } from '../platform/text.ts';
