// What the signal and event routes answer: signals, fused events with their triggers and history,
// assignees and the early-warning KPIs.
import { CATEGORY_WEIGHTS, EVENT_STATES, type EvidenceCategory } from '@weijian/core/surveillance';
import { z } from 'zod';
import { BilingualText, cursorPageOf, looselyTyped, pageOf, Timestamp, textOneOf } from '../platform/openapi-wire.ts';

const num = z.number().nullable();

/** The evidence categories fusion weighs (core's CATEGORY_WEIGHTS); stored as text without a check. */
const Category = textOneOf(Object.keys(CATEGORY_WEIGHTS) as EvidenceCategory[]);

/**
 * A signal's detail varies by source (a cluster's case ids and place, a scan's areas and p-value, a silent
 * source's last date); the keys the web reads are declared, the others pass through.
 */
const SignalDetail = z.looseObject({
  withdrawn: z.boolean().optional().describe('no longer supported by the data (deleted or corrected cards)'),
  sourceName: z.string().optional().describe('silent signals: the source that stopped reporting'),
});

const areaFields = {
  countyCode: z.string(),
  countyName: z.string(),
  areaCode: z.string(),
  areaName: z.string(),
  areaLevel: textOneOf(['county', 'township']),
};

export const Signal = z
  .object({
    id: z.number(),
    ...areaFields,
    source: z.enum(['case', 'fixed', 'cluster', 'stream', 'silent', 'scan']),
    category: Category,
    subject: z.string(),
    place: z.string(),
    placeKind: z.enum(['school', 'village']).nullable(),
    placeName: z.string().nullable(),
    frequency: z.enum(['day', 'week']),
    periodStart: z.string(),
    periodEnd: z.string(),
    observed: z.number(),
    expected: num,
    upperbound: num,
    algorithm: z.string(),
    params: z.record(z.string(), z.unknown()),
    detail: SignalDetail.nullable(),
    immediate: z.boolean(),
    eventId: z.number().nullable(),
    createdAt: Timestamp,
  })
  .meta({ id: 'Signal' });
// The events and signals repositories type their rows loosely (SQL rows with an index signature).
export const SignalList = looselyTyped(cursorPageOf(Signal));

const EventState = z.enum(EVENT_STATES);

export const Trigger = z
  .object({
    category: Category,
    subject: z.string(),
    subjectName: z.string(),
    areaName: z.string(),
    date: z.string(),
    observed: z.number(),
    upperbound: num,
    algorithm: z.string(),
    strength: z.number(),
  })
  .meta({ id: 'Trigger' });

const eventFields = {
  id: z.number(),
  ...areaFields,
  firstDate: z.string(),
  lastDate: z.string(),
  riskScore: z.number(),
  riskLevel: z.literal([1, 2, 3, 4]).describe('1 蓝 (blue) … 4 红 (red)'),
  riskLabel: BilingualText.optional(),
  explanation: z.object({ zh: z.string(), en: z.string(), triggers: z.array(Trigger) }),
  state: z.union([EventState, z.literal('merged')]),
  stateLabel: BilingualText.optional(),
  mergedInto: z.number().nullable(),
  assigneeId: z.number().nullable(),
  assigneeName: z.string().nullable(),
  verifyDeadline: Timestamp,
  verifiedAt: Timestamp.nullable(),
  closedAt: Timestamp.nullable(),
  emergencyLevel: z.number().nullable(),
  version: z.number(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  signalCount: z.number(),
};

export const SurvEvent = z.object(eventFields).meta({ id: 'SurvEvent' });
export const EventList = looselyTyped(cursorPageOf(SurvEvent));

// Stored as text: a merged event's last entry moves it to 'merged'.
const HistoryState = textOneOf([...EVENT_STATES, 'merged']);

/** The detail of a history entry varies by action; the keys the timeline shows are declared. */
const HistoryDetail = z.looseObject({
  emergencyLevel: z.number().nullable().optional().describe('transition to confirmed: 突发事件 level I–IV'),
  assigneeName: z.string().optional().describe('assign: the new assignee'),
});

export const EventHistoryEntry = z
  .object({
    id: z.number(),
    at: Timestamp,
    username: z.string().nullable(),
    action: z.string().describe('created, signal, assign, transition, note, merged, reraised'),
    fromState: HistoryState.nullable(),
    toState: HistoryState.nullable(),
    note: z.string().nullable(),
    detail: HistoryDetail.nullable(),
  })
  .meta({ id: 'EventHistoryEntry' });

/** Where one of the event's townships is: its own coordinates, its institutions' centroid, or unknown. */
export const TownshipPoint = z
  .object({
    code: z.string(),
    name: z.string(),
    lng: num,
    lat: num,
    source: z.enum(['area', 'institutions']).nullable(),
    institutions: num,
  })
  .meta({ id: 'TownshipPoint' });

export const EventDetail = looselyTyped(
  z
    .object({
      ...eventFields,
      signals: z.array(Signal),
      history: z.array(EventHistoryEntry),
      townships: z.array(TownshipPoint),
    })
    .meta({ id: 'EventDetail' }),
);

export const Assignee = z
  .object({
    id: z.number(),
    username: z.string(),
    displayName: z.string(),
    role: textOneOf(['admin', 'city', 'county']),
  })
  .meta({ id: 'Assignee' });
export const AssigneeList = pageOf(Assignee);

export const EventTransitioned = z.object({ id: z.number(), state: EventState, version: z.number() });
export const EventAssigned = z.object({
  id: z.number(),
  assigneeId: z.number(),
  assigneeName: z.string(),
  version: z.number(),
});
export const EventNoted = z.object({ id: z.number(), note: z.string() });

export const Kpis = z
  .object({
    area: z.string().nullable(),
    from: z.string(),
    to: z.string(),
    events: z.number(),
    verified: z.number(),
    timeliness: num,
    medianResponseHours: num,
    signals: z.number(),
    counties: z.number(),
    weeks: z.number(),
    signalsPerCountyWeek: num,
    confirmed: z.number(),
    ppv: num,
    byState: z.record(z.string(), z.number()),
  })
  .meta({ id: 'Kpis' });

export const Series = z
  .object({
    subject: z.string(),
    areaCode: z.string(),
    unit: z.enum(['day', 'week']),
    algorithm: z.string(),
    params: z.record(z.string(), z.unknown()),
    periodStart: z.array(z.string()),
    observed: z.array(num),
    expected: z.array(num),
    upperbound: z.array(num),
    alarm: z.array(z.boolean().nullable()),
    error: BilingualText.nullable(),
  })
  .meta({ id: 'Series' });

export const RunStats = z
  .object({
    series: z.number(),
    points: z.number(),
    skipped: z.number(),
    signals: z.number(),
    eventsCreated: z.number(),
    eventsUpdated: z.number(),
    errors: z.array(z.string()),
    ms: z.number(),
  })
  .meta({ id: 'RunStats' });
