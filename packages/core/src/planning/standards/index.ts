// Resource configuration standards (资源配置标准): definitions, measures and checks. Pure, no I/O.
// Imported as `@weijian/core/planning/standards`.
export * from './definitions.ts';
export * from './judge.ts';
export * from './measures.ts';
export * from './types.ts';
