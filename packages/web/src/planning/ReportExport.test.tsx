import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderPage } from '../test/render.tsx';
import { ReportExport, reportYear } from './ReportExport.tsx';

describe('ReportExport', () => {
  it('dates the annual report by the chosen year, the mid-term by the middle of the period, the final by its end', () => {
    const period = { periodStart: 2021, periodEnd: 2025 };
    expect(reportYear('annual', period, 2023)).toBe(2023);
    expect(reportYear('mid-term', period, 2023)).toBe(2023);
    expect(reportYear('mid-term', { periodStart: 2021, periodEnd: 2030 }, 2023)).toBe(2025);
    expect(reportYear('final', period, 2023)).toBe(2025);
  });

  it('links the downloads with area, language, and the year for the annual report only', () => {
    renderPage(<ReportExport plan={{ id: 3, periodStart: 2021, periodEnd: 2025 }} area="410702" year={2022} />, {
      lang: 'en',
    });
    expect(screen.getByTestId('report-annual-xlsx').getAttribute('href')).toBe(
      '/api/v1/plans/3/reports/annual?format=xlsx&area=410702&year=2022&lang=en',
    );
    expect(screen.getByTestId('report-final-docx').getAttribute('href')).toBe(
      '/api/v1/plans/3/reports/final?format=docx&area=410702&lang=en',
    );
  });
});
