import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Wire } from '../platform/wire.ts';
import { mockApi } from '../test/fetch-mock.ts';
import { pickOption, renderPage, testMeta, users } from '../test/render.tsx';
import NetworkPage, { pickerArea } from './NetworkPage.tsx';
import NetworksPage from './NetworksPage.tsx';

const meta = {
  ...testMeta,
  networkTypes: [
    { code: 'county-medical-community', zh: '紧密型县域医共体', en: 'County medical community' },
    { code: 'urban-medical-group', zh: '城市医疗集团', en: 'Urban medical group' },
  ],
};

const member = (id: number, name: string, over: Partial<Wire<'NetworkMember'>> = {}): Wire<'NetworkMember'> => ({
  id,
  name,
  category: 'A1',
  areaCode: '410782001',
  areaName: '城关街道',
  countyCode: '410782',
  closedOn: null,
  isLead: false,
  version: 1,
  ...over,
});

const network: Wire<'NetworkDetail'> = {
  id: 3,
  name: '辉县市医共体',
  type: 'county-medical-community',
  countyCode: '410782',
  countyName: '辉县市',
  leadInstitutionId: 7,
  leadName: '辉县市人民医院',
  members: 2,
  version: 5,
  updatedAt: '2024-01-01T00:00:00Z',
  memberList: [
    member(7, '辉县市人民医院', { isLead: true }),
    member(8, '薄壁镇卫生院'),
    member(9, '原峪河卫生院', { closedOn: '2023-12-31' }),
  ],
};

const show = (user = users.city, extra: Record<string, unknown> = {}) => {
  const api = mockApi({
    'GET /networks/3': network,
    'GET /institutions': { total: 1, totalExact: true, nextCursor: null, items: [{ id: 11, name: '峪河镇卫生院' }] },
    ...extra,
  });
  renderPage(<NetworkPage />, { url: '/networks/3', path: '/networks/:id', user, meta });
  return api;
};

describe('NetworkPage', () => {
  it('shows the members with the lead first and closed ones as history', async () => {
    show();
    const table = await screen.findByTestId('network-members');
    expect(within(table).getByText('牵头单位')).toBeTruthy();
    expect(within(table).getByText('已撤销')).toBeTruthy();
    expect(screen.getByTestId('network-attributes').textContent).toContain('辉县市');
    // the lead may not be removed; a closed member may not lead
    expect((screen.getByTestId('network-remove-7') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.queryByTestId('network-lead-9')).toBeNull();
    expect((screen.getByTestId('network-delete') as HTMLButtonElement).disabled).toBe(true);
  });

  it('adds a member, makes another the lead and removes one, each answered by the network as it is', async () => {
    const api = show(users.city, {
      'POST /networks/3/members': { ...network, memberList: [...network.memberList, member(11, '峪河镇卫生院')] },
      'PUT /networks/3': { ...network, leadInstitutionId: 8, leadName: '薄壁镇卫生院', version: 6 },
      'DELETE /networks/3/members/8': { ...network, memberList: network.memberList.filter((m) => m.id !== 8) },
    });
    await screen.findByTestId('network-members');
    await pickOption('institution-picker', '峪河镇卫生院');
    fireEvent.click(screen.getByTestId('network-add'));
    await waitFor(() => expect(api.last('POST', '/networks/3/members')?.body).toEqual({ institutionId: 11 }));
    // the picker looks within the community's county
    expect(api.last('GET', '/institutions')?.query.get('area')).toBe('410782');
    expect(await screen.findByText('峪河镇卫生院 已加入')).toBeTruthy();

    fireEvent.click(screen.getByTestId('network-lead-8'));
    await waitFor(() =>
      expect(api.last('PUT', '/networks/3')?.body).toEqual({
        name: '辉县市医共体',
        type: 'county-medical-community',
        leadInstitutionId: 8,
        version: 5,
      }),
    );
    fireEvent.click(screen.getByTestId('network-remove-8'));
    fireEvent.click(await screen.findByRole('button', { name: /确\s*定|OK/ }));
    await waitFor(() => expect(api.calls('DELETE', '/networks/3/members/8')).toHaveLength(1));
  });

  it('shows the server’s refusal of a member', async () => {
    show(users.city, {
      'POST /networks/3/members': {
        status: 422,
        body: {
          error: {
            code: 'VALIDATION_FAILED',
            message: '数据校验未通过（1 处错误）',
            details: [{ path: 'institutionId', message: '峪河镇卫生院不能加入：县域医共体的成员须在本县（市、区）内' }],
          },
        },
      },
    });
    await screen.findByTestId('network-members');
    await pickOption('institution-picker', '峪河镇卫生院');
    fireEvent.click(screen.getByTestId('network-add'));
    expect((await screen.findByTestId('network-error')).textContent).toContain('县域医共体的成员须在本县');
  });

  it('offers no changes to read-only users', async () => {
    show(users.readonly);
    await screen.findByTestId('network-members');
    expect(screen.queryByTestId('network-edit')).toBeNull();
    expect(screen.queryByTestId('network-add')).toBeNull();
    expect(screen.queryByTestId('network-remove-8')).toBeNull();
  });

  it('narrows the member search to the kind’s reach within the caller’s scope', () => {
    expect(pickerArea('county-medical-community', '410782', '4107')).toBe('410782');
    expect(pickerArea('urban-medical-group', '410702', '4107')).toBe('4107');
    expect(pickerArea('urban-medical-group', '410702', '410782')).toBe('410782');
    expect(pickerArea('specialty-alliance', '410702', '41')).toBe('41');
  });
});

describe('NetworksPage', () => {
  const list = {
    total: 1,
    items: [{ ...network, memberList: undefined }],
  };

  it('lists networks with county, lead and members, and creates one in the county', async () => {
    const api = mockApi({
      'GET /areas/:code': { code: '4107', name: '新乡市', level: 2, ancestors: [], children: [] },
      'GET /networks': list,
      'POST /networks': { ...network, id: 4, name: '辉县市儿科专科联盟', memberList: [] },
    });
    renderPage(<NetworksPage />, {
      url: '/networks',
      meta,
      user: { ...users.city, role: 'county', scopeAreaCode: '410782', scopeAreaName: '辉县市' },
    });
    const table = await screen.findByTestId('networks-table');
    expect(await within(table).findByText('辉县市医共体')).toBeTruthy();
    expect(within(table).getByText('紧密型县域医共体')).toBeTruthy();
    expect(within(table).getByText('2 家')).toBeTruthy();
    fireEvent.click(screen.getByTestId('network-new'));
    // the name is required: nothing is sent without it
    fireEvent.click(await screen.findByTestId('network-form-ok'));
    expect(await screen.findByText('医联体名称不能为空')).toBeTruthy();
    fireEvent.change(screen.getByTestId('net-name'), { target: { value: '辉县市儿科专科联盟' } });
    fireEvent.click(screen.getByTestId('network-form-ok'));
    await waitFor(() =>
      expect(api.last('POST', '/networks')?.body).toEqual({
        name: '辉县市儿科专科联盟',
        type: 'county-medical-community',
        leadInstitutionId: null,
        countyCode: '410782',
        memberIds: [],
      }),
    );
    await waitFor(() => expect(screen.getByTestId('location').textContent).toBe('/networks/4'));
  });

  it('offers no new network to read-only users', async () => {
    mockApi({
      'GET /areas/:code': { code: '4107', name: '新乡市', level: 2, ancestors: [], children: [] },
      'GET /networks': list,
    });
    renderPage(<NetworksPage />, { url: '/networks', meta, user: users.readonly });
    await screen.findByTestId('networks-table');
    expect(screen.queryByTestId('network-new')).toBeNull();
  });
});
