import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { apiError, mockApi } from '../test/fetch-mock.ts';
import { inputIn, pickOption, renderPage } from '../test/render.tsx';
import { PlacementPanel } from './PlacementPanel.tsx';
import type { PlacementResult } from './types.ts';

const network = { id: 1, name: '新乡市合成路网', synthetic: true, profile: 'drive', lines: 10, edges: 20 };

const mclp: PlacementResult = {
  area: { code: '410782', name: '辉县市' },
  network,
  model: 'mclp',
  minutes: 15,
  sites: [
    { id: '410782101', name: '上八里镇', lng: 113.6, lat: 35.5, addedHouseholds: 1200 },
    { id: '410782102', name: '南寨镇', lng: 113.7, lat: 35.6, addedHouseholds: 800 },
  ],
  kept: 40,
  objective: 9000,
  optimal: true,
  bound: 9000,
  gap: 0,
  method: 'mip',
  households: 10000,
  coveredToday: 7000,
  coveredAfter: 9000,
  uncoverable: ['410782201001'],
  reduced: { demand: 120, candidates: 18 },
  matrixMs: 40,
};

describe('PlacementPanel', () => {
  it('sends the model, time and number of sites, then compares the answer with today', async () => {
    const api = mockApi({ 'POST /access/placement': mclp });
    const onResult = vi.fn();
    renderPage(<PlacementPanel area="410782" minutes={15} onResult={onResult} />);
    fireEvent.change(inputIn('placement-sites'), { target: { value: '2' } });
    fireEvent.click(screen.getByTestId('placement-run'));
    const result = await screen.findByTestId('placement-result');
    expect(api.last('POST', '/access/placement')?.body).toMatchObject({
      area: '410782',
      model: 'mclp',
      minutes: 15,
      sites: 2,
      candidates: 'townships',
      keepExisting: true,
    });
    expect(within(result).getByTestId('placement-objective').textContent).toBe('覆盖户数 9,000');
    expect(within(result).getByTestId('placement-optimal').textContent).toBe('最优解（已证明）');
    expect(screen.getByTestId('placement-today').textContent).toContain('7,000（70.0%）');
    expect(screen.getByTestId('placement-after').textContent).toContain('9,000（90.0%）');
    expect(screen.getByTestId('placement-after').textContent).toContain('+2,000');
    const rows = within(screen.getByTestId('placement-sites-table')).getAllByRole('row');
    expect(rows.map((r) => r.textContent)).toEqual(['建议新址新增覆盖户数', '上八里镇1,200', '南寨镇800']);
    expect(result.textContent).toContain('1 个村任何候选点都无法在时限内到达');
    expect(onResult).toHaveBeenLastCalledWith(mclp);
  });

  it('LSCP sends no number of sites; a heuristic answer shows its bound and gap; a refusal is shown', async () => {
    let refuse = false;
    const api = mockApi({
      'POST /access/placement': () =>
        refuse
          ? apiError(422, '该地区没有可用路网')
          : {
              ...mclp,
              model: 'lscp',
              objective: 12,
              optimal: false,
              bound: 11,
              gap: 1 / 12,
              method: 'heuristic',
            },
    });
    renderPage(<PlacementPanel area="410782" minutes={30} />);
    await pickOption('placement-model', '最少站点全覆盖（LSCP）');
    expect(document.querySelector('[data-testid="placement-sites"]')).toBeNull();
    fireEvent.click(screen.getByTestId('placement-run'));
    await screen.findByTestId('placement-result');
    const body = api.last('POST', '/access/placement')?.body as Record<string, unknown>;
    expect(body).toMatchObject({ model: 'lscp', minutes: 30 });
    expect(body).not.toHaveProperty('sites');
    expect(screen.getByTestId('placement-objective').textContent).toBe('需新增站点 12 个');
    expect(screen.getByTestId('placement-gap').textContent).toBe('启发式解：界 11，差距 8.33%');
    refuse = true;
    fireEvent.click(screen.getByTestId('placement-run'));
    await waitFor(() => expect(screen.getByText('该地区没有可用路网')).toBeTruthy());
  });
});
