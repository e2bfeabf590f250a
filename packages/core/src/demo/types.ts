// Public shapes of the demo city generator. Kept apart so the server's seeding code can import the
// types without the generator.

import type { PopulationValues, ResourceValues } from '../registry/fields.ts';

export interface DemoAreaInput {
  code: string;
  name: string;
  /** 3 = county/district (6-digit code), 4 = township/street (9-digit), 5 = village/community (12-digit). */
  level: 3 | 4 | 5;
  parentCode: string;
  /** 3-digit 城乡分类代码: '1xx' urban, '2xx' rural; null when unknown. */
  urbanRural: string | null;
  lng?: number;
  lat?: number;
}

export interface DemoOptions {
  /** Default 20201231. */
  seed?: number;
  /** Multiplies institutions (beyond the one-per-area ones), resources and population. Default 1. */
  scale?: number;
  /** Default 2016. */
  fromYear?: number;
  /** Default 2025. */
  toYear?: number;
}

export type DemoOwnership = 'government' | 'other-public' | 'private';

export interface DemoInstitution {
  key: string;
  name: string;
  uscc: string | null;
  /** WS 218 category code (see registry/categories.ts). */
  category: string;
  gradeLevel: 1 | 2 | 3 | null;
  gradeClass: '甲' | '乙' | '丙' | null;
  ownership: DemoOwnership;
  forProfit: boolean;
  /** Most specific area the institution sits in: township for THCs and CHCs, village for village clinics. */
  areaCode: string;
  countyCode: string;
  lng: number;
  lat: number;
  openedOn: string;
  closedOn: string | null;
  networkKey: string | null;
}

export interface DemoNetwork {
  key: string;
  name: string;
  type: 'county-medical-community' | 'urban-medical-group';
  countyCode: string;
  leadKey: string;
}

export interface DemoResourceRow {
  institutionKey: string;
  year: number;
  values: ResourceValues;
}

/** One row per township (level 4) per year. */
export interface DemoPopulationRow {
  areaCode: string;
  year: number;
  values: PopulationValues;
}

export interface DemoCity {
  institutions: DemoInstitution[];
  networks: DemoNetwork[];
  resources: DemoResourceRow[];
  population: DemoPopulationRow[];
}
