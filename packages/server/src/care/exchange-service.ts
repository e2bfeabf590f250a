// Import of care records (issue 15 §7): NDJSON lines (core's parseCareLine, the CLI's format) and template rows
// (exchange-sheets.ts turns them into the same items) are checked together and written all-or-nothing in one
// transaction through the bulk writer (bulk-repo.ts: COPY), or only previewed (dry run). External ids map to
// rows: a resident line's "id" is the record's external id in its county; other lines' "resident" names a
// resident of the file or one stored in a county the caller may write; a contract's "team" is a team code of
// the resident's county. Every problem is named by line (or sheet row) and field; nothing is written unless all pass.
import type { CareNdjsonItem } from '@weijian/core/care';
import { validateCitizenId } from '@weijian/core/registry';
import type { AccessPolicy } from '../platform/access-policy.ts';
import { audit } from '../platform/audit.ts';
import type { ErrorDetail } from '../platform/errors.ts';
import { forbidden } from '../platform/errors.ts';
import { importFailed, MAX_DETAILS } from '../platform/import-problems.ts';
import type { AreaRecord } from '../registry/index.ts';
import type { CareBase } from './base.ts';
import {
  analyzeCareTables,
  type BulkCheck,
  type BulkContract,
  type BulkEnrolment,
  type BulkFollowup,
  type BulkResident,
  insertChecks,
  insertContracts,
  insertEnrolments,
  insertFollowups,
  insertResidents,
  teamIdsByCode,
} from './bulk-repo.ts';
import { assessImported, type Ref } from './exchange-assess.ts';
import type { ProgrammesService } from './programmes-service.ts';
import { CitizenIdPurpose, normalisePhone } from './residents-identifiers.ts';
import type { ResidentsService } from './residents-service.ts';

/** One item to import and where it came from (an NDJSON line number, or a sheet row). */
export interface ImportEntry {
  line: number;
  item: CareNdjsonItem;
}

export interface ImportCounts {
  residents: number;
  enrolments: number;
  followups: number;
  checks: number;
  contracts: number;
}

export interface ImportResult extends ImportCounts {
  dryRun: boolean;
  lines: number;
}

/** Beyond this many bulk rows the planner's statistics are refreshed after the load. */
const ANALYZE_AFTER = 10_000;

export class CareExchange {
  constructor(
    readonly base: CareBase,
    readonly residents: ResidentsService,
    readonly programmes: ProgrammesService,
  ) {}

  /**
   * Checks every entry (with the problems the parser already found, `problems`) and writes them in one
   * transaction, or answers the counts only (`dryRun`). 422 naming every problem (at most MAX_DETAILS listed).
   */
  async importItems(
    policy: AccessPolicy,
    entries: readonly ImportEntry[],
    problems: ErrorDetail[],
    opts: { dryRun: boolean; where?: (line: number) => string },
  ): Promise<ImportResult> {
    policy.requireWrite();
    if (policy.principal.role === 'resident') throw forbidden();
    const where = opts.where ?? ((n: number) => `line ${n}`);
    const bad = (line: number, field: string | null, zh: string, en: string) =>
      problems.push({ path: field ? `${where(line)}.${field}` : where(line), row: line, message: { zh, en } });
    const tree = await this.base.areas.tree();
    const mayWrite = await this.countyRule(policy);
    const keeper = policy.principal.role === 'institution' ? policy.scopeInstitutionId : null;

    // Residents of the file: county from the area, scope, duplicates within the file.
    const residents: BulkResident[] = [];
    const fileIndex = new Map<string, number>(); // `${county}|${externalId}` and externalId alone → index
    const byExternal = new Map<string, number[]>();
    const digests = new Map<string, number>();
    const lineOfResident: number[] = [];
    for (const { line, item } of entries) {
      if (item.kind !== 'resident') continue;
      const node = tree.get(item.area) as AreaRecord | undefined;
      if (!node || node.level < 3) {
        bad(line, 'area', `区划代码 ${item.area} 不存在`, `No area ${item.area}`);
        continue;
      }
      const county = node.countyCode ?? item.area.slice(0, 6);
      if (!(await mayWrite(county))) {
        bad(line, 'area', `${node.name}不在您可写入的范围内`, `${node.name} is outside what you may write`);
        continue;
      }
      const key = `${county}|${item.id}`;
      if (fileIndex.has(key)) {
        bad(line, 'id', `居民编号 ${item.id} 在文件中重复`, `Resident id ${item.id} appears twice in the file`);
        continue;
      }
      let phone: string | null = null;
      if (item.phone) {
        phone = normalisePhone(item.phone);
        if (!phone) bad(line, 'phone', '联系电话格式不正确', 'The phone number is not a phone number');
      }
      if (item.idNumber) {
        const v = validateCitizenId(item.idNumber);
        const digest = `${county}|${v.ok ? v.id : item.idNumber}`;
        const first = digests.get(digest);
        if (first !== undefined) {
          bad(line, 'idNumber', `身份证号与第 ${first} 行重复`, `The ID number repeats line ${first}`);
        } else digests.set(digest, line);
      }
      fileIndex.set(key, residents.length);
      const same = byExternal.get(item.id);
      if (same) same.push(residents.length);
      else byExternal.set(item.id, [residents.length]);
      lineOfResident.push(line);
      residents.push({
        county,
        externalId: item.id,
        name: item.name ?? '',
        sex: item.sex,
        birthDate: item.birthDate,
        areaCode: item.area,
        household: item.household ?? null,
        residence: item.residence ?? 'resident',
        idNumber: item.idNumber ?? null,
        phone,
        established: item.established,
        keeperInstitutionId: keeper,
        deathDate: item.deathDate,
        movedOut: item.movedOut,
        disabled: item.disabled ?? false,
        poor: item.poor ?? false,
      });
    }
    await this.refuseStored(residents, lineOfResident, bad);

    // References of the other lines: to the file's residents, else to stored records the caller may write.
    const unresolved = new Set<string>();
    for (const { item } of entries) {
      if (item.kind !== 'resident' && !byExternal.has(item.resident)) unresolved.add(item.resident);
    }
    const stored = await this.storedRefs([...unresolved], mayWrite);
    const refOf = (line: number, ext: string): Ref | null => {
      const inFile = byExternal.get(ext);
      if (inFile?.length === 1) return { county: residents[inFile[0]!]!.county, file: inFile[0]! };
      const found = inFile ? [] : (stored.get(ext) ?? []);
      if (inFile || found.length > 1) {
        bad(
          line,
          'resident',
          `居民编号 ${ext} 在多个县区存在，无法确定`,
          `Resident id ${ext} exists in several counties`,
        );
        return null;
      }
      if (found.length === 0) {
        bad(
          line,
          'resident',
          `居民 ${ext} 不在文件中，也不在您可写入的档案中`,
          `Resident ${ext} is neither in the file nor among the records you may write`,
        );
        return null;
      }
      return found[0]!;
    };

    const enrolments: (Omit<BulkEnrolment, 'residentId'> & { ref: Ref })[] = [];
    const followups: (Omit<BulkFollowup, 'residentId'> & { ref: Ref })[] = [];
    const checks: (Omit<BulkCheck, 'residentId'> & { ref: Ref })[] = [];
    const contracts: (Omit<BulkContract, 'residentId' | 'teamId'> & { ref: Ref; team: string; line: number })[] = [];
    for (const { line, item } of entries) {
      if (item.kind === 'resident') continue;
      const ref = refOf(line, item.resident);
      if (!ref) continue;
      const county = ref.county;
      if (item.kind === 'enrolment') {
        enrolments.push({
          county,
          ref,
          program: item.program,
          start: item.start,
          end: item.end,
          institutionId: keeper,
        });
      } else if (item.kind === 'followup') {
        followups.push({
          county,
          ref,
          program: item.program,
          date: item.date,
          mode: item.mode,
          sbp: item.sbp,
          dbp: item.dbp,
          fbg: item.fbg,
          classification: item.classification ?? null,
          institutionId: keeper,
        });
      } else if (item.kind === 'check') {
        checks.push({ county, ref, type: item.type, date: item.date, complete: item.complete, institutionId: keeper });
      } else {
        contracts.push({ county, ref, team: item.team, start: item.start, end: item.end, line });
      }
    }
    const teams = await this.teamsOf(contracts);
    for (const c of contracts) {
      if (!teams.get(c.county)?.has(c.team)) {
        bad(c.line, 'team', `团队编码 ${c.team} 在该县区不存在`, `No team ${c.team} in the resident's county`);
      }
    }

    if (problems.length) {
      problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
      throw importFailed(problems.slice(0, MAX_DETAILS), problems.length);
    }
    const counts: ImportCounts = {
      residents: residents.length,
      enrolments: enrolments.length,
      followups: followups.length,
      checks: checks.length,
      contracts: contracts.length,
    };
    const result = { dryRun: opts.dryRun, lines: entries.length, ...counts };
    if (opts.dryRun) return result;

    await this.base.db.tx(async (q) => {
      const ids = await insertResidents(q, this.base.protector, residents);
      const idOf = (r: Ref) => ('file' in r ? ids[r.file]! : r.id);
      const strip = <T extends { ref: Ref }>({ ref, ...rest }: T) => ({ ...rest, residentId: idOf(ref) });
      await insertEnrolments(q, enrolments.map(strip));
      // in the transaction: the stored history the rules read is the one the rows join
      await assessImported(q, followups, enrolments);
      await insertFollowups(q, followups.map(strip));
      await insertChecks(q, checks.map(strip));
      await insertContracts(
        q,
        contracts.map(({ ref, team, line: _l, ...rest }) => ({
          ...rest,
          residentId: idOf(ref),
          teamId: teams.get(rest.county)!.get(team)!,
        })),
      );
      await audit(q, policy.actor, {
        action: 'care.import',
        entity: 'care_import',
        after: { ...counts, counties: [...new Set(residents.map((r) => r.county))] },
      });
    });
    const total = counts.residents + counts.enrolments + counts.followups + counts.checks + counts.contracts;
    if (total >= ANALYZE_AFTER) await analyzeCareTables(this.base.db);
    return result;
  }

  /**
   * Whether the caller may write records of a county: admin everywhere; an institution user in their
   * institution's county; area users where they may write the area.
   */
  private async countyRule(policy: AccessPolicy): Promise<(county: string) => Promise<boolean>> {
    if (policy.isAdmin) return async () => true;
    if (policy.principal.role === 'institution') {
      const id = policy.scopeInstitutionId;
      const inst = id === null ? undefined : (await this.base.institutions.byIds([id])).get(id);
      return async (county) => inst?.countyCode === county;
    }
    const cache = new Map<string, boolean>();
    return async (county) => {
      const known = cache.get(county);
      if (known !== undefined) return known;
      const ok = await policy.mayWriteArea(county);
      cache.set(county, ok);
      return ok;
    };
  }

  /** Refuses resident lines whose external id or 身份证号 already has a live record of the county (named). */
  private async refuseStored(
    residents: readonly BulkResident[],
    lines: readonly number[],
    bad: (line: number, field: string, zh: string, en: string) => void,
  ): Promise<void> {
    const byCounty = new Map<string, number[]>();
    residents.forEach((r, i) => {
      const list = byCounty.get(r.county);
      if (list) list.push(i);
      else byCounty.set(r.county, [i]);
    });
    for (const [county, idx] of byCounty) {
      const ext = idx.map((i) => residents[i]!.externalId!);
      const digest = new Map<string, number>();
      for (const i of idx) {
        const v = residents[i]!.idNumber ? validateCitizenId(residents[i]!.idNumber!) : null;
        if (v?.ok) digest.set(this.base.protector.hmac(CitizenIdPurpose, v.id), i);
      }
      const { rows } = await this.base.db.query<{ id: number; ext: string | null; hmac: string | null }>(
        `select id::float8 as id, external_id as ext, id_hmac as hmac from care_residents
          where county_code = $1 and (external_id = any($2::text[]) or (id_hmac = any($3::text[]) and merged_into is null))`,
        [county, ext, [...digest.keys()]],
      );
      const extIndex = new Map(idx.map((i) => [residents[i]!.externalId!, i]));
      for (const r of rows) {
        const byExt = r.ext === null ? undefined : extIndex.get(r.ext);
        if (byExt !== undefined) {
          bad(lines[byExt]!, 'id', `居民编号已有档案 #${r.id}`, `The resident id has a record already: #${r.id}`);
        }
        const byId = r.hmac === null ? undefined : digest.get(r.hmac);
        if (byId !== undefined && byId !== byExt) {
          bad(
            lines[byId]!,
            'idNumber',
            `身份证号已建档：档案 #${r.id}`,
            `The ID number has a record already: #${r.id}`,
          );
        }
      }
    }
  }

  /** Stored live records by external id, in counties the caller may write (a county each id may repeat in). */
  private async storedRefs(
    ext: readonly string[],
    mayWrite: (county: string) => Promise<boolean>,
  ): Promise<Map<string, Ref[]>> {
    const out = new Map<string, Ref[]>();
    if (!ext.length) return out;
    const { rows } = await this.base.db.query<{ county: string; ext: string; id: number }>(
      `select county_code as county, external_id as ext, id::float8 as id from care_residents
        where external_id = any($1::text[]) and merged_into is null`,
      [ext],
    );
    for (const r of rows) {
      if (!(await mayWrite(r.county))) continue;
      out.set(r.ext, [...(out.get(r.ext) ?? []), { county: r.county, id: r.id }]);
    }
    return out;
  }

  /** Team ids by code, per county, for the contracts' teams. */
  private async teamsOf(contracts: readonly { county: string; team: string }[]) {
    const codes = new Map<string, Set<string>>();
    for (const c of contracts) codes.set(c.county, (codes.get(c.county) ?? new Set()).add(c.team));
    const out = new Map<string, Map<string, number>>();
    for (const [county, set] of codes) out.set(county, await teamIdsByCode(this.base.db, county, [...set]));
    return out;
  }
}
