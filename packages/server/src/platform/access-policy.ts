// The per-request access policy: built once from the signed-in principal (the way Medplum builds its
// repository per request), handed to services, and the one place that turns "not allowed" into an error.
// The rules themselves are core's pure predicates (`@weijian/core/identity`); the area tree that answers
// "is this code inside that scope (in year Y)" comes from the registry through the `AreaScope` port.
import {
  canWrite,
  mayReadArea,
  mayReadInstitution,
  mayWriteArea,
  mayWriteInstitution,
  type Principal,
  type Role,
} from '@weijian/core/identity';
import type { Actor } from './audit.ts';
import { forbidden, notFound, type Text } from './errors.ts';

/** Answers subtree membership along the division history; the registry implements it. */
export interface AreaScope {
  /** `(code, root) => boolean` for year `year` (the current year when omitted), tolerant of renamed codes. */
  withinFn(year?: number): Promise<(code: string, root: string) => boolean>;
}

/** An institution as the policy judges it. */
export interface InstitutionRef {
  id: number;
  areaCode: string;
}

export class AccessPolicy {
  constructor(
    readonly principal: Principal,
    private readonly scope: AreaScope,
    /** Who the audit log names for this request. */
    readonly actor: Actor,
  ) {}

  get role(): Role {
    return this.principal.role;
  }
  get isAdmin(): boolean {
    return this.principal.role === 'admin';
  }
  get canWrite(): boolean {
    return canWrite(this.principal);
  }
  /** Root of the caller's area subtree; null for admin (everything) and institution users (no area). */
  get scopeAreaCode(): string | null {
    return this.principal.scopeAreaCode;
  }
  get scopeInstitutionId(): number | null {
    return this.principal.scopeInstitutionId;
  }

  /** Refuses unless `allowed`; for rules that are the context's own (e.g. who may configure detectors). */
  require(allowed: boolean, text?: Text): void {
    if (!allowed) throw forbidden(text);
  }
  requireRole(roles: readonly Role[], text?: Text): void {
    this.require(roles.includes(this.principal.role), text);
  }
  requireAdmin(text?: Text): void {
    this.require(this.isAdmin, text);
  }
  /** Any write: read-only users are refused. */
  requireWrite(text?: Text): void {
    this.require(this.canWrite, text);
  }

  async mayReadArea(code: string, year?: number): Promise<boolean> {
    return mayReadArea(this.principal, code, await this.scope.withinFn(year));
  }
  async requireReadArea(code: string, year?: number, text?: Text): Promise<void> {
    this.require(await this.mayReadArea(code, year), text);
  }
  async mayWriteArea(code: string, year?: number): Promise<boolean> {
    return mayWriteArea(this.principal, code, await this.scope.withinFn(year));
  }
  async requireWriteArea(code: string, year?: number, text?: Text): Promise<void> {
    this.require(await this.mayWriteArea(code, year), text);
  }

  async mayReadInstitution(inst: InstitutionRef): Promise<boolean> {
    return mayReadInstitution(this.principal, inst, await this.scope.withinFn());
  }
  /** An institution outside the scope answers 404 with `what` named: its existence does not leak. */
  async requireReadInstitution(inst: InstitutionRef | null | undefined, what: Text): Promise<InstitutionRef> {
    if (!inst || !(await this.mayReadInstitution(inst))) throw notFound(what);
    return inst;
  }
  async mayWriteInstitution(inst: InstitutionRef): Promise<boolean> {
    return mayWriteInstitution(this.principal, inst, await this.scope.withinFn());
  }
  async requireWriteInstitution(inst: InstitutionRef, text?: Text): Promise<void> {
    this.require(await this.mayWriteInstitution(inst), text);
  }
}
