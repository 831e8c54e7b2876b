import { Alert, Button, Card, Space, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import type { Appeal } from '../../api/types';
import { ColourTag } from '../../common/colour';
import { formatDateTime } from '../../common/format';
import { ReasonModal } from '../../common/ReasonModal';
import { StatusQueueTable, useStatusQueue } from '../../common/StatusQueue';
import { useI18n } from '../../i18n';
import { CorrectAppealModal } from './CorrectAppealModal';
import { AppealStatusTag } from './statusTags';

const STATUSES = ['open', 'correction_proposed', 'upheld', 'corrected'] as const;

/** The appeal queue of the account's jurisdiction, by status: uphold the colour, or propose a correction. */
export default function AppealsPage() {
  const { t, tk } = useI18n();
  const queue = useStatusQueue<Appeal>('/api/appeals', STATUSES);
  const [upholding, setUpholding] = useState<Appeal | null>(null);
  const [correcting, setCorrecting] = useState<Appeal | null>(null);
  const changed = queue.reload;

  const columns: TableProps<Appeal>['columns'] = [
    { title: t('appeals.filedAt'), dataIndex: 'filedAt', width: 160, render: formatDateTime },
    {
      title: t('appeals.person'),
      dataIndex: 'personName',
      width: 120,
      render: (n: string, a) => (
        <Link to={`/people/${a.personId}`} data-testid="appeal-person">
          {n}
        </Link>
      ),
    },
    { title: t('appeals.colourAtAppeal'), dataIndex: 'colourAtAppeal', width: 100, render: (c: string) => <ColourTag colour={c} /> },
    { title: t('appeals.reason'), dataIndex: 'reason', width: 240, render: (r: string) => <span data-testid="appeal-row-reason">{r}</span> },
    {
      title: t('appeals.status'),
      dataIndex: 'status',
      width: 150,
      render: (s: string) => <AppealStatusTag status={s} testId="appeal-row-status" />,
    },
    {
      title: t('appeals.resolution'),
      key: 'resolution',
      width: 240,
      render: (_, a) =>
        a.resolution ? (
          <span>
            {a.resolution}
            {a.resolvedAt && <Typography.Text type="secondary"> · {formatDateTime(a.resolvedAt)}</Typography.Text>}
          </span>
        ) : (
          t('common.none')
        ),
    },
    {
      title: '',
      key: 'actions',
      width: 200,
      render: (_, a) =>
        a.status === 'open' ? (
          <Space size={4}>
            <Button size="small" onClick={() => setUpholding(a)} data-testid="appeal-uphold">
              {t('appeals.uphold')}
            </Button>
            <Button size="small" type="primary" onClick={() => setCorrecting(a)} data-testid="appeal-correct">
              {t('appeals.correct')}
            </Button>
          </Space>
        ) : a.status === 'correction_proposed' ? (
          <Link to="/overrides?status=pending">{t('appeals.awaitingApproval')} →</Link>
        ) : null,
    },
  ];

  return (
    <Card size="small" title={t('appeals.title')}>
      <StatusQueueTable<Appeal> queue={queue} statuses={STATUSES} statusLabel={(s) => tk('appealStatus', s)} testId="appeal" columns={columns} scrollX={1250} />
      <ReasonModal
        open={!!upholding}
        title={upholding ? t('appeals.upholdTitle', { name: upholding.personName }) : ''}
        label={t('appeals.resolution')}
        placeholder={t('appeals.upholdPlaceholder')}
        min={10}
        okText={t('appeals.uphold')}
        okTestId="uphold-submit"
        inputTestId="uphold-resolution"
        notice={<Alert type="info" showIcon title={t('appeals.upholdNotice')} style={{ marginBottom: 12 }} />}
        success={t('appeals.upheld')}
        send={(resolution) => api.post<Appeal>(`/api/appeals/${encodeURIComponent(upholding!.id)}/uphold`, { resolution })}
        onDone={() => {
          setUpholding(null);
          changed();
        }}
        onCancel={() => setUpholding(null)}
      />
      <CorrectAppealModal
        appeal={correcting}
        onClose={() => setCorrecting(null)}
        onDone={() => {
          setCorrecting(null);
          changed();
        }}
      />
    </Card>
  );
}
