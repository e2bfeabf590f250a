// Population of one area and year: GET/PUT /areas/{code}/population/{year}, fields from /meta.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Select, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError, api, type ErrorDetail, errorMessage } from '../platform/api.ts';
import { formatInt } from '../platform/format.ts';
import { LoadError, Loading } from '../platform/Loading.tsx';
import { useLocale } from '../platform/locale.tsx';
import { useSession } from '../platform/session.tsx';
import { AreaSelect } from './AreaSelect.tsx';
import { FactFields, showFieldErrors, toPayload } from './FactForm.tsx';
import { useRegistryT } from './i18n.ts';
import { useArea, useSummary } from './queries.ts';
import { factValue, type PopulationRow } from './types.ts';

export default function PopulationEntry() {
  const t = useRegistryT();
  const { meta, rootAreaCode, areaCode, year: sessionYear } = useSession();
  const [code, setCode] = useState(areaCode);
  const [year, setYear] = useState(sessionYear);
  const area = useArea(code, year);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} className="wj-page-title">
        {t('populationTitle')}
      </Typography.Title>
      <Card size="small">
        <Space wrap>
          <AreaSelect
            rootCode={rootAreaCode}
            value={code}
            year={year}
            onChange={(v) => v && setCode(v)}
            style={{ width: 240 }}
          />
          <Select
            value={year}
            onChange={setYear}
            style={{ width: 110 }}
            options={[...meta.years].sort((a, b) => b - a).map((y) => ({ value: y, label: String(y) }))}
          />
        </Space>
      </Card>
      {area.data && area.data.level < 3 ? (
        <Alert type="info" showIcon title={t('populationCountyOnly')} data-testid="population-county-only" />
      ) : (
        <PopulationForm key={`${code}-${year}`} code={code} year={year} areaName={area.data?.name ?? code} />
      )}
    </Space>
  );
}

function PopulationForm({ code, year, areaName }: { code: string; year: number; areaName: string }) {
  const t = useRegistryT();
  const { meta } = useSession();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm();
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<ApiError | null>(null);
  /** The refusals that name no field of the form (the others show under their field). */
  const [unplaced, setUnplaced] = useState<ErrorDetail[]>([]);
  /** A saved total that disagrees with its sub-areas (the server's warnings, as of the last save or read). */
  const [saved, setSaved] = useState<PopulationRow['warnings'] | null>(null);
  const { lang } = useLocale();
  const summary = useSummary(code, year);
  const record = useQuery({
    queryKey: ['population', code, year],
    queryFn: async () => {
      try {
        return await api.get<PopulationRow>(`/areas/${encodeURIComponent(code)}/population/${year}`);
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) return null;
        throw e;
      }
    },
  });

  useEffect(() => {
    if (record.data === undefined) return;
    form.resetFields();
    const row = record.data;
    if (row) form.setFieldsValue(Object.fromEntries(meta.populationFields.map((f) => [f.key, factValue(row, f.key)])));
  }, [record.data, form, meta.populationFields]);

  if (record.isPending) return <Loading />;
  if (record.isError) return <LoadError error={record.error} onRetry={() => record.refetch()} />;
  const version = record.data?.version;

  async function save(values: Record<string, number | null>) {
    setSaving(true);
    setProblem(null);
    setSaved(null);
    try {
      const row = await api.put<PopulationRow>(`/areas/${encodeURIComponent(code)}/population/${year}`, {
        ...toPayload(meta.populationFields, values),
        ...(version != null ? { version } : {}),
      });
      message.success(t('saved'));
      setSaved(row.warnings ?? []);
      await client.invalidateQueries({ queryKey: ['population', code, year] });
      await client.invalidateQueries({ queryKey: ['summary'] });
      await client.invalidateQueries({ queryKey: ['children-summary'] });
    } catch (e) {
      if (e instanceof ApiError) {
        setProblem(e);
        setUnplaced(showFieldErrors(form, meta.populationFields, e.details));
      } else message.error(errorMessage(e));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Card
      size="small"
      title={t('populationFor', { area: areaName, year })}
      extra={version != null ? <Tag color="blue">{t('versionLabel', { version })}</Tag> : <Tag>{t('newReport')}</Tag>}
    >
      {problem && (
        <Alert
          type="error"
          showIcon
          title={problem.status === 409 ? t('conflictTitle') : problem.message}
          description={
            problem.status === 409
              ? t('conflictBody')
              : [
                  ...(unplaced.length < problem.details.length ? [t('factErrorsBelow')] : []),
                  ...unplaced.map((d) => d.message),
                ].join('；') || undefined
          }
          action={
            problem.status === 409 ? (
              <Button danger onClick={() => record.refetch().then(() => setProblem(null))}>
                {t('reload')}
              </Button>
            ) : undefined
          }
          style={{ marginBottom: 12 }}
          data-testid="population-error"
        />
      )}
      {(saved ?? record.data?.warnings ?? []).length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={t('factWarnings')}
          description={(saved ?? record.data?.warnings ?? []).map((w) => w.message).join('；')}
          style={{ marginBottom: 12 }}
          data-testid="population-warning"
        />
      )}
      <Typography.Paragraph type="secondary">
        {t('notReported')}
        {summary.data?.population != null &&
          ` · ${t('populationRolledUp', { value: formatInt(summary.data.population, lang) })}`}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={save} data-testid="population-form">
        <FactFields fields={meta.populationFields} />
        <Button type="primary" htmlType="submit" loading={saving} data-testid="population-save">
          {t('save')}
        </Button>
      </Form>
    </Card>
  );
}
