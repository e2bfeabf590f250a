// Validation of yearly facts, shared by the API, the import and the demo loader: a value the form
// rejects is rejected by the import too, with the same words.

import type { Bilingual } from '../platform/text.ts';
import { type FactField, POPULATION_FIELDS, RESOURCE_FIELDS } from './fields.ts';

export interface Issue {
  /** Field key, e.g. `bedsOpen`. */
  field: string;
  message: Bilingual;
}

function checkNumbers(values: Record<string, unknown>, fields: readonly FactField[]): Issue[] {
  const issues: Issue[] = [];
  for (const f of fields) {
    const v = values[f.key];
    if (v === null || v === undefined) continue;
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      issues.push({ field: f.key, message: { zh: `${f.zh}必须是数字`, en: `${f.en} must be a number` } });
    } else if (!Number.isInteger(v) || v < 0) {
      issues.push({
        field: f.key,
        message: { zh: `${f.zh}必须是非负整数`, en: `${f.en} must be a non-negative whole number` },
      });
    } else if (v > 2_000_000_000) {
      issues.push({ field: f.key, message: { zh: `${f.zh}数值过大`, en: `${f.en} is implausibly large` } });
    }
  }
  return issues;
}

const label = (fields: readonly FactField[], key: string) => fields.find((f) => f.key === key)!;

/** `part` may not exceed `whole` (其中项不得大于合计). */
function partOf(
  values: Record<string, unknown>,
  fields: readonly FactField[],
  part: string,
  whole: string,
): Issue | null {
  const p = values[part];
  const w = values[whole];
  if (typeof p !== 'number' || typeof w !== 'number' || p <= w) return null;
  const fp = label(fields, part);
  const fw = label(fields, whole);
  return {
    field: part,
    message: {
      zh: `${fp.zh}（${p}）不能大于${fw.zh}（${w}）`,
      en: `${fp.en} (${p}) cannot exceed ${fw.en} (${w})`,
    },
  };
}

export function validateResourceValues(values: Record<string, unknown>): Issue[] {
  const issues = checkNumbers(values, RESOURCE_FIELDS);
  if (issues.length) return issues;
  const rules: [string, string][] = [
    ['assistantDoctors', 'doctors'],
    ['ambulancesNegativePressure', 'ambulances'],
    ['bedsIcu', 'bedsActual'],
    ['bedsOpen', 'bedsActual'],
    ['doctors', 'healthTechnicians'],
    ['nurses', 'healthTechnicians'],
    ['healthTechnicians', 'staffTotal'],
    ['generalPractitioners', 'healthTechnicians'],
    ['dischargedBedDays', 'occupiedBedDays'],
  ];
  for (const [part, whole] of rules) {
    const issue = partOf(values, RESOURCE_FIELDS, part, whole);
    if (issue) issues.push(issue);
  }
  return issues;
}

export function validatePopulationValues(values: Record<string, unknown>): Issue[] {
  const issues = checkNumbers(values, POPULATION_FIELDS);
  if (issues.length) return issues;
  const n = (k: string) => (typeof values[k] === 'number' ? (values[k] as number) : null);
  const resident = n('resident');
  const male = n('male');
  const female = n('female');
  if (resident !== null && male !== null && female !== null && male + female !== resident) {
    issues.push({
      field: 'male',
      message: {
        zh: `男性（${male}）与女性（${female}）之和应等于常住人口（${resident}）`,
        en: `Male (${male}) plus female (${female}) must equal the resident population (${resident})`,
      },
    });
  }
  const bands = ['age0To2', 'age3To6', 'age7To14', 'age15To59', 'age60To64', 'age65Plus'].map(n);
  if (resident !== null && bands.every((b) => b !== null)) {
    const sum = (bands as number[]).reduce((a, b) => a + b, 0);
    if (sum !== resident) {
      issues.push({
        field: 'age0To2',
        message: {
          zh: `各年龄组之和（${sum}）应等于常住人口（${resident}）`,
          en: `Age bands sum to ${sum} but the resident population is ${resident}`,
        },
      });
    }
  }
  return issues;
}
