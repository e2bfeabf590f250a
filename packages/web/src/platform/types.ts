// Shapes of the platform endpoints (see docs/api.md).

export interface User {
  id: number | string;
  username: string;
  displayName?: string | null;
  role: 'admin' | 'city' | 'county' | 'institution' | 'readonly' | string;
  scopeAreaCode?: string | null;
  scopeAreaName?: string | null;
  scopeInstitutionId?: number | string | null;
}

/** A fact field (resource or population) as declared in core/registry/fields.ts. */
export interface FieldDef {
  key: string;
  zh: string;
  en: string;
  unit: string;
  group: string;
}

/** A coded value (category, ownership, grade…) with labels; categories may nest (family → type). */
export interface CodeDef {
  code: string;
  zh: string;
  en: string;
  family?: string;
  parent?: string | null;
  children?: CodeDef[];
}

export interface Meta {
  years: number[];
  defaultYear: number;
  rootAreaCode: string;
  rootAreaName?: string;
  synthetic: boolean;
  resourceFields: FieldDef[];
  populationFields: FieldDef[];
  institutionCategories: CodeDef[];
  ownerships: CodeDef[];
  gradeLevels?: { level: number | null; zh: string; en: string }[];
  gradeClasses?: { class: string | null; zh: string; en: string }[];
  networkTypes?: CodeDef[];
  summaryRatios?: { key: string; zh: string; en: string }[];
}
