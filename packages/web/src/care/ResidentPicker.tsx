// Search-as-you-type health-record picker (GET /care/residents?q=): a whole 身份证号 or phone finds the record
// in any county, a name prefix the records the caller governs. The option carries the record's county too,
// because a record id is only unique within its county (the person index is kept per county).
import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../platform/api.ts';
import { useCareT } from './i18n.ts';
import type { CursorPageOf, ResidentListItem } from './types.ts';

export interface PickedResident {
  id: number;
  countyCode: string;
}

const keyOf = (r: PickedResident) => `${r.countyCode}:${r.id}`;

export function ResidentPicker({
  value,
  onChange,
  initialLabel,
  testId = 'resident-picker',
}: {
  value?: PickedResident | null;
  onChange: (picked: PickedResident | null) => void;
  initialLabel?: string;
  testId?: string;
}) {
  const t = useCareT();
  const [q, setQ] = useState('');
  const [items, setItems] = useState<ResidentListItem[]>([]);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    const term = q.replace(/\s+/g, '');
    if (!term) return;
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      setLoading(true);
      try {
        const page = await api.get<CursorPageOf<ResidentListItem>>(
          '/care/residents',
          { q: /^\d{17}[\dxX]$/.test(term) ? term.toUpperCase() : term, limit: 20 },
          controller.signal,
        );
        setItems(page.items);
      } catch {
        // the options stay as they were; the form reports the server's answer on saving
      } finally {
        setLoading(false);
      }
    }, 250);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [q]);

  const options = items.map((r) => ({
    value: keyOf(r),
    label: `${r.name}（${r.sex === 'M' ? t('male') : t('female')}，${r.birthDate}${r.idMasked ? `，${r.idMasked}` : ''}）`,
  }));
  const current = value ? keyOf(value) : undefined;
  const withCurrent =
    current && !options.some((o) => o.value === current)
      ? [
          { value: current, label: initialLabel ?? t('pickerRecord', { id: value!.id, county: value!.countyCode }) },
          ...options,
        ]
      : options;

  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={current}
      onChange={(key?: string) => {
        const r = items.find((i) => keyOf(i) === key);
        onChange(r ? { id: r.id, countyCode: r.countyCode } : key === current && value ? value : null);
      }}
      options={withCurrent}
      loading={loading}
      placeholder={t('pickerHint')}
      notFoundContent={q ? t('pickerNone') : t('pickerHint')}
      style={{ width: '100%' }}
      allowClear
      data-testid={testId}
    />
  );
}
