// Text normalisation shared by target parsing, name matching and table parsing. Plans come out of Word,
// WPS and PDF copies, so the same symbol arrives in full-width, half-width and look-alike forms.

/** Dash-like characters used between the two ends of a range or alone as "no value". */
const DASHES = /[\u2010-\u2015\u2212\u2500\u2501\u30fc\ufe58\ufe63\uff0d]/g;

/**
 * Full-width → half-width (NFKC: ＜ → <, ％ → %, ０ → 0, （ → (), look-alike dashes → '-' unless `keepDashes`,
 * wave dashes → '~', and every kind of whitespace removed (cells split over lines in DOCX: "健康\n水平").
 */
export function normaliseText(s: string, opts: { keepSpaces?: boolean } = {}): string {
  let t = s
    .normalize('NFKC')
    .replace(DASHES, '-')
    .replace(/[\u301c\u223c]/g, '~');
  // NFKC leaves these as they are; plans use them interchangeably with the ASCII forms.
  t = t
    .replace(/[\u2267\u2a7e]/g, '≥')
    .replace(/[\u2266\u2a7d]/g, '≤')
    .replace(/\ufe64/g, '<')
    .replace(/\ufe65/g, '>');
  t = t.replace(/[\u201c\u201d\u300c\u300d\u300e\u300f"']/g, '"');
  return opts.keepSpaces ? t.replace(/\s+/g, ' ').trim() : t.replace(/\s+/g, '');
}

/** True when a cell means "no value": empty, a dash or a slash, 无, 暂无, N/A. */
export function isNoValue(s: string): boolean {
  const t = normaliseText(s);
  return t === '' || /^(-+|\/|\\|无|暂无|n\/?a|NA|N\/A|\*)$/i.test(t);
}
