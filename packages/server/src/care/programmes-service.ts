// Placeholder the lead created so the module compiles: teams, packages, contracts, enrolments, follow-ups and
// checks (helper C3).

import type { CareBase } from './base.ts';
import type { ResidentsService } from './residents-service.ts';

export class ProgrammesService {
  constructor(
    readonly base: CareBase,
    readonly residents: ResidentsService,
  ) {}
}
