// Area tree browser: children load lazily from GET /areas/{code}; the chosen area's attributes on the right.
import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, Col, Descriptions, Empty, Row, Space, Tree, Typography } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { LoadError, Loading } from '../platform/Loading.tsx';
import { useSession } from '../platform/session.tsx';
import { isLeafArea } from './AreaSelect.tsx';
import { useRegistryT } from './i18n.ts';
import { fetchArea, useArea } from './queries.ts';
import type { AreaRef } from './types.ts';

const LEVELS = ['province', 'city', 'county', 'township', 'village'];

function toNode(area: AreaRef): DataNode {
  return { key: area.code, title: `${area.name}`, isLeaf: isLeafArea(area) };
}

function withChildren(nodes: DataNode[], key: string, children: DataNode[]): DataNode[] {
  return nodes.map((node) => {
    if (node.key === key) return { ...node, children };
    if (node.children) return { ...node, children: withChildren(node.children, key, children) };
    return node;
  });
}

export default function AreaTreePage() {
  const t = useRegistryT();
  const { rootAreaCode, year, areaCode, setAreaCode } = useSession();
  const client = useQueryClient();
  const navigate = useNavigate();
  const root = useArea(rootAreaCode, year);
  const [tree, setTree] = useState<DataNode[]>([]);
  const [selected, setSelected] = useState<string>(areaCode);
  const [expanded, setExpanded] = useState<React.Key[]>([rootAreaCode]);
  const detail = useArea(selected, year);

  useEffect(() => {
    if (root.data) setTree([{ ...toNode(root.data), children: root.data.children.map(toNode) }]);
  }, [root.data]);

  if (root.isPending) return <Loading />;
  if (root.isError) return <LoadError error={root.error} onRetry={() => root.refetch()} />;

  const levelLabel = (level: AreaRef['level']) => {
    const name = LEVELS[level - 1];
    return name ? t(`level_${name}` as Parameters<typeof t>[0]) : String(level);
  };

  return (
    <Row gutter={16}>
      <Col xs={24} md={10} lg={8}>
        <Card
          title={t('areaTree')}
          size="small"
          styles={{ body: { maxHeight: 'calc(100vh - 180px)', overflow: 'auto' } }}
        >
          <Tree
            treeData={tree}
            expandedKeys={expanded}
            onExpand={setExpanded}
            selectedKeys={[selected]}
            onSelect={(keys) => keys[0] && setSelected(String(keys[0]))}
            loadData={async (node) => {
              if (node.children) return;
              const area = await client.fetchQuery({
                queryKey: ['area', String(node.key), year],
                queryFn: () => fetchArea(String(node.key), year),
              });
              setTree((prev) => withChildren(prev, String(node.key), area.children.map(toNode)));
            }}
            data-testid="area-tree"
          />
        </Card>
      </Col>
      <Col xs={24} md={14} lg={16}>
        <Card title={t('areaDetail')} size="small">
          {detail.isPending ? (
            <Loading />
          ) : detail.isError ? (
            <LoadError error={detail.error} />
          ) : detail.data ? (
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Typography.Title level={4} style={{ margin: 0 }}>
                {[...detail.data.ancestors.map((a) => a.name), detail.data.name].join(' / ')}
              </Typography.Title>
              <Descriptions column={{ xs: 1, lg: 2 }} bordered size="small">
                <Descriptions.Item label={t('code')}>{detail.data.code}</Descriptions.Item>
                <Descriptions.Item label={t('level')}>{levelLabel(detail.data.level)}</Descriptions.Item>
                {detail.data.urbanRural != null && (
                  <Descriptions.Item label={t('urbanRural')}>{detail.data.urbanRural}</Descriptions.Item>
                )}
                {detail.data.validFrom != null && (
                  <Descriptions.Item label={t('validFrom')}>{detail.data.validFrom}</Descriptions.Item>
                )}
                {detail.data.validTo != null && (
                  <Descriptions.Item label={t('validTo')}>{detail.data.validTo}</Descriptions.Item>
                )}
                {detail.data.successorCode != null && (
                  <Descriptions.Item label={t('successor')}>{detail.data.successorCode}</Descriptions.Item>
                )}
                <Descriptions.Item label={t('children')}>{detail.data.children.length}</Descriptions.Item>
              </Descriptions>
              <Space>
                <Button
                  type="primary"
                  onClick={() => {
                    setAreaCode(detail.data.code);
                    navigate('/');
                  }}
                >
                  {t('setCurrentArea')}
                </Button>
                <Button onClick={() => navigate(`/institutions?area=${encodeURIComponent(detail.data.code)}`)}>
                  {t('viewInstitutions')}
                </Button>
              </Space>
            </Space>
          ) : (
            <Empty description={t('selectAreaHint')} />
          )}
        </Card>
      </Col>
    </Row>
  );
}
