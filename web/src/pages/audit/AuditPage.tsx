import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api } from '../../api/client';
import type { AuditEntry, AuditVerifyResult, Page } from '../../api/types';
import { formatDateTime } from '../../common/format';
import { useApiError } from '../../common/useApiError';
import { useI18n } from '../../i18n';
import { AuditFilters, AUDIT_FILTER_KEYS } from './AuditFilters';

export default function AuditPage() {
  const { t, tk } = useI18n();
  const { describe, show } = useApiError();
  const [params, setParams] = useSearchParams();
  const [data, setData] = useState<Page<AuditEntry> | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [verifying, setVerifying] = useState(false);
  const [verify, setVerify] = useState<AuditVerifyResult | null>(null);

  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSize = Math.min(200, Math.max(1, Number(params.get('pageSize')) || 50));
  const queryString = params.toString();

  useEffect(() => {
    const ac = new AbortController();
    const query: Record<string, string | number> = { page, pageSize };
    for (const k of AUDIT_FILTER_KEYS) {
      const v = params.get(k);
      if (v) query[k] = v;
    }
    setLoading(true);
    setError(null);
    api
      .get<Page<AuditEntry>>('/api/audit', query, ac.signal)
      .then(setData)
      .catch((e) => {
        if (!ac.signal.aborted) setError(describe(e));
      })
      .finally(() => {
        if (!ac.signal.aborted) setLoading(false);
      });
    return () => ac.abort();
  }, [queryString, describe]);

  const update = (changes: Record<string, string | number | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    setParams(next);
  };

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
      <AuditFilters params={params} onApply={update} />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <div data-testid="audit-table">
        <Table<AuditEntry>
          size="small"
          rowKey="id"
          loading={loading}
          dataSource={data?.items ?? []}
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
          onChange={(p) => update({ page: p.current ?? 1, pageSize: p.pageSize ?? pageSize })}
          pagination={{
            current: page,
            pageSize,
            total: data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100, 200],
            showTotal: (total) => t('common.total', { total }),
          }}
        />
      </div>
    </Card>
  );
}
