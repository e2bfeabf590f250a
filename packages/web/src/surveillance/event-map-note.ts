// What the event map says about itself: which key of the dictionary explains what is drawn, and the colour the
// event's county is filled with. Pure, so the rule is tested without drawing.
import { RISK_COLORS } from './queries.ts';

export type EventMapNote = 'mapCountyMissingPoints' | 'mapCountyMissing' | 'mapTownshipPoints' | 'mapCountyFallback';

/**
 * A county the shipped boundaries lack (e.g. a development zone carved out later) cannot be outlined: the note
 * says so (and whether townships are drawn as points instead) rather than highlighting nothing silently.
 */
export function eventMapNote(hasCounty: boolean, placedPoints: number, townships: number): EventMapNote {
  if (!hasCounty) return placedPoints ? 'mapCountyMissingPoints' : 'mapCountyMissing';
  return townships ? 'mapTownshipPoints' : 'mapCountyFallback';
}

/** The event's risk colour (1 blue … 4 red); an unknown level is shown as the highest. */
export function riskColour(level: number): string {
  return RISK_COLORS[level] ?? '#f5222d';
}
