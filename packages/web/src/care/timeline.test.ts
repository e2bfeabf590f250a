import { describe, expect, it } from 'vitest';
import { timelineOf } from './timeline.ts';
import type { Timeline } from './types.ts';

const timeline: Timeline = {
  conditions: [{ icd10: 'I10', name: '高血压', diagnosed: '2021-05-01' }],
  enrolments: [
    { id: 1, program: 'hypertension', start: '2021-05-01', end: '2024-01-02', institutionId: 7, doctorUserId: null },
  ],
  followups: [
    {
      id: 1,
      program: 'hypertension',
      date: '2023-06-01',
      mode: 'clinic',
      sbp: 150,
      dbp: 95,
      fbg: null,
      medication: null,
      classification: 'uncontrolled',
      nextDue: '2023-06-15',
      urgent: false,
      referralSuggested: false,
      institutionId: 7,
    },
  ],
  checks: [{ id: 1, type: 'elderly-annual', date: '2023-06-01', complete: true, institutionId: 7 }],
  contracts: [
    {
      id: 1,
      teamId: 3,
      teamName: '一队',
      teamCode: 'T1',
      leadName: '李医生',
      institutionId: 7,
      start: '2022-01-01',
      end: '2022-12-31',
      cancelled: false,
    },
  ],
};

describe('timelineOf', () => {
  it('orders every kind of event newest first, keeping the day order stable', () => {
    const kinds = timelineOf('2020-03-01', timeline).map((e) => `${e.date} ${e.kind}`);
    expect(kinds).toEqual([
      '2024-01-02 ended',
      '2023-06-01 followup',
      '2023-06-01 check',
      '2022-01-01 contract',
      '2021-05-01 condition',
      '2021-05-01 enrolled',
      '2020-03-01 established',
    ]);
  });
});
