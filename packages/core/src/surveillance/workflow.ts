/**
 * The response workflow of an early-warning event (信号响应):
 *
 *   待核实 pending → 初步核实 verifying → 排除 excluded
 *                                     ↘ 疑似事件 suspected → 现场调查 investigating → 确认 confirmed → 结案 closed
 *                                                                                 ↘ 结案 closed
 *
 * "Verified" (核实完成, the moment response timeliness is measured at) is reaching 排除 or 疑似事件.
 * The verification deadline runs from the event's creation: 2 h for red events (which contain immediate
 * signals of 甲类 / 乙类甲管 cases), 24 h otherwise — the CIDARS practice of responding within a day.
 * A confirmed event carries the 突发公共卫生事件 level I–IV (特别重大 … 一般).
 */
import type { Bilingual } from '../platform/text.ts';

export const EVENT_STATES = [
  'pending',
  'verifying',
  'excluded',
  'suspected',
  'investigating',
  'confirmed',
  'closed',
] as const;
export type EventState = (typeof EVENT_STATES)[number];

export const EVENT_STATE_LABELS: Record<EventState, Bilingual> = {
  pending: { zh: '待核实', en: 'Pending verification' },
  verifying: { zh: '初步核实', en: 'Verifying' },
  excluded: { zh: '排除', en: 'Excluded' },
  suspected: { zh: '疑似事件', en: 'Suspected event' },
  investigating: { zh: '现场调查', en: 'Field investigation' },
  confirmed: { zh: '确认', en: 'Confirmed' },
  closed: { zh: '结案', en: 'Closed' },
};

export const EMERGENCY_LEVELS = { 1: 'I 特别重大', 2: 'II 重大', 3: 'III 较大', 4: 'IV 一般' } as const;

const NEXT: Record<EventState, readonly EventState[]> = {
  pending: ['verifying', 'excluded', 'suspected'],
  verifying: ['excluded', 'suspected'],
  excluded: [],
  suspected: ['investigating', 'closed'],
  investigating: ['confirmed', 'closed'],
  confirmed: ['closed'],
  closed: [],
};

export const TERMINAL_STATES: ReadonlySet<EventState> = new Set(['excluded', 'closed']);
export const VERIFIED_STATES: ReadonlySet<EventState> = new Set(['excluded', 'suspected']);

export function allowedTransitions(from: EventState): readonly EventState[] {
  return NEXT[from];
}

/** A refused step names the field at fault: the step itself, the emergency level or the note. */
export type TransitionCheck = { ok: true } | { ok: false; field: 'to' | 'emergencyLevel' | 'note'; message: Bilingual };

/**
 * Whether `from → to` is allowed. Reaching 确认 needs the emergency level (1–4); leaving 待核实/初步核实
 * for 排除 or 疑似事件 and closing need a note, because the verification result must be written down.
 */
export function checkTransition(
  from: EventState,
  to: EventState,
  opts: { emergencyLevel?: number | null; note?: string | null } = {},
): TransitionCheck {
  if (!NEXT[from].includes(to)) {
    const allowed = NEXT[from].map((s) => EVENT_STATE_LABELS[s].zh).join('、') || '无';
    return {
      ok: false,
      field: 'to',
      message: {
        zh: `不能从“${EVENT_STATE_LABELS[from].zh}”变为“${EVENT_STATE_LABELS[to].zh}”（可选：${allowed}）`,
        en: `Cannot go from ${from} to ${to} (allowed: ${NEXT[from].join(', ') || 'none'})`,
      },
    };
  }
  if (to === 'confirmed') {
    const l = opts.emergencyLevel;
    if (l !== 1 && l !== 2 && l !== 3 && l !== 4) {
      return {
        ok: false,
        field: 'emergencyLevel',
        message: {
          zh: '确认事件须注明突发公共卫生事件级别（1–4 对应 I–IV 级）',
          en: 'Confirming needs the public health emergency level (1–4 for I–IV)',
        },
      };
    }
  }
  if ((VERIFIED_STATES.has(to) || to === 'closed') && !opts.note?.trim()) {
    return {
      ok: false,
      field: 'note',
      message: { zh: '请填写核实或结案意见', en: 'A note with the verification or closing result is required' },
    };
  }
  return { ok: true };
}

/** Hours allowed for verification: 2 for red events, else 24. */
export const verifyDeadlineHours = (riskLevel: number): number => (riskLevel >= 4 ? 2 : 24);
