import { describe, expect, it } from 'vitest';
import { eventMapNote, riskColour } from './event-map-note.ts';

describe('event map note', () => {
  it('says when the county cannot be outlined, and whether townships stand in as points', () => {
    expect(eventMapNote(false, 2, 3)).toBe('mapCountyMissingPoints');
    expect(eventMapNote(false, 0, 3)).toBe('mapCountyMissing');
  });

  it('explains township points when there are townships, else the county fill', () => {
    expect(eventMapNote(true, 0, 2)).toBe('mapTownshipPoints');
    expect(eventMapNote(true, 0, 0)).toBe('mapCountyFallback');
  });

  it('colours the county by risk level, unknown levels as the highest', () => {
    expect(riskColour(1)).toBe('#1677ff');
    expect(riskColour(4)).toBe('#f5222d');
    expect(riskColour(9)).toBe('#f5222d');
  });
});
