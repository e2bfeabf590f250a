import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi } from '../test/fetch-mock.ts';
import { renderPage } from '../test/render.tsx';
import AuditLog from './AuditLog.tsx';
import type { Wire } from './wire.ts';

const none = { userId: null, entity: null, entityId: null, areaCode: null, ip: null, before: null, after: null };
const entries: Wire<'AuditEntry'>[] = [
  {
    ...none,
    id: 1,
    at: '2024-05-01T02:00:00Z',
    userId: 5,
    username: 'county',
    action: 'institution.update',
    entity: 'institution',
    entityId: '7',
    ip: '10.0.0.8',
    before: { name: '红旗区医院', beds: 100, version: 3 },
    after: { name: '红旗区人民医院', beds: 100 },
  },
  { ...none, id: 2, at: '2024-05-01T01:00:00Z', username: 'x', action: 'login-failed', ip: '10.0.0.9' },
  { ...none, id: 3, at: '2024-05-01T00:00:00Z', userId: 1, username: 'admin', action: 'module.future-act' },
];

describe('AuditLog', () => {
  it('names actions and objects in words with the code as secondary text, unknown ones by code, marks failures', async () => {
    mockApi({ 'GET /audit': { total: 3, items: entries } });
    renderPage(<AuditLog />, { url: '/audit' });
    expect(await screen.findByText('修改机构')).toBeTruthy();
    expect(screen.getByText('institution.update').className).toContain('secondary');
    expect(screen.getByText('登录失败').closest('.ant-tag')?.className).toContain('red');
    expect(screen.getByText('module.future-act')).toBeTruthy();
    expect(screen.getByText('机构 #7')).toBeTruthy();
  });

  it('says what a case list, a demo reset and a module’s new action are, in Chinese or English', async () => {
    const more: Wire<'AuditEntry'>[] = [
      { ...none, id: 4, at: '2024-05-01T00:00:00Z', username: 'cdc', action: 'case.list' },
      { ...none, id: 5, at: '2024-05-01T00:00:00Z', username: 'demo', action: 'demo.reset', entity: 'demo' },
      {
        ...none,
        id: 6,
        at: '2024-05-01T00:00:00Z',
        username: 'admin',
        action: 'network.update',
        entity: 'institution_resources',
        entityId: '7/2022',
      },
    ];
    mockApi({ 'GET /audit': { total: 3, items: more } });
    const view = renderPage(<AuditLog />, { url: '/audit' });
    expect(await screen.findByText('查看报告卡列表')).toBeTruthy();
    expect(screen.getByText('重置演示数据')).toBeTruthy();
    expect(screen.getByText('演示数据')).toBeTruthy();
    expect(screen.getByText('修改医共体/医疗集团')).toBeTruthy();
    expect(screen.getByText('机构年报 #7/2022')).toBeTruthy();
    view.unmount();
    mockApi({ 'GET /audit': { total: 3, items: more } });
    renderPage(<AuditLog />, { url: '/audit', lang: 'en' });
    expect(await screen.findByText('List cards')).toBeTruthy();
    expect(screen.getByText('Edit network')).toBeTruthy();
    expect(screen.getByText('Yearly report #7/2022')).toBeTruthy();
  });

  it('searches by user and action from the first page', async () => {
    const api = mockApi({ 'GET /audit': { total: 3, items: entries } });
    renderPage(<AuditLog />, { url: '/audit' });
    await screen.findByText('修改机构');
    fireEvent.change(screen.getByTestId('audit-username'), { target: { value: ' county ' } });
    fireEvent.change(screen.getByTestId('audit-action'), { target: { value: 'institution' } });
    fireEvent.click(screen.getByRole('button', { name: /查\s*询/ }));
    await waitFor(() => expect(api.calls('GET', '/audit')).toHaveLength(2));
    expect(Object.fromEntries(api.last('GET', '/audit')?.query ?? [])).toEqual({
      username: 'county',
      action: 'institution',
      limit: '50',
    });
  });

  it('an expanded write shows what changed, not the bookkeeping fields', async () => {
    mockApi({ 'GET /audit': { total: 3, items: entries } });
    renderPage(<AuditLog />, { url: '/audit' });
    await screen.findByText('修改机构');
    fireEvent.click(screen.getAllByRole('button', { name: /expand|展开/i })[0] as HTMLElement);
    const diff = await screen.findByTestId('audit-diff');
    const tags = within(diff).getAllByText(/→/);
    expect(tags.map((t) => t.textContent)).toEqual(['name: "红旗区医院" → "红旗区人民医院"']);
  });
});
