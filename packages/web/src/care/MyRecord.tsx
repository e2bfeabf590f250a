// The resident's own view (/care/me): their record, contract and follow-ups, and every opening of their record
// by someone else with who, from which institution, when and on what basis (个人信息保护法).
import { Alert, Card, Space } from 'antd';
import { LoadError, Loading } from '../platform/Loading.tsx';
import { useLocale } from '../platform/locale.tsx';
import { useCareT } from './i18n.ts';
import { useMyRecord } from './queries.ts';
import { OpeningsTable, RecordView } from './ResidentRecord.tsx';

export default function MyRecord() {
  const t = useCareT();
  const { lang } = useLocale();
  const me = useMyRecord();
  if (me.isPending) return <Loading />;
  if (me.isError) return <LoadError error={me.error} onRetry={() => me.refetch()} />;
  const { openings } = me.data;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="my-record">
      <RecordView detail={me.data} own />
      <Card size="small" title={t('myOpenings')}>
        <Alert type="info" showIcon title={t('myOpeningsNote')} style={{ marginBottom: 8 }} />
        <OpeningsTable items={openings} lang={lang} />
      </Card>
    </Space>
  );
}
