// Yearly report of one institution: the resource fields of /meta grouped beds/staff/equipment/service,
// saved with PUT /institutions/{id}/resources/{year} and the version read (409 → reload and redo).
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Form, Select, Space, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { ApiError, api, type ErrorDetail, errorMessage } from '../platform/api.ts';
import { LoadError, Loading } from '../platform/Loading.tsx';
import { useSession } from '../platform/session.tsx';
import { FactFields, showFieldErrors, toPayload } from './FactForm.tsx';
import { InstitutionPicker } from './InstitutionPicker.tsx';
import { useRegistryT } from './i18n.ts';
import { useInstitution, useResources } from './queries.ts';
import { factValue } from './types.ts';

export default function ReportEntry() {
  const t = useRegistryT();
  const params = useParams();
  const navigate = useNavigate();
  const { meta, year: sessionYear, user, areaCode } = useSession();
  const id = params.id ?? (user.scopeInstitutionId != null ? String(user.scopeInstitutionId) : undefined);
  const year = params.year ? Number(params.year) : sessionYear;
  const go = (nextId: string | undefined, nextYear: number) =>
    navigate(nextId ? `/institutions/${encodeURIComponent(nextId)}/report/${nextYear}` : '/report');

  const institution = useInstitution(id);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} className="wj-page-title">
        {t('reportTitle')}
      </Typography.Title>
      <Card size="small">
        <Space wrap>
          <Typography.Text type="secondary">{t('chooseInstitution')}</Typography.Text>
          <InstitutionPicker
            value={id}
            area={areaCode}
            onChange={(v) => go(v, year)}
            initialName={institution.data?.name}
          />
          <Select
            value={year}
            onChange={(y) => go(id, y)}
            style={{ width: 110 }}
            options={[...meta.years].sort((a, b) => b - a).map((y) => ({ value: y, label: String(y) }))}
            data-testid="report-year"
          />
        </Space>
      </Card>
      {!id ? (
        <Empty description={t('chooseInstitutionHint')} />
      ) : institution.isPending ? (
        <Loading />
      ) : institution.isError ? (
        <LoadError error={institution.error} />
      ) : (
        <ReportForm key={`${id}-${year}`} id={id} year={year} name={institution.data.name} />
      )}
    </Space>
  );
}

function ReportForm({ id, year, name }: { id: string; year: number; name: string }) {
  const t = useRegistryT();
  const { meta } = useSession();
  const { message } = App.useApp();
  const client = useQueryClient();
  const resources = useResources(id);
  const [form] = Form.useForm();
  const [saving, setSaving] = useState(false);
  const [conflict, setConflict] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  /** The refusals that name no field of the form (the others show under their field). */
  const [unplaced, setUnplaced] = useState<ErrorDetail[]>([]);

  const row = resources.data?.items.find((r) => r.year === year);
  const top = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (conflict || error) top.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, [conflict, error]);

  useEffect(() => {
    if (!resources.data) return;
    form.resetFields();
    if (row) form.setFieldsValue(Object.fromEntries(meta.resourceFields.map((f) => [f.key, factValue(row, f.key)])));
  }, [resources.data, row, form, meta.resourceFields]);

  if (resources.isPending) return <Loading />;
  if (resources.isError) return <LoadError error={resources.error} onRetry={() => resources.refetch()} />;

  async function save(values: Record<string, number | null>) {
    setSaving(true);
    setError(null);
    setConflict(false);
    try {
      await api.put(`/institutions/${encodeURIComponent(id)}/resources/${year}`, {
        ...toPayload(meta.resourceFields, values),
        ...(row ? { version: row.version } : {}),
      });
      message.success(t('saved'));
      await client.invalidateQueries({ queryKey: ['resources', id] });
      await client.invalidateQueries({ queryKey: ['summary'] });
      await client.invalidateQueries({ queryKey: ['children-summary'] });
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) setConflict(true);
      else if (e instanceof ApiError) {
        setError(e);
        setUnplaced(showFieldErrors(form, meta.resourceFields, e.details));
      } else message.error(errorMessage(e));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Card
      size="small"
      title={t('reportFor', { name, year })}
      extra={row ? <Tag color="blue">{t('versionLabel', { version: row.version })}</Tag> : <Tag>{t('newReport')}</Tag>}
    >
      <div ref={top} />
      {conflict && (
        <Alert
          type="error"
          showIcon
          title={t('conflictTitle')}
          description={t('conflictBody')}
          style={{ marginBottom: 12 }}
          data-testid="report-conflict"
          action={
            <Button
              danger
              onClick={async () => {
                setConflict(false);
                await resources.refetch();
              }}
            >
              {t('reload')}
            </Button>
          }
        />
      )}
      {error && (
        <Alert
          type="error"
          showIcon
          title={error.message}
          description={
            error.details.length > 0 ? (
              <>
                {unplaced.length < error.details.length && <div>{t('factErrorsBelow')}</div>}
                {unplaced.length > 0 && (
                  <ul style={{ margin: 0, paddingLeft: 18 }}>
                    {unplaced.map((d) => (
                      <li key={`${d.path}:${d.message}`}>{d.message}</li>
                    ))}
                  </ul>
                )}
              </>
            ) : undefined
          }
          style={{ marginBottom: 12 }}
          data-testid="report-error"
        />
      )}
      <Typography.Paragraph type="secondary">{t('notReported')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={save} data-testid="report-form">
        <FactFields fields={meta.resourceFields} />
        <Button type="primary" htmlType="submit" loading={saving} data-testid="report-save">
          {t('save')}
        </Button>
      </Form>
    </Card>
  );
}
