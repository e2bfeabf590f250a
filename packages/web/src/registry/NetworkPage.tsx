// One network (医联体): its kind, county and lead, and its members (closed ones kept as history, tagged
// 已撤销). Those who may write in the network's county add members (an institution in another network moves
// here), remove them, make one the lead, rename it or change its kind, and delete it while it has no members;
// the server's refusals (outside the kind's reach, the lead leaving, a closed institution) are shown as said.
import { ArrowLeftOutlined, DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Popconfirm, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError, api, errorMessage, request } from '../platform/api.ts';
import { LoadError, Loading } from '../platform/Loading.tsx';
import { useLabel } from '../platform/locale.tsx';
import { useSession } from '../platform/session.tsx';
import type { Wire } from '../platform/wire.ts';
import { useAdminRights } from './admin-rights.ts';
import { codeLabel } from './codes.ts';
import { InstitutionPicker } from './InstitutionPicker.tsx';
import { useRegistryT } from './i18n.ts';
import { NetworkForm } from './NetworkForm.tsx';

type NetworkDetail = Wire<'NetworkDetail'>;
type Member = Wire<'NetworkMember'>;

/** Where the picker looks for new members: the kind's reach, narrowed to the caller's scope. */
export function pickerArea(type: string, countyCode: string, scope: string): string {
  const reach =
    type === 'county-medical-community'
      ? countyCode.slice(0, 6)
      : type === 'urban-medical-group'
        ? countyCode.slice(0, 4)
        : '';
  return reach.startsWith(scope) ? reach : scope;
}

export default function NetworkPage() {
  const { id } = useParams();
  const t = useRegistryT();
  const label = useLabel();
  const navigate = useNavigate();
  const client = useQueryClient();
  const { message } = App.useApp();
  const { meta, rootAreaCode, can } = useSession();
  const rights = useAdminRights();
  const [editing, setEditing] = useState(false);
  const [adding, setAdding] = useState<string | undefined>();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const key = ['network', id];
  const network = useQuery({
    queryKey: key,
    queryFn: () => api.get<NetworkDetail>(`/networks/${encodeURIComponent(id as string)}`),
    enabled: !!id,
  });

  if (network.isPending) return <Loading />;
  if (network.isError) return <LoadError error={network.error} onRetry={() => network.refetch()} />;
  const n = network.data;
  const mayManage = rights.writeArea(n.countyCode);

  /** Runs one change; the answer is the network as it now is (or nothing, for a deletion). */
  const act = async (what: string, run: () => Promise<NetworkDetail | undefined>, done: () => string) => {
    setBusy(what);
    setError(null);
    try {
      const saved = await run();
      if (saved) client.setQueryData(key, saved);
      await Promise.all(
        [['networks'], ['institutions'], ['institution']].map((queryKey) => client.invalidateQueries({ queryKey })),
      );
      message.success(done());
      return true;
    } catch (e) {
      // The reason is in the details (the 422's message only counts them).
      const details = e instanceof ApiError ? e.details.map((d) => d.message) : [];
      setError(details.length ? details.join('；') : errorMessage(e));
      return false;
    } finally {
      setBusy(null);
    }
  };

  const add = async () => {
    if (!adding) return;
    const institutionId = Number(adding);
    let name = '';
    const ok = await act(
      'add',
      async () => {
        const saved = await api.post<NetworkDetail>(`/networks/${n.id}/members`, { institutionId });
        name = saved.memberList.find((m) => m.id === institutionId)?.name ?? '';
        return saved;
      },
      () => t('netAdded', { name }),
    );
    if (ok) setAdding(undefined);
  };
  const remove = (m: Member) =>
    act(
      `remove-${m.id}`,
      () => request<NetworkDetail>(`/networks/${n.id}/members/${m.id}`, { method: 'DELETE' }),
      () => t('netRemoved', { name: m.name }),
    );
  const makeLead = (m: Member) =>
    act(
      `lead-${m.id}`,
      () =>
        api.put<NetworkDetail>(`/networks/${n.id}`, {
          name: n.name,
          type: n.type,
          leadInstitutionId: m.id,
          version: n.version,
        }),
      () => t('netLeadSet', { name: m.name }),
    );
  const destroy = async () => {
    const ok = await act(
      'delete',
      () => request<undefined>(`/networks/${n.id}`, { method: 'DELETE', query: { version: n.version } }),
      () => t('netDeleted', { name: n.name }),
    );
    if (ok) navigate('/networks');
  };

  const reachHint =
    n.type === 'county-medical-community'
      ? t('netReachCounty')
      : n.type === 'urban-medical-group'
        ? t('netReachCity')
        : t('netReachAny');

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Space>
          {/* An institution user comes from its institution's page and has no list of networks. */}
          <Button icon={<ArrowLeftOutlined />} onClick={() => (can('readArea') ? navigate('/networks') : navigate(-1))}>
            {can('readArea') ? t('netBack') : t('back')}
          </Button>
          <Typography.Title level={3} className="wj-page-title" style={{ margin: 0 }} data-testid="network-name">
            {n.name}
          </Typography.Title>
          <Tag>{codeLabel(meta.networkTypes, n.type, label)}</Tag>
        </Space>
        {mayManage && (
          <Space wrap>
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="network-edit">
              {t('adminEdit')}
            </Button>
            <Popconfirm
              title={t('netDeleteConfirm', { name: n.name })}
              onConfirm={destroy}
              disabled={n.memberList.length > 0}
            >
              <Tooltip title={n.memberList.length > 0 ? t('netDeleteHint') : undefined}>
                <Button
                  danger
                  icon={<DeleteOutlined />}
                  disabled={n.memberList.length > 0}
                  loading={busy === 'delete'}
                  data-testid="network-delete"
                >
                  {t('netDelete')}
                </Button>
              </Tooltip>
            </Popconfirm>
          </Space>
        )}
      </Space>
      <Descriptions size="small" bordered column={{ xs: 1, md: 3 }} data-testid="network-attributes">
        <Descriptions.Item label={t('netCounty')}>{n.countyName ?? n.countyCode}</Descriptions.Item>
        <Descriptions.Item label={t('netLead')}>
          {n.leadInstitutionId ? (
            <Link to={`/institutions/${n.leadInstitutionId}`}>{n.leadName}</Link>
          ) : (
            <Typography.Text type="secondary">{t('netLeadNone')}</Typography.Text>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('netMembers')}>{t('netMemberCount', { count: n.members })}</Descriptions.Item>
      </Descriptions>
      {error && (
        <Alert
          type="error"
          showIcon
          closable
          title={error}
          onClose={() => setError(null)}
          data-testid="network-error"
        />
      )}
      <Card size="small" title={t('netMembers')}>
        {mayManage && (
          <Space orientation="vertical" style={{ width: '100%', marginBottom: 12 }}>
            <Space wrap>
              <InstitutionPicker
                value={adding}
                onChange={setAdding}
                area={pickerArea(n.type, n.countyCode, rootAreaCode)}
              />
              <Button
                type="primary"
                disabled={!adding}
                loading={busy === 'add'}
                onClick={add}
                data-testid="network-add"
              >
                {t('netAddMember')}
              </Button>
            </Space>
            <Typography.Text type="secondary">{reachHint}</Typography.Text>
          </Space>
        )}
        <Table<Member>
          rowKey="id"
          size="small"
          dataSource={n.memberList}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          data-testid="network-members"
          columns={[
            {
              title: t('netName'),
              dataIndex: 'name',
              render: (name: string, m) => (
                <Space size={4}>
                  <Link to={`/institutions/${m.id}`}>{name}</Link>
                  {m.closedOn && <Tag title={`${t('closed')} ${m.closedOn}`}>{t('adminClosedTag')}</Tag>}
                </Space>
              ),
            },
            {
              title: t('colCategory'),
              dataIndex: 'category',
              render: (c: string) => codeLabel(meta.institutionCategories, c, label),
            },
            { title: t('netColArea'), dataIndex: 'areaName', render: (v: string | null, m) => v ?? m.areaCode },
            {
              title: t('netColRole'),
              dataIndex: 'isLead',
              render: (lead: boolean) =>
                lead ? <Tag color="blue">{t('networkRoleLead')}</Tag> : <Tag>{t('networkRoleMember')}</Tag>,
            },
            ...(mayManage
              ? [
                  {
                    title: t('netColActions'),
                    key: 'actions',
                    render: (_: unknown, m: Member) => (
                      <Space size={4}>
                        {!m.isLead && !m.closedOn && (
                          <Button
                            size="small"
                            loading={busy === `lead-${m.id}`}
                            onClick={() => makeLead(m)}
                            data-testid={`network-lead-${m.id}`}
                          >
                            {t('netMakeLead')}
                          </Button>
                        )}
                        <Popconfirm
                          title={t('netRemoveConfirm', { name: m.name })}
                          onConfirm={() => remove(m)}
                          disabled={m.isLead}
                        >
                          <Tooltip title={m.isLead ? t('netLeadCannotLeave') : undefined}>
                            <Button
                              size="small"
                              danger
                              disabled={m.isLead}
                              loading={busy === `remove-${m.id}`}
                              data-testid={`network-remove-${m.id}`}
                            >
                              {t('netRemove')}
                            </Button>
                          </Tooltip>
                        </Popconfirm>
                      </Space>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      {editing && (
        <NetworkForm
          network={n}
          onClose={(saved) => {
            setEditing(false);
            if (saved) {
              client.setQueryData(key, saved);
              client.invalidateQueries({ queryKey: ['networks'] });
            }
          }}
        />
      )}
    </Space>
  );
}
