import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi, type Sent } from '../test/fetch-mock.ts';
import { renderPage, users } from '../test/render.tsx';
import ResidentRecord from './ResidentRecord.tsx';
import { RECORD } from './test-fixtures.ts';
import type { ResidentDetail } from './types.ts';

const detail: ResidentDetail = {
  record: RECORD,
  timeline: {
    conditions: [],
    enrolments: [{ id: 1, program: 'hypertension', start: '2021-05-01', end: null, institutionId: 9, doctorUserId: 3 }],
    followups: [
      {
        id: 4,
        program: 'hypertension',
        date: '2026-06-01',
        mode: 'clinic',
        sbp: 182,
        dbp: 96,
        fbg: null,
        medication: '氨氯地平',
        classification: 'uncontrolled',
        nextDue: '2026-06-15',
        urgent: true,
        referralSuggested: false,
        institutionId: 9,
      },
    ],
    checks: [],
    contracts: [],
  },
  access: { basis: 'treatment', write: false, manage: false },
};

describe('ResidentRecord', () => {
  it('asks a clinician elsewhere to state a reason, then opens the record with it', async () => {
    const api = mockApi({
      'GET /care/residents/31': (req: Sent) =>
        req.query.get('reason')
          ? detail
          : { status: 403, body: { error: { code: 'REASON_REQUIRED', message: '请说明调阅理由', details: [] } } },
      'GET /care/residents/31/openings': { items: [], total: 0, totalExact: true, nextCursor: null },
      'GET /care/residents/31/enrolments': { total: 1, items: [], keyFlags: ['elderly', 'hypertension'] },
    });
    renderPage(<ResidentRecord />, { url: '/care/residents/31', path: '/care/residents/:id', user: users.institution });
    await screen.findByTestId('reason-dialog');
    fireEvent.click(await screen.findByText('转诊'));
    fireEvent.click(screen.getByTestId('reason-ok'));
    const record = await screen.findByTestId('resident-record', {}, { timeout: 5000 });
    expect(api.last('GET', '/care/residents/31')?.query.get('reason')).toBe('referral');
    expect(record.textContent).toContain('410782195803020017');
    // The timeline shows the urgent follow-up; a reader without the write right gets no entry buttons.
    expect((await screen.findByTestId('timeline-followup')).textContent).toContain('182/96');
    expect(screen.getByTestId('timeline-followup').textContent).toContain('紧急转诊');
    expect(screen.queryByTestId('record-new-followup')).toBeNull();
    await waitFor(() => expect(screen.getByTestId('record-key-flags').textContent).toBe('65岁及以上高血压'));
  });

  it('shows any other refusal as an error, without the reason dialog', async () => {
    mockApi({
      'GET /care/residents/31': {
        status: 404,
        body: { error: { code: 'NOT_FOUND', message: '档案不存在', details: [] } },
      },
    });
    renderPage(<ResidentRecord />, { url: '/care/residents/31', path: '/care/residents/:id', user: users.institution });
    expect((await screen.findByTestId('load-error')).textContent).toContain('档案不存在');
    await waitFor(() => expect(screen.queryByTestId('reason-dialog')).toBeNull());
  });
});
