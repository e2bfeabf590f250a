// Shapes of the /api/v1/surveillance endpoints, named from the generated wire contract
// (packages/server/src/surveillance/surveillance-wire.ts → ../wire/api.ts): a server schema change breaks
// the typecheck here instead of the pages at run time.
import type { BodyOf, ResponseOf, Wire } from '../platform/wire.ts';

/** A label in both languages (the server's `riskLabel`, `stateLabel`, `error`, disease classes). */
export type Bilingual = NonNullable<Wire<'SurvEvent'>['riskLabel']>;

export type SurvEvent = Wire<'SurvEvent'>;
/** A workflow state an event can be moved to (`merged` is only ever set by fusion). */
export type EventState = Exclude<SurvEvent['state'], 'merged'>;
export type RiskLevel = SurvEvent['riskLevel'];
export type Trigger = Wire<'Trigger'>;
export type EvidenceCategory = Trigger['category'];

export type Signal = Wire<'Signal'>;
export type SignalSource = Signal['source'];

export type HistoryEntry = Wire<'EventHistoryEntry'>;

/**
 * Where one of the event's townships is (no township boundaries are shipped): its own coordinates
 * (`source: 'area'`), the centroid of its registered institutions (`'institutions'`), or unknown (null).
 */
export type TownshipPoint = Wire<'TownshipPoint'>;

export type EventDetail = Wire<'EventDetail'>;

/** GET /surveillance/events/{id}/assignees: users the event may be assigned to. */
export type Assignee = Wire<'Assignee'>;

export type Kpis = Wire<'Kpis'>;
export type Series = Wire<'Series'>;

export type Disease = Wire<'Disease'>;
export type DiseaseClass = Disease['class'];
export type Algorithm = Disease['algorithm'];
export type DiseaseCatalogue = ResponseOf<'/api/v1/surveillance/diseases'>;

export type Stream = Wire<'Stream'>;
export type StreamKind = Stream['kind'];
export type StreamList = ResponseOf<'/api/v1/surveillance/streams'>;

export type StreamSource = Wire<'StreamSource'>;
export type StreamSourceList = ResponseOf<'/api/v1/surveillance/stream-sources'>;

export type CaseListItem = Wire<'CaseListItem'>;
export type Classification = CaseListItem['classification'];
export type CaseDetail = Wire<'CaseDetail'>;
export type CaseHistoryEntry = Wire<'CaseHistoryEntry'>;
export type CaseSubmitResult = Wire<'CaseSubmitResult'>;
/** A report card as the form sends it (core checks every field again, answering bilingual 422s). */
export type CaseCard = BodyOf<'/api/v1/surveillance/cases'>;
/** A 订正: the changed fields, the version as read and the reason. */
export type CaseCorrection = BodyOf<'/api/v1/surveillance/cases/{id}', 'put'>;
export type CaseImportResult = Wire<'CaseImportResult'>;
export type StreamCountsResult = Wire<'StreamCountsResult'>;

export type EvaluationRow = Wire<'EvaluationRow'>;
export type EvaluationResult = Wire<'EvaluationResult'>;
export type Simulation = Wire<'Simulation'>;

export type EventPage = ResponseOf<'/api/v1/surveillance/events'>;
export type SignalPage = ResponseOf<'/api/v1/surveillance/signals'>;
export type CasePage = ResponseOf<'/api/v1/surveillance/cases'>;
export type AssigneeList = ResponseOf<'/api/v1/surveillance/events/{id}/assignees'>;
export type CaseHistory = ResponseOf<'/api/v1/surveillance/cases/{id}/history'>;

/** GET /areas/{code}/boundaries (the registry's): the children's outlines on the event map. */
export type GeoJson = Wire<'GeoJsonCollection'>;
