// State of the plan import wizard as one reducer, and the pure rules the steps share: which rows still need a
// person's confirmation, which target a row carries, and the plan payload sent to POST /plans.
import { useReducer } from 'react';
import type { IndicatorInput, Plan, PlanInput, Preview, PreviewRow, Target } from '../types.ts';

/** The server proposes a link at or above this confidence (import-preview.ts AUTO_CONFIRM). */
export const HIGH = 0.8;

export interface RowState {
  catalogueCode: string | null;
  confirmed: boolean;
  /** A target structured by hand (undefined: as parsed). */
  target?: Target | null;
}

export type Rows = Record<number, RowState>;

export interface Period {
  baselineYear: number;
  periodStart: number;
  periodEnd: number;
}

export interface Region {
  code: string;
  name: string;
}

export interface WizardState {
  step: 0 | 1 | 2;
  source: 'file' | 'paste';
  text: string;
  fileName: string | null;
  preview: Preview | null;
  rows: Rows;
  /** The row whose target is being structured by hand. */
  editing: PreviewRow | null;
  created: Plan | null;
  name: string;
  region: Region | null;
  regionCode: string;
  period: Period;
}

export type WizardAction =
  | { type: 'source'; source: 'file' | 'paste' }
  | { type: 'text'; text: string }
  | { type: 'file'; fileName: string | null }
  | { type: 'parsed'; preview: Preview }
  | { type: 'name'; name: string }
  /** `code` also fills the code box (a pick from the tree), a typed code is left as typed. */
  | { type: 'region'; region: Region | null; code?: string }
  | { type: 'regionCode'; code: string }
  | { type: 'period'; patch: Partial<Period> }
  | { type: 'row'; row: number; patch: Partial<RowState> }
  | { type: 'confirmAll' }
  | { type: 'edit'; row: PreviewRow | null }
  | { type: 'created'; plan: Plan }
  | { type: 'restart' };

export const initialWizard: WizardState = {
  step: 0,
  source: 'file',
  text: '',
  fileName: null,
  preview: null,
  rows: {},
  editing: null,
  created: null,
  name: '',
  region: null,
  regionCode: '',
  period: { baselineYear: 2020, periodStart: 2021, periodEnd: 2025 },
};

/** Rows linked with high confidence start confirmed; the others wait for a person. */
export function initialRows(preview: Preview): Rows {
  const rows: Rows = {};
  for (const r of preview.rows) {
    rows[r.row] = { catalogueCode: r.catalogueCode, confirmed: (r.matchConfidence ?? 0) >= HIGH && !!r.catalogueCode };
  }
  return rows;
}

export function periodOf(preview: Preview): Period {
  const baselineYear = preview.plan.baselineYear ?? 2020;
  return {
    baselineYear,
    periodStart: preview.plan.periodStart ?? baselineYear + 1,
    periodEnd: preview.plan.periodEnd ?? baselineYear + 5,
  };
}

/** Confidence of the catalogue entry a row is linked to now (null: no link). */
export function chosenConfidence(r: PreviewRow, s: RowState | undefined): number | null {
  return s?.catalogueCode
    ? (r.candidates.find((x) => x.code === s.catalogueCode)?.confidence ?? null)
    : r.matchConfidence;
}

export function reduceWizard(state: WizardState, action: WizardAction): WizardState {
  switch (action.type) {
    case 'source':
      return { ...state, source: action.source };
    case 'text':
      return { ...state, text: action.text };
    case 'file':
      return { ...state, fileName: action.fileName };
    case 'parsed':
      return {
        ...state,
        preview: action.preview,
        rows: initialRows(action.preview),
        period: periodOf(action.preview),
        step: 1,
      };
    case 'name':
      return { ...state, name: action.name };
    case 'region':
      return { ...state, region: action.region, regionCode: action.code ?? state.regionCode };
    case 'regionCode':
      return { ...state, regionCode: action.code };
    case 'period':
      return { ...state, period: { ...state.period, ...action.patch } };
    case 'row':
      return {
        ...state,
        rows: { ...state.rows, [action.row]: { ...(state.rows[action.row] as RowState), ...action.patch } },
      };
    case 'confirmAll': {
      // Only links the server proposed with high confidence are confirmed in bulk; the rest need a look.
      const rows = { ...state.rows };
      for (const r of state.preview?.rows ?? []) {
        const s = rows[r.row];
        const c = r.candidates.find((x) => x.code === s?.catalogueCode)?.confidence ?? 0;
        if (s?.catalogueCode && c >= HIGH) rows[r.row] = { ...s, confirmed: true };
      }
      return { ...state, rows };
    }
    case 'edit':
      return { ...state, editing: action.row };
    case 'created':
      return { ...state, created: action.plan, step: 2 };
    case 'restart':
      return { ...state, step: 0, preview: null, rows: {}, created: null };
  }
}

export function usePlanImportWizard() {
  return useReducer(reduceWizard, initialWizard);
}

/** The row's target: structured by hand, else as parsed. */
export function targetOf(rows: Rows, r: PreviewRow): Target | null {
  const s = rows[r.row];
  return s && s.target !== undefined ? (s.target ?? null) : r.target;
}

export function stateOf(target: Target | null): PreviewRow['targetState'] {
  return target === null ? 'none' : target.kind === 'unparsed' ? 'unparsed' : 'ok';
}

export function confidenceColour(c: number | null): string {
  if (c === null) return 'default';
  if (c >= HIGH) return 'green';
  if (c >= 0.5) return 'orange';
  return 'red';
}

export interface Readiness {
  unconfirmed: number;
  unparsed: number;
  ready: boolean;
}

export function readiness(state: WizardState): Readiness {
  const { preview, rows } = state;
  const unconfirmed = preview ? preview.rows.filter((r) => !rows[r.row]?.confirmed).length : 0;
  const unparsed = preview ? preview.rows.filter((r) => targetOf(rows, r)?.kind === 'unparsed').length : 0;
  const ready = !!preview && unconfirmed === 0 && !!state.region && state.name.trim().length > 0;
  return { unconfirmed, unparsed, ready };
}

/** The body of POST /plans from the reviewed preview. */
export function planInput(preview: Preview, rows: Rows, region: Region, name: string, period: Period): PlanInput {
  const indicators: IndicatorInput[] = preview.rows.map((r) => {
    const s = rows[r.row] ?? { catalogueCode: r.catalogueCode, confirmed: true };
    const candidate = r.candidates.find((c) => c.code === s.catalogueCode);
    const input: IndicatorInput = {
      domain: r.domain,
      name: r.name,
      unit: r.unit,
      baselineText: r.baselineText,
      baseline: r.baseline,
      targetText: r.targetText,
      nature: r.nature,
      catalogueCode: s.catalogueCode,
      matchConfidence: s.catalogueCode ? (candidate?.confidence ?? null) : null,
    };
    if (r.direction) input.direction = r.direction;
    // A target structured by hand is sent; otherwise the server parses targetText again (same result).
    if (s.target !== undefined) input.target = s.target;
    return input;
  });
  return {
    regionCode: region.code,
    name: name.trim(),
    ...period,
    ...(preview.filename ? { sourceFile: preview.filename } : {}),
    indicators,
  };
}
