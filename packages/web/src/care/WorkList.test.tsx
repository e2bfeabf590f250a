import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi, type Sent } from '../test/fetch-mock.ts';
import { pickOption, renderPage, users } from '../test/render.tsx';
import type { WorkItem } from './types.ts';
import WorkList from './WorkList.tsx';

const item = (residentId: number, name: string, over: Partial<WorkItem> = {}): WorkItem => ({
  residentId,
  name,
  sex: 'M',
  age: 67,
  areaCode: '410782100201',
  villageName: '东村',
  idMasked: '410782********0017',
  phoneMasked: null,
  kind: 'followup',
  program: 'hypertension',
  checkType: null,
  lastDate: '2026-06-01',
  dueDate: '2026-09-01',
  overdueDays: 97,
  urgent: false,
  doctorUserId: 3,
  ...over,
});

const rows = [
  item(1, '张三'),
  item(2, '李四', { program: 'diabetes' }),
  item(3, '王五', { kind: 'check', program: null, checkType: 'elderly-annual', overdueDays: 0 }),
];

function setup(url = '/care') {
  const api = mockApi({
    'GET /care/worklist': (req: Sent) => ({
      items: req.query.get('program') === 'diabetes' ? [rows[1]] : rows,
      total: 3,
      totalExact: true,
      nextCursor: null,
      asOf: '2026-12-07',
      due: 1,
      overdue: 2,
    }),
    'GET /care/teams': { total: 1, items: [{ id: 5, name: '东村家医团队', members: [] }] },
    'POST /care/followups/assess': {
      classification: 'controlled',
      nextDue: '2027-03-07',
      urgent: false,
      referralSuggested: false,
      reasons: [],
    },
  });
  const page = renderPage(<WorkList />, { url, user: users.institution });
  return { api, page };
}

describe('WorkList', () => {
  it('sends the filters in the URL and the query, and starts again from the first page', async () => {
    const { api, page } = setup();
    await screen.findAllByTestId('worklist-row');
    expect(api.last('GET', '/care/worklist')?.query.get('status')).toBe('due');
    fireEvent.click(within(screen.getByTestId('wl-status')).getByText('已逾期'));
    await waitFor(() => expect(api.last('GET', '/care/worklist')?.query.get('status')).toBe('overdue'));
    await pickOption('wl-program', '2型糖尿病');
    await waitFor(() => expect(api.last('GET', '/care/worklist')?.query.get('program')).toBe('diabetes'));
    await pickOption('wl-team', '东村家医团队');
    await waitFor(() => expect(api.last('GET', '/care/worklist')?.query.get('team')).toBe('5'));
    await pickOption('wl-sort', '按村/社区');
    await waitFor(() => expect(api.last('GET', '/care/worklist')?.query.get('sort')).toBe('village'));
    expect(page.location()).toBe('/care?status=overdue&program=diabetes&team=5&sort=village');
    const last = api.last('GET', '/care/worklist');
    expect(last?.query.get('cursor')).toBeNull();
    await waitFor(() => expect(screen.getAllByTestId('worklist-row')).toHaveLength(1));
    // The export link carries the same filters.
    const href = screen.getByTestId('worklist-export').getAttribute('href') ?? '';
    expect(href).toContain('/api/v1/care/worklist.xlsx?');
    expect(href).toContain('program=diabetes');
    expect(href).toContain('team=5');
  });

  it('opens the follow-up form of a row with one click, the readings field focused', async () => {
    setup();
    const [first] = await screen.findAllByTestId('worklist-row');
    fireEvent.click(first as HTMLElement);
    const form = await screen.findByTestId('followup-form');
    expect(form.getAttribute('data-program')).toBe('hypertension');
    await waitFor(() => expect(document.activeElement?.getAttribute('data-testid')).toBe('f-sbp'));
  });

  it('moves with ↓ and opens the selected row with Enter (a check opens the check form)', async () => {
    setup();
    await screen.findAllByTestId('worklist-row');
    const keys = screen.getByTestId('worklist-keys');
    fireEvent.keyDown(keys, { key: 'ArrowDown' });
    fireEvent.keyDown(keys, { key: 'ArrowDown' });
    await waitFor(() => expect(screen.getAllByTestId('worklist-row')[2]?.getAttribute('data-selected')).toBe('true'));
    fireEvent.keyDown(keys, { key: 'Enter' });
    expect(await screen.findByTestId('check-form')).toBeTruthy();
  });
});
