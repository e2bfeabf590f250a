import { ratio } from './ratios.ts';

/** The components summed over an area's institutions for one year. */
export interface SummaryComponents {
  institutions: number;
  beds: number | null;
  doctors: number | null;
  nurses: number | null;
  pharmacists: number | null;
  generalPractitioners: number | null;
  healthTechnicians: number | null;
  tcmDoctors: number | null;
  publicHealthStaff: number | null;
}

export interface SummaryRatios {
  bedsPer1000: number | null;
  doctorsPer1000: number | null;
  nursesPer1000: number | null;
  pharmacistsPer1000: number | null;
  gpsPer10000: number | null;
  tcmDoctorsPer1000: number | null;
  publicHealthStaffPer1000: number | null;
  healthTechniciansPer1000: number | null;
}

export interface AreaYearSummary extends SummaryComponents, SummaryRatios {
  year: number;
  population: number | null;
}

export const EMPTY_COMPONENTS: SummaryComponents = {
  institutions: 0,
  beds: null,
  doctors: null,
  nurses: null,
  pharmacists: null,
  generalPractitioners: null,
  healthTechnicians: null,
  tcmDoctors: null,
  publicHealthStaff: null,
};

/** Ratio keys with the component and multiplier each is computed from; the UI lists these for the map. */
export const SUMMARY_RATIOS = [
  { key: 'bedsPer1000', of: 'beds', per: 1000, zh: '每千常住人口床位数', en: 'Beds per 1,000' },
  { key: 'doctorsPer1000', of: 'doctors', per: 1000, zh: '每千常住人口执业（助理）医师数', en: 'Doctors per 1,000' },
  { key: 'nursesPer1000', of: 'nurses', per: 1000, zh: '每千常住人口注册护士数', en: 'Nurses per 1,000' },
  {
    key: 'pharmacistsPer1000',
    of: 'pharmacists',
    per: 1000,
    zh: '每千常住人口药师（士）数',
    en: 'Pharmacists per 1,000',
  },
  { key: 'gpsPer10000', of: 'generalPractitioners', per: 10000, zh: '每万常住人口全科医生数', en: 'GPs per 10,000' },
  {
    key: 'tcmDoctorsPer1000',
    of: 'tcmDoctors',
    per: 1000,
    zh: '每千常住人口中医类别执业（助理）医师数',
    en: 'TCM doctors per 1,000',
  },
  {
    key: 'publicHealthStaffPer1000',
    of: 'publicHealthStaff',
    per: 1000,
    zh: '每千常住人口公共卫生人员数',
    en: 'Public-health staff per 1,000',
  },
  {
    key: 'healthTechniciansPer1000',
    of: 'healthTechnicians',
    per: 1000,
    zh: '每千常住人口卫生技术人员数',
    en: 'Health technicians per 1,000',
  },
] as const satisfies readonly {
  key: keyof SummaryRatios;
  of: keyof SummaryComponents;
  per: number;
  zh: string;
  en: string;
}[];

export function summarise(year: number, components: SummaryComponents, population: number | null): AreaYearSummary {
  const ratios = {} as SummaryRatios;
  for (const r of SUMMARY_RATIOS) ratios[r.key] = ratio(components[r.of], population, r.per);
  return { year, population, ...components, ...ratios };
}
