import { Alert, Card, Input, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { formatDateTime } from '../../common/format';
import { useApiGet } from '../../common/useApiGet';
import { useI18n } from '../../i18n';
import type { Board, FollowUpSummary } from './types';

const BREACHED = new Set(['retest_overdue', 'close_overdue', 'closed_late']);

export function FollowUpStateTag({ state }: { state: string }) {
  const { tk } = useI18n();
  const color = BREACHED.has(state) ? 'red' : state === 'closed_on_time' ? 'green' : 'blue';
  return (
    <Tag color={color} data-testid="follow-up-state">
      {tk('followUpState', state)}
    </Tag>
  );
}

/** The command board of positive-pool follow-ups (追阳): oldest first, breaches in red, escalation, daily clearance. */
export default function FollowUpBoardPage() {
  const { t, tk } = useI18n();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? 'open';
  const [day, setDay] = useState<string | undefined>(undefined);
  const { data, loading, error } = useApiGet<Board>('/api/follow-ups', { status, day });

  const columns: TableProps<FollowUpSummary>['columns'] = [
    { title: t('followUps.tube'), dataIndex: 'tubeBarcode', width: 150, render: (b: string, f) => (f.purpose === 'antigen_followup' ? <span>{b} <Tag>{t('followUps.antigen')}</Tag></span> : b) },
    { title: t('followUps.communities'), dataIndex: 'communities', width: 160, render: (c: string[]) => c.join('、') || t('common.none') },
    { title: t('followUps.openedAt'), dataIndex: 'openedAt', width: 160, render: formatDateTime },
    {
      title: t('followUps.age'),
      dataIndex: 'ageHours',
      width: 100,
      render: (h: number, f) => <Typography.Text type={BREACHED.has(f.state) ? 'danger' : undefined}>{t('followUps.hours', { n: h.toFixed(1) })}</Typography.Text>,
    },
    { title: t('followUps.state'), dataIndex: 'state', width: 130, render: (s: string) => <FollowUpStateTag state={s} /> },
    {
      title: t('followUps.escalation'),
      dataIndex: 'escalationLevel',
      width: 130,
      render: (l: number) => (l > 0 ? <Tag color="volcano">{tk('escalationLevel', String(Math.min(l, 3)))}</Tag> : t('common.none')),
    },
    { title: t('followUps.progress'), key: 'progress', width: 100, render: (_, f) => `${f.membersDone} / ${f.membersTotal}` },
    { title: t('followUps.closeDueAt'), dataIndex: 'closeDueAt', width: 160, render: formatDateTime },
    { title: t('followUps.closedAt'), dataIndex: 'closedAt', width: 160, render: formatDateTime },
  ];

  const c = data?.clearance;
  return (
    <Card
      size="small"
      title={t('followUps.title')}
      extra={
        <Space>
          <Link to="/follow-ups/tasks">{t('nav.followUpTasks')} →</Link>
          <Input type="date" aria-label={t('followUps.day')} value={day ?? ''} onChange={(e) => setDay(e.target.value || undefined)} style={{ width: 160 }} data-testid="follow-ups-day" />
        </Space>
      }
    >
      {c && (
        <Alert
          type={c.cleared ? 'success' : 'warning'}
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="follow-ups-clearance"
          title={
            <Space size="large">
              <span>{t(c.cleared ? 'followUps.cleared' : 'followUps.notCleared', { day: c.day })}</span>
              <Typography.Text strong>{t('followUps.closedSameDay', { done: c.closedSameDay, opened: c.opened })}</Typography.Text>
            </Space>
          }
        />
      )}
      <Tabs
        activeKey={status}
        onChange={(k) => setParams(k === 'open' ? {} : { status: k })}
        items={['open', 'closed', 'all'].map((s) => ({ key: s, label: <span data-testid={`follow-ups-tab-${s}`}>{t(`followUps.tab.${s}` as 'followUps.tab.open')}</span> }))}
      />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Table<FollowUpSummary>
        size="small"
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        columns={columns}
        rowClassName={(f) => (BREACHED.has(f.state) ? 'follow-up-breached' : '')}
        onRow={(f) => ({ style: BREACHED.has(f.state) ? { background: '#fff1f0' } : undefined, 'data-testid': 'follow-up-row', 'data-state': f.state }) as HTMLAttributes<HTMLElement>}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showTotal: (total) => t('common.total', { total }) }}
        scroll={{ x: 1250 }}
      />
    </Card>
  );
}
