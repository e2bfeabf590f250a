// Bulk exchange of the registry as one service for the HTTP routes and the CLI: import templates,
// all-or-nothing imports and scoped exports.
import type { ExchangeKind } from '@weijian/core/registry/exchange';
import type { AccessPolicy } from '../platform/access-policy.ts';
import type { Db } from '../platform/db.ts';
import type { FileFormat } from '../platform/file-decoding.ts';
import type { AreasService } from './areas-service.ts';
import { requireMayImport } from './exchange-check.ts';
import { type ExportQuery, exportKind } from './exchange-export.ts';
import { type ImportOptions, importFile } from './exchange-import.ts';
import { buildTemplate, templateFileNames } from './exchange-templates.ts';

export class ExchangeService {
  private readonly deps: { db: Db; areas: AreasService };

  constructor(db: Db, areas: AreasService) {
    this.deps = { db, areas };
  }

  async template(kind: ExchangeKind, format: FileFormat) {
    return { names: templateFileNames(kind, format), body: await buildTemplate(kind, format) };
  }

  /** Refuses a caller who may not import `kind`: the route asks before it reads the uploaded file. */
  requireMayImport(policy: AccessPolicy, kind: ExchangeKind): void {
    requireMayImport(policy, kind);
  }

  /** Checks every row of the file; writes all of it with one audit entry unless a dry run, or nothing. */
  import(policy: AccessPolicy, kind: ExchangeKind, file: Buffer, opts: ImportOptions) {
    return importFile(this.deps, policy, kind, file, opts);
  }

  /** The caller's scope's rows in the template's columns (an exported file imports back unchanged). */
  export(policy: AccessPolicy, kind: ExchangeKind, query: ExportQuery, format: FileFormat) {
    return exportKind(this.deps, policy, kind, query, format);
  }
}
