// Search-as-you-type institution picker backed by GET /institutions?q=.
import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../platform/api.ts';
import { useSession } from '../platform/session.tsx';
import { useRegistryT } from './i18n.ts';
import type { InstitutionPage } from './types.ts';

export function InstitutionPicker({
  value,
  onChange,
  area,
  initialName,
}: {
  value?: string;
  onChange: (id: string | undefined) => void;
  area?: string;
  initialName?: string;
}) {
  const t = useRegistryT();
  // An institution user has no area (asking with one is refused): the list is their one institution anyway.
  const { scopeKind } = useSession();
  const areaFilter = scopeKind === 'institution' ? undefined : area;
  const [q, setQ] = useState('');
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      setLoading(true);
      try {
        const page = await api.get<InstitutionPage>(
          '/institutions',
          { q: q || undefined, area: areaFilter, limit: 20 },
          controller.signal,
        );
        setOptions(
          page.items.map((i) => ({ value: String(i.id), label: `${i.name}${i.areaName ? `（${i.areaName}）` : ''}` })),
        );
      } catch {
        // the list stays as it was; the page shows API errors elsewhere
      } finally {
        setLoading(false);
      }
    }, 250);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [q, areaFilter]);

  const withCurrent =
    value && initialName && !options.some((o) => o.value === value)
      ? [{ value, label: initialName }, ...options]
      : options;

  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value}
      onChange={onChange}
      options={withCurrent}
      loading={loading}
      placeholder={t('chooseInstitutionHint')}
      style={{ width: 420 }}
      allowClear
      data-testid="institution-picker"
    />
  );
}
