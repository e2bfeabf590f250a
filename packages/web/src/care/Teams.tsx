// 家庭医生团队 and 服务包: the teams of the user's scope with their lead and members (members who are platform
// users get the team's patients on their work list), created and edited in a drawer; the county's packages.
import { Alert, App, Button, Card, Drawer, Form, Input, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, api, errorMessage } from '../platform/api.ts';
import { can } from '../platform/rights.ts';
import { useSession } from '../platform/session.tsx';
import { AreaSelect } from '../registry/AreaSelect.tsx';
import { InstitutionPicker } from '../registry/InstitutionPicker.tsx';
import { codeKey, useCareT } from './i18n.ts';
import { useCareInvalidate, usePackages, useTeams } from './queries.ts';
import type { ServicePackage, Team, TeamMember } from './types.ts';

const DUTIES: TeamMember['duty'][] = ['doctor', 'nurse', 'public-health', 'village-doctor', 'other'];

export default function Teams() {
  const t = useCareT();
  const { user } = useSession();
  const teams = useTeams();
  const packages = usePackages();
  const [editing, setEditing] = useState<Team | 'new' | null>(null);
  const [newPackage, setNewPackage] = useState(false);
  const writable = can(user, 'writeInstitution');

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} className="wj-page-title" style={{ margin: 0 }}>
        {t('teamsTitle')}
      </Typography.Title>
      <Tabs
        items={[
          {
            key: 'teams',
            label: t('teamsTitle'),
            children: (
              <Card
                size="small"
                extra={
                  writable && (
                    <Button type="primary" onClick={() => setEditing('new')} data-testid="team-new">
                      {t('newTeam')}
                    </Button>
                  )
                }
              >
                <Table<Team>
                  rowKey="id"
                  size="small"
                  loading={teams.isFetching}
                  dataSource={teams.data ?? []}
                  data-testid="team-table"
                  columns={[
                    { title: t('teamCode'), dataIndex: 'code' },
                    {
                      title: t('teamName'),
                      dataIndex: 'name',
                      render: (v: string, row) => (
                        <>
                          {v} {row.closed && <Tag>{t('closed')}</Tag>}
                        </>
                      ),
                    },
                    {
                      title: t('institution'),
                      dataIndex: 'institutionName',
                      render: (v: string | null, row) => v ?? `#${row.institutionId}`,
                    },
                    { title: t('leadName'), dataIndex: 'leadName' },
                    {
                      title: t('members'),
                      dataIndex: 'members',
                      render: (m: TeamMember[] | undefined) => (m ?? []).map((x) => x.name).join('、'),
                    },
                    ...(writable
                      ? [
                          {
                            title: '',
                            key: 'edit',
                            render: (_: unknown, row: Team) => (
                              <Button size="small" onClick={() => setEditing(row)}>
                                {t('editTeam')}
                              </Button>
                            ),
                          },
                        ]
                      : []),
                  ]}
                />
              </Card>
            ),
          },
          {
            key: 'packages',
            label: t('packagesTitle'),
            children: (
              <Card
                size="small"
                extra={
                  writable && (
                    <Button onClick={() => setNewPackage(true)} data-testid="package-new">
                      {t('newPackage')}
                    </Button>
                  )
                }
              >
                <Table<ServicePackage>
                  rowKey="id"
                  size="small"
                  loading={packages.isFetching}
                  dataSource={packages.data ?? []}
                  columns={[
                    { title: t('packageCode'), dataIndex: 'code' },
                    { title: t('packageName'), dataIndex: 'name' },
                    { title: t('fee'), dataIndex: 'feeYuan', render: (v: number | null) => v ?? '—' },
                    { title: t('description'), dataIndex: 'description' },
                  ]}
                />
              </Card>
            ),
          },
        ]}
      />
      <Drawer
        open={!!editing}
        width={560}
        title={editing === 'new' ? t('newTeam') : t('editTeam')}
        onClose={() => setEditing(null)}
        destroyOnHidden
      >
        {editing && <TeamForm team={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />}
      </Drawer>
      <Drawer
        open={newPackage}
        width={480}
        title={t('newPackage')}
        onClose={() => setNewPackage(false)}
        destroyOnHidden
      >
        <PackageForm onDone={() => setNewPackage(false)} />
      </Drawer>
    </Space>
  );
}

interface TeamValues {
  code: string;
  name: string;
  institutionId?: string;
  leadName: string;
  leadUserId?: string;
  members?: { name: string; userId?: string; duty: TeamMember['duty'] }[];
}

const optionalId = (s: string | undefined) => (s?.trim() ? Number(s.trim()) : null);

function TeamForm({ team, onDone }: { team: Team | null; onDone: () => void }) {
  const t = useCareT();
  const { message } = App.useApp();
  const { user } = useSession();
  const invalidate = useCareInvalidate();
  const [form] = Form.useForm<TeamValues>();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fixedInstitution = user.role === 'institution' ? user.scopeInstitutionId : null;

  const submit = async (v: TeamValues) => {
    setBusy(true);
    setProblem(null);
    const edit = {
      name: v.name.trim(),
      leadName: v.leadName.trim(),
      leadUserId: optionalId(v.leadUserId),
      members: (v.members ?? []).map((m) => ({ name: m.name.trim(), userId: optionalId(m.userId), duty: m.duty })),
    };
    try {
      // The code and the institution of a team are fixed once created.
      if (team) await api.put(`/care/teams/${team.id}`, edit);
      else
        await api.post('/care/teams', {
          ...edit,
          code: v.code.trim(),
          institutionId: fixedInstitution ?? Number(v.institutionId),
        });
      message.success(t('teamSaved'));
      void invalidate();
      onDone();
    } catch (e) {
      const details = e instanceof ApiError ? e.details : [];
      form.setFields(
        (['code', 'name', 'institutionId', 'leadName', 'leadUserId'] as const).map((name) => ({
          name,
          errors: details.filter((d) => d.path === name).map((d) => d.message),
        })),
      );
      setProblem(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const required = [{ required: true, whitespace: true, message: t('required') }];
  const userId = [{ pattern: /^\d*$/, message: t('memberUserId') }];
  return (
    <Form<TeamValues>
      form={form}
      layout="vertical"
      onFinish={submit}
      data-testid="team-form"
      initialValues={
        team
          ? {
              code: team.code,
              name: team.name,
              institutionId: String(team.institutionId),
              leadName: team.leadName,
              leadUserId: team.leadUserId ? String(team.leadUserId) : undefined,
              members: (team.members ?? []).map((m) => ({
                name: m.name,
                userId: m.userId ? String(m.userId) : undefined,
                duty: m.duty,
              })),
            }
          : { members: [] }
      }
    >
      <Form.Item name="code" label={t('teamCode')} rules={required}>
        <Input disabled={!!team} data-testid="t-code" />
      </Form.Item>
      <Form.Item name="name" label={t('teamName')} rules={required}>
        <Input data-testid="t-name" />
      </Form.Item>
      {fixedInstitution == null && (
        <Form.Item name="institutionId" label={t('institution')} rules={[{ required: true, message: t('required') }]}>
          <InstitutionPicker
            initialName={team?.institutionName ?? undefined}
            onChange={(v) => form.setFieldValue('institutionId', v)}
          />
        </Form.Item>
      )}
      <Space align="start">
        <Form.Item name="leadName" label={t('leadName')} rules={required}>
          <Input data-testid="t-lead" />
        </Form.Item>
        <Form.Item name="leadUserId" label={t('memberUserId')} rules={userId}>
          <Input style={{ width: 120 }} />
        </Form.Item>
      </Space>
      <Typography.Text strong>{t('members')}</Typography.Text>
      <Form.List name="members">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f) => (
              <Space key={f.key} align="start" wrap>
                <Form.Item name={[f.name, 'name']} rules={required}>
                  <Input placeholder={t('memberName')} style={{ width: 130 }} />
                </Form.Item>
                <Form.Item name={[f.name, 'duty']} initialValue="doctor">
                  <Select
                    style={{ width: 120 }}
                    options={DUTIES.map((d) => ({ value: d, label: t(codeKey('duty', d)) }))}
                  />
                </Form.Item>
                <Form.Item name={[f.name, 'userId']} rules={userId}>
                  <Input placeholder={t('memberUserId')} style={{ width: 120 }} />
                </Form.Item>
                <Button onClick={() => remove(f.name)}>−</Button>
              </Space>
            ))}
            <Button onClick={() => add({ duty: 'doctor' })} style={{ marginBottom: 16 }} data-testid="t-add-member">
              {t('addMember')}
            </Button>
          </>
        )}
      </Form.List>
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} />}
      <Button type="primary" htmlType="submit" loading={busy} data-testid="t-save">
        {t('save')}
      </Button>
    </Form>
  );
}

function PackageForm({ onDone }: { onDone: () => void }) {
  const t = useCareT();
  const { message } = App.useApp();
  const invalidate = useCareInvalidate();
  const { user, rootAreaCode, year } = useSession();
  const [form] = Form.useForm<{ county?: string; code: string; name: string; fee?: string; description?: string }>();
  const [problem, setProblem] = useState<string | null>(null);
  // A county user's packages are their county's; others pick the county.
  const ownCounty = user.scopeAreaCode?.length === 6 ? user.scopeAreaCode : null;
  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={async (v) => {
        setProblem(null);
        try {
          await api.post('/care/packages', {
            countyCode: ownCounty ?? v.county,
            code: v.code.trim(),
            name: v.name.trim(),
            feeYuan: v.fee?.trim() ? Number(v.fee) : null,
            description: v.description?.trim() || null,
          });
          message.success(t('saved'));
          void invalidate();
          onDone();
        } catch (e) {
          setProblem(errorMessage(e));
        }
      }}
    >
      {!ownCounty && (
        <Form.Item
          name="county"
          label={t('county')}
          rules={[
            { required: true, message: t('required') },
            { pattern: /^\d{6}$/, message: t('countyOnly') },
          ]}
        >
          <AreaSelect rootCode={rootAreaCode} year={year} maxLevel="county" />
        </Form.Item>
      )}
      <Form.Item
        name="code"
        label={t('packageCode')}
        rules={[{ required: true, whitespace: true, message: t('required') }]}
      >
        <Input />
      </Form.Item>
      <Form.Item
        name="name"
        label={t('packageName')}
        rules={[{ required: true, whitespace: true, message: t('required') }]}
      >
        <Input />
      </Form.Item>
      <Form.Item name="fee" label={t('fee')} rules={[{ pattern: /^\d+(\.\d{1,2})?$/, message: t('feeInvalid') }]}>
        <Input inputMode="decimal" />
      </Form.Item>
      <Form.Item name="description" label={t('description')}>
        <Input.TextArea rows={3} />
      </Form.Item>
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} />}
      <Button type="primary" htmlType="submit">
        {t('save')}
      </Button>
    </Form>
  );
}
