import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi } from '../test/fetch-mock.ts';
import { renderPage, users } from '../test/render.tsx';
import Contracts from './Contracts.tsx';
import type { Contract } from './types.ts';

const contract: Contract = {
  id: 8,
  countyCode: '410782',
  residentId: 31,
  residentName: '张三',
  teamId: 2,
  teamName: '东村家医团队',
  packageId: null,
  packageName: null,
  start: '2025-01-01',
  end: '2099-12-31',
  renewedFrom: null,
  cancelled: false,
  active: true,
};

describe('Contracts', () => {
  it('cancels (解约) a contract after confirmation and shows the server’s refusal', async () => {
    const api = mockApi({
      'GET /care/teams': { total: 0, items: [] },
      'GET /care/packages': { total: 0, items: [] },
      'GET /care/contracts': { total: 1, items: [contract] },
      'POST /care/contracts/:id/cancel': {
        status: 403,
        body: { error: { code: 'FORBIDDEN', message: '只有签约团队所在机构可以解约', details: [] } },
      },
    });
    renderPage(<Contracts />, { url: '/care/contracts', user: users.institution });
    fireEvent.click(await screen.findByTestId('contract-cancel-8'));
    expect(await screen.findByText('解除与 东村家医团队 的签约（2025-01-01–2099-12-31）？')).toBeTruthy();
    expect(api.calls('POST', '/care/contracts/8/cancel')).toHaveLength(0);
    fireEvent.click(screen.getByTestId('contract-cancel-ok'));
    await waitFor(() => expect(api.calls('POST', '/care/contracts/8/cancel')).toHaveLength(1));
    expect(await screen.findByText('只有签约团队所在机构可以解约')).toBeTruthy();
  });
});
