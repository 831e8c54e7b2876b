import { CheckCircleFilled } from '@ant-design/icons';
import { Alert, Button, Card, Collapse, Empty, Space, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import type { Policy, PolicyRule } from '../../api/types';
import { ColourTag, useBilingual } from '../../common/colour';
import { formatDateTime } from '../../common/format';
import { ReasonModal } from '../../common/ReasonModal';
import { useApiGet } from '../../common/useApiGet';
import { useI18n } from '../../i18n';
import { useCan } from '../../session/SessionContext';

/** The colour policy versions, each with its rules; the city (policies:manage) switches the active one. */
export default function PoliciesPage() {
  const { t } = useI18n();
  const can = useCan();
  const [version, setVersion] = useState(0);
  const { data, loading, error } = useApiGet<{ items: Policy[] }>('/api/health-codes/policies', undefined, version);
  const [activating, setActivating] = useState<Policy | null>(null);
  const policies = [...(data?.items ?? [])].sort((a, b) => b.version - a.version);
  const active = policies.find((p) => p.active);

  return (
    <Card size="small" title={t('policies.title')} loading={loading && !data}>
      <Typography.Paragraph type="secondary">{t('policies.intro')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {data && policies.length === 0 && <Empty description={t('policies.none')} />}
      {policies.length > 0 && (
        <Collapse
          defaultActiveKey={active ? [String(active.version)] : []}
          data-testid="policies"
          items={policies.map((p) => ({
            key: String(p.version),
            label: (
              <Space wrap data-testid="policy" data-version={p.version} data-active={p.active}>
                <Typography.Text strong>v{p.version}</Typography.Text>
                <span>{p.name}</span>
                {p.preset && <Tag>{p.preset}</Tag>}
                {p.active && (
                  <Tag color="success" icon={<CheckCircleFilled />} data-testid="policy-active">
                    {t('policies.active')}
                  </Tag>
                )}
                <Typography.Text type="secondary">{formatDateTime(p.createdAt)}</Typography.Text>
              </Space>
            ),
            extra:
              can('policies:manage') && !p.active ? (
                <Button
                  size="small"
                  onClick={(e) => {
                    e.stopPropagation();
                    setActivating(p);
                  }}
                  data-testid="policy-activate"
                >
                  {t('policies.activate')}
                </Button>
              ) : undefined,
            children: <RulesTable rules={p.rules} />,
          }))}
        />
      )}
      <ReasonModal
        open={!!activating}
        title={activating ? t('policies.activateTitle', { version: activating.version, name: activating.name }) : ''}
        label={t('policies.reason')}
        min={4}
        okText={t('policies.activate')}
        okTestId="policy-activate-submit"
        inputTestId="policy-activate-reason"
        notice={<Alert type="warning" showIcon title={t('policies.activateWarning')} style={{ marginBottom: 12 }} />}
        success={t('policies.activated')}
        send={(reason) => api.post<Policy>(`/api/health-codes/policies/${activating!.version}/activate`, { reason })}
        onDone={() => {
          setActivating(null);
          setVersion((v) => v + 1);
        }}
        onCancel={() => setActivating(null)}
      />
    </Card>
  );
}

function RulesTable({ rules }: { rules: PolicyRule[] }) {
  const { t, tk } = useI18n();
  const text = useBilingual();
  const days = (d: number | null) => (d === null ? t('policies.untilEnded') : t('policies.days', { n: d }));
  const columns: TableProps<PolicyRule>['columns'] = [
    { title: t('facts.kind'), dataIndex: 'kind', width: 200, render: (k: string) => tk('factKind', k) },
    { title: t('policies.colour'), dataIndex: 'colour', width: 90, render: (c: string) => <ColourTag colour={c} /> },
    { title: t('policies.duration'), dataIndex: 'days', width: 110, render: days },
    { title: t('policies.reasonShown'), key: 'reason', render: (_, r) => text(r.reason) },
    {
      title: t('policies.then'),
      key: 'then',
      render: (_, r) =>
        r.then ? (
          <span>
            <ColourTag colour={r.then.colour} /> {days(r.then.days)} · {text(r.then.reason)}
          </span>
        ) : (
          t('common.none')
        ),
    },
  ];
  return <Table<PolicyRule> size="small" rowKey="kind" dataSource={rules} columns={columns} pagination={false} scroll={{ x: 800 }} data-testid="policy-rules" />;
}
