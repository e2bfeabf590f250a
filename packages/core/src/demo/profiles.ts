// Staffing and activity profiles by kind of institution. The shares are relative weights: the resource
// allocator scales them so the city adds up to the published totals, so only proportions between kinds
// matter (a county hospital has ~37 % doctors and ~47 % nurses among its technicians; a clinic is mostly
// doctors).

export type Kind =
  | 'hospital-tertiary'
  | 'hospital-county'
  | 'hospital-secondary'
  | 'hospital-tcm'
  | 'hospital-specialty'
  | 'hospital-private'
  | 'thc'
  | 'chc'
  | 'chs'
  | 'village'
  | 'clinic'
  | 'opd'
  | 'infirmary'
  | 'mch'
  | 'cdc'
  | 'supervision'
  | 'emergency'
  | 'blood'
  | 'education'
  | 'prevention'
  | 'centre';

export interface Profile {
  /** Doctors, nurses and other technicians as shares of health technicians. */
  staff: readonly [number, number, number];
  /** Weight of general practitioners among doctors. */
  gp: number;
  minDoctors: number;
  /** Yearly growth of the institution's size, drawn between the two bounds. */
  growth: readonly [number, number];
  /** Non-technical staff (管理, 工勤) as a share of technicians. */
  otherStaff: number;
  assistant: number;
  tcm: number;
  pediatric: number;
  psychiatric: number;
  publicHealthStaff: number;
  /** Outpatient and emergency visits per doctor per year; null = the institution reports none. */
  visitsPerDoctor: readonly [number, number] | null;
  occupancy: readonly [number, number];
  /** Average length of stay in days. */
  alos: readonly [number, number];
}

const base: Profile = {
  staff: [0.37, 0.47, 0.16],
  gp: 0.06,
  minDoctors: 1,
  growth: [0.02, 0.04],
  otherStaff: 0.17,
  assistant: 0.05,
  tcm: 0.08,
  pediatric: 0.05,
  psychiatric: 0.01,
  publicHealthStaff: 0.015,
  visitsPerDoctor: [1500, 2400],
  occupancy: [0.8, 0.93],
  alos: [7.5, 9.5],
};

export const PROFILES: Readonly<Record<Kind, Profile>> = {
  'hospital-tertiary': {
    ...base,
    gp: 0.03,
    assistant: 0.02,
    growth: [0.03, 0.05],
    occupancy: [0.86, 0.95],
    alos: [8, 9.5],
  },
  'hospital-county': { ...base, assistant: 0.06, growth: [0.03, 0.05] },
  'hospital-secondary': { ...base, assistant: 0.08, occupancy: [0.74, 0.88] },
  'hospital-tcm': { ...base, staff: [0.42, 0.4, 0.18], tcm: 0.55, occupancy: [0.78, 0.9], alos: [8, 10] },
  'hospital-specialty': {
    ...base,
    staff: [0.32, 0.52, 0.16],
    pediatric: 0,
    psychiatric: 0,
    tcm: 0.04,
    occupancy: [0.78, 0.94],
    alos: [8, 12],
  },
  'hospital-private': {
    ...base,
    staff: [0.4, 0.42, 0.18],
    gp: 0.05,
    assistant: 0.12,
    growth: [0.04, 0.08],
    otherStaff: 0.22,
    pediatric: 0.03,
    occupancy: [0.7, 0.86],
    alos: [7, 10],
  },
  thc: {
    ...base,
    staff: [0.45, 0.33, 0.22],
    gp: 0.3,
    minDoctors: 3,
    growth: [0.015, 0.035],
    assistant: 0.35,
    tcm: 0.18,
    pediatric: 0.03,
    psychiatric: 0,
    publicHealthStaff: 0.25,
    visitsPerDoctor: [2200, 3400],
    occupancy: [0.7, 0.84],
    alos: [5.5, 7.5],
  },
  chc: {
    ...base,
    staff: [0.45, 0.35, 0.2],
    gp: 0.45,
    minDoctors: 3,
    growth: [0.02, 0.045],
    assistant: 0.2,
    tcm: 0.18,
    pediatric: 0.03,
    psychiatric: 0,
    publicHealthStaff: 0.25,
    visitsPerDoctor: [2400, 3600],
    occupancy: [0.7, 0.8],
    alos: [7, 10],
  },
  chs: {
    ...base,
    staff: [0.5, 0.4, 0.1],
    gp: 0.4,
    growth: [0.0, 0.03],
    otherStaff: 0.05,
    assistant: 0.25,
    tcm: 0.15,
    pediatric: 0,
    psychiatric: 0,
    publicHealthStaff: 0.2,
    visitsPerDoctor: [2500, 4000],
  },
  village: {
    ...base,
    staff: [1, 0, 0],
    gp: 0,
    growth: [0, 0],
    otherStaff: 0,
    assistant: 0.7,
    tcm: 0,
    pediatric: 0,
    psychiatric: 0,
    publicHealthStaff: 0,
    visitsPerDoctor: [1500, 3000],
  },
  clinic: {
    ...base,
    staff: [0.62, 0.3, 0.08],
    gp: 0.05,
    growth: [0.0, 0.02],
    otherStaff: 0.05,
    assistant: 0.3,
    tcm: 0.15,
    pediatric: 0.02,
    psychiatric: 0,
    publicHealthStaff: 0,
    visitsPerDoctor: [2000, 3500],
  },
  opd: {
    ...base,
    staff: [0.5, 0.35, 0.15],
    gp: 0.05,
    minDoctors: 2,
    growth: [0.01, 0.04],
    otherStaff: 0.12,
    assistant: 0.15,
    tcm: 0.12,
    pediatric: 0.03,
    psychiatric: 0,
    publicHealthStaff: 0,
    visitsPerDoctor: [1800, 3000],
  },
  infirmary: {
    ...base,
    staff: [0.6, 0.35, 0.05],
    gp: 0.1,
    growth: [0, 0.01],
    otherStaff: 0.05,
    assistant: 0.25,
    tcm: 0.05,
    pediatric: 0,
    psychiatric: 0,
    publicHealthStaff: 0,
    visitsPerDoctor: [800, 1500],
  },
  mch: {
    ...base,
    staff: [0.4, 0.45, 0.15],
    gp: 0.01,
    assistant: 0.05,
    tcm: 0.04,
    pediatric: 0.3,
    psychiatric: 0,
    publicHealthStaff: 0.3,
    visitsPerDoctor: [2000, 3000],
    occupancy: [0.72, 0.88],
    alos: [4, 5.5],
  },
  cdc: {
    ...base,
    staff: [0.45, 0.1, 0.45],
    gp: 0,
    growth: [0.01, 0.04],
    otherStaff: 0.2,
    assistant: 0.15,
    tcm: 0,
    pediatric: 0,
    psychiatric: 0,
    publicHealthStaff: 0.9,
    visitsPerDoctor: null,
  },
  supervision: {
    ...base,
    staff: [0.05, 0.0, 0.95],
    gp: 0,
    minDoctors: 0,
    growth: [0, 0.02],
    otherStaff: 0.15,
    assistant: 0,
    tcm: 0,
    pediatric: 0,
    psychiatric: 0,
    publicHealthStaff: 1,
    visitsPerDoctor: null,
  },
  emergency: {
    ...base,
    staff: [0.45, 0.45, 0.1],
    gp: 0.02,
    growth: [0.03, 0.06],
    otherStaff: 0.6,
    assistant: 0.05,
    tcm: 0,
    pediatric: 0,
    psychiatric: 0,
    publicHealthStaff: 0,
    visitsPerDoctor: null,
  },
  blood: {
    ...base,
    staff: [0.15, 0.45, 0.4],
    gp: 0,
    growth: [0.01, 0.03],
    otherStaff: 0.3,
    assistant: 0.05,
    tcm: 0,
    pediatric: 0,
    psychiatric: 0,
    publicHealthStaff: 0,
    visitsPerDoctor: null,
  },
  education: {
    ...base,
    staff: [0.4, 0.1, 0.5],
    gp: 0,
    growth: [0, 0.01],
    otherStaff: 0.3,
    assistant: 0,
    tcm: 0,
    pediatric: 0,
    psychiatric: 0,
    publicHealthStaff: 1,
    visitsPerDoctor: null,
  },
  prevention: {
    ...base,
    staff: [0.45, 0.35, 0.2],
    gp: 0.02,
    growth: [0, 0.03],
    assistant: 0.1,
    tcm: 0.05,
    pediatric: 0,
    psychiatric: 0,
    publicHealthStaff: 0.4,
    visitsPerDoctor: [800, 1500],
    occupancy: [0.7, 0.85],
    alos: [15, 25],
  },
  centre: {
    ...base,
    staff: [0.3, 0.35, 0.35],
    gp: 0.02,
    growth: [0.05, 0.12],
    otherStaff: 0.15,
    assistant: 0.05,
    tcm: 0.02,
    pediatric: 0,
    psychiatric: 0,
    publicHealthStaff: 0,
    visitsPerDoctor: [1000, 2500],
    occupancy: [0.72, 0.9],
    alos: [20, 40],
  },
};
