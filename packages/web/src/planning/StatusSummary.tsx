// Counts of indicators by status: a compact stacked bar with tags (plan list) or clickable cards (dashboard).
import { Card, Col, Row, Space, Statistic, Tooltip } from 'antd';
import { STATUS_COLOR } from './display.tsx';
import { type PlanningKey, usePlanningT } from './i18n.ts';
import { STATUSES, type Status, type StatusCounts } from './types.ts';

export function StatusBar({ counts }: { counts: StatusCounts }) {
  const t = usePlanningT();
  const total = STATUSES.reduce((s, k) => s + (counts[k] ?? 0), 0);
  return (
    <Space orientation="vertical" size={4} style={{ width: '100%', minWidth: 260 }} data-testid="status-bar">
      <div style={{ display: 'flex', height: 8, borderRadius: 4, overflow: 'hidden', background: '#f0f0f0' }}>
        {STATUSES.filter((s) => counts[s] > 0).map((s) => (
          <Tooltip key={s} title={`${t(`status_${s}` as PlanningKey)} ${counts[s]}`}>
            <div style={{ width: `${(counts[s] / Math.max(1, total)) * 100}%`, background: STATUS_COLOR[s] }} />
          </Tooltip>
        ))}
      </div>
      <Space size={10} wrap style={{ fontSize: 12 }}>
        {STATUSES.map((s) => (
          <span key={s} data-testid={`count-${s}`} data-count={counts[s] ?? 0}>
            <span
              style={{
                display: 'inline-block',
                width: 8,
                height: 8,
                borderRadius: 2,
                background: STATUS_COLOR[s],
                marginRight: 4,
              }}
            />
            {t(`status_${s}` as PlanningKey)} {counts[s] ?? 0}
          </span>
        ))}
      </Space>
    </Space>
  );
}

export function StatusCards({
  counts,
  selected,
  onSelect,
}: {
  counts: StatusCounts;
  selected: Status | null;
  onSelect: (s: Status | null) => void;
}) {
  const t = usePlanningT();
  return (
    <Row gutter={[12, 12]} data-testid="status-summary">
      {STATUSES.map((s) => (
        <Col key={s} flex="1 1 150px">
          <Card
            size="small"
            hoverable
            onClick={() => onSelect(selected === s ? null : s)}
            data-testid={`status-card-${s}`}
            data-count={counts[s] ?? 0}
            style={{
              borderTop: `3px solid ${STATUS_COLOR[s]}`,
              background: selected === s ? `${STATUS_COLOR[s]}14` : undefined,
              outline: selected === s ? `1px solid ${STATUS_COLOR[s]}` : undefined,
            }}
          >
            <Statistic
              title={t(`status_${s}` as PlanningKey)}
              value={counts[s] ?? 0}
              styles={{ content: { color: STATUS_COLOR[s] === '#bfbfbf' ? '#8c8c8c' : STATUS_COLOR[s], fontSize: 26 } }}
            />
          </Card>
        </Col>
      ))}
    </Row>
  );
}
