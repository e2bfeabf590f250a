// Export buttons: GET /export/{kind}?area=&year=&format= downloads within the caller's scope.
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Form, Radio, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { apiUrl } from '../platform/api.ts';
import { useSession } from '../platform/session.tsx';
import type { QueryOf } from '../platform/wire.ts';
import { AreaSelect } from './AreaSelect.tsx';
import { IMPORT_KINDS, type ImportKind } from './ImportWizard.tsx';
import { useRegistryT } from './i18n.ts';

type ExportQuery = QueryOf<'/api/v1/export/{kind}'>;

export default function ExportPage() {
  const t = useRegistryT();
  const { meta, rootAreaCode, areaCode, year: sessionYear } = useSession();
  const [kind, setKind] = useState<ImportKind>('institutions');
  const [area, setArea] = useState(areaCode);
  const [year, setYear] = useState(sessionYear);
  const href = (format: ExportQuery['format']) => {
    const query: ExportQuery = { area, year: kind === 'institutions' ? undefined : year, format };
    return apiUrl(`/export/${kind}`, query);
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} className="wj-page-title">
        {t('exportTitle')}
      </Typography.Title>
      <Card size="small">
        <Form layout="vertical" style={{ maxWidth: 560 }}>
          <Form.Item label={t('exportKind')}>
            <Radio.Group
              value={kind}
              onChange={(e) => setKind(e.target.value)}
              optionType="button"
              options={IMPORT_KINDS.map((k) => ({ value: k, label: t(`kind_${k}`) }))}
            />
          </Form.Item>
          <Form.Item label={t('exportArea')}>
            <AreaSelect
              rootCode={rootAreaCode}
              value={area}
              year={year}
              onChange={(v) => v && setArea(v)}
              style={{ width: 280 }}
            />
          </Form.Item>
          {kind !== 'institutions' && (
            <Form.Item label={t('exportYear')}>
              <Select
                value={year}
                onChange={setYear}
                style={{ width: 120 }}
                options={[...meta.years].sort((a, b) => b - a).map((y) => ({ value: y, label: String(y) }))}
              />
            </Form.Item>
          )}
          <Space>
            <a href={href('xlsx')} download data-testid="export-xlsx">
              <Button type="primary" icon={<DownloadOutlined />}>
                {t('exportXlsx')}
              </Button>
            </a>
            <a href={href('csv')} download data-testid="export-csv">
              <Button icon={<DownloadOutlined />}>{t('exportCsv')}</Button>
            </a>
          </Space>
          <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
            {t('exportHint')}
          </Typography.Paragraph>
        </Form>
      </Card>
    </Space>
  );
}
