// Query parameters shared by the access routes (networks and analyses): profile, institution categories,
// minutes and the off-road speed.
import { z } from 'zod';
import { AreaCode } from '../platform/input.ts';

export const Profile = z.enum(['drive', 'walk']);
/** Institution category prefixes (WS 218: A hospitals, B community, C health centres, D clinics …), comma-separated. */
export const Categories = z
  .string()
  .regex(/^[A-Z][A-Z0-9]{0,3}(,[A-Z][A-Z0-9]{0,3}){0,19}$/)
  .optional()
  .transform((v) => (v ? v.split(',') : undefined))
  .describe('category prefixes, comma-separated (default A,B,C,D: medical institutions)');
export const Minutes = z.coerce.number().min(1).max(240);
export const OffroadKmh = z.coerce.number().min(0.5).max(60).optional();
export const FacilityQuery = {
  area: AreaCode.optional(),
  categories: Categories,
  profile: Profile.optional(),
  offroadKmh: OffroadKmh,
};
