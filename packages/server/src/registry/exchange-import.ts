// The import service shared by the HTTP route and the CLI: read the file, check every row, and write all
// of it in one transaction with one audit entry — or nothing at all.

import { columnForHeader, type ExchangeKind } from '@weijian/core/registry/exchange';
import type { AccessPolicy } from '../platform/access-policy.ts';
import { audit } from '../platform/audit.ts';
import type { Db, Queryable } from '../platform/db.ts';
import { decodeSheet } from '../platform/file-decoding.ts';
import type { Decoder } from '../platform/sheet-worker.ts';
import type { AreasService } from './areas-service.ts';
import { checkRows, mapSheet, type Plan, requireMayImport } from './exchange-check.ts';
import { Problems } from './exchange-problems.ts';
import { snapshotBefore, writePlan } from './exchange-write.ts';

/** What bulk exchange needs of the registry. */
type ExchangeDeps = { db: Db; areas: AreasService };

/** Data rows accepted in one file (the upload limits cap its size, cells and rows as well: upload-limits.ts). */
export const MAX_IMPORT_ROWS = 200_000;

export interface ImportResult {
  kind: ExchangeKind;
  dryRun: boolean;
  rows: number;
  inserted: number;
  updated: number;
}

export interface ImportOptions {
  dryRun: boolean;
  filename: string;
  maxRows?: number;
  /** Decodes the file off the event loop under the upload limits (HTTP uploads); the CLI reads in-process. */
  decoder?: Decoder;
}

export async function importFile(
  ctx: ExchangeDeps,
  policy: AccessPolicy,
  kind: ExchangeKind,
  file: Buffer,
  opts: ImportOptions,
): Promise<ImportResult> {
  requireMayImport(policy, kind);
  const p = policy.principal;
  const maxRows = opts.maxRows ?? MAX_IMPORT_ROWS;
  // An HTTP upload is decoded in the parse workers (off the event loop); the CLI's file on this thread.
  const sheet = await decodeSheet(opts.decoder, file, opts.filename, maxRows);
  const problems = new Problems(kind);
  const rows = mapSheet(kind, sheet, problems);
  if (!rows) throw problems.error();
  const present = new Set(
    sheet.headers.map((h) => columnForHeader(kind, String(h ?? ''))?.key).filter((k) => k !== undefined),
  );

  // Loaded here, outside the transaction (PGlite serves one connection: a query inside would wait forever).
  const tree = await ctx.areas.tree();
  const check = async (q: Queryable): Promise<Plan> => {
    const plan = await checkRows(tree, q, p, kind, rows, problems);
    if (!problems.empty) throw problems.error();
    return plan;
  };
  const result = (plan: Plan): ImportResult => ({
    kind,
    dryRun: opts.dryRun,
    rows: plan.rows.length,
    inserted: plan.inserted,
    updated: plan.updated,
  });

  if (opts.dryRun) return result(await check(ctx.db));
  // Checking inside the transaction too: uniqueness and scope are judged on the data being written over.
  return ctx.db.tx(async (q) => {
    const plan = await check(q);
    const before = await snapshotBefore(q, plan);
    const ids = await writePlan(q, plan, present);
    await audit(q, policy.actor, {
      action: `import.${kind}`,
      entity: kind,
      areaCode: p.scopeAreaCode,
      before,
      after: {
        file: opts.filename,
        format: sheet.format,
        rows: plan.rows.length,
        inserted: plan.inserted,
        updated: plan.updated,
        ids,
      },
    });
    return result(plan);
  });
}
