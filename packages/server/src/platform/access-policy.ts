// The per-request access policy: built once from the signed-in principal (the way Medplum builds its
// repository per request), handed to services, and the one place that turns "not allowed" into an error.
// The rules themselves are core's pure predicates (`@weijian/core/identity`); the area tree that answers
// "is this code inside that scope (in year Y)" comes from the registry through the `AreaScope` port.
import {
  canWrite,
  hasRight,
  mayReadArea,
  mayReadInstitution,
  mayWriteArea,
  mayWriteInstitution,
  type Principal,
  type Right,
  ROLE_LABELS,
  type Role,
} from '@weijian/core/identity';
import type { Actor } from './audit.ts';
import { forbidden, notFound, type Text } from './errors.ts';

/** Answers subtree membership along the division history; the registry implements it. */
export interface AreaScope {
  /** `(code, root) => boolean` for year `year` (the current year when omitted), tolerant of renamed codes. */
  withinFn(year?: number): Promise<(code: string, root: string) => boolean>;
  /** The area's name, for refusals that say which scope they apply (the code is shown when absent). */
  nameOf?(code: string): Promise<string | undefined>;
}

/** What a role lacking a right is told: the role is the reason, whatever the scope. */
const ROLE_REFUSALS: Record<Right, (role: Text) => Text> = {
  readArea: (r) => ({
    zh: `您的角色（${r.zh}）不能查看区域数据，只能查看本机构的数据`,
    en: `Your role (${r.en}) cannot see area-level data, only its own institution's`,
  }),
  writeArea: (r) => ({
    zh: `您的角色（${r.zh}）不能修改区域数据`,
    en: `Your role (${r.en}) cannot change area-level data`,
  }),
  readInstitution: (r) => ({
    zh: `您的角色（${r.zh}）不能查看机构数据`,
    en: `Your role (${r.en}) cannot see institutions`,
  }),
  writeInstitution: (r) => ({
    zh: `您的角色（${r.zh}）不能修改机构数据`,
    en: `Your role (${r.en}) cannot change institution data`,
  }),
  configure: (r) => ({
    zh: `您的角色（${r.zh}）不能修改预警设置、数据源或发起检测`,
    en: `Your role (${r.en}) cannot change detector settings or streams, or run detections`,
  }),
  administer: (r) => ({
    zh: `仅平台管理员可执行此操作（您的角色：${r.zh}）`,
    en: `Administrators only (your role: ${r.en})`,
  }),
};

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

  /**
   * Refuses unless `allowed`, by default as outside the caller's scope: a rule about what a role may do at all
   * goes through `requireRight`/`requireRole` so the refusal names the role instead.
   */
  require(allowed: boolean, text?: Text): void {
    if (!allowed) throw forbidden(text ?? this.scopeRefusal());
  }
  /** Refuses a role lacking `right` (core's ROLE_RIGHTS), saying the role is the reason. */
  requireRight(right: Right, text?: Text): void {
    if (!hasRight(this.principal.role, right)) throw forbidden(text ?? this.roleRefusal(right));
  }
  requireRole(roles: readonly Role[], text?: Text): void {
    if (!roles.includes(this.principal.role)) {
      const needed = roles.map((r) => ROLE_LABELS[r]);
      throw forbidden(
        text ?? {
          zh: `您的角色（${this.roleLabel.zh}）不能执行此操作，需要：${needed.map((t) => t.zh).join('、')}`,
          en: `Your role (${this.roleLabel.en}) cannot do this; it takes: ${needed.map((t) => t.en).join(', ')}`,
        },
      );
    }
  }
  requireAdmin(text?: Text): void {
    this.requireRight('administer', text);
  }
  /** Any write: read-only users are refused. */
  requireWrite(text?: Text): void {
    if (!this.canWrite) {
      throw forbidden(
        text ?? {
          zh: `您的角色（${this.roleLabel.zh}）只能查看，不能保存、导入或修改数据`,
          en: `Your role (${this.roleLabel.en}) is read-only: it cannot save, import or change data`,
        },
      );
    }
  }

  async mayReadArea(code: string, year?: number): Promise<boolean> {
    return mayReadArea(this.principal, code, await this.scope.withinFn(year));
  }
  async requireReadArea(code: string, year?: number, text?: Text): Promise<void> {
    this.requireRight('readArea', text);
    if (!(await this.mayReadArea(code, year))) throw forbidden(text ?? (await this.areaRefusal(code)));
  }
  async mayWriteArea(code: string, year?: number): Promise<boolean> {
    return mayWriteArea(this.principal, code, await this.scope.withinFn(year));
  }
  async requireWriteArea(code: string, year?: number, text?: Text): Promise<void> {
    this.requireWrite(text);
    this.requireRight('writeArea', text);
    if (!(await this.mayWriteArea(code, year))) throw forbidden(text ?? (await this.areaRefusal(code)));
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
    this.requireWrite(text);
    this.requireRight('writeInstitution', text);
    if (!(await this.mayWriteInstitution(inst))) throw forbidden(text ?? this.scopeRefusal());
  }

  private get roleLabel(): Text {
    return ROLE_LABELS[this.principal.role];
  }
  private roleRefusal(right: Right): Text {
    return ROLE_REFUSALS[right](this.roleLabel);
  }
  /** The scope as the reason: "outside your institution" or "outside your area" (named where it is known). */
  private scopeRefusal(): Text {
    if (this.principal.role === 'institution') {
      return { zh: '超出您所在机构的范围', en: 'Outside your institution' };
    }
    if (this.principal.role !== 'admin' && !this.principal.scopeAreaCode) {
      return { zh: '您的账号未设置管辖范围', en: 'Your account has no area scope' };
    }
    return { zh: '超出您的管辖范围', en: 'Outside your area' };
  }
  /** "AREA is outside your area SCOPE", with names when the area tree knows them. */
  private async areaRefusal(code: string): Promise<Text> {
    const scope = this.principal.scopeAreaCode;
    if (!scope) return this.scopeRefusal();
    const named = async (c: string) => {
      const name = await this.scope.nameOf?.(c);
      return name ? `${name}（${c}）` : c;
    };
    const [area, root] = await Promise.all([named(code), named(scope)]);
    return {
      zh: `${area}不在您的管辖范围（${root}）内`,
      en: `${area.replace('（', ' (').replace('）', ')')} is outside your area (${root.replace('（', ' (').replace('）', ')')})`,
    };
  }
}
