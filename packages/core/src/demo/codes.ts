// Unified social credit codes for demo institutions: real-format and valid under GB 32100 (check
// character from the registry validator), with the registering county as the area part.

import type { Rng } from '../platform/prng.ts';
import { orgCodeCheckChar, USCC_CHARSET, usccCheckChar } from '../registry/validators.ts';

/** 12 事业单位, 52 民办非企业单位, 91 企业, 92 个体工商户. */
export type UsccPrefix = '12' | '52' | '91' | '92';

const DIGITS = '0123456789';

export class UsccMaker {
  private readonly used = new Set<string>();

  constructor(private readonly rng: Rng) {}

  make(prefix: UsccPrefix, areaCode: string): string {
    for (;;) {
      const body = this.body(prefix);
      const first17 = prefix + areaCode + body + orgCodeCheckChar(body);
      const code = first17 + usccCheckChar(first17);
      if (!this.used.has(code)) {
        this.used.add(code);
        return code;
      }
    }
  }

  /** Public institutions carry numeric organisation codes from before 2015; newer registrations start MA/MJ. */
  private body(prefix: UsccPrefix): string {
    const rng = this.rng;
    const from = (chars: string, n: number) => {
      let s = '';
      for (let i = 0; i < n; i++) s += chars[rng.int(0, chars.length - 1)];
      return s;
    };
    if (prefix === '12') return `4${from(DIGITS, 7)}`;
    if (prefix === '52') return `MJ${from(USCC_CHARSET, 6)}`;
    return rng.chance(0.3) ? `${rng.int(5, 7)}${from(DIGITS, 7)}` : `MA${from(USCC_CHARSET, 6)}`;
  }
}
