import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { apiError, mockApi } from '../test/fetch-mock.ts';
import { inputIn, pickOption, renderPage, users } from '../test/render.tsx';
import { PlacementPanel } from './PlacementPanel.tsx';
import type { PlacementResult, Scenario } from './types.ts';

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
    const api = mockApi({ 'POST /access/placement': mclp, 'GET /access/scenarios': { total: 0, items: [] } });
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
      'GET /access/scenarios': { total: 0, items: [] },
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

const saved = (id: number, name: string, extra: Partial<Scenario> = {}): Scenario => ({
  id,
  areaCode: '410782',
  planId: null,
  name,
  model: 'mclp',
  networkId: 1,
  params: { model: 'mclp', minutes: 15, sites: 2 },
  result: mclp as unknown as Record<string, unknown>,
  createdBy: 'admin',
  createdAt: '2026-12-07T10:00:00.000Z',
  ...extra,
});

/** A scenarios store behind the mocked routes: the list answers what was saved and not deleted. */
function scenarioApi(initial: Scenario[] = [], save?: () => unknown) {
  const items = [...initial];
  return mockApi({
    'POST /access/placement': mclp,
    'GET /plans': {
      items: [
        { id: 7, name: '辉县市卫生健康事业发展规划', regionCode: '410782', status: 'active' },
        { id: 8, name: '其他市规划', regionCode: '410300', status: 'active' },
      ],
    },
    'GET /access/scenarios': () => ({ total: items.length, items: [...items] }),
    'POST /access/scenarios': (req: { body: unknown }) => {
      const refused = save?.();
      if (refused) return refused;
      const body = req.body as { name: string; planId: number | null };
      const row = saved(100 + items.length, body.name, { planId: body.planId });
      items.unshift(row);
      return { status: 201, body: row };
    },
    'DELETE /access/scenarios/:id': (req: { path: string }) => {
      const id = Number(req.path.split('/').at(-1));
      items.splice(
        items.findIndex((s) => s.id === id),
        1,
      );
      return { status: 204 };
    },
  });
}

const scenarioRows = () => screen.queryAllByTestId('scenario-name-cell').map((c) => c.textContent);

describe('PlacementPanel: saving a placement as a scenario', () => {
  it('asks for a name, then sends the answer, its request and the chosen plan; the list shows it', async () => {
    const api = scenarioApi([saved(1, '旧方案')]);
    renderPage(<PlacementPanel area="410782" minutes={15} categories={['B1', 'C']} />);
    await waitFor(() => expect(scenarioRows()).toEqual(['旧方案']));
    fireEvent.click(screen.getByTestId('placement-run'));
    await screen.findByTestId('placement-result');
    expect(api.last('POST', '/access/placement')?.body).toMatchObject({ categories: ['B1', 'C'] });
    fireEvent.click(screen.getByTestId('scenario-save-open'));
    // Blank (spaces only) is refused in the form, nothing is sent.
    fireEvent.change(screen.getByTestId('scenario-name'), { target: { value: '   ' } });
    fireEvent.click(screen.getByTestId('scenario-save'));
    await screen.findByText('请填写方案名称（name）');
    expect(api.calls('POST', '/access/scenarios')).toHaveLength(0);
    // Only the plans of the area's region (or under it) are offered.
    await pickOption('scenario-plan', '辉县市卫生健康事业发展规划');
    expect(screen.queryByText('其他市规划')).toBeNull();
    fireEvent.change(screen.getByTestId('scenario-name'), { target: { value: ' 新增两所卫生院 ' } });
    fireEvent.click(screen.getByTestId('scenario-save'));
    await waitFor(() => expect(scenarioRows()).toEqual(['新增两所卫生院', '旧方案']));
    // The list names the plan the scenario was saved next to.
    await waitFor(() =>
      expect(screen.getAllByTestId('scenario-row')[0]!.textContent).toContain('辉县市卫生健康事业发展规划'),
    );
    expect(api.last('POST', '/access/scenarios')?.body).toEqual({
      area: '410782',
      planId: 7,
      name: '新增两所卫生院',
      params: {
        area: '410782',
        model: 'mclp',
        minutes: 15,
        sites: 3,
        candidates: 'townships',
        keepExisting: true,
        categories: ['B1', 'C'],
      },
      result: mclp,
    });
    // The form closes once saved.
    expect(screen.queryByTestId('scenario-form')).toBeNull();
  });

  it('shows the server’s refusal with the field it names, and keeps the form open', async () => {
    scenarioApi([], () =>
      apiError(403, '无权在该地区保存方案', [{ path: 'area', message: '只读用户不能修改地区数据' }]),
    );
    renderPage(<PlacementPanel area="410782" minutes={15} />);
    fireEvent.click(screen.getByTestId('placement-run'));
    await screen.findByTestId('placement-result');
    fireEvent.click(screen.getByTestId('scenario-save-open'));
    fireEvent.change(screen.getByTestId('scenario-name'), { target: { value: '方案一' } });
    fireEvent.click(screen.getByTestId('scenario-save'));
    const alert = await screen.findByTestId('scenario-save-error');
    expect(alert.textContent).toContain('无权在该地区保存方案');
    expect(alert.textContent).toContain('area: 只读用户不能修改地区数据');
    expect(screen.getByTestId('scenario-form')).toBeTruthy();
    expect(scenarioRows()).toEqual([]);
  });

  it('a read-only user sees and opens scenarios but has no save or delete button', async () => {
    const api = scenarioApi([saved(1, '方案甲')]);
    const onResult = vi.fn();
    renderPage(<PlacementPanel area="410782" minutes={15} onResult={onResult} />, { user: users.readonly });
    await waitFor(() => expect(scenarioRows()).toEqual(['方案甲']));
    expect(screen.queryByTestId('scenario-delete')).toBeNull();
    fireEvent.click(screen.getByTestId('placement-run'));
    await screen.findByTestId('placement-result');
    expect(screen.queryByTestId('scenario-save-open')).toBeNull();
    fireEvent.click(screen.getByTestId('scenario-open'));
    expect(screen.getByTestId('scenario-shown').textContent).toBe('方案：方案甲');
    expect(onResult).toHaveBeenLastCalledWith(expect.objectContaining({ sites: mclp.sites }));
    expect(api.calls('POST', '/access/scenarios')).toHaveLength(0);
  });

  it('opens a saved scenario on the panel (its sites to the map, compared with today) and deletes it', async () => {
    const api = scenarioApi([saved(2, '方案乙', { result: { ...mclp, coveredAfter: 9500 } }), saved(1, '方案甲')]);
    const onResult = vi.fn();
    renderPage(<PlacementPanel area="410782" minutes={15} onResult={onResult} />);
    await waitFor(() => expect(scenarioRows()).toEqual(['方案乙', '方案甲']));
    fireEvent.click(screen.getAllByTestId('scenario-open')[0]!);
    expect(screen.getByTestId('scenario-shown').textContent).toBe('方案：方案乙');
    expect(screen.getByTestId('placement-after').textContent).toContain('9,500（95.0%）');
    expect(screen.getByTestId('placement-today').textContent).toContain('7,000（70.0%）');
    expect(onResult).toHaveBeenLastCalledWith(expect.objectContaining({ coveredAfter: 9500, sites: mclp.sites }));
    // An opened scenario is not offered for saving again.
    expect(screen.queryByTestId('scenario-save-open')).toBeNull();
    fireEvent.click(screen.getAllByTestId('scenario-delete')[0]!);
    fireEvent.click(await screen.findByRole('button', { name: /OK|确\s*定/ }));
    await waitFor(() => expect(scenarioRows()).toEqual(['方案甲']));
    expect(api.calls('DELETE', '/access/scenarios/2')).toHaveLength(1);
    // The deleted scenario leaves the panel and the map.
    expect(screen.queryByTestId('scenario-shown')).toBeNull();
    expect(onResult).toHaveBeenLastCalledWith(null);
  });
});
