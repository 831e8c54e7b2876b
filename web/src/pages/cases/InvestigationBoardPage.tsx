import { PlayCircleOutlined, SwapOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Col, Row, Select, Space, Table, Tabs, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../../api/client';
import { formatDateTime } from '../../common/format';
import { useApiGet } from '../../common/useApiGet';
import { useI18n } from '../../i18n';
import { useCan } from '../../session/SessionContext';
import { AssignModal } from './AssignModal';
import { AgeText, ClassificationTag, InvestigationStatusTag, ReportStatusTag } from './caseTags';
import { IndicatorsCard } from './IndicatorsCard';
import { TeamsPanel } from './TeamsPanel';
import type { Board, BoardItem, InvestigationDetail } from './types';
import { useAction } from './useAction';

const STATUS_TABS = ['open', 'closed', 'all'] as const;
/** Who may take the order: not yet started, or started by someone else's team. */
const TAKEABLE = new Set(['open', 'assigned']);

/** The investigation board (流调派单): open investigations oldest first, coloured by age, with the teams' load and today's indicators. */
export default function InvestigationBoardPage() {
  const { t } = useI18n();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? 'open';
  const teamId = params.get('teamId') ?? undefined;
  const mine = params.get('mine') === 'true';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSize = 50;
  const [version, setVersion] = useState(0);
  const { data, loading, error } = useApiGet<Board>('/api/investigations', { status, teamId, mine: mine || undefined, page, pageSize }, version);
  const [assigning, setAssigning] = useState<BoardItem | null>(null);
  const { busy, run } = useAction();
  const reload = () => setVersion((v) => v + 1);

  const set = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null || v === '') next.delete(k);
      else next.set(k, v);
    }
    next.delete('page');
    setParams(next);
  };

  const take = (item: BoardItem) =>
    run(`take:${item.id}`, () => api.post<InvestigationDetail>(`/api/investigations/${encodeURIComponent(item.id)}/start`), {
      success: t('investigations.taken', { number: item.caseNumber }),
      onDone: reload,
    });

  const columns: TableProps<BoardItem>['columns'] = [
    {
      title: t('cases.number'),
      dataIndex: 'caseNumber',
      width: 110,
      render: (n: string, r) => (
        <Link to={`/cases/${r.caseId}`} data-testid="board-case-link">
          {n}
        </Link>
      ),
    },
    { title: t('cases.name'), dataIndex: 'name', width: 90 },
    { title: t('cases.classification'), dataIndex: 'classification', width: 120, render: (c: string) => <ClassificationTag value={c} /> },
    { title: t('cases.community'), dataIndex: 'community', width: 110, render: (c: string | null) => c ?? t('common.none') },
    { title: t('investigations.openedAt'), dataIndex: 'openedAt', width: 150, render: formatDateTime },
    { title: t('investigations.age'), dataIndex: 'ageHours', width: 80, render: (h: number, r) => (r.status === 'closed' ? t('common.none') : <AgeText hours={h} />) },
    { title: t('investigations.status'), dataIndex: 'status', width: 100, render: (s: string) => <InvestigationStatusTag status={s} /> },
    { title: t('investigations.team'), dataIndex: 'teamName', width: 120, render: (n: string | null) => n ?? <Typography.Text type="warning">{t('investigations.noTeam')}</Typography.Text> },
    { title: t('investigations.assignee'), dataIndex: 'assigneeName', width: 100, render: (n: string | null) => n ?? t('common.none') },
    {
      title: t('investigations.contacts'),
      key: 'contacts',
      width: 110,
      render: (_, r) => (
        <span data-testid="board-contacts">
          {t('investigations.candidatesConfirmed', { candidates: r.candidates, confirmed: r.confirmed })}
        </span>
      ),
    },
    { title: t('investigations.report'), dataIndex: 'reportStatus', width: 90, render: (s: string) => <ReportStatusTag status={s} /> },
    {
      title: '',
      key: 'actions',
      width: 200,
      fixed: 'end',
      render: (_, r) => (
        <Space size={4}>
          {can('cases:write') && TAKEABLE.has(r.status) && (
            <Button size="small" type="primary" icon={<PlayCircleOutlined />} loading={busy === `take:${r.id}`} onClick={() => take(r)} data-testid="take-order">
              {t('investigations.take')}
            </Button>
          )}
          {can('investigations:manage') && r.status !== 'closed' && (
            <Button size="small" icon={<SwapOutlined />} onClick={() => setAssigning(r)} data-testid="assign-team-button">
              {t('investigations.assign')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={16}>
        <IndicatorsCard />
      </Col>
      <Col xs={24} xl={8}>
        <TeamsPanel teams={data?.teams ?? []} onChanged={reload} />
      </Col>
      <Col span={24}>
        <Card size="small" title={t('investigations.title')}>
          <Space wrap style={{ marginBottom: 8 }}>
            <Select
              allowClear
              placeholder={t('investigations.anyTeam')}
              style={{ width: 200 }}
              value={teamId}
              onChange={(v?: string) => set({ teamId: v ?? null })}
              options={(data?.teams ?? []).map((tm) => ({ value: tm.id, label: tm.name }))}
              data-testid="board-team-filter"
            />
            <Checkbox checked={mine} onChange={(e) => set({ mine: e.target.checked ? 'true' : null })} data-testid="board-mine">
              {t('investigations.mine')}
            </Checkbox>
          </Space>
          <Tabs
            activeKey={status}
            onChange={(k) => set({ status: k === 'open' ? null : k })}
            items={STATUS_TABS.map((s) => ({ key: s, label: <span data-testid={`board-tab-${s}`}>{t(`investigations.tab.${s}`)}</span> }))}
          />
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
          <Table<BoardItem>
            size="small"
            rowKey="id"
            loading={loading}
            dataSource={data?.items ?? []}
            columns={columns}
            scroll={{ x: 1300 }}
            locale={{ emptyText: t('investigations.none') }}
            onRow={(r) =>
              ({
                style: r.status !== 'closed' && r.ageHours > 12 ? { background: '#fff1f0' } : undefined,
                'data-testid': 'board-row',
                'data-status': r.status,
                'data-case': r.caseNumber,
              }) as HTMLAttributes<HTMLElement>
            }
            pagination={{
              current: page,
              pageSize,
              total: data?.total ?? 0,
              hideOnSinglePage: true,
              showTotal: (total) => t('common.total', { total }),
              onChange: (p) => {
                const next = new URLSearchParams(params);
                next.set('page', String(p));
                setParams(next);
              },
            }}
          />
        </Card>
      </Col>
      <AssignModal
        target={assigning}
        teams={data?.teams ?? []}
        onClose={() => setAssigning(null)}
        onDone={() => {
          setAssigning(null);
          reload();
        }}
      />
    </Row>
  );
}
