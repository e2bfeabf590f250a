// The authorization matrix: every route of the OpenAPI document × every demo role × a target inside and a target
// outside the role's scope, each compared with the rule declared for the route below. The table is data: a route
// added without an entry fails the test, so every new context declares who may do what.
//
// Outcomes: `ok` = 2xx; `pass` = authorized — a write that got past the access check and stopped at its own
// conflict or validation (2xx, 409, 422: the matrix sends stale versions so that nothing it may do is changed);
// 401 = not signed in; 403 = out of scope or role; 404 = a record the role may not see, reported as absent.
// Each role's targets: admin and city and viewer aim inside at 辉县市 and outside at 郑州市 (an area outside 新乡,
// plan 2 in 广东); 辉县市 and 长垣市 aim at each other; the institution user at its own institution and card, and
// outside at 辉县市's. Where the target is a record that does not exist outside, that combination is not sent.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipart } from './fixtures.ts';
import { ENGINES } from './helpers.ts';
import { loadScopeFixture, type Place, ROLES, type RoleName, type ScopeFixture } from './scope-fixture.ts';

type Outcome = 'ok' | 'pass' | '-' | 401 | 403 | 404 | 422;
/** Per role: the outcome inside and outside its scope. */
type Rule = Record<RoleName, [Outcome, Outcome]>;

/** Reads a rule written as one line: seven `in/out` pairs in ROLES order (a single value = same in and out). */
function rule(line: string): Rule {
  const cells = line.trim().split(/\s*\|\s*/);
  if (cells.length !== ROLES.length) throw new Error(`rule needs ${ROLES.length} cells: ${line}`);
  const parse = (s: string): Outcome => (s === 'ok' || s === 'pass' || s === '-' ? s : (Number(s) as Outcome));
  return Object.fromEntries(
    ROLES.map((r, i) => {
      const [a, b = a] = cells[i]!.split('/');
      return [r, [parse(a!), parse(b!)]];
    }),
  ) as Rule;
}

//                          anonymous | admin | city    | huixian | changyuan | hospital | viewer
const SIGNED_IN = rule('    401       | ok    | ok      | ok      | ok        | ok       | ok');
const ADMIN_ONLY = rule('   401       | ok    | 403     | 403     | 403       | 403      | 403');
const ADMIN_WRITE = rule('  401       | pass  | 403     | 403     | 403       | 403      | 403');
/** Area data: users with an area read inside it; institution users have no area. */
const AREA_READ = rule('    401       | ok    | ok/403  | ok/403  | ok/403    | 403      | ok/403');
/** Area data institution users also read for their own institution's area. */
const AREA_READ_INST = rule('401      | ok    | ok/403  | ok/403  | ok/403    | ok/403   | ok/403');
/** Geometry is not scoped; the test database holds no boundary file, so a signed-in caller gets 404. */
const GEOMETRY = rule('     401       | 404   | 404     | 404     | 404       | 404      | 404');
/** Area-scoped writes: write roles inside their area; read-only users never. */
const AREA_WRITE = rule('   401       | pass  | pass/403| pass/403| pass/403  | 403      | 403');
/** A record of a place: outside the scope it is absent (404), not forbidden. */
const RECORD_READ = rule('  401       | ok    | ok/404  | ok/404  | ok/404    | ok/404   | ok/404');
const RECORD_WRITE = rule(' 401       | pass  | pass/404| pass/404| pass/404  | pass/404 | 403');
/** Surveillance's area data (signals, events, KPIs): institution users have none. */
const SURV_READ = rule('    401       | ok    | ok/403  | ok/403  | ok/403    | 403      | ok/403');
const EVENT_READ = rule('   401       | ok    | ok/404  | ok/404  | ok/404    | 403      | ok/404');
const EVENT_WRITE = rule('  401       | pass  | pass/404| pass/404| pass/404  | 403      | 403');
/** Detector settings: the administrator for the platform default, a city for its own city. */
const CONFIGURE = rule('    401       | pass  | pass    | 403     | 403       | 403      | 403');
/** Plans: a region's plan is read by its area's users and those of areas inside it. */
/** Plans: a region's plan is read by its area's users and those of areas inside it; others are refused (403). */
const PLAN_READ = rule('    401       | ok    | ok/403  | ok/403  | ok/403    | 403      | ok/403');
const PLAN_WRITE = rule('   401       | pass  | pass/403| 403     | 403       | 403      | 403');
/** Card intake: any write role sends cards (each card's institution is checked per card). */
const CARD_WRITE = rule('   401       | pass  | pass    | pass    | pass      | pass     | 403');
/** Care programme data of a resident: the keeper institution writes; the area's officials read but do not write;
 *  another institution's clinician is asked for a reason to read (403) and has no standing to write (404). */
const CARE_READ = rule('    401       | ok    | ok/404  | ok/404  | ok/404    | ok/403   | ok/404');
const CARE_WRITE = rule('   401       | pass  | 403/404 | 403/404 | 403/404   | pass/404 | 403');
/** Contracts: the keeper institution and the area's officials. */
const CONTRACT_WRITE = rule('401       | pass  | pass/404| pass/404| pass/404  | pass/404 | 403');
/** Access (road network): area readers inside their scope; outside 新乡 the administrator meets a city without a
 *  road network (422). Importing a city's network takes the configure right over the city. */
const ACCESS_READ = rule('  401       | ok/422| ok/403  | ok/403  | ok/403    | 403      | ok/403');
/** A city's networks: every area reader of the city (a county user sees its city's roads). */
const ACCESS_CITY = rule('  401       | ok    | ok/403  | ok      | ok        | 403      | ok/403');
/** Importing a city's road network: the configure right over that city (a city user's own; the administrator any). */
const ACCESS_CONFIGURE = rule('401     | pass  | pass/403| 403     | 403       | 403      | 403');
const ACCESS_UNSCOPED = rule('401      | ok    | ok      | ok      | ok        | 403      | ok');

interface Entry {
  rule: Rule;
  /** The request aimed at a place (its path, and a body for writes); null when the place lacks the record. */
  req: (p: Place) => { url: string; body?: unknown; multipart?: boolean } | null;
  /** True when the request names no target, so in and out are the same request (sent once). */
  unscoped?: boolean;
}

const STALE = 2_147_483_000; // a version no record has: an allowed write stops at 409 and changes nothing
const Y = 2023;
let C: ScopeFixture['codes'];
/** A user the matrix may reset, deactivate and activate (not one of the roles it signs in as). */
let TARGET_USER = 0;
const at = <K extends keyof Place>(p: Place, k: K, f: (v: NonNullable<Place[K]>) => ReturnType<Entry['req']>) =>
  p[k] === null ? null : f(p[k] as NonNullable<Place[K]>);
const csv = (text: string) => ({ url: '', body: text, multipart: true });
type CareIds = { team: number; resident: number; contract: number; cancelled: number; enrolment: number };
/** Care records made for each place's institution in beforeAll: a team, a kept resident with a live contract, an
 *  open hypertension enrolment, a cancelled contract. */
const CARE = new Map<number, CareIds>();
/** The request on a place's care records; null where the place has no institution (郑州's in the small demo). */
const careAt = (p: Place, f: (c: CareIds) => ReturnType<Entry['req']>) => {
  const c = p.institution === null ? undefined : CARE.get(p.institution);
  return c ? f(c) : null;
};
const TODAY = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/** Route (`METHOD /path` as the OpenAPI document names it) → rule and request. */
const MATRIX: Record<string, Entry> = {
  'GET /api/v1/meta': { rule: SIGNED_IN, unscoped: true, req: () => ({ url: '/api/v1/meta' }) },
  // The tree (names, no figures) of an institution user's own area too: the case card's address picker.
  'GET /api/v1/areas/{code}': { rule: AREA_READ_INST, req: (p) => ({ url: `/api/v1/areas/${p.area}` }) },
  'GET /api/v1/areas/{code}/summary': { rule: AREA_READ, req: (p) => ({ url: `/api/v1/areas/${p.area}/summary` }) },
  'GET /api/v1/areas/{code}/children-summary': {
    rule: AREA_READ,
    req: (p) => ({ url: `/api/v1/areas/${p.area}/children-summary` }),
  },
  'GET /api/v1/areas/{code}/series': { rule: AREA_READ, req: (p) => ({ url: `/api/v1/areas/${p.area}/series` }) },
  'GET /api/v1/areas/{code}/boundaries': {
    rule: GEOMETRY,
    req: (p) => ({ url: `/api/v1/areas/${p.area}/boundaries` }),
  },
  'GET /api/v1/institutions': { rule: AREA_READ, req: (p) => ({ url: `/api/v1/institutions?area=${p.area}` }) },
  'POST /api/v1/institutions': {
    rule: AREA_WRITE,
    req: (p) => ({
      url: '/api/v1/institutions',
      body: { name: '矩阵测试卫生院', category: 'B1', ownership: 'government', areaCode: p.area },
    }),
  },
  'GET /api/v1/institutions/{id}': {
    rule: RECORD_READ,
    req: (p) => at(p, 'institution', (id) => ({ url: `/api/v1/institutions/${id}` })),
  },
  'PUT /api/v1/institutions/{id}': {
    // an institution user edits its own record but not its area, category or ownership (which this body sends)
    rule: rule('401 | pass | pass/404 | pass/404 | pass/404 | 403/404 | 403'),
    req: (p) =>
      at(p, 'institution', (id) => ({
        url: `/api/v1/institutions/${id}`,
        body: { name: '矩阵', category: 'B1', ownership: 'government', areaCode: p.area, version: STALE },
      })),
  },
  'GET /api/v1/networks': { rule: AREA_READ, req: (p) => ({ url: `/api/v1/networks?area=${p.area}` }) },
  // Closing and reopening are the area's acts: the institution's own staff may not (403), nor read-only users.
  'POST /api/v1/institutions/{id}/close': {
    rule: rule('401 | pass | pass/404 | pass/404 | pass/404 | 403/404 | 403'),
    req: (p) =>
      at(p, 'institution', (id) => ({
        url: `/api/v1/institutions/${id}/close`,
        body: { closedOn: '2024-01-01', reason: '矩阵测试', version: STALE },
      })),
  },
  'POST /api/v1/institutions/{id}/reopen': {
    rule: rule('401 | pass | pass/404 | pass/404 | pass/404 | 403/404 | 403'),
    req: (p) => at(p, 'institution', (id) => ({ url: `/api/v1/institutions/${id}/reopen`, body: { version: STALE } })),
  },
  'GET /api/v1/networks/{id}': {
    rule: RECORD_READ,
    req: (p) => at(p, 'network', (id) => ({ url: `/api/v1/networks/${id}` })),
  },
  // Network administration is an area-level act in the network's county: its institution user and the
  // read-only user see the network (403), others' networks are absent (404). An allowed request stops at
  // its own check (an empty name, a stale version, the lead that may not leave) and changes nothing.
  'POST /api/v1/networks': {
    rule: AREA_WRITE,
    req: (p) => ({
      url: '/api/v1/networks',
      body: { countyCode: p.area, name: '', type: 'specialty-alliance' },
    }),
  },
  'PUT /api/v1/networks/{id}': {
    rule: rule('401 | pass | pass/404 | pass/404 | pass/404 | 403/404 | 403'),
    req: (p) =>
      at(p, 'network', (id) => ({
        url: `/api/v1/networks/${id}`,
        body: { name: '矩阵医联体', type: 'specialty-alliance', leadInstitutionId: p.networkLead, version: STALE },
      })),
  },
  'DELETE /api/v1/networks/{id}': {
    rule: rule('401 | pass | pass/404 | pass/404 | pass/404 | 403/404 | 403'),
    req: (p) => at(p, 'network', (id) => ({ url: `/api/v1/networks/${id}?version=${STALE}` })),
  },
  'POST /api/v1/networks/{id}/members': {
    rule: rule('401 | pass | pass/404 | pass/404 | pass/404 | 403/404 | 403'),
    req: (p) =>
      at(p, 'network', (id) =>
        p.networkLead === null
          ? null
          : { url: `/api/v1/networks/${id}/members`, body: { institutionId: p.networkLead } },
      ),
  },
  'DELETE /api/v1/networks/{id}/members/{institutionId}': {
    rule: rule('401 | pass | pass/404 | pass/404 | pass/404 | 403/404 | 403'),
    req: (p) =>
      at(p, 'network', (id) =>
        p.networkLead === null ? null : { url: `/api/v1/networks/${id}/members/${p.networkLead}` },
      ),
  },
  'GET /api/v1/institutions/{id}/resources': {
    rule: RECORD_READ,
    req: (p) => at(p, 'institution', (id) => ({ url: `/api/v1/institutions/${id}/resources` })),
  },
  'PUT /api/v1/institutions/{id}/resources/{year}': {
    rule: RECORD_WRITE,
    req: (p) =>
      at(p, 'institution', (id) => ({
        url: `/api/v1/institutions/${id}/resources/${Y}`,
        body: { bedsActual: 1, version: STALE },
      })),
  },
  'GET /api/v1/areas/{code}/population/{year}': {
    rule: AREA_READ,
    req: (p) => ({ url: `/api/v1/areas/${p.area}/population/${Y}` }),
  },
  'PUT /api/v1/areas/{code}/population/{year}': {
    rule: AREA_WRITE,
    req: (p) => ({ url: `/api/v1/areas/${p.area}/population/${Y}`, body: { resident: 1, version: STALE } }),
  },
  'GET /api/v1/import/templates/{kind}': {
    rule: SIGNED_IN,
    unscoped: true,
    req: () => ({ url: '/api/v1/import/templates/institutions' }),
  },
  'POST /api/v1/import/{kind}': {
    // a row outside the caller's scope is refused by row (the import's per-line contract), naming the row
    rule: rule('401 | pass | pass/422 | pass/422 | pass/422 | 403 | 403'),
    req: (p) => ({
      ...csv(`行政区划代码,年份,常住人口\n${p.area},${Y},1\n`),
      url: '/api/v1/import/population?dryRun=true',
    }),
  },
  'GET /api/v1/export/{kind}': { rule: AREA_READ, req: (p) => ({ url: `/api/v1/export/institutions?area=${p.area}` }) },
  'POST /api/v1/auth/login': {
    rule: rule('401 | - | - | - | - | - | -'), // the cookie plays no part; sent once (throttling counts failures)
    unscoped: true,
    req: () => ({ url: '/api/v1/auth/login', body: { username: 'nobody', password: 'wrong-password' } }),
  },
  'POST /api/v1/auth/logout': {
    rule: rule('- | - | - | - | - | - | -'),
    unscoped: true,
    req: () => null, // signing out would end the matrix's sessions: tested in the identity tests
  },
  'POST /api/v1/auth/password': {
    // a wrong current password: refused for everyone, signed in or not (sent once per role)
    rule: rule('401 | pass | pass | pass | pass | pass | pass'),
    unscoped: true,
    req: () => ({
      url: '/api/v1/auth/password',
      body: { currentPassword: 'not-the-password', newPassword: 'Kq7#zT2m-weijian-new' },
    }),
  },
  'GET /api/v1/auth/me': { rule: SIGNED_IN, unscoped: true, req: () => ({ url: '/api/v1/auth/me' }) },
  'GET /api/v1/users': { rule: ADMIN_ONLY, unscoped: true, req: () => ({ url: '/api/v1/users' }) },
  'POST /api/v1/users': {
    rule: ADMIN_WRITE,
    unscoped: true,
    req: () => ({
      url: '/api/v1/users',
      body: { username: 'admin', displayName: 'x', password: 'Xx-123456789', role: 'readonly', scopeAreaCode: '4107' },
    }),
  },
  'PUT /api/v1/users/{id}': {
    rule: ADMIN_WRITE,
    unscoped: true,
    // the target's own name, role and scope: the administrator's request changes nothing
    req: () => ({
      url: `/api/v1/users/${TARGET_USER}`,
      body: { displayName: '矩阵测试用户', role: 'readonly', scopeAreaCode: '4107' },
    }),
  },
  'POST /api/v1/users/{id}/password': {
    rule: ADMIN_WRITE,
    unscoped: true,
    req: () => ({ url: `/api/v1/users/${TARGET_USER}/password`, body: { password: 'Kq7#zT2m-weijian-reset' } }),
  },
  'POST /api/v1/users/{id}/deactivate': {
    rule: ADMIN_WRITE,
    unscoped: true,
    req: () => ({ url: `/api/v1/users/${TARGET_USER}/deactivate` }),
  },
  'POST /api/v1/users/{id}/activate': {
    rule: ADMIN_WRITE,
    unscoped: true,
    req: () => ({ url: `/api/v1/users/${TARGET_USER}/activate` }),
  },
  'POST /api/v1/surveillance/cases': {
    rule: CARD_WRITE,
    unscoped: true,
    req: () => ({ url: '/api/v1/surveillance/cases?detect=false', body: {} }),
  },
  'GET /api/v1/surveillance/cases': {
    rule: AREA_READ_INST,
    req: (p) => ({ url: `/api/v1/surveillance/cases?area=${p.area}` }),
  },
  'POST /api/v1/surveillance/cases/bulk': {
    rule: CARD_WRITE,
    unscoped: true,
    req: () => ({ url: '/api/v1/surveillance/cases/bulk?detect=false', body: [] }),
  },
  'GET /api/v1/surveillance/cases/template': {
    rule: SIGNED_IN,
    unscoped: true,
    req: () => ({ url: '/api/v1/surveillance/cases/template' }),
  },
  'POST /api/v1/surveillance/cases/import': {
    rule: CARD_WRITE,
    unscoped: true,
    req: () => ({ ...csv('疾病名称\n矩阵\n'), url: '/api/v1/surveillance/cases/import?detect=false' }),
  },
  'GET /api/v1/surveillance/cases/{id}': {
    rule: RECORD_READ,
    req: (p) => at(p, 'case', (id) => ({ url: `/api/v1/surveillance/cases/${id}` })),
  },
  'PUT /api/v1/surveillance/cases/{id}': {
    rule: RECORD_WRITE,
    req: (p) => at(p, 'case', (id) => ({ url: `/api/v1/surveillance/cases/${id}`, body: { version: STALE } })),
  },
  'DELETE /api/v1/surveillance/cases/{id}': {
    rule: RECORD_WRITE,
    req: (p) =>
      at(p, 'case', (id) => ({
        url: `/api/v1/surveillance/cases/${id}`,
        body: { reason: '矩阵测试', version: STALE },
      })),
  },
  'GET /api/v1/surveillance/cases/{id}/history': {
    rule: RECORD_READ,
    req: (p) => at(p, 'case', (id) => ({ url: `/api/v1/surveillance/cases/${id}/history` })),
  },
  'POST /api/v1/surveillance/stream-counts': {
    // a row outside the caller's scope is refused by row (422 naming it), as in every bulk intake
    rule: rule('401 | pass | pass/422 | pass/422 | pass/422 | pass/422 | 403'),
    req: (p) => ({
      url: '/api/v1/surveillance/stream-counts?detect=false',
      body: { rows: [{ stream: C.stream, sourceName: '矩阵药店', areaCode: p.area, date: '2024-01-01', count: 1 }] },
    }),
  },
  'POST /api/v1/surveillance/stream-counts/import': {
    rule: rule('401 | pass | pass | pass | pass | pass | 403'),
    unscoped: true,
    req: () => ({ ...csv('数据流\n矩阵\n'), url: '/api/v1/surveillance/stream-counts/import?detect=false' }),
  },
  'GET /api/v1/surveillance/stream-counts/template': {
    rule: SIGNED_IN,
    unscoped: true,
    req: () => ({ url: '/api/v1/surveillance/stream-counts/template' }),
  },
  'GET /api/v1/surveillance/stream-sources': {
    rule: SURV_READ,
    req: (p) => ({ url: `/api/v1/surveillance/stream-sources?area=${p.area}` }),
  },
  'GET /api/v1/surveillance/diseases': {
    rule: SIGNED_IN,
    unscoped: true,
    req: () => ({ url: '/api/v1/surveillance/diseases' }),
  },
  'POST /api/v1/surveillance/diseases': {
    rule: CONFIGURE,
    unscoped: true,
    req: () => ({
      url: '/api/v1/surveillance/diseases',
      body: {
        code: 'X99',
        nameZh: '矩阵病',
        nameEn: 'Matrix',
        class: 'local',
        deadlineHours: 24,
        immediate: false,
        algorithm: 'ears-c2',
        areaLevel: 'county',
        frequency: 'week',
      },
    }),
  },
  'PUT /api/v1/surveillance/diseases/{code}': {
    rule: CONFIGURE,
    unscoped: true,
    req: () => ({ url: `/api/v1/surveillance/diseases/${C.disease}`, body: { version: STALE } }),
  },
  'GET /api/v1/surveillance/streams': {
    rule: SIGNED_IN,
    unscoped: true,
    req: () => ({ url: '/api/v1/surveillance/streams' }),
  },
  'POST /api/v1/surveillance/streams': {
    rule: CONFIGURE,
    unscoped: true,
    req: () => ({
      url: '/api/v1/surveillance/streams',
      body: { code: 'matrix-stream', nameZh: '矩阵', nameEn: 'Matrix' },
    }),
  },
  'PUT /api/v1/surveillance/streams/{code}': {
    rule: CONFIGURE,
    unscoped: true,
    req: () => ({ url: `/api/v1/surveillance/streams/${C.stream}`, body: { version: STALE } }),
  },
  // A preview reads the area's series: city administrators in their city, the platform administrator anywhere.
  'POST /api/v1/surveillance/detector-preview': {
    rule: rule('401 | ok | ok/403 | 403 | 403 | 403 | 403'),
    req: (p) => ({
      url: '/api/v1/surveillance/detector-preview',
      body: { subject: C.disease, algorithm: 'ears-c2', params: { baseline: 7 }, area: p.area },
    }),
  },
  'GET /api/v1/surveillance/signals': {
    rule: SURV_READ,
    req: (p) => ({ url: `/api/v1/surveillance/signals?area=${p.area}` }),
  },
  'GET /api/v1/surveillance/events': {
    rule: SURV_READ,
    req: (p) => ({ url: `/api/v1/surveillance/events?area=${p.area}` }),
  },
  'GET /api/v1/surveillance/events/{id}': {
    rule: EVENT_READ,
    req: (p) => at(p, 'event', (id) => ({ url: `/api/v1/surveillance/events/${id}` })),
  },
  'GET /api/v1/surveillance/events/{id}/assignees': {
    rule: rule('401 | ok | ok/404 | ok/404 | ok/404 | 403 | 403'), // whom to assign: for those who work events
    req: (p) => at(p, 'event', (id) => ({ url: `/api/v1/surveillance/events/${id}/assignees` })),
  },
  'POST /api/v1/surveillance/events/{id}/transition': {
    rule: EVENT_WRITE,
    req: (p) =>
      at(p, 'event', (id) => ({
        url: `/api/v1/surveillance/events/${id}/transition`,
        body: { to: 'verifying', version: STALE },
      })),
  },
  'POST /api/v1/surveillance/events/{id}/assign': {
    rule: EVENT_WRITE,
    req: (p) =>
      at(p, 'event', (id) => ({
        url: `/api/v1/surveillance/events/${id}/assign`,
        body: { assigneeId: 1, version: STALE },
      })),
  },
  'POST /api/v1/surveillance/events/{id}/notes': {
    rule: EVENT_WRITE,
    req: (p) =>
      at(p, 'event', (id) => ({ url: `/api/v1/surveillance/events/${id}/notes`, body: { note: '矩阵测试' } })),
  },
  'GET /api/v1/surveillance/kpis': {
    rule: SURV_READ,
    req: (p) => ({ url: `/api/v1/surveillance/kpis?area=${p.area}` }),
  },
  'GET /api/v1/surveillance/series': {
    rule: SURV_READ,
    req: (p) => ({ url: `/api/v1/surveillance/series?subject=${C.disease}&area=${p.area}&to=2024-06-30` }),
  },
  'POST /api/v1/surveillance/run': {
    rule: rule('401 | pass | pass | 403 | 403 | 403 | 403'),
    unscoped: true,
    req: () => ({ url: '/api/v1/surveillance/run', body: { from: '2024-06-01', to: '2024-05-01' } }),
  },
  'POST /api/v1/surveillance/detect': {
    rule: SIGNED_IN,
    unscoped: true,
    req: () => ({
      url: '/api/v1/surveillance/detect',
      body: { algorithm: 'fixed', frequency: 52, observed: [1, 2, 3], range: [2, 2], params: { threshold: 2 } },
    }),
  },
  'GET /api/v1/surveillance/evaluation': {
    rule: SIGNED_IN,
    unscoped: true,
    req: () => ({ url: '/api/v1/surveillance/evaluation?series=2&algorithms=fixed' }),
  },
  'GET /api/v1/surveillance/simulation': {
    rule: SIGNED_IN,
    unscoped: true,
    req: () => ({ url: '/api/v1/surveillance/simulation?weeks=60' }),
  },
  'GET /api/v1/surveillance/indicators/notifiable-incidence': {
    rule: AREA_READ,
    req: (p) => ({ url: `/api/v1/surveillance/indicators/notifiable-incidence?area=${p.area}&year=${Y}` }),
  },
  'GET /api/v1/indicators': { rule: SIGNED_IN, unscoped: true, req: () => ({ url: '/api/v1/indicators' }) },
  'GET /api/v1/indicators/{code}/values': {
    rule: AREA_READ,
    req: (p) => ({ url: `/api/v1/indicators/${C.indicator}/values?area=${p.area}` }),
  },
  'GET /api/v1/plans': { rule: AREA_READ, req: (p) => ({ url: `/api/v1/plans?region=${p.area}` }) },
  'POST /api/v1/plans': {
    rule: AREA_WRITE,
    req: (p) => ({
      url: '/api/v1/plans',
      body: {
        regionCode: p.area,
        name: '矩阵规划',
        periodStart: 2021,
        periodEnd: 2025,
        baselineYear: 2020,
        indicators: [{ name: '矩阵指标' }],
      },
    }),
  },
  'POST /api/v1/plans/import/preview': {
    rule: rule('401 | pass | pass | pass | pass | 403 | 403'),
    unscoped: true,
    req: () => ({ ...csv('指标,目标\n矩阵,1\n'), url: '/api/v1/plans/import/preview' }),
  },
  'GET /api/v1/plans/{id}': { rule: PLAN_READ, req: (p) => at(p, 'plan', (id) => ({ url: `/api/v1/plans/${id}` })) },
  'GET /api/v1/plans/{id}/versions': {
    rule: PLAN_READ,
    req: (p) => at(p, 'plan', (id) => ({ url: `/api/v1/plans/${id}/versions` })),
  },
  'POST /api/v1/plans/{id}/versions': {
    rule: PLAN_WRITE,
    req: (p) =>
      at(p, 'plan', (id) => ({
        url: `/api/v1/plans/${id}/versions`,
        body: { version: STALE, indicators: [{ name: '矩阵指标' }] },
      })),
  },
  'PUT /api/v1/plans/{id}/indicators/{seq}/target': {
    rule: PLAN_WRITE,
    req: (p) =>
      at(p, 'plan', (id) => ({
        url: `/api/v1/plans/${id}/indicators/1/target`,
        body: { version: STALE, target: { kind: 'threshold', op: '>=', value: 1, unit: '%' } },
      })),
  },
  'GET /api/v1/plans/{id}/evaluation': {
    rule: PLAN_READ,
    req: (p) => at(p, 'plan', (id) => ({ url: `/api/v1/plans/${id}/evaluation` })),
  },
  'GET /api/v1/plans/{id}/indicators/{seq}/series': {
    rule: PLAN_READ,
    req: (p) => at(p, 'plan', (id) => ({ url: `/api/v1/plans/${id}/indicators/1/series` })),
  },
  'GET /api/v1/plans/{id}/indicators/{seq}/by-area': {
    rule: PLAN_READ,
    req: (p) => at(p, 'plan', (id) => ({ url: `/api/v1/plans/${id}/indicators/1/by-area` })),
  },
  'GET /api/v1/indicator-values': { rule: AREA_READ, req: (p) => ({ url: `/api/v1/indicator-values?area=${p.area}` }) },
  'PUT /api/v1/indicator-values': {
    rule: AREA_WRITE,
    req: (p) => ({
      url: '/api/v1/indicator-values',
      body: { indicator: C.indicator, area: p.area, year: Y, value: 1, version: STALE },
    }),
  },
  'GET /api/v1/standards': { rule: SIGNED_IN, unscoped: true, req: () => ({ url: '/api/v1/standards' }) },
  'PUT /api/v1/standards/{code}': {
    rule: ADMIN_WRITE,
    unscoped: true,
    req: () => ({ url: `/api/v1/standards/${C.standard}`, body: { version: STALE } }),
  },
  'GET /api/v1/standards/check': { rule: AREA_READ, req: (p) => ({ url: `/api/v1/standards/check?area=${p.area}` }) },
  'GET /api/v1/plans/{id}/tasks': {
    rule: PLAN_READ,
    req: (p) => at(p, 'plan', (id) => ({ url: `/api/v1/plans/${id}/tasks` })),
  },
  'POST /api/v1/plans/{id}/tasks': {
    rule: PLAN_WRITE,
    req: (p) => at(p, 'plan', (id) => ({ url: `/api/v1/plans/${id}/tasks`, body: { title: '矩阵任务' } })),
  },
  'POST /api/v1/plans/{id}/tasks/import': {
    rule: PLAN_WRITE,
    req: (p) =>
      at(p, 'plan', (id) => ({ url: `/api/v1/plans/${id}/tasks/import`, body: { text: '一、矩阵', dryRun: true } })),
  },
  'GET /api/v1/tasks/{id}': { rule: PLAN_READ, req: (p) => at(p, 'task', (id) => ({ url: `/api/v1/tasks/${id}` })) },
  'PUT /api/v1/tasks/{id}': {
    rule: PLAN_WRITE,
    req: (p) => at(p, 'task', (id) => ({ url: `/api/v1/tasks/${id}`, body: { version: STALE } })),
  },
  'DELETE /api/v1/tasks/{id}': {
    rule: PLAN_WRITE,
    req: (p) => at(p, 'task', (id) => ({ url: `/api/v1/tasks/${id}?version=${STALE}` })),
  },
  'POST /api/v1/tasks/{id}/updates': {
    rule: PLAN_WRITE,
    req: (p) => at(p, 'task', (id) => ({ url: `/api/v1/tasks/${id}/updates`, body: { version: STALE, note: '矩阵' } })),
  },
  'GET /api/v1/plans/{id}/reports/{kind}': {
    rule: PLAN_READ,
    req: (p) => at(p, 'plan', (id) => ({ url: `/api/v1/plans/${id}/reports/annual?year=${Y}&format=xlsx` })),
  },
  // Access (issue 17): road networks of a city, analyses of an area on its city's network, isochrones of a
  // readable institution, scenarios written by the area's writers (the matrix's result lacks sites: 422).
  'GET /api/v1/access/networks': { rule: ACCESS_CITY, req: (p) => ({ url: `/api/v1/access/networks?city=${p.area}` }) },
  'POST /api/v1/access/networks': {
    rule: ACCESS_CONFIGURE,
    req: (p) => ({ ...csv('not a road file'), url: `/api/v1/access/networks?city=${p.area.slice(0, 4)}` }),
  },
  // The demo's synthetic network of 新乡 is the fresh database's first.
  'GET /api/v1/access/networks/{id}/geojson': {
    rule: ACCESS_UNSCOPED,
    unscoped: true,
    req: () => ({ url: '/api/v1/access/networks/1/geojson?classes=trunk' }),
  },
  'GET /api/v1/access/profiles': {
    rule: ACCESS_UNSCOPED,
    unscoped: true,
    req: () => ({ url: '/api/v1/access/profiles' }),
  },
  'PUT /api/v1/access/profiles/{name}': {
    rule: ADMIN_WRITE,
    unscoped: true,
    req: () => ({
      url: '/api/v1/access/profiles/drive',
      body: { speeds: { primary: 50 }, defaultKmh: 25, offroadKmh: 5, version: STALE },
    }),
  },
  'GET /api/v1/access/nearest': { rule: ACCESS_READ, req: (p) => ({ url: `/api/v1/access/nearest?area=${p.area}` }) },
  'GET /api/v1/access/coverage': { rule: ACCESS_READ, req: (p) => ({ url: `/api/v1/access/coverage?area=${p.area}` }) },
  // The map's institution layer reads the registry, not the network: another city's area answers (empty), no 422.
  'GET /api/v1/access/institutions': {
    rule: AREA_READ,
    req: (p) => ({ url: `/api/v1/access/institutions?area=${p.area}` }),
  },
  'GET /api/v1/access/uncovered': {
    rule: ACCESS_READ,
    req: (p) => ({ url: `/api/v1/access/uncovered?area=${p.area}` }),
  },
  'POST /api/v1/access/travel-times': {
    rule: ACCESS_READ,
    req: (p) => ({
      url: '/api/v1/access/travel-times',
      body: { area: p.area, origins: [{ lng: 113.9, lat: 35.3 }], destinations: [{ lng: 113.95, lat: 35.32 }] },
    }),
  },
  'GET /api/v1/access/isochrone': {
    rule: RECORD_READ,
    req: (p) => at(p, 'institution', (id) => ({ url: `/api/v1/access/isochrone?institution=${id}&minutes=5` })),
  },
  'GET /api/v1/access/fca': { rule: ACCESS_READ, req: (p) => ({ url: `/api/v1/access/fca?area=${p.area}` }) },
  'GET /api/v1/access/fca/export': {
    rule: ACCESS_READ,
    req: (p) => ({ url: `/api/v1/access/fca/export?area=${p.area}&format=csv` }),
  },
  'POST /api/v1/access/placement': {
    rule: ACCESS_READ,
    req: (p) => ({
      url: '/api/v1/access/placement',
      body: { area: p.area, model: 'mclp', sites: 1, timeLimitSeconds: 2 },
    }),
  },
  'GET /api/v1/access/scenarios': { rule: AREA_READ, req: (p) => ({ url: `/api/v1/access/scenarios?area=${p.area}` }) },
  'POST /api/v1/access/scenarios': {
    rule: AREA_WRITE,
    req: (p) => ({
      url: '/api/v1/access/scenarios',
      body: { area: p.area, name: 'matrix', params: {}, result: { model: 'mclp' } },
    }),
  },
  // No place owns a scenario in the matrix's database: every signed-in caller is told it does not exist (the
  // write rule and the other county's 404 are in access-scope.int.test.ts).
  'DELETE /api/v1/access/scenarios/{id}': {
    rule: rule('401 | 404 | 404 | 404 | 404 | 404 | 404'),
    unscoped: true,
    req: () => ({ url: '/api/v1/access/scenarios/2147483647' }),
  },
  'GET /api/v1/audit': { rule: ADMIN_ONLY, unscoped: true, req: () => ({ url: '/api/v1/audit' }) },
  // Care (issue 15): teams and packages follow the institution and area rules; a resident's programme data is
  // written by its keeper (and contracted team), read by the area's officials too; other institutions are told
  // to state a reason (403). Allowed writes stop at their own check (an unknown user, an overlap, a date).
  'GET /api/v1/care/teams': { rule: SIGNED_IN, unscoped: true, req: () => ({ url: '/api/v1/care/teams' }) },
  'POST /api/v1/care/teams': {
    rule: RECORD_WRITE,
    req: (p) =>
      at(p, 'institution', (id) => ({
        url: '/api/v1/care/teams',
        body: { institutionId: id, code: 'MX', name: '矩阵', leadName: '矩阵', leadUserId: STALE },
      })),
  },
  'GET /api/v1/care/teams/{id}': {
    rule: RECORD_READ,
    req: (p) => careAt(p, (c) => ({ url: `/api/v1/care/teams/${c.team}` })),
  },
  'PUT /api/v1/care/teams/{id}': {
    rule: rule('401 | pass | pass/404 | pass/404 | pass/404 | pass/404 | 403/404'),
    req: (p) => careAt(p, (c) => ({ url: `/api/v1/care/teams/${c.team}`, body: { leadUserId: STALE } })),
  },
  'GET /api/v1/care/packages': { rule: SIGNED_IN, unscoped: true, req: () => ({ url: '/api/v1/care/packages' }) },
  'POST /api/v1/care/packages': {
    rule: AREA_WRITE,
    req: (p) => ({
      url: '/api/v1/care/packages',
      body: { countyCode: p.area.slice(0, 6), code: 'MX', name: '矩阵包' },
    }),
  },
  'GET /api/v1/care/contracts': {
    rule: CARE_READ,
    req: (p) => careAt(p, (c) => ({ url: `/api/v1/care/contracts?resident=${c.resident}` })),
  },
  'POST /api/v1/care/contracts': {
    rule: CONTRACT_WRITE,
    req: (p) =>
      careAt(p, (c) => ({
        url: '/api/v1/care/contracts',
        body: { residentId: c.resident, teamId: c.team, start: TODAY, end: TODAY },
      })),
  },
  'POST /api/v1/care/contracts/{id}/renew': {
    rule: CONTRACT_WRITE,
    req: (p) => careAt(p, (c) => ({ url: `/api/v1/care/contracts/${c.contract}/renew`, body: { end: '2000-01-01' } })),
  },
  'POST /api/v1/care/contracts/{id}/cancel': {
    rule: CONTRACT_WRITE,
    req: (p) => careAt(p, (c) => ({ url: `/api/v1/care/contracts/${c.cancelled}/cancel` })),
  },
  'GET /api/v1/care/residents/{id}/enrolments': {
    rule: CARE_READ,
    req: (p) => careAt(p, (c) => ({ url: `/api/v1/care/residents/${c.resident}/enrolments` })),
  },
  'POST /api/v1/care/residents/{id}/enrolments': {
    rule: CARE_WRITE,
    req: (p) =>
      careAt(p, (c) => ({
        url: `/api/v1/care/residents/${c.resident}/enrolments`,
        body: { program: 'hypertension', start: TODAY },
      })),
  },
  'PUT /api/v1/care/enrolments/{id}': {
    rule: CARE_WRITE,
    req: (p) => careAt(p, (c) => ({ url: `/api/v1/care/enrolments/${c.enrolment}`, body: { end: '1990-01-01' } })),
  },
  'POST /api/v1/care/followups': {
    rule: CARE_WRITE,
    req: (p) =>
      careAt(p, (c) => ({
        url: '/api/v1/care/followups',
        body: { residentId: c.resident, program: 'hypertension', date: TODAY, sbp: 120 },
      })),
  },
  'POST /api/v1/care/followups/assess': {
    rule: CARE_READ,
    req: (p) =>
      careAt(p, (c) => ({
        url: '/api/v1/care/followups/assess',
        body: { residentId: c.resident, program: 'hypertension', date: TODAY, sbp: 120, dbp: 80 },
      })),
  },
  'POST /api/v1/care/checks': {
    rule: CARE_WRITE,
    req: (p) =>
      careAt(p, (c) => ({ url: '/api/v1/care/checks', body: { residentId: c.resident, type: 'child', date: TODAY } })),
  },
  'GET /api/v1/care/worklist': {
    rule: RECORD_READ,
    req: (p) => at(p, 'institution', (id) => ({ url: `/api/v1/care/worklist?institution=${id}` })),
  },
  'GET /api/v1/care/worklist.xlsx': {
    rule: RECORD_READ,
    req: (p) => at(p, 'institution', (id) => ({ url: `/api/v1/care/worklist.xlsx?institution=${id}` })),
  },
  // Residents and records: lists are scoped by their rows (everyone signed in gets their own); a record is
  // opened by its keeper, the area's officials and admin, another clinician is asked for a reason (403).
  'GET /api/v1/care/residents': {
    rule: SIGNED_IN,
    unscoped: true,
    req: () => ({ url: '/api/v1/care/residents?q=张' }),
  },
  'POST /api/v1/care/residents': {
    // The area (not a village) stops every writer at 422; read-only users are refused first.
    rule: CARD_WRITE,
    unscoped: true,
    req: (p) => ({
      url: '/api/v1/care/residents',
      body: { name: '矩阵', sex: 'M', birthDate: '1960-01-01', area: `${p.area.padEnd(9, '0')}999` },
    }),
  },
  'GET /api/v1/care/residents/{id}': {
    rule: CARE_READ,
    req: (p) => careAt(p, (c) => ({ url: `/api/v1/care/residents/${c.resident}` })),
  },
  'PUT /api/v1/care/residents/{id}': {
    rule: RECORD_WRITE,
    req: (p) => careAt(p, (c) => ({ url: `/api/v1/care/residents/${c.resident}`, body: { name: ' ' } })),
  },
  'POST /api/v1/care/residents/{id}/merge': {
    rule: RECORD_WRITE,
    req: (p) => careAt(p, (c) => ({ url: `/api/v1/care/residents/${c.resident}/merge`, body: { into: c.resident } })),
  },
  'GET /api/v1/care/residents/{id}/openings': {
    rule: RECORD_READ,
    req: (p) => careAt(p, (c) => ({ url: `/api/v1/care/residents/${c.resident}/openings` })),
  },
  'POST /api/v1/care/residents/{id}/conditions': {
    rule: CARE_WRITE,
    req: (p) => careAt(p, (c) => ({ url: `/api/v1/care/residents/${c.resident}/conditions`, body: { icd10: 'bad' } })),
  },
  'DELETE /api/v1/care/residents/{id}/conditions/{icd10}': {
    rule: CARE_WRITE,
    req: (p) => careAt(p, (c) => ({ url: `/api/v1/care/residents/${c.resident}/conditions/bad` })),
  },
  // The resident's own view: no other role has one.
  'GET /api/v1/care/me': {
    rule: rule('401 | 403 | 403 | 403 | 403 | 403 | 403'),
    unscoped: true,
    req: () => ({ url: '/api/v1/care/me' }),
  },
  'POST /api/v1/care/import': {
    rule: CARD_WRITE,
    unscoped: true,
    req: () => ({ ...csv('not a care file'), url: '/api/v1/care/import?kind=residents' }),
  },
  // The care indicators of an area-year (and per child area): area data, read by the area's readers.
  'GET /api/v1/care/indicators': {
    rule: AREA_READ,
    req: (p) => ({ url: `/api/v1/care/indicators?area=${p.area}&year=${Y}` }),
  },
  'GET /api/v1/care/indicators/map': {
    rule: AREA_READ,
    req: (p) => ({ url: `/api/v1/care/indicators/map?area=${p.area}&year=${Y}&code=ehr-coverage` }),
  },
  'GET /api/v1/care/templates/{file}': {
    rule: SIGNED_IN,
    unscoped: true,
    req: () => ({ url: '/api/v1/care/templates/residents.xlsx' }),
  },
};

/**
 * Outcomes the server does not give yet, whose fix belongs to another part of issue 12 (the case-intake and
 * upload work): each is the correct expectation, listed so the suite stays green until that part lands. The
 * lead empties this list; an entry that starts passing fails the test so it is not forgotten.
 */
const PENDING = new Set<string>([]);

function matches(outcome: Outcome, status: number): boolean {
  if (outcome === '-') return true;
  if (outcome === 'ok') return status >= 200 && status < 300;
  if (outcome === 'pass') return (status >= 200 && status < 300) || status === 409 || status === 422;
  return status === outcome;
}

describe.each(ENGINES)('authorization matrix (%s)', (engine) => {
  let f: ScopeFixture;
  let routes: string[];

  beforeAll(async () => {
    f = await loadScopeFixture(engine);
    C = f.codes;
    const u = await f.t.call(f.cookies.admin, 'POST', '/api/v1/users', {
      username: 'matrix-target',
      displayName: '矩阵测试用户',
      password: 'Kq7#zT2m-weijian',
      role: 'readonly',
      scopeAreaCode: '4107',
    });
    expect(u.statusCode, u.body).toBe(201);
    TARGET_USER = u.json().user.id;
    // Each engine's database numbers its own records: the ids of the previous engine's run do not hold here.
    CARE.clear();
    for (const p of [f.huixian, f.changyuan, f.hospital, f.outside]) {
      // An allowed package creation stops at the code already taken.
      await f.t.ctx.db.query(
        `insert into care_packages (county_code, code, name) values ($1, 'MX', '矩阵包') on conflict do nothing`,
        [p.area.slice(0, 6)],
      );
      if (p.institution === null || CARE.has(p.institution)) continue;
      const one = async (sql: string, params: unknown[]) =>
        Number((await f.t.ctx.db.query<{ id: number }>(sql, params)).rows[0]!.id);
      const inst = (
        await f.t.ctx.db.query<{ county: string; area: string }>(
          'select county_code as county, area_code as area from institutions where id = $1',
          [p.institution],
        )
      ).rows[0]!;
      const team = await one(
        `insert into care_teams (county_code, code, institution_id, name, lead_name) values ($1, $2, $3, '矩阵团队', '矩阵')
         returning id`,
        [inst.county, `MX-${p.institution}`, p.institution],
      );
      const resident = await one(
        `insert into care_residents (county_code, name, sex, birth_date, area_code, township_code, keeper_institution_id)
         values ($1, '矩阵居民', 'M', '1960-01-01', $2, left($2, 9), $3) returning id`,
        [inst.county, inst.area, p.institution],
      );
      const contract = (cancelled: boolean, start: string, end: string) =>
        one(
          `insert into care_contracts (county_code, resident_id, team_id, start_date, end_date, cancelled)
           values ($1, $2, $3, $4, $5, $6) returning id`,
          [inst.county, resident, team, start, end, cancelled],
        );
      CARE.set(p.institution, {
        team,
        resident,
        contract: await contract(false, '2020-01-01', '2099-12-31'),
        cancelled: await contract(true, '2010-01-01', '2010-12-31'),
        enrolment: await one(
          `insert into care_enrolments (county_code, resident_id, program, start_date, institution_id)
           values ($1, $2, 'hypertension', '2020-01-01', $3) returning id`,
          [inst.county, resident, p.institution],
        ),
      });
    }
    await f.t.app.ready();
    const doc = f.t.app.swagger() as { paths: Record<string, Record<string, unknown>> };
    routes = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
  }, 120_000);
  afterAll(() => f?.t.close());

  /** Each role's target inside and outside its scope. */
  const targets = (role: RoleName): [Place, Place] => {
    switch (role) {
      case 'huixian':
        return [f.huixian, f.changyuan];
      case 'changyuan':
        return [f.changyuan, f.huixian];
      case 'hospital':
        return [f.hospital, f.huixian];
      case 'anonymous':
        return [f.huixian, f.changyuan];
      default:
        return [f.huixian, f.outside];
    }
  };

  it('declares a rule for every route, and no rule for a route that is gone', () => {
    expect(
      routes.filter((r) => !MATRIX[r]),
      'routes without an entry in MATRIX',
    ).toEqual([]);
    expect(
      Object.keys(MATRIX).filter((r) => !routes.includes(r)),
      'entries without a route',
    ).toEqual([]);
  });

  // Filters beside a route's main target: each names a place outside the caller's scope and must be refused
  // (403), not answered with an empty list or a narrowed one (section 6 of the issue).
  it('refuses every filter outside the caller’s scope with 403', async () => {
    const H = f.huixian;
    const CY = f.changyuan;
    const plan =
      f.huixian.plan ??
      (await f.t.ctx.db.query<{ id: number }>(`select id from plans where region_code = '4107'`)).rows[0]!.id;
    const asHuixian = [
      `/api/v1/plans/${plan}/evaluation?area=${CY.area}`,
      `/api/v1/plans/${plan}/indicators/1/series?area=${CY.area}`,
      `/api/v1/plans/${plan}/indicators/1/by-area?area=${CY.area}`,
      `/api/v1/plans/${plan}/tasks?area=${CY.area}`,
      `/api/v1/plans/${plan}/reports/annual?year=${Y}&area=${CY.area}&format=xlsx`,
      `/api/v1/plans?region=${CY.area}`,
      `/api/v1/indicator-values?area=${CY.area}`,
      `/api/v1/indicators/${C.indicator}/values?area=${CY.area}`,
      `/api/v1/standards/check?area=${CY.area}`,
      `/api/v1/networks?area=${CY.area}`,
      `/api/v1/institutions?area=${CY.area}`,
      `/api/v1/export/institutions?area=${CY.area}`,
      `/api/v1/export/population?area=${CY.area}`,
      `/api/v1/surveillance/signals?area=${CY.area}`,
      `/api/v1/surveillance/events?area=${CY.area}`,
      `/api/v1/surveillance/kpis?area=${CY.area}`,
      `/api/v1/surveillance/series?subject=${C.disease}&area=${CY.area}&to=2024-06-30`,
      `/api/v1/surveillance/stream-sources?area=${CY.area}`,
      `/api/v1/surveillance/indicators/notifiable-incidence?area=${CY.area}&year=${Y}`,
      `/api/v1/areas/${CY.area}/population/${Y}`,
      `/api/v1/care/teams?county=${CY.area}`,
      `/api/v1/care/teams?institution=${CY.institution}`,
      `/api/v1/care/packages?county=${CY.area}`,
      `/api/v1/care/worklist?township=${CY.area}001`,
    ];
    const asHospital = [
      `/api/v1/networks?area=${f.hospital.area}`,
      `/api/v1/export/institutions?area=${f.hospital.area}`,
      `/api/v1/plans?region=${f.hospital.area}`,
    ];
    const pending = new Set<string>([]);
    asHuixian.push(
      `/api/v1/surveillance/cases?area=${CY.area}`,
      `/api/v1/surveillance/cases?institution=${CY.institution}`,
    );
    const wrong: string[] = [];
    for (const [who, urls] of [
      ['huixian', [...asHuixian, ...pending]],
      ['hospital', asHospital],
    ] as const) {
      for (const url of urls) {
        const r = await f.t.call(f.cookies[who], 'GET', url);
        if (pending.has(url)) {
          if (r.statusCode === 403) wrong.push(`${url}: now 403, remove it from the pending filters`);
        } else if (r.statusCode !== 403) wrong.push(`${who} ${url}: ${r.statusCode} ${r.body.slice(0, 100)}`);
      }
    }
    // An event outside the scope is hidden, as its own page is (404); another county's user and network are
    // refused; the city user (whose scope contains the caller's) is a valid assignee filter.
    const q1 = (sql: string) => f.t.ctx.db.query<{ id: number }>(sql).then((r) => r.rows[0]!.id);
    const changyuanUser = await q1(`select id from users where username = 'changyuan'`);
    const cityUser = await q1(`select id from users where username = 'city'`);
    const changyuanNetwork = await q1(`select id from networks where county_code = '${CY.area}' order by id limit 1`);
    const more: [string, number][] = [
      [`/api/v1/surveillance/signals?event=${CY.event}`, 404],
      [`/api/v1/surveillance/events?assignee=${changyuanUser}`, 403],
      [`/api/v1/surveillance/events?assignee=${cityUser}`, 200],
      [`/api/v1/surveillance/signals?event=${H.event}`, 200],
      [`/api/v1/institutions?network=${changyuanNetwork}`, 403],
    ];
    for (const [url, status] of more) {
      const r = await f.t.call(f.cookies.huixian, 'GET', url);
      if (r.statusCode !== status) wrong.push(`huixian ${url}: expected ${status}, got ${r.statusCode}`);
    }
    expect(wrong).toEqual([]);
  });

  it('answers every route × role × scope as declared', async () => {
    const wrong: string[] = [];
    let sent = 0;
    let pending = 0;
    for (const key of routes) {
      const entry = MATRIX[key];
      if (!entry) continue;
      const method = key.split(' ')[0]!;
      for (const role of ROLES) {
        const sides = entry.unscoped ? [0] : [0, 1];
        for (const side of sides) {
          const place = targets(role)[side]!;
          const r = entry.req(place);
          if (!r) continue;
          const expected = entry.rule[role][side]!;
          if (expected === '-') continue;
          const cookie = f.cookies[role];
          const res = r.multipart
            ? await f.t.app.inject({
                method: method as 'POST',
                url: r.url,
                ...(() => {
                  const m = multipart('matrix.csv', Buffer.from(String(r.body)));
                  return { payload: m.payload, headers: { ...m.headers, ...(cookie ? { cookie } : {}) } };
                })(),
              })
            : await f.t.call(cookie, method, r.url, r.body);
          sent++;
          const name = `${key} as ${role} ${side ? 'out' : 'in'}`;
          if (PENDING.has(name)) {
            if (matches(expected, res.statusCode)) wrong.push(`${name}: now passes, remove it from PENDING`);
            else pending++;
            continue;
          }
          if (!matches(expected, res.statusCode))
            wrong.push(
              `${key} as ${role} ${side ? 'out' : 'in'} (${r.url}): expected ${expected}, got ${res.statusCode} ${res.body.slice(0, 120)}`,
            );
        }
      }
    }
    console.info(
      `authorization matrix: ${routes.length} routes × ${ROLES.length} roles × in/out scope = ${sent} requests (${pending} pending)`,
    );
    expect(wrong).toEqual([]);
  }, 120_000);
});
