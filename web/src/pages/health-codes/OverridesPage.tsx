import { CheckOutlined, CloseOutlined, SafetyOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Space, Tag, Tooltip, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import type { Override } from '../../api/types';
import { ColourTag } from '../../common/colour';
import { formatDateTime } from '../../common/format';
import { ReasonModal } from '../../common/ReasonModal';
import { StatusQueueTable, useStatusQueue } from '../../common/StatusQueue';
import { useI18n } from '../../i18n';
import { useCan, useStaff } from '../../session/SessionContext';
import { OverrideStatusTag } from './statusTags';

const STATUSES = ['pending', 'approved', 'rejected', 'superseded'] as const;

/**
 * Manual colours under the two-person rule: proposals waiting for a second account, and the
 * decided ones. Approving or rejecting needs overrides:approve and a note; never one's own.
 */
export default function OverridesPage() {
  const { t, tk } = useI18n();
  const can = useCan();
  const { account } = useStaff();
  const queue = useStatusQueue<Override>('/api/overrides', STATUSES);
  const [deciding, setDeciding] = useState<{ override: Override; approve: boolean } | null>(null);
  const mayDecide = can('overrides:approve');

  const columns: TableProps<Override>['columns'] = [
    { title: t('overrides.proposedAt'), dataIndex: 'proposedAt', width: 160, render: formatDateTime },
    {
      title: t('overrides.person'),
      dataIndex: 'personName',
      width: 120,
      render: (n: string, o) => (
        <Link to={`/people/${o.personId}`} data-testid="override-person">
          {n}
        </Link>
      ),
    },
    { title: t('overrides.colour'), dataIndex: 'colour', width: 90, render: (c: string) => <ColourTag colour={c} testId="override-colour" /> },
    {
      title: t('overrides.reason'),
      dataIndex: 'reason',
      width: 260,
      render: (r: string, o) => (
        <span>
          {o.appealId && (
            <Tag color="purple" style={{ marginInlineEnd: 4 }}>
              {t('overrides.fromAppeal')}
            </Tag>
          )}
          {r}
        </span>
      ),
    },
    { title: t('overrides.validUntil'), dataIndex: 'validUntil', width: 120, render: (v: string | null) => (v ? formatDateTime(v) : t('overrides.noEnd')) },
    {
      title: t('overrides.proposedBy'),
      dataIndex: 'proposedBy',
      width: 130,
      render: (u: string) => (
        <span>
          <Typography.Text code>{u}</Typography.Text>
          {u === account.username && <Tag style={{ marginInlineStart: 4 }}>{t('overrides.you')}</Tag>}
        </span>
      ),
    },
    { title: t('overrides.status'), dataIndex: 'status', width: 100, render: (s: string) => <OverrideStatusTag status={s} /> },
    {
      title: t('overrides.decision'),
      key: 'decision',
      width: 200,
      render: (_, o) =>
        o.decidedBy ? (
          <span>
            <Typography.Text code>{o.decidedBy}</Typography.Text> · {formatDateTime(o.decidedAt)}
            {o.decisionNote && <div style={{ color: '#595959' }}>{o.decisionNote}</div>}
          </span>
        ) : (
          t('common.none')
        ),
    },
    ...(mayDecide
      ? [
          {
            title: '',
            key: 'actions',
            width: 190,
            fixed: 'end' as const,
            render: (_: unknown, o: Override) => {
              if (o.status !== 'pending') return null;
              const own = o.proposedBy === account.username;
              const buttons = (
                <Space size={4}>
                  <Button
                    size="small"
                    type="primary"
                    icon={<CheckOutlined />}
                    disabled={own}
                    onClick={() => setDeciding({ override: o, approve: true })}
                    data-testid="override-approve"
                  >
                    {t('overrides.approve')}
                  </Button>
                  <Button size="small" danger icon={<CloseOutlined />} disabled={own} onClick={() => setDeciding({ override: o, approve: false })} data-testid="override-reject">
                    {t('overrides.reject')}
                  </Button>
                </Space>
              );
              return own ? <Tooltip title={t('overrides.ownProposal')}>{buttons}</Tooltip> : buttons;
            },
          },
        ]
      : []),
  ];

  const d = deciding;
  return (
    <Card size="small" title={t('overrides.title')}>
      <Alert
        type="warning"
        showIcon
        icon={<SafetyOutlined />}
        title={t('overrides.twoPersonTitle')}
        description={mayDecide ? t('overrides.twoPersonText') : t('overrides.twoPersonTextNoApprove')}
        style={{ marginBottom: 12 }}
        data-testid="overrides-two-person-notice"
      />
      <StatusQueueTable<Override> queue={queue} statuses={STATUSES} statusLabel={(s) => tk('overrideStatus', s)} testId="override" columns={columns} scrollX={1350} />
      <ReasonModal
        open={!!d}
        title={d ? t(d.approve ? 'overrides.approveTitle' : 'overrides.rejectTitle', { name: d.override.personName }) : ''}
        label={t('overrides.note')}
        min={4}
        okText={d?.approve ? t('overrides.approve') : t('overrides.reject')}
        okTestId="decision-submit"
        inputTestId="decision-note"
        notice={
          d && (
            <Alert
              type={d.approve ? 'info' : 'warning'}
              showIcon
              style={{ marginBottom: 12 }}
              title={
                <span>
                  {t('overrides.decisionSummary', { name: d.override.personName })} <ColourTag colour={d.override.colour} />
                </span>
              }
              description={d.override.reason}
            />
          )
        }
        success={d?.approve ? t('overrides.approved') : t('overrides.rejected')}
        send={(note) => api.post<Override>(`/api/overrides/${encodeURIComponent(d!.override.id)}/${d!.approve ? 'approve' : 'reject'}`, { note })}
        onDone={() => {
          setDeciding(null);
          queue.reload();
        }}
        onCancel={() => setDeciding(null)}
      />
    </Card>
  );
}
