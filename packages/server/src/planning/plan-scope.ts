// Who may see and change a plan. A plan belongs to its region: users scoped to the region (or an area
// containing it) may read it, and so may users of an area inside it (a county works under the city plan and
// sees it, evaluated for its own county). Changing a plan needs a write role scoped to the region or above.
// The per-request AccessPolicy answers the area rules; the registry's area scope answers "is the caller's
// own area inside the plan's region", which the policy has no rule for.
import type { AccessPolicy, AreaScope } from '../platform/access-policy.ts';

export class PlanAccess {
  constructor(private readonly scope: AreaScope) {}

  async mayRead(policy: AccessPolicy, plan: { regionCode: string }): Promise<boolean> {
    if (policy.isAdmin) return true;
    const own = policy.scopeAreaCode;
    if (policy.role === 'institution' || !own) return false;
    if (await policy.mayReadArea(plan.regionCode)) return true;
    return (await this.scope.withinFn())(own, plan.regionCode);
  }

  async requireRead(policy: AccessPolicy, plan: { regionCode: string }): Promise<void> {
    policy.requireRight('readArea');
    policy.require(await this.mayRead(policy, plan));
  }

  async requireRegionWrite(policy: AccessPolicy, regionCode: string): Promise<void> {
    await policy.requireWriteArea(regionCode);
  }

  /**
   * Who may change a task: whoever may write the plan's region, and, for a task tied to an area, a write
   * user of that area (a county reports progress on its own projects under the city plan).
   */
  async requireTaskWrite(policy: AccessPolicy, plan: { regionCode: string }, areaCode: string | null): Promise<void> {
    policy.requireWrite();
    policy.requireRight('writeArea');
    if (await policy.mayWriteArea(plan.regionCode)) return;
    policy.require(!!areaCode && (await policy.mayWriteArea(areaCode)));
  }

  /** The area a caller sees a plan evaluated for by default: the region, or the caller's own area inside it. */
  async defaultArea(policy: AccessPolicy, plan: { regionCode: string }): Promise<string> {
    const own = policy.scopeAreaCode;
    if (policy.isAdmin || !own) return plan.regionCode;
    return (await policy.mayReadArea(plan.regionCode)) ? plan.regionCode : own;
  }
}
