import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiError, mockApi } from '../test/fetch-mock.ts';
import { pickDate, pickOption, renderPage, users } from '../test/render.tsx';
import CaseForm from './CaseForm.tsx';

const diseases = {
  items: [
    { code: '0301', nameZh: '病毒性肝炎', nameEn: 'Viral hepatitis', class: 'B', enabled: true },
    { code: '0101', nameZh: '鼠疫', nameEn: 'Plague', class: 'A', enabled: true },
    { code: '0999', nameZh: '停用病种', nameEn: 'Disabled', class: 'C', enabled: false },
  ],
  classes: { A: { zh: '甲类', en: 'Class A' }, B: { zh: '乙类', en: 'Class B' } },
};
const area = {
  code: '410702',
  name: '红旗区',
  level: 'county',
  children: [{ code: '410702001', name: '西大街街道', level: 'township', hasChildren: false }],
};

function setup(post: unknown = { id: 51, status: 'created', signals: 0, events: 0, duplicateOf: null }) {
  const api = mockApi({
    'GET /surveillance/diseases': diseases,
    'GET /areas/:code': area,
    'GET /institutions/7': { id: 7, name: '红旗区人民医院' },
    'POST /surveillance/cases': post,
  });
  renderPage(<CaseForm />, { url: '/surveillance/cases/new', user: users.institution });
  return api;
}

async function fillRequired() {
  fireEvent.change(screen.getByTestId('f-patientName'), { target: { value: ' 张三 ' } });
  fireEvent.change(screen.getByTestId('f-doctorName'), { target: { value: '李医生' } });
  fireEvent.change(screen.getByTestId('f-citizenId'), { target: { value: '41070219900101001x' } });
  await pickOption('f-occupation', '学生（大中小学）');
  await pickOption('f-diseaseCode', '病毒性肝炎（0301）');
  await pickOption('f-addressCode', '红旗区');
  pickDate('f-onsetDate', '2024-05-01');
  pickDate('f-diagnosisAt', '2024-05-02 09:30');
}

describe('CaseForm', () => {
  it('refuses an empty card on the client, naming every required field, without a request', async () => {
    const api = setup();
    expect(await screen.findByText('红旗区人民医院')).toBeTruthy();
    fireEvent.click(screen.getByTestId('case-submit'));
    await waitFor(() => expect(screen.getAllByText('必填').length).toBe(7));
    expect(api.calls('POST', '/surveillance/cases')).toEqual([]);
  });

  it('offers only the enabled diseases, grouped by class', async () => {
    setup();
    await pickOption('f-diseaseCode', '鼠疫（0101）');
    expect(screen.getByText('甲类')).toBeTruthy();
    expect(screen.queryByText('停用病种（0999）')).toBeNull();
  });

  it('sends the card with trimmed text, the institution of the user and dates in China time', async () => {
    const api = setup();
    await screen.findByText('红旗区人民医院');
    await fillRequired();
    fireEvent.click(screen.getByTestId('case-submit'));
    const result = await screen.findByTestId('case-result');
    expect(result.getAttribute('data-id')).toBe('51');
    const body = api.last('POST', '/surveillance/cases')?.body as Record<string, unknown>;
    expect(body).toMatchObject({
      institutionId: 7,
      patientName: '张三',
      citizenId: '41070219900101001X',
      occupation: '学生（大中小学）',
      diseaseCode: '0301',
      classification: 'clinical',
      addressCode: '410702',
      onsetDate: '2024-05-01',
      diagnosisAt: '2024-05-02T09:30',
      doctorName: '李医生',
    });
    expect(String(body.clientReportId)).toMatch(/^web-/);
  });

  it("shows the server's messages on the fields they name, the others above the button", async () => {
    setup(
      apiError(422, '报告卡有误', [
        { path: 'citizenId', message: '身份证号校验位不对' },
        { path: 'onsetDate', message: '发病日期不能晚于诊断时间' },
        { message: '该机构不在您的辖区' },
      ]),
    );
    await screen.findByText('红旗区人民医院');
    await fillRequired();
    fireEvent.click(screen.getByTestId('case-submit'));
    expect(await screen.findByText('身份证号校验位不对')).toBeTruthy();
    expect(screen.getByText('发病日期不能晚于诊断时间')).toBeTruthy();
    const errors = screen.getByTestId('case-errors');
    expect(errors.textContent).toContain('报告卡有误');
    expect(errors.textContent).toContain('该机构不在您的辖区');
    expect(errors.textContent).not.toContain('身份证号校验位不对');
  });
});
