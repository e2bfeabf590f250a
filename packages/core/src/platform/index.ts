// The shared kernel of core: one clock (Beijing's calendar), one seeded PRNG, one bilingual text type.
// Imported as `@weijian/core/platform`.
export * from './clock.ts';
export * from './date-text.ts';
export * from './prng.ts';
export * from './text.ts';
