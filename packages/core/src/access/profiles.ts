// Travel speed profiles: km/h per OpenStreetMap `highway` class. A profile is a plain object so a commission can
// edit it (e.g. slower rural roads); these defaults follow typical Chinese speed limits for the class, reduced
// for junctions and traffic (the design speeds of JTG B01 roads are upper bounds, not average speeds).

export interface SpeedProfile {
  name: string;
  /** km/h per `highway` value; a `*_link` class not listed falls back to its main class. */
  speeds: Record<string, number>;
  /** km/h of a road whose class is unknown or not listed. */
  defaultKmh: number;
  /** km/h of the connector from a point to the nearest road (walking across fields or yards). */
  offroadKmh: number;
  /** Whether an OSM `maxspeed` lowers the class speed (drive: yes; walking is never faster than walking). */
  useMaxspeed: boolean;
  /** Whether one-way streets bind (drive: yes; pedestrians walk both ways). */
  honourOneway: boolean;
}

/**
 * Driving. `maxspeed` caps the class speed (a posted 40 on a primary road means at most 40, not 60); a road
 * with an explicit speed (`speed_kmh` in GeoJSON) uses that speed as it is.
 */
export const DRIVE_PROFILE: SpeedProfile = {
  name: 'drive',
  speeds: {
    motorway: 100,
    trunk: 70,
    primary: 55,
    secondary: 45,
    tertiary: 35,
    unclassified: 30,
    residential: 25,
    living_street: 10,
    service: 15,
    road: 25,
    track: 15,
  },
  defaultKmh: 25,
  offroadKmh: 5,
  useMaxspeed: true,
  honourOneway: true,
};

/** Walking: 5 km/h on any road a pedestrian may use; motorways and trunk roads are not walkable. */
export const WALK_PROFILE: SpeedProfile = {
  name: 'walk',
  speeds: {
    motorway: 0,
    trunk: 0,
    primary: 5,
    secondary: 5,
    tertiary: 5,
    unclassified: 5,
    residential: 5,
    living_street: 5,
    service: 5,
    road: 5,
    track: 5,
    path: 5,
    footway: 5,
    pedestrian: 5,
    steps: 2,
  },
  defaultKmh: 5,
  offroadKmh: 4,
  useMaxspeed: false,
  honourOneway: false,
};

/**
 * The speed of one road in km/h (0 = not traversable): an explicit speed wins, else the class speed (a `_link`
 * as its main class), capped by `maxspeed` where the profile honours it.
 */
export function roadSpeedKmh(
  profile: SpeedProfile,
  road: { highway?: string | null; maxspeedKmh?: number | null; speedKmh?: number | null },
): number {
  if (road.speedKmh != null) return Math.max(road.speedKmh, 0);
  const cls = road.highway ?? '';
  let kmh = profile.speeds[cls] ?? profile.speeds[cls.replace(/_link$/, '')] ?? profile.defaultKmh;
  if (profile.useMaxspeed && road.maxspeedKmh != null && road.maxspeedKmh > 0) kmh = Math.min(kmh, road.maxspeedKmh);
  return kmh;
}
