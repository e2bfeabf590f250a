// 撤销 / 恢复: closing an institution with the date and reason (it stays in the registry as history) and
// reopening one closed by mistake. Offered to whoever may write in the institution's area (the server asks the
// same rule); every problem the server names (a network's lead, a date before the opening…) at its field.
import { StopOutlined, UndoOutlined } from '@ant-design/icons';
import { Alert, App, Button, DatePicker, Form, Input, Modal, Popconfirm } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { ApiError, api, errorMessage } from '../platform/api.ts';
import { useAdminRights } from './admin-rights.ts';
import { useRegistryT } from './i18n.ts';
import type { Institution } from './types.ts';

export function InstitutionClosing({
  institution,
  onDone,
}: {
  institution: Institution;
  onDone: (saved: Institution) => void;
}) {
  const t = useRegistryT();
  const { message } = App.useApp();
  const rights = useAdminRights();
  const [closing, setClosing] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!rights.writeArea(institution.areaCode)) return null;

  const reopen = async () => {
    setBusy(true);
    try {
      const saved = await api.post<Institution>(`/institutions/${institution.id}/reopen`, {
        version: institution.version,
      });
      message.success(t('adminReopened', { name: institution.name }));
      onDone(saved);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return institution.closedOn ? (
    <Popconfirm title={t('adminReopenConfirm', { name: institution.name })} onConfirm={reopen}>
      <Button icon={<UndoOutlined />} loading={busy} data-testid="institution-reopen">
        {t('adminReopen')}
      </Button>
    </Popconfirm>
  ) : (
    <>
      <Button danger icon={<StopOutlined />} onClick={() => setClosing(true)} data-testid="institution-close">
        {t('adminClose')}
      </Button>
      {closing && (
        <CloseModal
          institution={institution}
          onClose={(saved) => {
            setClosing(false);
            if (saved) onDone(saved);
          }}
        />
      )}
    </>
  );
}

interface CloseValues {
  closedOn?: Dayjs | null;
  reason?: string;
}

function CloseModal({ institution, onClose }: { institution: Institution; onClose: (saved?: Institution) => void }) {
  const t = useRegistryT();
  const { message } = App.useApp();
  const [form] = Form.useForm<CloseValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    const v = form.getFieldsValue(true) as CloseValues;
    const missing = [
      ...(v.closedOn ? [] : [{ name: 'closedOn' as const, errors: [t('adminRequired')] }]),
      ...(v.reason?.trim() ? [] : [{ name: 'reason' as const, errors: [t('adminRequired')] }]),
    ];
    form.setFields([{ name: 'closedOn', errors: [] }, { name: 'reason', errors: [] }, ...missing]);
    if (missing.length) return;
    setSaving(true);
    setError(null);
    try {
      const saved = await api.post<Institution>(`/institutions/${institution.id}/close`, {
        closedOn: v.closedOn!.format('YYYY-MM-DD'),
        reason: v.reason!.trim(),
        version: institution.version,
      });
      message.success(t('adminClosedDone', { name: institution.name }));
      onClose(saved);
    } catch (e) {
      const details = e instanceof ApiError ? e.details : [];
      form.setFields(
        (['closedOn', 'reason'] as const).map((name) => ({
          name,
          errors: details.filter((d) => d.path === name).map((d) => d.message),
        })),
      );
      const others = details.filter((d) => d.path !== 'closedOn' && d.path !== 'reason').map((d) => d.message);
      setError([errorMessage(e), ...others].join('；'));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t('adminCloseTitle', { name: institution.name })}
      okText={t('adminClose')}
      okButtonProps={{ danger: true, 'data-testid': 'close-ok' }}
      confirmLoading={saving}
      onOk={submit}
      onCancel={() => onClose()}
    >
      <Alert type="info" showIcon title={t('adminCloseHint')} style={{ marginBottom: 16 }} />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" initialValues={{ closedOn: dayjs() }}>
        <Form.Item name="closedOn" label={t('closed')} required>
          <DatePicker style={{ width: 200 }} data-testid="close-date" />
        </Form.Item>
        <Form.Item name="reason" label={t('adminCloseReason')} required>
          <Input.TextArea rows={3} maxLength={200} data-testid="close-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
