export { DEMO_DEFAULTS, generateDemoCity } from './generate.ts';
export { type DemoSummary, isOpenIn, summariseDemo } from './summarise.ts';
export { syntheticXinxiangAreas } from './synthetic-areas.ts';
export * from './types.ts';
