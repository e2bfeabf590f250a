// Plan monitoring logic (pure, no I/O): targets, the indicator catalogue, name matching, table parsing and
// status rules. Imported as `@weijian/core/planning`.
export * from './catalogue.ts';
export * from './match.ts';
export * from './plan-evaluation.ts';
export * from './plausibility.ts';
export * from './status.ts';
export * from './table-parse.ts';
export { formatTarget, type Lang } from './target-format.ts';
export { type ParseTargetOptions, parseTarget } from './target-parse.ts';
export { isNoValue, normaliseText } from './text.ts';
export * from './types.ts';
export { normaliseUnit, unitSuffix } from './units.ts';
