// Placeholder the lead created so the module compiles: module measures for the planning engine, their versions (helper C4).
import type { CareBase } from './base.ts';

export class CareIndicators {
  constructor(readonly base: CareBase) {}
}
