// Renders a page the way the app does (query client, language, session, router) for component tests.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, waitFor } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { type ReactElement, type ReactNode, useLayoutEffect } from 'react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router-dom';
import { type Lang, LocaleProvider, useLocale } from '../platform/locale.tsx';
import { SessionProvider } from '../platform/session.tsx';
import type { Meta, User } from '../platform/types.ts';

export const testMeta: Meta = {
  years: [2022, 2023, 2024],
  defaultYear: 2024,
  rootAreaCode: '4107',
  synthetic: true,
  demo: null,
  resourceFields: [
    { key: 'beds_total', zh: '实有床位', en: 'Beds', unit: '张', group: 'beds' },
    { key: 'staff_doctors', zh: '执业医师', en: 'Doctors', unit: '人', group: 'staff' },
  ],
  populationFields: [
    { key: 'resident', zh: '常住人口', en: 'Residents', unit: '人', group: 'total' },
    { key: 'male', zh: '男性', en: 'Male', unit: '人', group: 'sex' },
  ],
  summaryRatios: [],
  // Flat with parent links, as /meta sends them.
  institutionCategories: [
    { code: 'A', zh: '医院', en: 'Hospitals' },
    { code: 'A1', zh: '综合医院', en: 'General hospital', parent: 'A' },
    { code: 'B', zh: '基层医疗卫生机构', en: 'Primary care' },
  ],
  ownerships: [
    { code: 'government', zh: '公立', en: 'Public' },
    { code: 'private', zh: '非公立', en: 'Private' },
  ],
  gradeLevels: [
    { level: 3, zh: '三级', en: 'Tertiary' },
    { level: 2, zh: '二级', en: 'Secondary' },
  ],
  gradeClasses: [{ class: 'A', zh: '甲等', en: 'Grade A' }],
  networkTypes: [],
  roles: [],
};

const roleLabel = { zh: '', en: '' };
const unscoped = {
  scopeAreaCode: null,
  scopeAreaName: null,
  scopeInstitutionId: null,
  roleLabel,
  mustChangePassword: false,
};

export const users: Record<'admin' | 'city' | 'institution' | 'readonly', User> = {
  admin: { ...unscoped, id: 1, username: 'admin', displayName: '管理员', role: 'admin' },
  city: {
    ...unscoped,
    id: 2,
    username: 'city',
    displayName: 'city',
    role: 'city',
    scopeAreaCode: '4107',
    scopeAreaName: '新乡市',
  },
  institution: {
    ...unscoped,
    id: 3,
    username: 'hosp',
    displayName: 'hosp',
    role: 'institution',
    scopeAreaCode: '410702',
    scopeInstitutionId: 7,
  },
  readonly: { ...unscoped, id: 4, username: 'viewer', displayName: 'viewer', role: 'readonly', scopeAreaCode: '4107' },
};

/** The language is module state in locale.tsx (shared by the API client): set it for every render. */
function WithLang({ lang, children }: { lang: Lang; children: ReactNode }) {
  const locale = useLocale();
  useLayoutEffect(() => locale.setLang(lang), [locale.setLang, lang]);
  return locale.lang === lang ? children : null;
}

/** The current location, shown so a test can read the query string a page wrote. */
function LocationProbe() {
  const location = useLocation();
  return <output data-testid="location">{location.pathname + location.search}</output>;
}

export interface RenderOptions {
  /** Initial URL. */
  url?: string;
  /** Route pattern the element is mounted at (for useParams); defaults to the URL's path. */
  path?: string;
  user?: User;
  meta?: Meta;
  lang?: 'zh' | 'en';
  /** Extra routes, e.g. the page a form navigates to. */
  routes?: ReactNode;
}

export function renderPage(element: ReactElement, options: RenderOptions = {}) {
  const url = options.url ?? '/';
  const path = options.path ?? url.split('?')[0] ?? '/';
  const client = new QueryClient({
    defaultOptions: { queries: { retry: false, staleTime: Number.POSITIVE_INFINITY }, mutations: { retry: false } },
  });
  const user: User = options.user ?? users.admin;
  const meta = options.meta ?? testMeta;
  const result = render(
    <QueryClientProvider client={client}>
      <LocaleProvider>
        <WithLang lang={options.lang ?? 'zh'}>
          <AntApp>
            <MemoryRouter initialEntries={[url]}>
              <SessionProvider user={user} meta={meta} rootAreaCode={user.scopeAreaCode ?? meta.rootAreaCode ?? ''}>
                <Routes>
                  <Route path={path} element={element} />
                  {options.routes}
                  <Route path="*" element={<p data-testid="elsewhere">elsewhere</p>} />
                </Routes>
                <LocationProbe />
              </SessionProvider>
            </MemoryRouter>
          </AntApp>
        </WithLang>
      </LocaleProvider>
    </QueryClientProvider>,
  );
  return { ...result, client, location: () => result.getByTestId('location').textContent ?? '' };
}

/** The <input> inside an Ant Design control that carries the test id on its wrapper (Input.Search, pickers). */
export function inputIn(testId: string): HTMLInputElement {
  const el = document.querySelector(`[data-testid="${testId}"]`);
  const input = el instanceof HTMLInputElement ? el : el?.querySelector('input');
  if (!input) throw new Error(`no input in ${testId}`);
  return input;
}

/** Types into an Input.Search and presses Enter (faster than user-event's key by key typing). */
export function search(testId: string, value: string) {
  const input = inputIn(testId);
  fireEvent.change(input, { target: { value } });
  fireEvent.keyDown(input, { key: 'Enter', code: 'Enter', keyCode: 13 });
}

/** Drops a file on the Upload inside the element with this test id. */
export function upload(testId: string, file: File) {
  const input = document.querySelector(`[data-testid="${testId}"] input[type="file"]`);
  if (!input) throw new Error(`no file input in ${testId}`);
  fireEvent.change(input, { target: { files: [file] } });
}

/** Opens the Ant Design Select (or TreeSelect) with this test id and clicks the option with this label. */
export async function pickOption(testId: string, label: string) {
  const root = document.querySelector(`[data-testid="${testId}"]`);
  if (!root) throw new Error(`no select ${testId}`);
  const select = root.closest('.ant-select') ?? root;
  fireEvent.mouseDown(select.querySelector('.ant-select-selector') ?? select);
  const option = await waitFor(() => {
    const found = [...document.querySelectorAll('.ant-select-item-option, .ant-select-tree-treenode')].find(
      (el) => el.textContent === label || el.getAttribute('title') === label,
    );
    if (!found) throw new Error(`no option ${label} in ${testId}`);
    return found;
  });
  fireEvent.click(
    option.querySelector('.ant-select-item-option-content, .ant-select-tree-node-content-wrapper') ?? option,
  );
}

/** Types a date into an Ant Design DatePicker with this test id. */
export function pickDate(testId: string, value: string) {
  const input = inputIn(testId);
  fireEvent.mouseDown(input);
  fireEvent.focus(input);
  fireEvent.change(input, { target: { value } });
  fireEvent.keyDown(input, { key: 'Enter', code: 'Enter', keyCode: 13 });
  fireEvent.blur(input);
}
