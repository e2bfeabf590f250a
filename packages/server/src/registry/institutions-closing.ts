// Closing (撤销) an institution and reopening it. A closed institution is not deleted: its yearly reports,
// cards and network membership stay as history, and the list shows it as 已撤销 with the date and reason.
// Closing is the commission's act in the institution's area (its own staff cannot close it), refused for the
// lead of a network (the network would be left without its lead), audited with the reason.
import { chinaToday } from '@weijian/core/platform';
import type { AccessPolicy } from '../platform/access-policy.ts';
import { audit } from '../platform/audit.ts';
import type { Db, Queryable } from '../platform/db.ts';
import { conflict, type ErrorDetail, invalid } from '../platform/errors.ts';
import type { AreasService } from './areas-service.ts';
import { getInstitution } from './institutions-repo.ts';
import { networkLedBy } from './networks-repo.ts';

const institutionText = (id: number) => ({ zh: `机构 #${id} `, en: `Institution #${id}` });

/** Why `inst` cannot be closed: it leads a network. Null when it may be. */
export async function closingProblem(q: Queryable, inst: { id: number; name: string }): Promise<ErrorDetail | null> {
  const led = await networkLedBy(q, inst.id);
  if (!led) return null;
  return {
    path: 'closedOn',
    message: {
      zh: `${inst.name}是${led.name}的牵头单位，须先为该医联体更换牵头单位再撤销`,
      en: `${inst.name} leads ${led.name}; give that network another lead before closing it`,
    },
  };
}

/** Why the institution was closed, as recorded when it was (null when open, or closed by an edit or import). */
export async function closedReasonOf(q: Queryable, id: number): Promise<string | null> {
  const { rows } = await q.query<{ r: string | null }>('select closed_reason as r from institutions where id = $1', [
    id,
  ]);
  return rows[0]?.r ?? null;
}

/** Records (or, with nulls, clears) the closing; false when `version` is stale. */
async function setClosed(
  q: Queryable,
  id: number,
  closedOn: string | null,
  reason: string | null,
  version: number,
): Promise<boolean> {
  const { rows } = await q.query(
    `update institutions set closed_on = $3, closed_reason = $4, version = version + 1, updated_at = now()
      where id = $1 and version = $2 returning id`,
    [id, version, closedOn, reason],
  );
  return rows.length === 1;
}

/** An edit that reopens an institution drops the reason it was closed for. */
export async function clearClosedReason(q: Queryable, id: number): Promise<void> {
  await q.query('update institutions set closed_reason = null where id = $1', [id]);
}

export class InstitutionClosing {
  constructor(
    private readonly db: Db,
    private readonly areas: AreasService,
    private readonly today: () => string = () => chinaToday(),
  ) {}

  async close(policy: AccessPolicy, id: number, input: { closedOn: string; reason: string }, version: number) {
    await this.areas.tree(); // the policy's area checks must not load it inside the transaction
    const reason = input.reason.trim();
    await this.db.tx(async (q) => {
      const inst = await this.writable(policy, id, q);
      const issues: ErrorDetail[] = [];
      if (inst.closedOn !== null) {
        issues.push({
          path: 'closedOn',
          message: { zh: `该机构已于 ${inst.closedOn} 撤销`, en: `The institution was closed on ${inst.closedOn}` },
        });
      } else {
        if (inst.openedOn && input.closedOn < inst.openedOn) {
          issues.push({
            path: 'closedOn',
            message: {
              zh: `撤销日期不能早于成立日期 ${inst.openedOn}`,
              en: `The closing date is before the opening date ${inst.openedOn}`,
            },
          });
        }
        if (input.closedOn > this.today()) {
          issues.push({
            path: 'closedOn',
            message: { zh: '撤销日期不能晚于今天', en: 'The closing date is in the future' },
          });
        }
        const lead = await closingProblem(q, inst);
        if (lead) issues.push(lead);
      }
      if (!reason) {
        issues.push({ path: 'reason', message: { zh: '请填写撤销原因', en: 'Give the reason for closing' } });
      }
      if (issues.length) throw invalid(issues);
      if (!(await setClosed(q, id, input.closedOn, reason, version))) throw conflict();
      await audit(q, policy.actor, {
        action: 'institution.close',
        entity: 'institution',
        entityId: id,
        areaCode: inst.areaCode,
        before: { closedOn: null },
        after: { closedOn: input.closedOn, reason },
      });
    });
  }

  async reopen(policy: AccessPolicy, id: number, version: number) {
    await this.areas.tree();
    await this.db.tx(async (q) => {
      const inst = await this.writable(policy, id, q);
      if (inst.closedOn === null) {
        throw invalid([{ path: 'closedOn', message: { zh: '该机构未撤销', en: 'The institution is not closed' } }]);
      }
      const reason = await closedReasonOf(q, id);
      if (!(await setClosed(q, id, null, null, version))) throw conflict();
      await audit(q, policy.actor, {
        action: 'institution.reopen',
        entity: 'institution',
        entityId: id,
        areaCode: inst.areaCode,
        before: { closedOn: inst.closedOn, reason },
        after: { closedOn: null },
      });
    });
  }

  /** Visible to the caller (else 404) and within its area-level write scope (else 403). */
  private async writable(policy: AccessPolicy, id: number, q: Queryable) {
    const inst = await getInstitution(q, id);
    await policy.requireReadInstitution(inst, institutionText(id));
    await policy.requireWriteArea(inst!.areaCode);
    return inst!;
  }
}
