/**
 * Input errors of the detectors, bilingual because analysts in county CDCs read Chinese first.
 * `field` names the offending request field (e.g. "params.b", "range").
 */
export class DetectionInputError extends Error {
  readonly field: string;
  readonly zh: string;
  readonly en: string;

  constructor(field: string, zh: string, en: string) {
    super(`${field}: ${en}`);
    this.name = 'DetectionInputError';
    this.field = field;
    this.zh = zh;
    this.en = en;
  }
}

export function fail(field: string, zh: string, en: string): never {
  throw new DetectionInputError(field, zh, en);
}

export function requireInteger(field: string, value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `${min}–${max}`;
    fail(field, `${field} 必须是整数（${range}）`, `${field} must be an integer (${range})`);
  }
  return value;
}

export function requireNumber(
  field: string,
  value: unknown,
  min = -Infinity,
  max = Infinity,
  exclusiveMin = false,
): number {
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    value < min ||
    value > max ||
    (exclusiveMin && value === min)
  ) {
    const lo = exclusiveMin ? `> ${min}` : `≥ ${min}`;
    fail(field, `${field} 必须是数值（${lo}，≤ ${max}）`, `${field} must be a number (${lo}, ≤ ${max})`);
  }
  return value;
}

export function requireBoolean(field: string, value: unknown): boolean {
  if (typeof value !== 'boolean') fail(field, `${field} 必须是 true 或 false`, `${field} must be true or false`);
  return value;
}

export function requireOneOf<T extends string>(field: string, value: unknown, options: readonly T[]): T {
  if (typeof value !== 'string' || !(options as readonly string[]).includes(value)) {
    const list = options.join(' | ');
    fail(field, `${field} 必须是以下之一：${list}`, `${field} must be one of: ${list}`);
  }
  return value as T;
}
