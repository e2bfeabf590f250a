import { describe, expect, it } from 'vitest';
import { detectorName } from './detector-name.ts';

describe('detectorName', () => {
  it('names detectors and signal rules in the reader’s language, never by code alone', () => {
    expect(detectorName('ears-c2', 'zh')).toBe('EARS C2');
    expect(detectorName('farrington-flexible', 'zh')).toBe('改进 Farrington 算法');
    expect(detectorName('farrington-flexible', 'en')).toBe('Farrington flexible');
    expect(detectorName('scan', 'zh')).toBe('时空扫描');
    expect(detectorName('fixed', 'zh')).toBe('固定阈值');
  });

  it('shows a code it has no name for as it is', () => {
    expect(detectorName('new-detector', 'zh')).toBe('new-detector');
  });
});
