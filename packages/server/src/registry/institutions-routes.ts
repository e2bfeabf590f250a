import { mayReadInstitution, mayWriteArea, mayWriteInstitution, type Principal } from '@weijian/core/identity';
import { type AreaTree, type InstitutionInput, validateInstitution } from '@weijian/core/registry';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { audit } from '../platform/audit.ts';
import type { RegistryServices } from './services.ts';
import type { Queryable } from '../platform/db.ts';
import { conflict, forbidden, invalid, notFound } from '../platform/errors.ts';
import { principalOf } from '../platform/request.ts';
import { normaliseAreaCode } from './areas-service.ts';
import { getInstitution, insertInstitution, listInstitutions, updateInstitution } from './institutions-repo.ts';
import { withinFn } from './scope.ts';

export const InstitutionBody = z.object({
  name: z.string().trim().min(1).max(100),
  uscc: z
    .string()
    .trim()
    .toUpperCase()
    .nullish()
    .transform((v) => v || null),
  category: z.string().min(1).max(8),
  gradeLevel: z
    .union([z.literal(1), z.literal(2), z.literal(3)])
    .nullish()
    .transform((v) => v ?? null),
  gradeClass: z
    .enum(['甲', '乙', '丙'])
    .nullish()
    .transform((v) => v ?? null),
  ownership: z.enum(['government', 'other-public', 'private']),
  forProfit: z.boolean().default(false),
  areaCode: z.string().regex(/^\d{6,12}$/),
  lng: z
    .number()
    .nullish()
    .transform((v) => v ?? null),
  lat: z
    .number()
    .nullish()
    .transform((v) => v ?? null),
  openedOn: z
    .string()
    .nullish()
    .transform((v) => v || null),
  closedOn: z
    .string()
    .nullish()
    .transform((v) => v || null),
  networkId: z
    .number()
    .int()
    .positive()
    .max(2147483647)
    .nullish()
    .transform((v) => v ?? null),
});

const ListQuery = z.object({
  area: z
    .string()
    .regex(/^\d{2,12}$/)
    .optional(),
  category: z.string().max(8).optional(),
  grade: z
    .string()
    .regex(/^[123]?[甲乙丙]?$/)
    .optional(),
  ownership: z.enum(['government', 'other-public', 'private']).optional(),
  network: z.coerce.number().int().positive().max(2147483647).optional(),
  q: z.string().max(100).optional(),
  sort: z
    .string()
    .regex(/^-?(name|category|grade|area|opened|id)$/)
    .default('area'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
  lang: z.enum(['zh', 'en']).optional(),
});

const Id = z.object({ id: z.coerce.number().int().positive().max(2147483647) });
const issuesToDetails = (issues: { field: string; message: { zh: string; en: string } }[]) =>
  issues.map((i) => ({ path: i.field, message: i.message }));

/**
 * Checks an institution's place and references; returns its county code. Takes the area tree rather
 * than loading it: inside a PGlite transaction a query on another handle would wait forever.
 */
export async function checkInstitution(tree: AreaTree, q: Queryable, input: InstitutionInput): Promise<string> {
  const details = issuesToDetails(validateInstitution(input));
  input.areaCode = normaliseAreaCode(input.areaCode);
  const area = tree.get(input.areaCode) as { level: number; code: string; parentCode: string | null } | undefined;
  let county: string | null = null;
  if (!area || area.level < 3) {
    details.push({
      path: 'areaCode',
      message: {
        zh: `所在区划 ${input.areaCode} 不存在或不是县级及以下区划`,
        en: `Area ${input.areaCode} does not exist or is above county level`,
      },
    });
  } else {
    county = area.level === 3 ? area.code : input.areaCode.slice(0, 6);
  }
  if (input.networkId !== null) {
    const { rows } = await q.query<{ county_code: string }>('select county_code from networks where id = $1', [
      input.networkId,
    ]);
    if (!rows[0]) details.push({ path: 'networkId', message: { zh: '所属医联体不存在', en: 'No such network' } });
  }
  if (input.uscc) {
    const { rows } = await q.query<{ id: number }>('select id from institutions where uscc = $1', [input.uscc]);
    const self = (input as { id?: number }).id;
    if (rows[0] && rows[0].id !== self) {
      details.push({
        path: 'uscc',
        message: {
          zh: `统一社会信用代码已被机构 #${rows[0].id} 使用`,
          en: `Code already used by institution #${rows[0].id}`,
        },
      });
    }
  }
  if (details.length) throw invalid(details);
  return county!;
}

/**
 * Joining or leaving a network is the network's county's decision: the caller must be able to write
 * in the county the network belongs to.
 */
async function assertNetworkWritable(
  q: Queryable,
  p: Principal,
  networkId: number | null,
  previous: number | null,
  within: (code: string, root: string) => boolean,
) {
  if (networkId === previous) return;
  for (const id of [networkId, previous]) {
    if (id === null) continue;
    const { rows } = await q.query<{ county_code: string }>('select county_code from networks where id = $1', [id]);
    if (rows[0] && !mayWriteArea(p, rows[0].county_code, within)) {
      throw forbidden({ zh: '无权调整该医联体的成员', en: 'You may not change the members of that network' });
    }
  }
}

/** What an institution's own staff may not change: its place, kind, grade, owner and network. */
const INSTITUTION_ROLE_FIXED = ['areaCode', 'category', 'gradeLevel', 'gradeClass', 'ownership', 'networkId'] as const;

export async function institutionsRoutes(app: FastifyInstance, ctx: RegistryServices) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get('/institutions', { schema: { querystring: ListQuery, tags: ['registry'] } }, async (req) => {
    const p = principalOf(req);
    const { grade, area, ...rest } = req.query;
    const gradeLevel = grade && /^[123]/.test(grade) ? Number(grade[0]) : undefined;
    const gradeClass = grade?.match(/[甲乙丙]/)?.[0];
    const tree = await ctx.areas.tree();
    // A retired area code lists the institutions of its successor.
    const areaCode = area
      ? (tree.resolveIn(normaliseAreaCode(area), new Date().getFullYear()) ?? normaliseAreaCode(area))
      : undefined;
    // Asking for an area outside one's scope is refused, not answered with an empty list that looks like data.
    if (areaCode && p.role !== 'admin') {
      const scope = p.role === 'institution' ? null : p.scopeAreaCode;
      if (!scope || (!areaCode.startsWith(scope) && !scope.startsWith(areaCode))) throw forbidden();
    }
    const filter = { ...rest, area: areaCode, gradeLevel, gradeClass };
    const key = `institutions:${p.role}:${p.scopeAreaCode}:${p.scopeInstitutionId}:${JSON.stringify(filter)}`;
    const result = await ctx.cache.get(key, () => listInstitutions(ctx.db, p, filter));
    const items = result.items.map((i) => ({
      ...i,
      areaName: tree.get(i.areaCode)?.name ?? null,
      countyName: tree.get(i.countyCode)?.name ?? null,
    }));
    return { total: result.total, items };
  });

  api.get('/institutions/:id', { schema: { params: Id, tags: ['registry'] } }, async (req) => {
    const p = principalOf(req);
    const inst = await getInstitution(ctx.db, req.params.id);
    if (!inst || !mayReadInstitution(p, inst, await withinFn(ctx))) {
      throw notFound({ zh: `机构 #${req.params.id} `, en: `Institution #${req.params.id}` });
    }
    const tree = await ctx.areas.tree();
    const path = [...tree.ancestorsIn(inst.areaCode, new Date().getFullYear())].reverse().map((a) => a.name);
    return {
      ...inst,
      areaName: tree.get(inst.areaCode)?.name ?? null,
      areaPath: [...path, tree.get(inst.areaCode)?.name],
    };
  });

  api.post('/institutions', { schema: { body: InstitutionBody, tags: ['registry'] } }, async (req, reply) => {
    const p = principalOf(req);
    const input = req.body as InstitutionInput;
    if (!mayWriteArea(p, normaliseAreaCode(input.areaCode), await withinFn(ctx))) throw forbidden();
    const tree = await ctx.areas.tree();
    const within = await withinFn(ctx);
    const id = await ctx.db.tx(async (q) => {
      await assertNetworkWritable(q, p, input.networkId, null, within);
      const county = await checkInstitution(tree, q, input);
      const newId = await insertInstitution(q, county, input);
      await audit(
        q,
        { principal: p, ip: req.ip },
        {
          action: 'institution.create',
          entity: 'institution',
          entityId: newId,
          areaCode: input.areaCode,
          after: input,
        },
      );
      return newId;
    });
    reply.status(201);
    return getInstitution(ctx.db, id);
  });

  api.put(
    '/institutions/:id',
    {
      schema: {
        params: Id,
        body: InstitutionBody.extend({ version: z.number().int().positive() }),
        tags: ['registry'],
      },
    },
    async (req) => {
      const p = principalOf(req);
      const { version, ...input } = req.body;
      const within = await withinFn(ctx);
      const tree = await ctx.areas.tree();
      const id = req.params.id;
      await ctx.db.tx(async (q) => {
        const before = await getInstitution(q, id);
        if (!before || !mayReadInstitution(p, before, within))
          throw notFound({ zh: `机构 #${id} `, en: `Institution #${id}` });
        if (!mayWriteInstitution(p, before, within)) throw forbidden();
        if (p.role === 'institution' && INSTITUTION_ROLE_FIXED.some((k) => input[k] !== before[k])) {
          throw forbidden({
            zh: '机构用户不能修改所在区划、类别、等级、举办主体或所属医联体',
            en: 'Institution users cannot change the area, category, grade, ownership or network',
          });
        }
        await assertNetworkWritable(q, p, input.networkId, before.networkId, within);
        // Moving an institution is an area-level act in both the old and the new place.
        if (input.areaCode !== before.areaCode && !mayWriteArea(p, normaliseAreaCode(input.areaCode), within))
          throw forbidden();
        const county = await checkInstitution(tree, q, Object.assign(input as InstitutionInput, { id }));
        if (!(await updateInstitution(q, id, county, input as InstitutionInput, version))) throw conflict();
        if (county !== before.countyCode) {
          await q.query('update institution_resources set county_code = $2 where institution_id = $1', [id, county]);
        }
        await audit(
          q,
          { principal: p, ip: req.ip },
          {
            action: 'institution.update',
            entity: 'institution',
            entityId: id,
            areaCode: input.areaCode,
            before,
            after: input,
          },
        );
      });
      return getInstitution(ctx.db, id);
    },
  );

  api.get(
    '/networks',
    {
      schema: {
        querystring: z.object({
          area: z
            .string()
            .regex(/^\d{2,12}$/)
            .optional(),
        }),
        tags: ['registry'],
      },
    },
    async (req) => {
      const p = principalOf(req);
      const params: unknown[] = [];
      let where: string;
      if (p.role === 'institution') {
        params.push(p.scopeInstitutionId);
        where = 'n.id = (select network_id from institutions where id = $1)';
      } else {
        const scope = p.role === 'admin' ? '' : (p.scopeAreaCode ?? '\u0000');
        const requested = req.query.area ? normaliseAreaCode(req.query.area) : null;
        if (requested && !requested.startsWith(scope) && !scope.startsWith(requested)) throw forbidden();
        // Networks belong to counties: the narrower of scope and request, cut to county length.
        const narrower = requested && requested.length > scope.length ? requested : scope;
        params.push(`${narrower.slice(0, 6)}%`);
        where = 'n.county_code like $1';
      }
      const { rows } = await ctx.db.query(
        `select n.id, n.name, n.type, n.county_code as "countyCode", n.lead_institution_id as "leadInstitutionId",
              l.name as "leadName", (select count(*)::int from institutions m where m.network_id = n.id) as members
         from networks n left join institutions l on l.id = n.lead_institution_id
        where ${where} order by n.county_code, n.name`,
        params,
      );
      return { total: rows.length, items: rows };
    },
  );
}
