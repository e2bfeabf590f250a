import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Wire } from '../platform/wire.ts';
import { mockApi } from '../test/fetch-mock.ts';
import { inputIn, pickOption, renderPage, users } from '../test/render.tsx';
import UsersPage from './UsersPage.tsx';

const row = (over: Partial<Wire<'User'>>): Wire<'User'> => ({
  id: 1,
  username: 'admin',
  displayName: '平台管理员',
  role: 'admin',
  scopeAreaCode: null,
  scopeAreaName: null,
  scopeInstitutionId: null,
  scopeInstitutionName: null,
  residentCountyCode: null,
  residentId: null,
  active: true,
  mustChangePassword: false,
  createdAt: '2024-01-01T00:00:00Z',
  ...over,
});
const list = [
  row({}),
  row({
    id: 5,
    username: 'huixian',
    displayName: '辉县市卫健局',
    role: 'county',
    scopeAreaCode: '410782',
    scopeAreaName: '辉县市',
  }),
  row({ id: 6, username: 'gone', displayName: '离职', role: 'readonly', scopeAreaCode: '4107', active: false }),
  row({
    id: 7,
    username: 'fresh',
    displayName: '新人',
    role: 'institution',
    scopeInstitutionId: 9,
    scopeInstitutionName: '辉县市人民医院',
    mustChangePassword: true,
  }),
];

describe('UsersPage', () => {
  it('lists every account with role, scope and state; the own account cannot be deactivated', async () => {
    mockApi({ 'GET /users': { total: list.length, items: list } });
    renderPage(<UsersPage />, { url: '/users', user: users.admin });
    const table = await screen.findByTestId('users-table');
    await within(table).findByText('辉县市卫健局');
    expect(within(table).getByText('县区级用户')).toBeTruthy();
    expect(within(table).getByText('已停用')).toBeTruthy();
    expect(within(table).getByText('待改初始密码')).toBeTruthy();
    // scopes by name, the area code as secondary text
    expect(within(table).getByText('辉县市')).toBeTruthy();
    expect(within(table).getByText('410782')).toBeTruthy();
    expect(within(table).getByText('辉县市人民医院')).toBeTruthy();
    expect((screen.getByTestId('deactivate-admin') as HTMLButtonElement).disabled).toBe(true);
  });

  it('deactivates after confirmation and reactivates', async () => {
    const api = mockApi({
      'GET /users': { total: list.length, items: list },
      'POST /users/:id/deactivate': { user: row({ id: 5, active: false }) },
      'POST /users/:id/activate': { user: row({ id: 6 }) },
    });
    renderPage(<UsersPage />, { url: '/users', user: users.admin });
    fireEvent.click(await screen.findByTestId('deactivate-huixian'));
    expect(await screen.findByText('停用 huixian？其所有登录会话将立即结束。')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /确\s*定|OK/ }));
    await waitFor(() => expect(api.calls('POST', '/users/5/deactivate')).toHaveLength(1));
    fireEvent.click(screen.getByTestId('activate-gone'));
    await waitFor(() => expect(api.calls('POST', '/users/6/activate')).toHaveLength(1));
  });

  it("resets a password, showing the server's broken rules", async () => {
    const api = mockApi({
      'GET /users': { total: list.length, items: list },
      'POST /users/:id/password': {
        status: 422,
        body: {
          error: {
            code: 'VALIDATION_FAILED',
            message: '数据校验未通过（1 处错误）',
            details: [{ path: 'password', message: '密码用户名规则：不得包含用户名' }],
          },
        },
      },
    });
    renderPage(<UsersPage />, { url: '/users', user: users.admin });
    fireEvent.click(await screen.findByTestId('reset-huixian'));
    fireEvent.change(await screen.findByTestId('reset-password'), { target: { value: 'Huixian-2024!' } });
    fireEvent.click(screen.getByTestId('reset-ok'));
    expect(await screen.findByText('密码用户名规则：不得包含用户名')).toBeTruthy();
    expect(api.last('POST', '/users/5/password')?.body).toEqual({ password: 'Huixian-2024!' });
  });
});

describe('UsersPage: creating and editing users', () => {
  const area = (code: string, name: string, level: number, children: unknown[] = []) => ({
    code,
    name,
    level,
    ancestors: [],
    children,
  });

  it('creates a county user scoped to a county chosen by name, showing every refused rule at its field', async () => {
    let refused = false;
    const api = mockApi({
      'GET /users': { total: list.length, items: list },
      'GET /areas/:code': area('4107', '新乡市', 2, [{ code: '410782', name: '辉县市', level: 3, hasChildren: false }]),
      'POST /users': () => {
        if (refused) return { user: row({ id: 9, username: 'hx-new', role: 'county', scopeAreaCode: '410782' }) };
        refused = true;
        return {
          status: 422,
          body: {
            error: {
              code: 'VALIDATION_FAILED',
              message: '数据校验未通过（2 处错误）',
              details: [
                { path: 'password', message: '密码复杂度规则：至少包含三类字符' },
                { path: 'password', message: '密码常用密码规则：不得是常用密码' },
              ],
            },
          },
        };
      },
    });
    renderPage(<UsersPage />, { url: '/users', user: users.admin });
    fireEvent.click(await screen.findByTestId('user-new'));
    // nothing sent while a required field is empty
    fireEvent.click(await screen.findByTestId('user-form-ok'));
    expect((await screen.findAllByText('必填')).length).toBe(4);
    expect(api.calls('POST', '/users')).toHaveLength(0);
    fireEvent.change(screen.getByTestId('user-username'), { target: { value: 'hx-new' } });
    fireEvent.change(screen.getByTestId('user-display-name'), { target: { value: '辉县新用户' } });
    fireEvent.change(screen.getByTestId('user-password'), { target: { value: 'password12' } });
    // the tree opens at the user's root; typing filters it down to the county
    fireEvent.change(inputIn('user-scope-area'), { target: { value: '辉县' } });
    await pickOption('user-scope-area', '辉县市');
    fireEvent.click(screen.getByTestId('user-form-ok'));
    expect(await screen.findByText('密码复杂度规则：至少包含三类字符')).toBeTruthy();
    expect(screen.getByText('密码常用密码规则：不得是常用密码')).toBeTruthy();
    expect(api.last('POST', '/users')?.body).toEqual({
      username: 'hx-new',
      displayName: '辉县新用户',
      password: 'password12',
      role: 'county',
      scopeAreaCode: '410782',
      scopeInstitutionId: null,
    });
    fireEvent.change(screen.getByTestId('user-password'), { target: { value: 'Kq7#zT2m-weijian' } });
    fireEvent.click(screen.getByTestId('user-form-ok'));
    await waitFor(() => expect(api.calls('POST', '/users')).toHaveLength(2));
    expect(await screen.findByText('已新增用户 hx-new')).toBeTruthy();
  });

  it('edits role and scope: an institution user gets an institution found by name', async () => {
    const api = mockApi({
      'GET /users': { total: list.length, items: list },
      'GET /areas/:code': area('4107', '新乡市', 2),
      'GET /institutions': { total: 1, items: [{ id: 12, name: '薄壁镇卫生院', areaName: '薄壁镇' }] },
      'PUT /users/:id': { user: row({ id: 5, role: 'institution', scopeInstitutionId: 12 }) },
    });
    renderPage(<UsersPage />, { url: '/users', user: users.admin });
    fireEvent.click(await screen.findByTestId('edit-huixian'));
    expect(await screen.findByText(/修改角色或管辖范围后/)).toBeTruthy();
    await pickOption('user-role', '机构用户');
    await screen.findByTestId('institution-picker');
    await pickOption('institution-picker', '薄壁镇卫生院（薄壁镇）');
    fireEvent.click(screen.getByTestId('user-form-ok'));
    await waitFor(() =>
      expect(api.last('PUT', '/users/5')?.body).toEqual({
        displayName: '辉县市卫健局',
        role: 'institution',
        scopeAreaCode: null,
        scopeInstitutionId: 12,
      }),
    );
  });

  it('creates a resident user linked to a health record found by 身份证号; the link is required and the server’s refusal shows at it', async () => {
    let refused = false;
    const api = mockApi({
      'GET /users': { total: list.length, items: list },
      'GET /areas/:code': area('4107', '新乡市', 2),
      'GET /care/residents': {
        total: 1,
        totalExact: true,
        nextCursor: null,
        items: [
          {
            id: 42,
            countyCode: '410782',
            name: '张秀兰',
            sex: 'F',
            birthDate: '1950-03-07',
            areaCode: '410782100201',
            idMasked: '4107**********0023',
            phoneMasked: null,
            established: '2020-01-01',
            keeperInstitutionId: 3,
            keeperName: '薄壁镇卫生院',
            deathDate: null,
            movedOut: null,
            standing: 'admin',
          },
        ],
      },
      'POST /users': () => {
        if (refused) return { user: row({ id: 11, username: 'zxl', role: 'resident', residentId: 42 }) };
        refused = true;
        return {
          status: 422,
          body: {
            error: {
              code: 'VALIDATION_FAILED',
              message: '数据校验未通过（1 处错误）',
              details: [{ path: 'residentCountyCode', message: '请指定档案所在的县区（6位代码）' }],
            },
          },
        };
      },
    });
    renderPage(<UsersPage />, { url: '/users', user: users.admin });
    fireEvent.click(await screen.findByTestId('user-new'));
    fireEvent.change(await screen.findByTestId('user-username'), { target: { value: 'zxl' } });
    fireEvent.change(screen.getByTestId('user-display-name'), { target: { value: '张秀兰' } });
    fireEvent.change(screen.getByTestId('user-password'), { target: { value: 'Kq7#zT2m-weijian' } });
    await pickOption('user-role', '居民');
    // no area or institution for a resident; the record is required
    await waitFor(() => expect(screen.queryByTestId('user-scope-area')).toBeNull());
    fireEvent.click(screen.getByTestId('user-form-ok'));
    expect((await screen.findAllByText('必填')).length).toBe(1);
    expect(api.calls('POST', '/users')).toHaveLength(0);
    fireEvent.change(inputIn('user-resident'), { target: { value: '41078219500307002X' } });
    await waitFor(() => expect(api.last('GET', '/care/residents')?.query.get('q')).toBe('41078219500307002X'));
    await pickOption('user-resident', '张秀兰（女，1950-03-07，4107**********0023）');
    fireEvent.click(screen.getByTestId('user-form-ok'));
    await waitFor(() => expect(api.calls('POST', '/users')).toHaveLength(1));
    expect(await screen.findByText('请指定档案所在的县区（6位代码）')).toBeTruthy();
    expect(api.last('POST', '/users')?.body).toEqual({
      username: 'zxl',
      displayName: '张秀兰',
      password: 'Kq7#zT2m-weijian',
      role: 'resident',
      scopeAreaCode: null,
      scopeInstitutionId: null,
      residentCountyCode: '410782',
      residentId: 42,
    });
    fireEvent.click(screen.getByTestId('user-form-ok'));
    expect(await screen.findByText('已新增用户 zxl')).toBeTruthy();
  });
});
