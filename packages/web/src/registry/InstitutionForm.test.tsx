import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { mockApi } from '../test/fetch-mock.ts';
import { inputIn, pickOption, renderPage, users } from '../test/render.tsx';
import { InstitutionForm } from './InstitutionForm.tsx';
import type { Institution } from './types.ts';

const hospital: Institution = {
  id: 7,
  name: '辉县市人民医院',
  uscc: '12410782MB0000000R',
  category: 'A1',
  gradeLevel: 2,
  gradeClass: '甲',
  ownership: 'government',
  forProfit: false,
  areaCode: '410782001',
  countyCode: '410782',
  lng: null,
  lat: null,
  openedOn: '1950-05-01',
  closedOn: null,
  closedReason: null,
  networkId: 3,
  networkName: '辉县市医共体',
  networkType: 'county-medical-community',
  isNetworkLead: true,
  networkLeadId: 7,
  networkLeadName: '辉县市人民医院',
  synthetic: false,
  version: 4,
  updatedAt: '2024-01-01T00:00:00Z',
  areaName: '城关街道',
  areaPath: ['河南省', '新乡市', '辉县市', '城关街道'],
};

const area = (code: string, name: string, level: number, children: unknown[] = []) => ({
  code,
  name,
  level,
  parentCode: null,
  ancestors: [],
  children,
});

function routes(extra: Record<string, unknown> = {}) {
  return mockApi({
    'GET /areas/:code': area('4107', '新乡市', 2, [{ code: '410782', name: '辉县市', level: 3, hasChildren: true }]),
    'GET /networks': { total: 1, items: [{ id: 3, name: '辉县市医共体', type: 'county-medical-community' }] },
    ...extra,
  });
}

const errorsOf = (field: string) =>
  [...document.querySelectorAll(`#${field}_help .ant-form-item-explain-error`)].map((e) => e.textContent);

describe('InstitutionForm', () => {
  it('checks the registry’s rules before sending and shows every problem at its field at once', async () => {
    const api = routes();
    const onClose = vi.fn();
    renderPage(<InstitutionForm onClose={onClose} />, { user: users.admin });
    fireEvent.change(await screen.findByTestId('inst-name'), { target: { value: '薄壁镇卫生院' } });
    fireEvent.change(screen.getByTestId('inst-uscc'), { target: { value: '12410782MB0000001X' } });
    fireEvent.change(inputIn('inst-lng'), { target: { value: '113.8' } });
    fireEvent.click(screen.getByTestId('institution-form-ok'));
    // a credit code whose check fails, no category, no ownership, no place, a longitude without its latitude
    await waitFor(() => expect(errorsOf('uscc')[0]).toContain('统一社会信用代码无效'));
    expect(errorsOf('category')).toEqual(['必填']);
    expect(errorsOf('ownership')).toEqual(['必填']);
    // the city looked at is too high for an institution: no place is proposed
    expect(errorsOf('areaCode')).toEqual(['必填']);
    expect(errorsOf('lng')).toEqual(['经度和纬度须同时填写']);
    expect(screen.getByTestId('institution-form-problems').textContent).toContain('有 5 处需要修改');
    expect(api.calls('POST', '/institutions')).toHaveLength(0);
    expect(onClose).not.toHaveBeenCalled();
  });

  it('puts the server’s problems at their fields (area level, network reach)', async () => {
    const api = routes({
      'POST /institutions': {
        status: 422,
        body: {
          error: {
            code: 'VALIDATION_FAILED',
            message: '数据校验未通过（2 处错误）',
            details: [
              { path: 'areaCode', message: '所在区划 410782 不在您的管辖范围内' },
              { path: 'networkId', message: '薄壁镇卫生院不能加入：县域医共体的成员须在本县（市、区）内' },
            ],
          },
        },
      },
    });
    const county = { ...users.city, role: 'county' as const, scopeAreaCode: '410782', scopeAreaName: '辉县市' };
    renderPage(<InstitutionForm onClose={() => {}} />, { user: county });
    fireEvent.change(await screen.findByTestId('inst-name'), { target: { value: '薄壁镇卫生院' } });
    await pickOption('inst-category', '医院');
    await pickOption('inst-ownership', '公立');
    fireEvent.click(screen.getByTestId('institution-form-ok'));
    await waitFor(() => expect(errorsOf('areaCode')).toEqual(['所在区划 410782 不在您的管辖范围内']));
    expect(errorsOf('networkId')[0]).toContain('县域医共体的成员须在本县');
    expect(api.last('POST', '/institutions')?.body).toMatchObject({
      name: '薄壁镇卫生院',
      category: 'A',
      ownership: 'government',
      areaCode: '410782',
      uscc: null,
      closedOn: null,
    });
  });

  it('edits with the record’s version and keeps its closing date as it is', async () => {
    const api = routes({ 'PUT /institutions/7': { ...hospital, name: '辉县市人民医院（新院区）', version: 5 } });
    const onClose = vi.fn();
    renderPage(<InstitutionForm institution={{ ...hospital, closedOn: '2024-06-30' }} onClose={onClose} />, {
      user: users.city,
    });
    const name = await screen.findByTestId('inst-name');
    expect((name as HTMLInputElement).value).toBe('辉县市人民医院');
    fireEvent.change(name, { target: { value: '辉县市人民医院（新院区）' } });
    fireEvent.click(screen.getByTestId('institution-form-ok'));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(api.last('PUT', '/institutions/7')?.body).toEqual({
      name: '辉县市人民医院（新院区）',
      uscc: '12410782MB0000000R',
      category: 'A1',
      gradeLevel: 2,
      gradeClass: '甲',
      ownership: 'government',
      forProfit: false,
      areaCode: '410782001',
      lng: null,
      lat: null,
      openedOn: '1950-05-01',
      closedOn: '2024-06-30',
      networkId: 3,
      version: 4,
    });
  });

  it('offers an institution’s own staff only what they may change', async () => {
    routes();
    renderPage(<InstitutionForm institution={hospital} onClose={() => {}} />, { user: users.institution });
    const form = await screen.findByTestId('institution-form');
    expect(screen.queryByTestId('inst-network')).toBeNull();
    const category = within(form).getByTestId('inst-category').closest('.ant-select');
    expect(category?.className).toContain('ant-select-disabled');
    expect((screen.getByTestId('inst-name') as HTMLInputElement).disabled).toBe(false);
    expect(screen.getByText(/机构用户可修改名称/)).toBeTruthy();
  });
});
