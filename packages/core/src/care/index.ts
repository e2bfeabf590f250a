// The care context's pure rules: programme schedules, follow-up classification and next dates, key
// populations, indicator definitions, and the NDJSON exchange format.

export * from './collect.ts';
export * from './dates.ts';
export * from './demo-generate.ts';
export * from './eligibility.ts';
export * from './evaluate.ts';
export * from './followup.ts';
export * from './key-population.ts';
export * from './labels.ts';
export * from './ndjson.ts';
export * from './schedules.ts';
export * from './types.ts';
