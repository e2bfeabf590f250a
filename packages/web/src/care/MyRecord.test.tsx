import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi } from '../test/fetch-mock.ts';
import { renderPage, users } from '../test/render.tsx';
import MyRecord from './MyRecord.tsx';
import { RECORD } from './test-fixtures.ts';
import type { CareMe } from './types.ts';

const me: CareMe = {
  record: RECORD,
  timeline: {
    conditions: [],
    enrolments: [],
    followups: [],
    checks: [],
    contracts: [
      {
        id: 1,
        teamId: 3,
        teamName: '东村家医团队',
        teamCode: 'T1',
        leadName: '李医生',
        institutionId: 9,
        start: '2026-01-01',
        end: '2099-12-31',
        cancelled: false,
      },
    ],
  },
  openings: [
    {
      id: 5,
      openedAt: '2026-11-02T03:00:00Z',
      username: 'doc-xx',
      institutionId: 12,
      institutionName: '辉县市人民医院',
      basis: 'referral',
    },
  ],
};

describe('MyRecord', () => {
  it("shows the resident's record, contract and who opened it and why, with no entry buttons", async () => {
    const api = mockApi({ 'GET /care/me': me });
    renderPage(<MyRecord />, { url: '/care/me', user: users.readonly });
    const page = await screen.findByTestId('my-record');
    expect(page.textContent).toContain('东村家医团队');
    const openings = screen.getAllByTestId('openings-table').at(-1) as HTMLElement;
    expect(openings.textContent).toContain('doc-xx（辉县市人民医院）');
    expect(openings.textContent).toContain('转诊');
    expect(screen.queryByTestId('record-new-followup')).toBeNull();
    // The resident's own view asks only /care/me (no openings or enrolments of a record by id).
    expect(api.sent.map((s) => s.path)).toEqual(['/care/me']);
  });
});
