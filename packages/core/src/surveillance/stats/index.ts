export { dt, pbeta, pgamma, pt, qgamma, qt } from './continuous.ts';
export { dnbinom, dpois, pnbinom, ppois, qnbinom, qpois } from './discrete.ts';
export { lgamma } from './gamma-fn.ts';
export type { GlmFit, GlmInput } from './glm.ts';
export { activeIndex, glmPoisson, predictLink } from './glm.ts';
export { pnorm, qnorm } from './normal.ts';
