// 重点任务与重大项目: a plan's key tasks and major projects with responsible departments, milestones, progress
// and status (滞后 when a milestone is overdue), progress updates (POST /tasks/{id}/updates) and the import of
// a numbered task list pasted from the plan text (POST /plans/{id}/tasks/import, previewed first).
import { EditOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  Button,
  Card,
  Col,
  Empty,
  Progress,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { api } from '../platform/api.ts';
import { LoadError, Loading } from '../platform/Loading.tsx';
import { useLocale } from '../platform/locale.tsx';
import { useSession } from '../platform/session.tsx';
import { punct } from './display.tsx';
import { type PlanningKey, usePlanningT } from './i18n.ts';
import { usePlans } from './queries.ts';
import { ProgressEditor } from './tasks/ProgressEditor.tsx';
import { TaskImport } from './tasks/TaskImport.tsx';
import { type PlanTask, TASK_STATUSES, type TaskList, type TaskStatus } from './types.ts';

const TASK_COLOUR: Record<TaskStatus, string> = {
  'not-started': '#bfbfbf',
  'in-progress': '#1677ff',
  lagging: '#fa8c16',
  done: '#52c41a',
  paused: '#8c8c8c',
};
const TASK_TAG: Record<TaskStatus, string> = {
  'not-started': 'default',
  'in-progress': 'processing',
  lagging: 'warning',
  done: 'success',
  paused: 'default',
};

export default function TasksPage() {
  const t = usePlanningT();
  const { id: rawId } = useParams();
  const navigate = useNavigate();
  const plans = usePlans();
  const planId = rawId ? Number(rawId) : plans.data?.items[0]?.id;
  const plan = plans.data?.items.find((p) => p.id === planId);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="tasks-page">
      <Typography.Title level={3} className="wj-page-title">
        {t('tasksTitle')}
      </Typography.Title>
      <Card size="small">
        <Space wrap>
          <Typography.Text type="secondary">{t('choosePlan')}</Typography.Text>
          <Select
            value={planId}
            loading={plans.isPending}
            onChange={(id) => navigate(`/plans/${id}/tasks`)}
            options={(plans.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
            style={{ width: 480 }}
            data-testid="tasks-plan"
          />
          {plan && <Link to={`/plans/${plan.id}`}>{t('open')}</Link>}
        </Space>
      </Card>
      {plans.isError ? (
        <LoadError error={plans.error} onRetry={() => plans.refetch()} />
      ) : plans.isPending ? (
        <Loading />
      ) : planId === undefined ? (
        <Empty description={t('noPlanTasks')} />
      ) : (
        <PlanTasks planId={planId} />
      )}
    </Space>
  );
}

function PlanTasks({ planId }: { planId: number }) {
  const t = usePlanningT();
  const { lang } = useLocale();
  const { can } = useSession();
  const canWrite = can('writeArea');
  const [params, setParams] = useSearchParams();
  const status = params.get('status') as TaskStatus | null;
  const kind = params.get('kind');
  const department = params.get('department');
  const [editing, setEditing] = useState<PlanTask | null>(null);

  const update = (changes: Record<string, string | null | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (!v) next.delete(k);
      else next.set(k, v);
    }
    setParams(next, { replace: true });
  };

  const tasks = useQuery({
    queryKey: ['plan-tasks', planId, kind, lang],
    queryFn: () => api.get<TaskList>(`/plans/${planId}/tasks`, { kind: kind ?? undefined, lang }),
  });
  const departments = useMemo(() => {
    const s = new Set<string>();
    for (const task of tasks.data?.items ?? []) {
      if (task.leadDepartment) s.add(task.leadDepartment);
      for (const d of task.departments) s.add(d);
    }
    return [...s].sort();
  }, [tasks.data]);
  const items = (tasks.data?.items ?? []).filter(
    (x) =>
      (status === null || x.status === status) &&
      (department === null || x.leadDepartment === department || x.departments.includes(department)),
  );

  if (tasks.isPending) return <Loading />;
  if (tasks.isError) return <LoadError error={tasks.error} onRetry={() => tasks.refetch()} />;
  const counts = tasks.data.counts;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Row gutter={[12, 12]} data-testid="task-counts">
        {TASK_STATUSES.map((s) => (
          <Col key={s} flex="1 1 140px">
            <Card
              size="small"
              hoverable
              onClick={() => update({ status: status === s ? null : s })}
              style={{
                borderTop: `3px solid ${TASK_COLOUR[s]}`,
                background: status === s ? `${TASK_COLOUR[s]}14` : undefined,
              }}
              data-testid={`task-count-${s}`}
            >
              <Statistic title={t(`tstatus_${s}` as PlanningKey)} value={counts[s] ?? 0} />
            </Card>
          </Col>
        ))}
      </Row>
      <Card size="small">
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Space wrap>
            <Select
              allowClear
              placeholder={t('taskKind')}
              value={kind ?? undefined}
              onChange={(v) => update({ kind: v })}
              options={(['task', 'project'] as const).map((k) => ({ value: k, label: t(`kind_${k}`) }))}
              style={{ width: 130 }}
              data-testid="filter-task-kind"
            />
            <Select
              allowClear
              placeholder={t('taskStatus')}
              value={status ?? undefined}
              onChange={(v) => update({ status: v })}
              options={TASK_STATUSES.map((s) => ({ value: s, label: t(`tstatus_${s}` as PlanningKey) }))}
              style={{ width: 130 }}
              data-testid="filter-task-status"
            />
            <Select
              allowClear
              showSearch
              placeholder={t('searchDepartment')}
              value={department ?? undefined}
              onChange={(v) => update({ department: v })}
              options={departments.map((d) => ({ value: d, label: d }))}
              style={{ width: 220 }}
              data-testid="filter-task-department"
            />
          </Space>
          <Table<PlanTask>
            rowKey="id"
            size="small"
            dataSource={items}
            loading={tasks.isFetching}
            pagination={items.length > 50 ? { pageSize: 50 } : false}
            locale={{ emptyText: <Empty description={t('noTasks')} /> }}
            scroll={{ x: 1200 }}
            onRow={(x) => ({ 'data-testid': 'task-row', 'data-status': x.status }) as React.HTMLAttributes<HTMLElement>}
            expandable={{
              rowExpandable: (x) => !!x.description || x.deliverables.length > 0,
              expandedRowRender: (x) => (
                <Space orientation="vertical" size={4}>
                  {x.description && <Typography.Paragraph style={{ margin: 0 }}>{x.description}</Typography.Paragraph>}
                  {x.deliverables.length > 0 && (
                    <Typography.Text type="secondary">
                      {t('deliverables')}
                      {punct(lang).colon}
                      {x.deliverables
                        .map(
                          (d) =>
                            `${d.what || d.text} ${d.quantity}${d.unit}${d.achieved != null ? `（${d.achieved}）` : ''}`,
                        )
                        .join('；')}
                    </Typography.Text>
                  )}
                </Space>
              ),
            }}
            columns={[
              {
                title: t('seq'),
                key: 'number',
                width: 70,
                render: (_: unknown, x) => x.number ?? x.seq,
              },
              {
                title: t('task'),
                dataIndex: 'title',
                render: (title: string, x) => (
                  <Space orientation="vertical" size={0} style={{ width: '100%' }}>
                    <Typography.Paragraph strong ellipsis={{ rows: 2, tooltip: title }} style={{ margin: 0 }}>
                      {title}
                    </Typography.Paragraph>
                    <Space size={4}>
                      <Tag color={x.kind === 'project' ? 'geekblue' : 'default'}>{t(`kind_${x.kind}`)}</Tag>
                      {x.section && (
                        <Typography.Text type="secondary" ellipsis style={{ fontSize: 12, maxWidth: 320 }}>
                          {x.section}
                        </Typography.Text>
                      )}
                    </Space>
                  </Space>
                ),
              },
              {
                title: t('department'),
                key: 'department',
                width: 180,
                render: (_: unknown, x) => (
                  <span>
                    {x.leadDepartment ?? '—'}
                    {x.departments.length > 0 && (
                      <>
                        <br />
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {x.departments.join('、')}
                        </Typography.Text>
                      </>
                    )}
                  </span>
                ),
              },
              {
                title: t('milestones'),
                key: 'milestones',
                width: 200,
                render: (_: unknown, x) =>
                  x.milestones.length === 0 ? (
                    '—'
                  ) : (
                    <Space orientation="vertical" size={0} style={{ fontSize: 12 }}>
                      {x.milestones.map((m) => {
                        const overdue = x.overdueMilestones.some((o) => o.title === m.title && o.due === m.due);
                        return (
                          <Typography.Text
                            key={`${m.title}-${m.due}`}
                            type={m.done ? 'success' : overdue ? 'danger' : undefined}
                            style={{ fontSize: 12 }}
                          >
                            {m.done ? '✓' : overdue ? '!' : '○'} {m.title}（{m.due}）
                          </Typography.Text>
                        );
                      })}
                    </Space>
                  ),
              },
              {
                title: t('due'),
                dataIndex: 'dueDate',
                width: 100,
                render: (d: string | null) => d ?? '—',
              },
              {
                title: t('progress'),
                dataIndex: 'progress',
                width: 140,
                render: (p: number, x) => (
                  <Progress
                    percent={p}
                    size="small"
                    strokeColor={TASK_COLOUR[x.status]}
                    status={x.status === 'done' ? 'success' : x.status === 'lagging' ? 'exception' : 'normal'}
                    data-testid="task-progress"
                  />
                ),
              },
              {
                title: t('taskStatus'),
                dataIndex: 'status',
                width: 110,
                render: (s: TaskStatus, x) => (
                  <Tooltip
                    title={x.overdueMilestones.length ? t('overdue', { count: x.overdueMilestones.length }) : undefined}
                  >
                    <Tag color={TASK_TAG[s]} data-testid="task-status">
                      {x.statusLabel?.[lang] ?? t(`tstatus_${s}` as PlanningKey)}
                    </Tag>
                  </Tooltip>
                ),
              },
              {
                title: '',
                key: 'edit',
                width: 100,
                render: (_: unknown, x) =>
                  canWrite && (
                    <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(x)} data-testid="task-edit">
                      {t('editProgress')}
                    </Button>
                  ),
              },
            ]}
          />
        </Space>
      </Card>
      {canWrite && <TaskImport planId={planId} />}
      {editing && <ProgressEditor task={editing} onClose={() => setEditing(null)} />}
    </Space>
  );
}
