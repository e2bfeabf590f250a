// Placeholder the lead created so the module compiles: NDJSON and XLSX/CSV import, templates, exports (helper C3).

import type { CareBase } from './base.ts';
import type { ProgrammesService } from './programmes-service.ts';
import type { ResidentsService } from './residents-service.ts';

export class CareExchange {
  constructor(
    readonly base: CareBase,
    readonly residents: ResidentsService,
    readonly programmes: ProgrammesService,
  ) {}
}
