// Gathers parsed NDJSON lines into one file's CareRecords, refusing what only the whole file shows: a resident
// id given twice, and a record of a resident the file never lists (lines may come in any order).
import type { Bilingual } from '../platform/text.ts';
import type { CareNdjsonItem } from './ndjson.ts';
import type { CareCheck, CareContract, CareEnrolment, CareFollowup, CareRecords, CareResident } from './types.ts';

export class CareRecordsCollector {
  readonly residents: CareResident[] = [];
  readonly enrolments: CareEnrolment[] = [];
  readonly followups: CareFollowup[] = [];
  readonly checks: CareCheck[] = [];
  readonly contracts: CareContract[] = [];
  private readonly residentLine = new Map<string, number>();
  /** First line naming each resident not (yet) listed. */
  private readonly pending = new Map<string, number>();

  /** Adds a parsed line; a refusal names the line (and the line that listed the resident first). */
  add(item: CareNdjsonItem, lineNo: number): Bilingual | null {
    switch (item.kind) {
      case 'resident': {
        const first = this.residentLine.get(item.id);
        if (first !== undefined)
          return {
            zh: `第 ${lineNo} 行【id】居民“${item.id}”已在第 ${first} 行出现`,
            en: `line ${lineNo} [id]: resident "${item.id}" is already on line ${first}`,
          };
        this.residentLine.set(item.id, lineNo);
        this.pending.delete(item.id);
        this.residents.push(item);
        return null;
      }
      case 'enrolment':
        this.enrolments.push(item);
        break;
      case 'followup':
        this.followups.push(item);
        break;
      case 'check':
        this.checks.push(item);
        break;
      case 'contract':
        this.contracts.push(item);
        break;
    }
    if (!this.residentLine.has(item.resident) && !this.pending.has(item.resident))
      this.pending.set(item.resident, lineNo);
    return null;
  }

  /** The records, or a refusal naming the first line whose resident the file does not list. */
  finish(): { ok: true; records: CareRecords } | { ok: false; message: Bilingual } {
    let worst: [string, number] | null = null;
    for (const [resident, line] of this.pending) if (!worst || line < worst[1]) worst = [resident, line];
    if (worst)
      return {
        ok: false,
        message: {
          zh: `第 ${worst[1]} 行【resident】文件中没有居民“${worst[0]}”`,
          en: `line ${worst[1]} [resident]: the file lists no resident "${worst[0]}"`,
        },
      };
    return { ok: true, records: this };
  }
}
