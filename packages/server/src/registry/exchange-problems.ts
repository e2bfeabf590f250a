// The row errors of one import, collected while checking and turned into the single API error shape:
// `details: [{ path: 'rows[5].bedsOpen', row: 5, column: '实际开放床位', message }]`.
import { EXCHANGE_COLUMNS, type ExchangeKind } from '@weijian/core/registry/exchange';
import type { AppError, ErrorDetail, Text } from '../platform/errors.ts';
import { importFailed, MAX_DETAILS } from '../platform/import-problems.ts';

export class Problems {
  readonly details: ErrorDetail[] = [];
  total = 0;
  private readonly headerOf = new Map<string, string>();
  private readonly order = new Map<string, number>();

  constructor(private readonly kind: ExchangeKind) {}

  /** Remembers the header text the file uses for each key, so errors name the column as the user wrote it. */
  useHeaders(headers: readonly string[], keys: readonly (string | null)[]) {
    keys.forEach((k, i) => {
      if (k && !this.headerOf.has(k)) {
        this.headerOf.set(k, headers[i] ?? k);
        this.order.set(k, i);
      }
    });
  }

  column(key: string): string | undefined {
    if (!key) return undefined;
    return this.headerOf.get(key) ?? EXCHANGE_COLUMNS[this.kind].find((c) => c.key === key)?.zh ?? key;
  }

  add(row: number, key: string, message: Text) {
    this.total++;
    if (this.details.length >= MAX_DETAILS) return;
    const column = this.column(key);
    const d: ErrorDetail = { path: key ? `rows[${row}].${key}` : `rows[${row}]`, row, message };
    if (column !== undefined) d.column = column;
    this.details.push(d);
  }

  addHeader(row: number, index: number, header: string, message: Text) {
    this.total++;
    if (this.details.length >= MAX_DETAILS) return;
    this.details.push({ path: index >= 0 ? `columns[${index}]` : 'columns', row, column: header, message });
  }

  get empty() {
    return this.total === 0;
  }

  error(): AppError {
    // Row by row, and left to right within a row, as the user reads the sheet.
    const at = (d: ErrorDetail) => this.order.get(d.path.replace(/^rows\[\d+\]\.?/, '')) ?? -1;
    this.details.sort((a, b) => (a.row ?? 0) - (b.row ?? 0) || at(a) - at(b));
    return importFailed(this.details, this.total);
  }
}
