import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api } from '../../api/client';
import type { AuditEntry, AuditVerifyResult } from '../../api/types';
import { formatDateTime } from '../../common/format';
import { PagedTable } from '../../common/PagedTable';
import { useApiError } from '../../common/useApiError';
import { usePagedList } from '../../common/usePagedList';
import { useI18n } from '../../i18n';
import { AuditFilters, AUDIT_FILTER_KEYS } from './AuditFilters';

export default function AuditPage() {
  const { t, tk } = useI18n();
  const { show } = useApiError();
  const [verifying, setVerifying] = useState(false);
  const [verify, setVerify] = useState<AuditVerifyResult | null>(null);
  const list = usePagedList<AuditEntry>('/api/audit', useSearchParams(), {
    filterKeys: AUDIT_FILTER_KEYS,
    defaultPageSize: 50,
    pageSizeOptions: [20, 50, 100, 200],
  });

  const runVerify = async () => {
    setVerifying(true);
    try {
      setVerify(await api.get<AuditVerifyResult>('/api/audit/verify'));
    } catch (e) {
      show(e);
    } finally {
      setVerifying(false);
    }
  };

  const columns: TableProps<AuditEntry>['columns'] = [
    { title: 'ID', dataIndex: 'id', width: 80 },
    { title: t('audit.at'), dataIndex: 'at', width: 160, render: (v: string) => formatDateTime(v) },
    { title: t('audit.actor'), dataIndex: 'actorName', width: 120, render: (v: string | null) => v ?? t('common.none') },
    {
      title: t('audit.role'),
      dataIndex: 'actorRole',
      width: 120,
      render: (v: string | null) => (v ? tk('role', v) : t('common.none')),
    },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      width: 180,
      render: (v: string) => <Tag color={v.includes('reveal') ? 'red' : 'blue'}>{v}</Tag>,
    },
    { title: t('audit.entityType'), dataIndex: 'entityType', width: 110 },
    {
      title: t('audit.entityId'),
      dataIndex: 'entityId',
      width: 150,
      ellipsis: true,
      render: (v: string | null) =>
        v ? (
          <Typography.Text copyable={{ text: v }} ellipsis>
            {v}
          </Typography.Text>
        ) : (
          t('common.none')
        ),
    },
    { title: t('audit.reason'), dataIndex: 'reason', ellipsis: true },
    { title: t('audit.ip'), dataIndex: 'ip', width: 120 },
  ];

  return (
    <Card
      size="small"
      title={t('audit.title')}
      extra={
        <Button
          size="small"
          icon={<SafetyCertificateOutlined />}
          loading={verifying}
          onClick={runVerify}
          data-testid="audit-verify"
        >
          {t('audit.verify')}
        </Button>
      }
    >
      {verify && (
        <Alert
          style={{ marginBottom: 12 }}
          showIcon
          closable={{ onClose: () => setVerify(null) }}
          type={verify.ok ? 'success' : 'error'}
          data-testid="audit-verify-result"
          title={
            verify.ok
              ? t('audit.verifyOk', { checked: verify.checked })
              : t('audit.verifyBroken', {
                  id: verify.brokenAtId ?? '?',
                  reason: verify.reason ?? '',
                  checked: verify.checked,
                })
          }
        />
      )}
      <AuditFilters params={list.params} onApply={list.update} />
      <PagedTable<AuditEntry>
        testId="audit-table"
        list={list}
        columns={columns}
        scroll={{ x: 1200 }}
        expandable={{
          rowExpandable: (r) => r.details !== null && r.details !== undefined,
          expandedRowRender: (r) => (
            <pre style={{ margin: 0, fontSize: 12, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
              {JSON.stringify(r.details, null, 2)}
            </pre>
          ),
        }}
      />
    </Card>
  );
}
