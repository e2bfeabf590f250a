import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi } from '../test/fetch-mock.ts';
import { renderPage, users } from '../test/render.tsx';
import CaseDetail from './CaseDetail.tsx';

/** A card as the server answers it to a caller without the identifier right (core's maskCard). */
const masked = {
  id: 51,
  countyCode: '410782',
  townshipCode: '410782001',
  addressCode: '410782001',
  institutionId: 7,
  institutionName: '辉县市人民医院',
  clientReportId: 'C-1',
  diseaseCode: '0301',
  diseaseName: '病毒性肝炎',
  classification: 'confirmed',
  patientName: '张**',
  parentName: '王**',
  citizenIdMasked: '*****************X',
  citizenId: null,
  phoneMasked: '*******5678',
  phone: null,
  sex: 'male',
  birthDate: null,
  ageYears: 34,
  occupation: '农民',
  workplace: '***',
  addressText: '***',
  onsetDate: '2024-05-01',
  diagnosisAt: '2024-05-02T01:00:00Z',
  reportedAt: '2024-05-02T03:00:00Z',
  reportDelayMinutes: 120,
  timely: true,
  duplicateOf: null,
  deleted: false,
  deathDate: null,
  doctorName: '李医生',
  remarks: null,
  synthetic: false,
  version: 1,
  createdAt: '2024-05-02T03:00:00Z',
  updatedAt: '2024-05-02T03:00:00Z',
  identityMasked: true,
  mayChange: false,
  addressName: '城关街道',
};

function setup(card: Record<string, unknown>, user = users.city) {
  mockApi({
    'GET /surveillance/diseases': {
      items: [{ code: '0301', nameZh: '病毒性肝炎', nameEn: 'Viral hepatitis', class: 'B', enabled: true }],
      classes: {},
    },
    'GET /surveillance/cases/:id': card,
  });
  return renderPage(<CaseDetail />, { url: '/surveillance/cases/51', path: '/surveillance/cases/:id', user });
}

describe('CaseDetail', () => {
  it('shows a masked card with the age and no birth date, and offers no change', async () => {
    setup(masked, users.readonly);
    expect((await screen.findByTestId('case-citizenid')).textContent).toBe('*****************X');
    expect(screen.getByTestId('case-phone').textContent).toBe('*******5678');
    expect(screen.queryByText('出生日期')).toBeNull();
    expect(screen.getByText('34')).toBeTruthy();
    expect(screen.getByTestId('case-audit-notice').textContent).toContain('脱敏');
    expect(screen.queryByTestId('case-correct')).toBeNull();
  });

  it('shows 现住址 by name, its code as secondary text (the code alone when the server has no name)', async () => {
    const view = setup({ ...masked, addressCode: '410782103001', addressName: '百泉镇 百泉村' });
    const address = await screen.findByTestId('case-address');
    expect(address.textContent).toBe('百泉镇 百泉村410782103001');
    expect(within(address).getByText('410782103001').className).toContain('secondary');
    view.unmount();
    setup({ ...masked, addressName: null });
    expect((await screen.findByTestId('case-address')).textContent).toBe('410782001');
  });

  it('offers correction and deletion to the card’s owner only', async () => {
    const full = {
      ...masked,
      identityMasked: false,
      citizenId: '41078219900101001X',
      phone: '13912345678',
      birthDate: '1990-01-01',
      mayChange: false,
    };
    const view = setup(full);
    expect((await screen.findByTestId('case-citizenid')).textContent).toBe('41078219900101001X');
    expect(screen.getByText('1990-01-01')).toBeTruthy();
    // The patient's county reads the card in full but does not own it.
    expect(screen.queryByTestId('case-correct')).toBeNull();
    view.unmount();
    setup({ ...full, mayChange: true });
    expect(await screen.findByTestId('case-correct')).toBeTruthy();
    expect(screen.getByTestId('case-delete')).toBeTruthy();
  });
});
