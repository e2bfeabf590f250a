import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiError, mockApi, type Sent } from '../test/fetch-mock.ts';
import { renderPage } from '../test/render.tsx';
import { FollowupForm, type FollowupTarget, readingComplete } from './FollowupForm.tsx';
import { today } from './queries.ts';

const assessment = (b: { sbp?: number | null }) => ({
  classification: (b.sbp ?? 0) >= 140 ? 'uncontrolled' : 'controlled',
  nextDue: (b.sbp ?? 0) >= 140 ? '2026-12-21' : '2027-03-07',
  urgent: (b.sbp ?? 0) >= 180,
  referralSuggested: false,
  reasons: [],
});

function setup(target: Partial<FollowupTarget> = {}, save: unknown = null) {
  const saved: unknown[] = [];
  const api = mockApi({
    'POST /care/followups/assess': (req: Sent) => assessment(req.body as { sbp: number }),
    'POST /care/followups': save ?? ((req: Sent) => ({ id: 9, ...assessment(req.body as { sbp: number }) })),
  });
  renderPage(
    <FollowupForm
      target={{ residentId: 42, name: '张三', program: 'hypertension', lastMedication: '氨氯地平 5mg qd', ...target }}
      onSaved={(s) => saved.push(s)}
    />,
    { url: '/care' },
  );
  return { api, saved };
}

/** Types into whatever has the focus, as a keyboard would (no click, no tab). */
function typeFocused(text: string) {
  const el = document.activeElement as HTMLInputElement;
  fireEvent.change(el, { target: { value: text } });
}
const enter = () => fireEvent.keyDown(document.activeElement as Element, { key: 'Enter', code: 'Enter', keyCode: 13 });

describe('FollowupForm', () => {
  it('knows when a typed blood pressure is whole', () => {
    expect(readingComplete('sbp', '13')).toBe(false);
    expect(readingComplete('sbp', '135')).toBe(true);
    expect(readingComplete('sbp', '95')).toBe(true);
    expect(readingComplete('dbp', '85')).toBe(true);
    expect(readingComplete('dbp', '10')).toBe(false);
    expect(readingComplete('dbp', '105')).toBe(true);
  });

  it('saves a routine hypertension follow-up with two typed fields and Enter: focus moves by itself', async () => {
    const { api, saved } = setup();
    await waitFor(() => expect(document.activeElement?.getAttribute('data-testid')).toBe('f-sbp'));
    typeFocused('135');
    expect(document.activeElement?.getAttribute('data-testid')).toBe('f-dbp');
    typeFocused('85');
    // The rules' proposal appears while typing, before any save.
    const next = await screen.findByTestId('followup-next', {}, { timeout: 5000 });
    expect(next.getAttribute('data-date')).toBe('2027-03-07');
    enter();
    await waitFor(() => expect(saved).toHaveLength(1));
    const body = api.last('POST', '/care/followups')?.body;
    expect(body).toEqual({
      residentId: 42,
      program: 'hypertension',
      date: today(),
      mode: 'clinic',
      sbp: 135,
      dbp: 85,
      fbg: null,
      medication: '氨氯地平 5mg qd',
    });
  });

  it('asks fasting glucose for diabetes and moves there after the diastolic', async () => {
    const { api, saved } = setup({ program: 'diabetes', lastMedication: null });
    await waitFor(() => expect(document.activeElement?.getAttribute('data-testid')).toBe('f-sbp'));
    typeFocused('128');
    typeFocused('78');
    expect(document.activeElement?.getAttribute('data-testid')).toBe('f-fbg');
    typeFocused('6.8');
    enter();
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(api.last('POST', '/care/followups')?.body).toMatchObject({ sbp: 128, dbp: 78, fbg: 6.8 });
    expect(api.last('POST', '/care/followups')?.body).not.toHaveProperty('medication');
  });

  it('keeps the medication unchanged: the latest of the programme, read from the record when the opener lacks it', async () => {
    const followup = (id: number, date: string, program: string, medication: string | null) => ({
      id,
      program,
      date,
      mode: 'clinic',
      sbp: 150,
      dbp: 95,
      fbg: null,
      medication,
      classification: 'uncontrolled',
      nextDue: null,
      urgent: false,
      referralSuggested: false,
      institutionId: 7,
    });
    const api = mockApi({
      'GET /care/residents/42': {
        record: { id: 42 },
        timeline: {
          conditions: [],
          enrolments: [],
          checks: [],
          contracts: [],
          followups: [
            followup(1, '2026-03-01', 'hypertension', '氨氯地平 5mg qd'),
            followup(2, '2026-06-01', 'hypertension', '缬沙坦 80mg qd'),
            followup(3, '2026-07-01', 'diabetes', '二甲双胍 0.5g tid'),
          ],
        },
        access: { basis: 'team', write: true, manage: false },
      },
      'POST /care/followups/assess': (req: Sent) => assessment(req.body as { sbp: number }),
      'POST /care/followups': (req: Sent) => ({ id: 9, ...assessment(req.body as { sbp: number }) }),
    });
    renderPage(<FollowupForm target={{ residentId: 42, name: '张三', program: 'hypertension' }} />, { url: '/care' });
    await waitFor(() => expect((screen.getByTestId('f-medication') as HTMLInputElement).value).toBe('缬沙坦 80mg qd'));
    await waitFor(() => expect(document.activeElement?.getAttribute('data-testid')).toBe('f-sbp'));
    typeFocused('132');
    typeFocused('82');
    enter();
    await waitFor(() =>
      expect(api.last('POST', '/care/followups')?.body).toMatchObject({ medication: '缬沙坦 80mg qd' }),
    );
  });

  it('flags an urgent reading prominently', async () => {
    setup();
    await waitFor(() => expect(document.activeElement?.getAttribute('data-testid')).toBe('f-sbp'));
    typeFocused('185');
    typeFocused('100');
    expect(await screen.findByTestId('followup-urgent', {}, { timeout: 5000 })).toBeTruthy();
  });

  it('refuses readings out of range or a diastolic above the systolic without a request', async () => {
    const { api } = setup();
    await waitFor(() => expect(document.activeElement?.getAttribute('data-testid')).toBe('f-sbp'));
    typeFocused('350');
    typeFocused('90');
    enter();
    expect(await screen.findByText('收缩压应为 40–300 mmHg 的整数')).toBeTruthy();
    fireEvent.change(screen.getByTestId('f-sbp'), { target: { value: '80' } });
    fireEvent.change(screen.getByTestId('f-dbp'), { target: { value: '90' } });
    await act(async () => {
      fireEvent.click(screen.getByTestId('followup-save'));
    });
    expect(await screen.findByText('舒张压应低于收缩压')).toBeTruthy();
    expect(api.calls('POST', '/care/followups')).toEqual([]);
    expect(api.calls('POST', '/care/followups/assess')).toEqual([]);
  });

  it('requires both readings for hypertension', async () => {
    const { api } = setup();
    await waitFor(() => expect(document.activeElement?.getAttribute('data-testid')).toBe('f-sbp'));
    enter();
    await waitFor(() => expect(screen.getAllByText('必填').length).toBe(2));
    expect(api.calls('POST', '/care/followups')).toEqual([]);
  });

  it("shows the server's refusal on the field it names", async () => {
    setup({}, apiError(422, '随访未保存', [{ path: 'sbp', message: '收缩压超出记录范围' }]));
    await waitFor(() => expect(document.activeElement?.getAttribute('data-testid')).toBe('f-sbp'));
    typeFocused('135');
    typeFocused('85');
    enter();
    expect(await screen.findByText('收缩压超出记录范围', {}, { timeout: 5000 })).toBeTruthy();
    expect(screen.getByTestId('followup-error').textContent).toContain('随访未保存');
  });
});
