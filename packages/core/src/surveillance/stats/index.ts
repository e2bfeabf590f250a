export { dt, pbeta, pgamma, pt, qgamma, qt } from './continuous.ts';
export { dnbinom, dpois, pnbinom, ppois, qnbinom, qpois } from './discrete.ts';
export { digamma, lgamma, trigamma } from './gamma-fn.ts';
export type { GlmFit, GlmInput } from './glm.ts';
export { activeIndex, glmLog, glmPoisson, negativeBinomialFamily, predictLink } from './glm.ts';
export type { GlmNbFit, ThetaMl } from './glm-nb.ts';
export { glmNb, thetaMl } from './glm-nb.ts';
export { pnorm, qnorm } from './normal.ts';
