import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi } from '../test/fetch-mock.ts';
import { inputIn, pickOption, renderPage, users } from '../test/render.tsx';
import { today } from './queries.ts';
import ResidentRecord from './ResidentRecord.tsx';
import { RECORD } from './test-fixtures.ts';
import type { ResidentRecord as Rec, ResidentDetail } from './types.ts';

const record: Rec = RECORD;
const detail: ResidentDetail = {
  record,
  timeline: {
    conditions: [{ icd10: 'E11.9', name: '2型糖尿病', diagnosed: '2021-05-01' }],
    enrolments: [{ id: 1, program: 'hypertension', start: '2021-05-01', end: null, institutionId: 9, doctorUserId: 3 }],
    followups: [],
    checks: [],
    contracts: [
      {
        id: 5,
        teamId: 2,
        teamName: '东村家医团队',
        teamCode: 'T2',
        leadName: '李医生',
        institutionId: 9,
        start: '2025-01-01',
        end: '2099-12-31',
        cancelled: false,
      },
    ],
  },
  access: { basis: 'keeper', write: true, manage: true },
};
const base = {
  'GET /care/residents/31': detail,
  'GET /care/residents/31/openings': { items: [], total: 0, totalExact: true, nextCursor: null },
  'GET /care/residents/31/enrolments': { total: 1, items: [], keyFlags: ['hypertension'] },
};
const open = async () => {
  renderPage(<ResidentRecord />, { url: '/care/residents/31', path: '/care/residents/:id', user: users.institution });
  await screen.findByTestId('resident-record', {}, { timeout: 5000 });
};
const refusal = (path: string, message: string) => ({
  status: 422,
  body: { error: { code: 'VALIDATION_FAILED', message: '数据校验未通过（1 处错误）', details: [{ path, message }] } },
});

describe('record actions', () => {
  it('ends a programme (结案) with date and reason: the reason is required, the server’s refusal shows at its field', async () => {
    let refused = false;
    const api = mockApi({
      ...base,
      'PUT /care/enrolments/:id': () => {
        if (refused) return { ...detail.timeline.enrolments[0], end: today() };
        refused = true;
        return refusal('end', '结束日期早于死亡日期');
      },
    });
    await open();
    fireEvent.click(screen.getByTestId('record-end-enrolment'));
    fireEvent.click(await screen.findByTestId('end-ok'));
    expect(await screen.findByText('必填')).toBeTruthy();
    expect(api.calls('PUT', '/care/enrolments/1')).toHaveLength(0);
    await pickOption('end-reason', '迁出');
    fireEvent.click(screen.getByTestId('end-ok'));
    expect(await screen.findByText('结束日期早于死亡日期', {}, { timeout: 3000 })).toBeTruthy();
    expect(api.last('PUT', '/care/enrolments/1')?.body).toEqual({ end: today(), endReason: 'moved-out' });
    fireEvent.click(screen.getByTestId('end-ok'));
    expect(await screen.findByText('已结案：高血压', {}, { timeout: 3000 })).toBeTruthy();
  });

  it('adds a chronic condition by a valid ICD-10 code and removes one after confirmation', async () => {
    const api = mockApi({
      ...base,
      'POST /care/residents/:id/conditions': { conditions: [] },
      'DELETE /care/residents/:id/conditions/:icd10': { conditions: [] },
    });
    await open();
    fireEvent.click(screen.getByText('慢性病诊断'));
    const table = await screen.findByTestId('record-conditions');
    expect(within(table).getByText('2型糖尿病')).toBeTruthy();
    fireEvent.change(screen.getByTestId('condition-icd10'), { target: { value: 'I1' } });
    fireEvent.click(screen.getByTestId('condition-add'));
    expect(await screen.findByText(/ICD-10 编码应为1个字母加2位数字/)).toBeTruthy();
    expect(api.calls('POST', '/care/residents/31/conditions')).toHaveLength(0);
    fireEvent.change(screen.getByTestId('condition-icd10'), { target: { value: 'i10' } });
    fireEvent.change(screen.getByTestId('condition-name'), { target: { value: '原发性高血压' } });
    fireEvent.click(screen.getByTestId('condition-add'));
    await waitFor(() =>
      expect(api.last('POST', '/care/residents/31/conditions')?.body).toEqual({
        icd10: 'I10',
        name: '原发性高血压',
        diagnosed: null,
      }),
    );
    fireEvent.click(screen.getByTestId('condition-remove-E11.9'));
    fireEvent.click(await screen.findByTestId('condition-remove-ok'));
    await waitFor(() => expect(api.calls('DELETE', '/care/residents/31/conditions/E11.9')).toHaveLength(1));
  });

  it('cancels a live contract after confirmation', async () => {
    const api = mockApi({ ...base, 'POST /care/contracts/:id/cancel': { id: 5, cancelled: true } });
    await open();
    fireEvent.click(screen.getByText('签约记录'));
    fireEvent.click(await screen.findByTestId('contract-cancel-5'));
    expect(await screen.findByText('解除与 东村家医团队 的签约（2025-01-01–2099-12-31）？')).toBeTruthy();
    fireEvent.click(screen.getByTestId('contract-cancel-ok'));
    await waitFor(() => expect(api.calls('POST', '/care/contracts/5/cancel')).toHaveLength(1));
  });

  it('merges a duplicate: both records shown side by side, then the merge is sent; the server’s refusal shows', async () => {
    const other = { ...record, id: 32, idNumber: null, established: '2023-04-01', keeperName: '辉县市人民医院' };
    let refused = false;
    const api = mockApi({
      ...base,
      'GET /care/residents': {
        total: 1,
        totalExact: true,
        nextCursor: null,
        items: [{ ...other, standing: 'keeper' }],
      },
      'GET /care/residents/32': { ...detail, record: other },
      'POST /care/residents/:id/merge': () => {
        if (refused) return { ...detail, record: other };
        refused = true;
        return refusal('into', '两份档案的性别或出生日期不同，请先更正再合并');
      },
    });
    await open();
    fireEvent.click(screen.getByTestId('record-merge'));
    expect((screen.getByTestId('merge-ok') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(inputIn('merge-target'), { target: { value: '张三' } });
    await pickOption('merge-target', '张三（男，1958-03-02，410782********0017）');
    const compare = screen.getByTestId('merge-compare');
    expect(await within(compare).findByText('辉县市人民医院')).toBeTruthy();
    expect(within(compare).getByText('薄壁镇卫生院')).toBeTruthy();
    fireEvent.click(screen.getByTestId('merge-ok'));
    expect(await screen.findByText(/两份档案的性别或出生日期不同/, {}, { timeout: 3000 })).toBeTruthy();
    expect(api.last('POST', '/care/residents/31/merge')?.body).toEqual({ into: 32 });
    fireEvent.click(screen.getByTestId('merge-ok'));
    await waitFor(() => expect(api.calls('POST', '/care/residents/31/merge')).toHaveLength(2));
  });
});
