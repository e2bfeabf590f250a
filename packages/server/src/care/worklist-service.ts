// Placeholder the lead created so the module compiles: due and overdue follow-ups and checks per doctor, team, institution, township (helper C3).
import type { CareBase } from './base.ts';

export class WorklistService {
  constructor(readonly base: CareBase) {}
}
