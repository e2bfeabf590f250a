// 医联体: the networks (县域医共体, 城市医疗集团, 专科联盟) of the area the user is looking at, with their lead and
// number of current members; those who may write in the area create one here.
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../platform/api.ts';
import { LoadError } from '../platform/Loading.tsx';
import { useLabel } from '../platform/locale.tsx';
import { useSession } from '../platform/session.tsx';
import type { ResponseOf } from '../platform/wire.ts';
import { AreaSelect } from './AreaSelect.tsx';
import { useAdminRights } from './admin-rights.ts';
import { codeLabel } from './codes.ts';
import { useRegistryT } from './i18n.ts';
import { NetworkForm } from './NetworkForm.tsx';
import type { Network } from './types.ts';

export default function NetworksPage() {
  const t = useRegistryT();
  const label = useLabel();
  const navigate = useNavigate();
  const { meta, rootAreaCode, areaCode, setAreaCode, year } = useSession();
  const rights = useAdminRights();
  const [creating, setCreating] = useState(false);
  const list = useQuery({
    queryKey: ['networks', areaCode],
    queryFn: () => api.get<ResponseOf<'/api/v1/networks'>>('/networks', { area: areaCode }),
  });

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Title level={3} className="wj-page-title" style={{ margin: 0 }}>
          {t('netTitle')}
        </Typography.Title>
        <Space wrap>
          <AreaSelect
            rootCode={rootAreaCode}
            year={year}
            value={areaCode}
            maxLevel="county"
            onChange={(v) => setAreaCode(v ?? rootAreaCode)}
            style={{ width: 220 }}
            data-testid="networks-area"
          />
          {rights.writeArea(rootAreaCode) && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="network-new">
              {t('netNew')}
            </Button>
          )}
        </Space>
      </Space>
      <Typography.Text type="secondary">{t('netIntro')}</Typography.Text>
      {list.isError ? (
        <LoadError error={list.error} onRetry={() => list.refetch()} />
      ) : (
        <Card size="small">
          <Table<Network>
            rowKey="id"
            size="small"
            loading={list.isFetching}
            dataSource={list.data?.items ?? []}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            locale={{ emptyText: t('netEmpty') }}
            data-testid="networks-table"
            columns={[
              {
                title: t('netName'),
                dataIndex: 'name',
                render: (name: string, n) => <Link to={`/networks/${n.id}`}>{name}</Link>,
              },
              {
                title: t('netType'),
                dataIndex: 'type',
                render: (type: string) => <Tag>{codeLabel(meta.networkTypes, type, label)}</Tag>,
              },
              { title: t('netCounty'), dataIndex: 'countyName', render: (v: string | null, n) => v ?? n.countyCode },
              {
                title: t('netLead'),
                dataIndex: 'leadName',
                render: (v: string | null, n) =>
                  n.leadInstitutionId ? (
                    <Link to={`/institutions/${n.leadInstitutionId}`}>{v}</Link>
                  ) : (
                    <Typography.Text type="secondary">{t('netLeadNone')}</Typography.Text>
                  ),
              },
              {
                title: t('netMembers'),
                dataIndex: 'members',
                align: 'right',
                render: (count: number) => t('netMemberCount', { count }),
              },
            ]}
          />
        </Card>
      )}
      {creating && (
        <NetworkForm
          onClose={(saved) => {
            setCreating(false);
            if (saved) navigate(`/networks/${saved.id}`);
          }}
        />
      )}
    </Space>
  );
}
