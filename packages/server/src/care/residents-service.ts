// Placeholder the lead created so the module compiles: residents, health-record content, record access and openings, merge, the resident's own view (helper C2).
import type { CareBase } from './base.ts';

export class ResidentsService {
  constructor(readonly base: CareBase) {}
}
