// 签约管理: the contracts of the user's scope (filtered by team), a new contract (resident record number, team,
// package, period), renewal (a new contract for the next period pointing at the old one) and 解约 after a
// confirmation.
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Drawer,
  Form,
  Input,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { ApiError, api, errorMessage } from '../platform/api.ts';
import { LoadError } from '../platform/Loading.tsx';
import { can } from '../platform/rights.ts';
import { useSession } from '../platform/session.tsx';
import { useCareT } from './i18n.ts';
import { today, useCareInvalidate, useContracts, usePackages, useTeams } from './queries.ts';
import type { Contract } from './types.ts';

const PAGE_SIZE = 20;

export default function Contracts() {
  const t = useCareT();
  const { user } = useSession();
  const { message } = App.useApp();
  const invalidate = useCareInvalidate();
  const [params, setParams] = useSearchParams();
  const teams = useTeams();
  const team = params.get('team') ?? undefined;
  const active = params.get('active') === '1' ? true : undefined;
  const list = useContracts({ team, active });
  const [creating, setCreating] = useState(false);
  const writable = can(user, 'writeInstitution');
  const asOf = today();

  const renew = async (c: Contract) => {
    try {
      // The next period of the same length, from the day after the old one ends.
      const start = dayjs(c.end).add(1, 'day');
      const end = start.add(dayjs(c.end).diff(dayjs(c.start), 'day'), 'day');
      await api.post(`/care/contracts/${c.id}/renew`, {
        start: start.format('YYYY-MM-DD'),
        end: end.format('YYYY-MM-DD'),
        packageId: c.packageId,
      });
      message.success(t('contractSaved'));
      void invalidate();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  const cancel = async (c: Contract) => {
    try {
      await api.post(`/care/contracts/${c.id}/cancel`);
      message.success(t('contractCancelled'));
      void invalidate();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space align="baseline" wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} className="wj-page-title" style={{ margin: 0 }}>
          {t('contractsTitle')}
        </Typography.Title>
        {writable && (
          <Button type="primary" onClick={() => setCreating(true)} data-testid="contract-new">
            {t('newContract')}
          </Button>
        )}
      </Space>
      <Card size="small">
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('team')}
          value={team}
          onChange={(v) => {
            const next = new URLSearchParams(params);
            v ? next.set('team', v) : next.delete('team');
            setParams(next, { replace: true });
          }}
          options={(teams.data ?? []).map((tm) => ({ value: String(tm.id), label: tm.name }))}
          style={{ width: 240 }}
          data-testid="contract-team-filter"
        />
        <Checkbox
          style={{ marginLeft: 12 }}
          checked={!!active}
          onChange={(e) => {
            const next = new URLSearchParams(params);
            e.target.checked ? next.set('active', '1') : next.delete('active');
            setParams(next, { replace: true });
          }}
        >
          {t('activeOnly')}
        </Checkbox>
      </Card>
      {list.isError ? (
        <LoadError error={list.error} onRetry={() => list.refetch()} />
      ) : (
        <Card size="small">
          <Table<Contract>
            rowKey="id"
            size="small"
            loading={list.isFetching}
            dataSource={list.data?.items ?? []}
            pagination={{ pageSize: PAGE_SIZE, hideOnSinglePage: true, showSizeChanger: false }}
            data-testid="contract-table"
            columns={[
              {
                title: t('resident'),
                dataIndex: 'residentName',
                render: (v: string, c) => <Link to={`/care/residents/${c.residentId}`}>{v}</Link>,
              },
              { title: t('team'), dataIndex: 'teamName' },
              { title: t('package'), dataIndex: 'packageName', render: (v: string | null) => v ?? '—' },
              { title: t('start'), dataIndex: 'start' },
              {
                title: t('end'),
                dataIndex: 'end',
                render: (v: string, c) => (
                  <>
                    {v}{' '}
                    {c.cancelled ? (
                      <Tag>{t('closed')}</Tag>
                    ) : v < asOf ? (
                      <Tag color="orange">{t('status_overdue')}</Tag>
                    ) : null}
                  </>
                ),
              },
              ...(writable
                ? [
                    {
                      title: '',
                      key: 'renew',
                      render: (_: unknown, c: Contract) =>
                        c.cancelled ? null : (
                          <Space size={4}>
                            <Button size="small" onClick={() => renew(c)} data-testid="contract-renew">
                              {t('renew')}
                            </Button>
                            <Popconfirm
                              title={t('cancelContractConfirm', {
                                team: c.teamName ?? `#${c.teamId}`,
                                start: c.start,
                                end: c.end,
                              })}
                              onConfirm={() => cancel(c)}
                              okButtonProps={{ 'data-testid': 'contract-cancel-ok' }}
                            >
                              <Button size="small" danger data-testid={`contract-cancel-${c.id}`}>
                                {t('cancelContract')}
                              </Button>
                            </Popconfirm>
                          </Space>
                        ),
                    },
                  ]
                : []),
            ]}
          />
          <Typography.Text type="secondary">{t('totalContracts', { total: list.data?.total ?? 0 })}</Typography.Text>
        </Card>
      )}
      <Drawer open={creating} width={480} title={t('newContract')} onClose={() => setCreating(false)} destroyOnHidden>
        <ContractForm onDone={() => setCreating(false)} />
      </Drawer>
    </Space>
  );
}

interface Values {
  resident: string;
  team?: string;
  package?: string;
  start: Dayjs;
  end: Dayjs;
}

function ContractForm({ onDone }: { onDone: () => void }) {
  const t = useCareT();
  const { message } = App.useApp();
  const invalidate = useCareInvalidate();
  const teams = useTeams();
  const packages = usePackages();
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<string | null>(null);
  const start = dayjs(today());
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={{ start, end: start.add(1, 'year').subtract(1, 'day') }}
      data-testid="contract-form"
      onFinish={async (v) => {
        setProblem(null);
        try {
          await api.post('/care/contracts', {
            residentId: Number(v.resident),
            teamId: Number(v.team),
            packageId: v.package ? Number(v.package) : null,
            start: v.start.format('YYYY-MM-DD'),
            end: v.end.format('YYYY-MM-DD'),
          });
          message.success(t('contractSaved'));
          void invalidate();
          onDone();
        } catch (e) {
          const details = e instanceof ApiError ? e.details : [];
          form.setFields(
            (['resident', 'team', 'package', 'start', 'end'] as const).map((name) => ({
              name,
              errors: details.filter((d) => d.path === name || d.path === `${name}Id`).map((d) => d.message),
            })),
          );
          setProblem(errorMessage(e));
        }
      }}
    >
      <Form.Item
        name="resident"
        label={t('residentId')}
        rules={[
          { required: true, message: t('required') },
          { pattern: /^\d+$/, message: t('residentId') },
        ]}
      >
        <Input data-testid="k-resident" />
      </Form.Item>
      <Form.Item name="team" label={t('team')} rules={[{ required: true, message: t('required') }]}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          options={(teams.data ?? []).filter((x) => !x.closed).map((x) => ({ value: String(x.id), label: x.name }))}
          data-testid="k-team"
        />
      </Form.Item>
      <Form.Item name="package" label={t('package')}>
        <Select allowClear options={(packages.data ?? []).map((p) => ({ value: String(p.id), label: p.name }))} />
      </Form.Item>
      <Space>
        <Form.Item name="start" label={t('start')} rules={[{ required: true, message: t('required') }]}>
          <DatePicker allowClear={false} />
        </Form.Item>
        <Form.Item
          name="end"
          label={t('end')}
          dependencies={['start']}
          rules={[
            { required: true, message: t('required') },
            ({ getFieldValue }) => ({
              validator: (_, v: Dayjs | undefined) => {
                const s = getFieldValue('start') as Dayjs | undefined;
                return v && s && v.isBefore(s, 'day')
                  ? Promise.reject(new Error(t('endBeforeStart')))
                  : Promise.resolve();
              },
            }),
          ]}
        >
          <DatePicker allowClear={false} />
        </Form.Item>
      </Space>
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} />}
      <Button type="primary" htmlType="submit" data-testid="k-save">
        {t('save')}
      </Button>
    </Form>
  );
}
