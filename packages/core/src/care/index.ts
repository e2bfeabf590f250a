// The care context's pure rules: programme schedules, follow-up classification and next dates, key
// populations, indicator definitions, and the NDJSON exchange format.
export * from './types.ts';
