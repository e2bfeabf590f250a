// The OpenAPI document's shared parts: the one error body every route answers with (platform/errors.ts,
// mapped in http-app.ts), binary downloads, and named schemas only where a route uses them.
import { z } from 'zod';

export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.array(
        z.object({
          path: z.string(),
          message: z.string(),
          row: z.number().optional(),
          column: z.string().optional(),
        }),
      ),
    }),
  })
  .meta({ id: 'ErrorBody' });

/** A JSON Schema reference to ErrorBody, for the OpenAPI document only (errors are not re-validated). */
export const errorBodyRef = { $ref: '#/components/schemas/ErrorBody' } as const;

interface RouteDoc {
  response?: unknown;
  produces?: readonly string[];
  hide?: boolean;
}

/**
 * Completes a route's OpenAPI entry: every route answers errors with ErrorBody (4XX), and a download
 * (a route that declares `produces` but no response schema) is documented as binary of those types.
 */
export function documentRoute<T extends { schema: object; url: string }>(route: T): T {
  const schema = route.schema as RouteDoc | undefined;
  if (!schema || schema.hide) return route;
  const response: Record<string, unknown> = { ...(schema.response as object | undefined) };
  if (!schema.response && schema.produces?.length) {
    response['200'] = {
      description: 'File download',
      content: Object.fromEntries(schema.produces.map((t) => [t, { schema: { type: 'string', format: 'binary' } }])),
    };
  }
  response['4XX'] = { description: 'Error', ...errorBodyRef };
  return { ...route, schema: { ...schema, response } };
}

/**
 * Drops the components no route refers to: every named schema is emitted twice (as read and as written,
 * `XInput`), while most are only ever one of the two.
 */
export function pruneComponents<T extends { paths?: unknown; components?: { schemas?: Record<string, unknown> } }>(
  doc: T,
): T {
  const schemas = doc.components?.schemas;
  if (!schemas) return doc;
  const used = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === '$ref' && typeof value === 'string') {
          const name = value.replace('#/components/schemas/', '');
          if (!used.has(name)) {
            used.add(name);
            visit(schemas[name]);
          }
        } else visit(value);
      }
    }
  };
  visit(doc.paths);
  const kept = Object.fromEntries(Object.entries(schemas).filter(([name]) => used.has(name)));
  return { ...doc, components: { ...doc.components, schemas: kept } };
}

/** A timestamp column: the drivers hand back a Date, serialised as an ISO string. */
export const Timestamp = z.union([z.date(), z.string()]);

/** `{ total, items }`, the shape of every list. */
export const pageOf = <T extends z.ZodType>(item: T) => z.object({ total: z.number(), items: z.array(item) });

/**
 * One page of a keyset-paginated list (platform/keyset.ts): `total` counts the matches exactly when
 * `totalExact`, else it is the cap and there are at least that many; `nextCursor` asks for the next page
 * (null on the last).
 */
export const cursorPageOf = <T extends z.ZodType>(item: T) =>
  z.object({ total: z.number(), totalExact: z.boolean(), nextCursor: z.string().nullable(), items: z.array(item) });

/** A label in both languages. */
export const BilingualText = z.object({ zh: z.string(), en: z.string() });

/**
 * Text the database restricts to `values` (a check constraint) while the repository types it as string:
 * validated as a string, documented (and typed for the web) as the enumeration.
 */
export const textOneOf = <T extends string>(values: readonly T[]) => z.string().meta({ enum: [...values] });

/**
 * For a handler whose service returns loosely typed rows (`Record<string, unknown>` from SQL): the same
 * schema, still validating and documenting the answer, but not checked against the handler's return type.
 */
export const looselyTyped = <T extends z.ZodType>(schema: T) => schema as unknown as z.ZodType<unknown>;
