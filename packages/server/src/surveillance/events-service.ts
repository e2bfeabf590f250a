// Signals and fused events as analysts and county CDC users work them: scoped lists, the event page, the
// response workflow (core workflow.ts validates every transition), assignment, notes and the KPIs.
import { chinaToday } from '@weijian/core/platform';
import {
  checkTransition,
  computeKpis,
  EVENT_STATE_LABELS,
  type EventState,
  RISK_LEVEL_LABELS,
  TERMINAL_STATES,
  VERIFIED_STATES,
} from '@weijian/core/surveillance';
import type { UserDirectory } from '../identity/index.ts';
import type { AccessPolicy } from '../platform/access-policy.ts';
import { type Actor, audit } from '../platform/audit.ts';
import type { Db } from '../platform/db.ts';
import { AppError, conflict, invalid, notFound } from '../platform/errors.ts';
import type { AreasService, InstitutionDirectory } from '../registry/index.ts';
import { requireAreaReader, requireEventWriter } from './access.ts';
import { townshipsOfCases } from './cases-repo.ts';
import {
  addHistory,
  areaScope,
  type EventRow,
  eventHistory,
  eventRow,
  eventSetConditions,
  kpiEventRows,
  listEventRows,
  setAssignee,
  setEventState,
  signalSetConditions,
} from './events-repo.ts';
import { countSignals, eventSignals, listSignalRows } from './signals-repo.ts';

/** A user the event may be assigned to: active, and admin or an area user (not read-only) covering its county. */
export function mayBeAssigned(
  u: { role: string; scopeAreaCode: string | null; active: boolean } | undefined,
  countyCode: string,
): boolean {
  return (
    !!u?.active &&
    (u.role === 'admin' ||
      ((u.role === 'city' || u.role === 'county') && !!u.scopeAreaCode && countyCode.startsWith(u.scopeAreaCode)))
  );
}

export interface SignalFilter {
  area?: string;
  source?: string;
  subject?: string;
  from?: string;
  to?: string;
  event?: number;
  limit: number;
  cursor?: string;
}

export interface EventFilter {
  state?: string;
  level?: number;
  area?: string;
  /** Disease or stream code: events with at least one signal of that subject. */
  subject?: string;
  from?: string;
  to?: string;
  assignee?: number;
  open?: boolean;
  limit: number;
  cursor?: string;
}

export class EventsService {
  constructor(
    private readonly db: Db,
    private readonly areas: AreasService,
    private readonly institutions: InstitutionDirectory,
    private readonly users: UserDirectory,
  ) {}

  /** Fills in the identity directory's display names of the events' assignees, in one look-up. */
  private async withAssigneeNames<T extends EventRow>(rows: T[]): Promise<T[]> {
    const ids = rows.map((r) => r.assigneeId).filter((v): v is number => typeof v === 'number');
    if (!ids.length) return rows;
    const users = await this.users.byIds(ids);
    return rows.map((r) =>
      typeof r.assigneeId === 'number' ? { ...r, assigneeName: users.get(r.assigneeId)?.displayName ?? null } : r,
    );
  }

  private async named<T extends { areaCode: string; countyCode: string; state?: string; riskLevel?: number }>(
    rows: T[],
  ) {
    const tree = await this.areas.tree();
    return rows.map((r) => ({
      ...r,
      areaName: tree.get(r.areaCode)?.name ?? r.areaCode,
      countyName: tree.get(r.countyCode)?.name ?? r.countyCode,
      ...(r.state && r.state in EVENT_STATE_LABELS ? { stateLabel: EVENT_STATE_LABELS[r.state as EventState] } : {}),
      ...(r.riskLevel ? { riskLabel: RISK_LEVEL_LABELS[r.riskLevel as 1 | 2 | 3 | 4] } : {}),
    }));
  }

  /**
   * Signals with their area names and, for clusters, the place as people name it: the cluster key
   * (`school:<workplace>` or `village:<12-digit code>`) as `placeKind` (school | village) and `placeName`
   * (the workplace, or the village's name from the area tree, else its code).
   */
  private async namedSignals<T extends { areaCode: string; countyCode: string; place?: unknown }>(rows: T[]) {
    const tree = await this.areas.tree();
    return (await this.named(rows)).map((r) => {
      const place = typeof r.place === 'string' ? r.place : '';
      const m = /^(school|village):(.*)$/.exec(place);
      if (!m) return { ...r, placeKind: null, placeName: place || null };
      const name = m[1] === 'village' ? (tree.get(m[2]!)?.name ?? m[2]!) : m[2]!;
      return { ...r, placeKind: m[1] as 'school' | 'village', placeName: name };
    });
  }

  async listEvents(policy: AccessPolicy, f: EventFilter) {
    requireAreaReader(policy);
    const params: unknown[] = [];
    const where = eventSetConditions(policy.principal, f, params);
    const bind = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    if (f.state) where.push(`x.state = ${bind(f.state)}`);
    else where.push(`x.state <> 'merged'`);
    if (f.open) where.push(`x.state not in ('excluded', 'closed', 'merged')`);
    if (f.level) where.push(`x.risk_level >= ${bind(f.level)}`);
    if (f.assignee) {
      await this.requireAssigneeInScope(policy, f.assignee);
      where.push(`x.assignee_id = ${bind(f.assignee)}`);
    }
    const { items, ...page } = await listEventRows(this.db, where, params, f.limit, f.cursor);
    return { ...page, items: await this.named(await this.withAssigneeNames(items)) };
  }

  /**
   * An assignee filter must name a user the caller's events can be assigned to: one whose scope lies inside the
   * caller's or contains it (a county's events go to the city too), an administrator, or the caller; another
   * county's user is refused (403) rather than answered with an empty list.
   */
  private async requireAssigneeInScope(policy: AccessPolicy, assignee: number): Promise<void> {
    if (policy.isAdmin || assignee === policy.principal.userId) return;
    const u = await this.users.byId(assignee);
    if (!u?.scopeAreaCode) return; // no such user, or an administrator: nothing of another scope to reveal
    const own = policy.scopeAreaCode;
    const tree = await this.areas.tree();
    const year = new Date().getUTCFullYear();
    policy.require((await policy.mayReadArea(u.scopeAreaCode)) || (!!own && tree.isWithin(own, u.scopeAreaCode, year)));
  }

  private async eventRow(policy: AccessPolicy, id: number): Promise<EventRow> {
    requireAreaReader(policy);
    const row = await eventRow(this.db, id, (params) => areaScope(policy.principal, params));
    if (!row) throw notFound({ zh: `预警事件 ${id} `, en: `Event ${id}` });
    return (await this.withAssigneeNames([row]))[0]!;
  }

  async getEvent(policy: AccessPolicy, id: number) {
    const e = await this.eventRow(policy, id);
    const [signals, history] = await Promise.all([eventSignals(this.db, id), eventHistory(this.db, id)]);
    const [named] = await this.named([e]);
    return {
      ...named,
      signals: await this.namedSignals(signals),
      history,
      townships: await this.townshipPoints([
        e.areaCode,
        ...signals.map((s) => s.areaCode),
        ...(await this.caseTownships(policy, signals)),
      ]),
    };
  }

  /**
   * The townships of the cards the signals list (`detail.caseIds`): a county-level event's cards still have
   * known townships. Only the codes leave the database — no personal data — and only of cards within the
   * caller's area and not deleted.
   */
  private async caseTownships(
    policy: AccessPolicy,
    signals: { detail: { caseIds?: unknown } | null }[],
  ): Promise<string[]> {
    const ids = [
      ...new Set(
        signals.flatMap((s) => (Array.isArray(s.detail?.caseIds) ? s.detail.caseIds : [])).map((v) => Number(v)),
      ),
    ].filter((v) => Number.isSafeInteger(v) && v > 0);
    if (!ids.length) return [];
    if (!policy.isAdmin && !policy.scopeAreaCode) return [];
    return townshipsOfCases(this.db, ids, policy.isAdmin ? null : policy.scopeAreaCode);
  }

  /**
   * Where the event's townships are, for the map (no township boundaries are shipped): the township's own
   * coordinates when the area tree has them, else the centroid of the registered institutions in it.
   * Townships with neither are returned without coordinates.
   */
  private async townshipPoints(areaCodes: string[]) {
    const codes = [...new Set(areaCodes.filter((c) => c.length >= 9).map((c) => c.slice(0, 9)))].sort();
    if (!codes.length) return [];
    const tree = await this.areas.tree();
    const own = new Map<string, { lng: number; lat: number }>();
    for (const c of codes) {
      const a = tree.get(c) as { lng?: number | null; lat?: number | null } | undefined;
      if (a?.lng != null && a?.lat != null) own.set(c, { lng: Number(a.lng), lat: Number(a.lat) });
    }
    const missing = codes.filter((c) => !own.has(c));
    const fromInstitutions = await this.institutions.institutionCentroids(missing);
    return codes.map((code) => {
      const o = own.get(code);
      const i = fromInstitutions.get(code);
      return {
        code,
        name: tree.get(code)?.name ?? code,
        lng: o?.lng ?? (i ? Number(i.lng) : null),
        lat: o?.lat ?? (i ? Number(i.lat) : null),
        source: o ? ('area' as const) : i ? ('institutions' as const) : null,
        institutions: o ? null : (i?.n ?? 0),
      };
    });
  }

  /**
   * Users the event may be assigned to (the rule `assign` enforces): active admins and city/county users whose
   * scope covers the event's county, nearest scope first. Only names and roles: no contact or scope details.
   */
  async assignees(policy: AccessPolicy, id: number) {
    requireEventWriter(policy);
    const e = await this.eventRow(policy, id);
    const rows = await this.users.withRoles(['admin', 'city', 'county']);
    const items = rows
      .filter((u) => mayBeAssigned(u, e.countyCode))
      .sort(
        (a, b) =>
          (b.scopeAreaCode?.length ?? 0) - (a.scopeAreaCode?.length ?? 0) || a.username.localeCompare(b.username),
      )
      .map((u) => ({ id: u.id, username: u.username, displayName: u.displayName, role: u.role }));
    return { total: items.length, items };
  }

  async listSignals(policy: AccessPolicy, f: SignalFilter) {
    requireAreaReader(policy);
    // An event outside the scope is hidden (404, as its own page answers), not listed as having no signals.
    if (f.event) await this.eventRow(policy, f.event);
    const params: unknown[] = [];
    const where = signalSetConditions(policy.principal, f, params);
    const { items, ...page } = await listSignalRows(this.db, where, params, f.limit, f.cursor);
    return { ...page, items: await this.namedSignals(items) };
  }

  /** Moves an event along the workflow; the verification time, closing time and emergency level are recorded. */
  async transition(
    policy: AccessPolicy,
    id: number,
    body: { to: EventState; note?: string | null; emergencyLevel?: number | null; version: number },
    actor: Actor,
  ) {
    requireEventWriter(policy);
    const e = await this.eventRow(policy, id);
    if (e.state === 'merged')
      throw new AppError('CONFLICT', { zh: '该事件已合并到其他事件', en: 'The event was merged into another event' });
    const check = checkTransition(e.state, body.to, { emergencyLevel: body.emergencyLevel, note: body.note });
    if (!check.ok) throw invalid([{ path: check.field, message: check.message }], check.message);
    return this.db.tx(async (q) => {
      const version = await setEventState(q, id, body.version, {
        to: body.to,
        verified: VERIFIED_STATES.has(body.to),
        terminal: TERMINAL_STATES.has(body.to),
        emergencyLevel: body.to === 'confirmed' ? (body.emergencyLevel ?? null) : null,
      });
      if (version === null) throw conflict();
      await addHistory(q, {
        countyCode: e.countyCode,
        eventId: id,
        userId: policy.principal.userId,
        username: policy.principal.username,
        action: 'transition',
        fromState: e.state,
        toState: body.to,
        note: body.note ?? null,
        detail: { emergencyLevel: body.emergencyLevel ?? null },
      });
      await audit(q, actor, {
        action: 'event.transition',
        entity: 'surveillance_event',
        entityId: id,
        areaCode: e.countyCode,
        before: { state: e.state },
        after: { state: body.to, note: body.note ?? null },
      });
      return { id, state: body.to, version };
    });
  }

  /** Assigns the event to a user whose scope covers its county (a county CDC or city user). */
  async assign(
    policy: AccessPolicy,
    id: number,
    body: { assigneeId: number; version: number; note?: string | null },
    actor: Actor,
  ) {
    requireEventWriter(policy);
    const e = await this.eventRow(policy, id);
    const u = (await this.users.byId(body.assigneeId)) ?? undefined;
    if (!u || !mayBeAssigned(u, e.countyCode)) {
      throw invalid([
        {
          path: 'assigneeId',
          message: {
            zh: '负责人须为该县（市、区）或上级的在用账号',
            en: 'The assignee must be an active user covering the event’s county',
          },
        },
      ]);
    }
    return this.db.tx(async (q) => {
      const version = await setAssignee(q, id, body.version, u.id);
      if (version === null) throw conflict();
      await addHistory(q, {
        countyCode: e.countyCode,
        eventId: id,
        userId: policy.principal.userId,
        username: policy.principal.username,
        action: 'assign',
        note: body.note ?? null,
        detail: { assigneeId: u.id, assigneeName: u.displayName },
      });
      await audit(q, actor, {
        action: 'event.assign',
        entity: 'surveillance_event',
        entityId: id,
        areaCode: e.countyCode,
        after: { assigneeId: u.id },
      });
      return { id, assigneeId: u.id, assigneeName: u.displayName, version };
    });
  }

  async note(policy: AccessPolicy, id: number, note: string, actor: Actor) {
    requireEventWriter(policy);
    const e = await this.eventRow(policy, id);
    await this.db.tx(async (q) => {
      await addHistory(q, {
        countyCode: e.countyCode,
        eventId: id,
        userId: policy.principal.userId,
        username: policy.principal.username,
        action: 'note',
        note,
      });
      await audit(q, actor, {
        action: 'event.note',
        entity: 'surveillance_event',
        entityId: id,
        areaCode: e.countyCode,
      });
    });
    return { id, note };
  }

  /**
   * Response KPIs over the events the list shows for the same filter (eventSetConditions: signal period
   * overlapping [from, to], merged events excluded) and the signals whose period ends in [from, to]. A bound
   * left out is not applied, exactly as in the list; the answer's `from`/`to` are then the span of the events
   * and signals counted (clamped to the bounds given), over which the weekly signal rate is taken.
   */
  async kpis(policy: AccessPolicy, opts: { area?: string; subject?: string; from?: string; to?: string }) {
    requireAreaReader(policy);
    const p = policy.principal;
    const params: unknown[] = [];
    const where = eventSetConditions(p, opts, params);
    const events = await kpiEventRows(this.db, where, params);
    const sigParams: unknown[] = [];
    const sigWhere = signalSetConditions(
      p,
      { area: opts.area, subject: opts.subject, from: opts.from, to: opts.to },
      sigParams,
    );
    const sig = await countSignals(this.db, sigWhere, sigParams);
    // The period: the bounds given, else the span of what was counted (within the bounds given).
    const dates = [
      ...events.flatMap((e) => [e.firstDate, e.lastDate]),
      ...[sig?.first, sig?.last].filter((d): d is string => !!d),
    ]
      .filter((d) => (!opts.from || d >= opts.from) && (!opts.to || d <= opts.to))
      .sort();
    // Nothing counted and no bounds: today (China time), a one-day period with no signals.
    const day = chinaToday();
    const from = opts.from ?? dates[0] ?? (opts.to && opts.to < day ? opts.to : day);
    const to = opts.to ?? dates[dates.length - 1] ?? (opts.from && opts.from > day ? opts.from : day);
    const tree = await this.areas.tree();
    const root = opts.area ?? p.scopeAreaCode ?? null;
    const year = Number(to.slice(0, 4));
    const counties = root
      ? root.length >= 6
        ? 1
        : countCounties(tree, root, year)
      : new Set(events.map((e) => e.countyCode)).size;
    const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
    const k = computeKpis(
      events.map((e) => ({
        countyCode: e.countyCode,
        createdAt: iso(e.createdAt)!,
        verifyDeadline: iso(e.verifyDeadline)!,
        verifiedAt: iso(e.verifiedAt),
        state: e.state,
        // Confirmed events keep their emergency level after closing.
        confirmed: e.state === 'confirmed' || e.emergencyLevel !== null,
      })),
      sig?.n ?? 0,
      { counties: Math.max(1, counties), from, to, now: new Date().toISOString() },
    );
    const byState: Record<string, number> = {};
    for (const e of events) byState[e.state] = (byState[e.state] ?? 0) + 1;
    return { area: root, from, to, ...k, byState };
  }
}

function countCounties(tree: Awaited<ReturnType<AreasService['tree']>>, root: string, year: number): number {
  if (root.length === 2)
    return tree.childrenIn(root, year).reduce((n, c) => n + tree.childrenIn(c.code, year).length, 0);
  return tree.childrenIn(root, year).length;
}
