import { describe, expect, it } from 'vitest';
import { buildGraph } from './graph.ts';
import { DRIVE_PROFILE, roadSpeedKmh, WALK_PROFILE } from './profiles.ts';

describe('speed profiles', () => {
  it('class speed, _link as its main class, maxspeed as a cap, an explicit speed as it is', () => {
    expect(roadSpeedKmh(DRIVE_PROFILE, { highway: 'primary' })).toBe(55);
    expect(roadSpeedKmh(DRIVE_PROFILE, { highway: 'primary_link' })).toBe(55);
    expect(roadSpeedKmh(DRIVE_PROFILE, { highway: 'primary', maxspeedKmh: 40 })).toBe(40);
    expect(roadSpeedKmh(DRIVE_PROFILE, { highway: 'residential', maxspeedKmh: 80 })).toBe(25);
    expect(roadSpeedKmh(DRIVE_PROFILE, { highway: 'no-such-class' })).toBe(DRIVE_PROFILE.defaultKmh);
    expect(roadSpeedKmh(DRIVE_PROFILE, { highway: 'residential', speedKmh: 70 })).toBe(70);
    expect(roadSpeedKmh(WALK_PROFILE, { highway: 'primary', maxspeedKmh: 3 })).toBe(5);
    expect(roadSpeedKmh(WALK_PROFILE, { highway: 'motorway' })).toBe(0);
  });

  it('an edited profile changes the edge seconds', () => {
    const coords = [
      { lng: 114, lat: 35 },
      { lng: 114.01, lat: 35 },
    ];
    const base = buildGraph([{ coords, highway: 'track' }], DRIVE_PROFILE);
    const slow = buildGraph([{ coords, highway: 'track' }], {
      ...DRIVE_PROFILE,
      speeds: { ...DRIVE_PROFILE.speeds, track: 5 },
    });
    expect(slow.weight[0]! / base.weight[0]!).toBeCloseTo(3, 9);
    // Walking ignores one-way streets.
    expect(buildGraph([{ coords, highway: 'residential', oneway: true }], WALK_PROFILE).edgeCount).toBe(2);
  });
});
