// Shapes of the registry endpoints (see docs/api.md). Optional fields are read defensively.

export interface AreaRef {
  code: string;
  name: string;
  level?: string | number;
  urbanRural?: string | null;
  childCount?: number;
  hasChildren?: boolean;
}

export interface Area extends AreaRef {
  validFrom?: string | null;
  validTo?: string | null;
  successorCode?: string | null;
  ancestors?: AreaRef[];
  children?: AreaRef[];
  [key: string]: unknown;
}

export const SUMMARY_TOTALS = [
  'population',
  'institutions',
  'beds',
  'doctors',
  'nurses',
  'pharmacists',
  'generalPractitioners',
  'healthTechnicians',
  'tcmDoctors',
  'publicHealthStaff',
] as const;

export const SUMMARY_RATIOS = [
  'bedsPer1000',
  'doctorsPer1000',
  'nursesPer1000',
  'pharmacistsPer1000',
  'gpsPer10000',
  'tcmDoctorsPer1000',
  'publicHealthStaffPer1000',
  'healthTechniciansPer1000',
] as const;

export type SummaryTotal = (typeof SUMMARY_TOTALS)[number];
export type SummaryRatio = (typeof SUMMARY_RATIOS)[number];

export type SummaryValues = { [K in SummaryTotal | SummaryRatio]: number | null };

export interface Summary extends SummaryValues {
  code: string;
  name: string;
  level?: string | number;
  year: number;
  previous?: SummaryValues | null;
}

export interface Institution {
  id: number | string;
  name: string;
  uscc?: string | null;
  category?: string | null;
  gradeLevel?: number | null;
  gradeClass?: string | null;
  ownership?: string | null;
  forProfit?: boolean | null;
  areaCode?: string | null;
  areaName?: string | null;
  areaPath?: (string | null)[];
  countyCode?: string | null;
  countyName?: string | null;
  lng?: number | null;
  lat?: number | null;
  openedOn?: string | null;
  closedOn?: string | null;
  networkId?: number | null;
  networkName?: string | null;
  networkType?: string | null;
  isNetworkLead?: boolean;
  synthetic?: boolean;
  version?: number;
  [key: string]: unknown;
}

/** GET /networks: a 医共体 / 城市医疗集团 with its lead. */
export interface Network {
  id: number;
  name: string;
  type: string;
  countyCode: string;
  leadInstitutionId: number | null;
  leadName: string | null;
  members: number;
}

export interface Page<T> {
  total: number;
  items: T[];
}

export type ResourceRow = { year: number; version?: number } & Record<string, number | null | undefined>;
