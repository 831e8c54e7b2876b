import { DeleteOutlined, EditOutlined, ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { api } from '../../api/client';
import { formatDateTime } from '../../common/format';
import { useI18n } from '../../i18n';
import { useCan } from '../../session/SessionContext';
import { formatSpan } from './datetime';
import { TrajectoryEntryModal } from './TrajectoryEntryModal';
import type { Trajectory, TrajectoryEntry } from './types';
import { useAction } from './useAction';

/** The case's trajectory (活动轨迹): entries inside the exposure window highlighted, filled from venue scans or by hand. */
export function TrajectoryTab({ caseId, trajectory, onChanged }: { caseId: string; trajectory: Trajectory | null; onChanged: () => void }) {
  const { t, tk } = useI18n();
  const can = useCan();
  const write = can('cases:write');
  const [editing, setEditing] = useState<{ entry: TrajectoryEntry | null } | null>(null);
  const { busy, run } = useAction();
  const base = `/api/cases/${encodeURIComponent(caseId)}/trajectory`;

  const prefill = () =>
    run('prefill', () => api.post<{ added: number }>(`${base}/prefill`), { success: (r) => t('trajectory.prefilled', { n: r.added }), onDone: onChanged });
  const remove = (e: TrajectoryEntry) => run(`remove:${e.id}`, () => api.delete<Trajectory>(`${base}/${encodeURIComponent(e.id)}`), { success: t('trajectory.removed'), onDone: onChanged });

  const columns: TableProps<TrajectoryEntry>['columns'] = [
    {
      title: t('trajectory.time'),
      key: 'time',
      width: 220,
      render: (_, e) => (
        <span style={{ textDecoration: e.removedAt ? 'line-through' : undefined }}>
          {formatSpan(e.startsAt, e.endsAt)}
          {e.inWindow && !e.removedAt && (
            <Tag color="orange" style={{ marginInlineStart: 4 }} data-testid="trajectory-in-window">
              {t('trajectory.inWindow')}
            </Tag>
          )}
        </span>
      ),
    },
    { title: t('trajectory.kind'), dataIndex: 'kind', width: 90, render: (k: string) => <Tag>{tk('trajectoryKind', k)}</Tag> },
    {
      title: t('trajectory.where'),
      key: 'where',
      width: 240,
      render: (_, e) => (
        <span>
          {e.venueName && <Typography.Text strong>{e.venueName}</Typography.Text>}
          {e.venueCode && <Typography.Text type="secondary"> {e.venueCode}</Typography.Text>}
          {e.place && <div>{e.place}</div>}
          {!e.venueName && !e.venueCode && !e.place && t('common.none')}
        </span>
      ),
    },
    { title: t('trajectory.detail'), dataIndex: 'detail', render: (d: string | null) => d ?? t('common.none') },
    {
      title: t('trajectory.source'),
      dataIndex: 'source',
      width: 100,
      render: (s: string, e) => (
        <span>
          <Tag color={s === 'scan' ? 'cyan' : 'geekblue'}>{tk('trajectorySource', s)}</Tag>
          {e.removedAt && <Tag>{t('trajectory.removedAt', { at: formatDateTime(e.removedAt) })}</Tag>}
        </span>
      ),
    },
    ...(write
      ? [
          {
            title: '',
            key: 'actions',
            width: 90,
            render: (_: unknown, e: TrajectoryEntry) =>
              !e.removedAt && (
                <Space size={0}>
                  <Button size="small" type="link" icon={<EditOutlined />} aria-label={t('common.edit')} onClick={() => setEditing({ entry: e })} data-testid="trajectory-edit" />
                  <Popconfirm title={t('trajectory.confirmRemove')} onConfirm={() => remove(e)} okButtonProps={{ 'data-testid': 'trajectory-remove-ok' }}>
                    <Button size="small" type="link" danger icon={<DeleteOutlined />} aria-label={t('trajectory.remove')} loading={busy === `remove:${e.id}`} data-testid="trajectory-remove" />
                  </Popconfirm>
                </Space>
              ),
          },
        ]
      : []),
  ];

  const w = trajectory?.exposureWindow;
  return (
    <div data-testid="trajectory-tab">
      {w && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('trajectory.window', { from: formatDateTime(w.from), until: formatDateTime(w.until), anchor: tk('exposureAnchor', w.anchor) })}
          action={
            write && (
              <Space>
                <Button size="small" icon={<ImportOutlined />} loading={busy === 'prefill'} onClick={prefill} data-testid="trajectory-prefill">
                  {t('trajectory.prefill')}
                </Button>
                <Button size="small" type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ entry: null })} data-testid="trajectory-add">
                  {t('trajectory.add')}
                </Button>
              </Space>
            )
          }
        />
      )}
      <Table<TrajectoryEntry>
        size="small"
        rowKey="id"
        loading={!trajectory}
        dataSource={trajectory?.entries ?? []}
        columns={columns}
        pagination={false}
        scroll={{ x: 1000 }}
        locale={{ emptyText: t('trajectory.none') }}
        onRow={(e) =>
          ({
            style: e.removedAt ? { opacity: 0.5 } : e.inWindow ? { background: '#fff7e6' } : undefined,
            'data-testid': 'trajectory-row',
            'data-in-window': String(e.inWindow),
          }) as HTMLAttributes<HTMLElement>
        }
      />
      <TrajectoryEntryModal
        caseId={caseId}
        target={editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          onChanged();
        }}
      />
    </div>
  );
}
