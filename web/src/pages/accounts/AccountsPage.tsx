import { LockOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { ROLES, type AccountRow, type Page } from '../../api/types';
import { formatDateTime } from '../../common/format';
import { JurisdictionName, LevelTag } from '../../common/JurisdictionTag';
import { useApiError } from '../../common/useApiError';
import { useI18n } from '../../i18n';
import { useCan } from '../../session/SessionContext';
import { CreateAccountModal } from './CreateAccountModal';

export default function AccountsPage() {
  const { t, tk } = useI18n();
  const can = useCan();
  const { describe } = useApiError();
  const [q, setQ] = useState('');
  const [filters, setFilters] = useState<{ q: string; role: string | null; page: number; pageSize: number }>({
    q: '',
    role: null,
    page: 1,
    pageSize: 20,
  });
  const [data, setData] = useState<Page<AccountRow> | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    const ac = new AbortController();
    setLoading(true);
    setError(null);
    api
      .get<Page<AccountRow>>('/api/accounts', { ...filters, role: filters.role ?? undefined }, ac.signal)
      .then(setData)
      .catch((e) => {
        if (!ac.signal.aborted) setError(describe(e));
      })
      .finally(() => {
        if (!ac.signal.aborted) setLoading(false);
      });
    return () => ac.abort();
  }, [filters, tick, describe]);

  const columns: TableProps<AccountRow>['columns'] = [
    { title: t('accounts.username'), dataIndex: 'username', width: 150, render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
    { title: t('accounts.displayName'), dataIndex: 'displayName', width: 150 },
    { title: t('accounts.role'), dataIndex: 'role', width: 150, render: (r: string) => <Tag color="blue">{tk('role', r)}</Tag> },
    {
      title: t('accounts.jurisdiction'),
      key: 'jurisdiction',
      render: (_, a) => (
        <span>
          <LevelTag level={a.jurisdiction.level} />
          <JurisdictionName j={a.jurisdiction} />
        </span>
      ),
    },
    {
      title: t('accounts.status'),
      key: 'status',
      width: 220,
      render: (_, a) => (
        <Space size={4}>
          {a.disabled ? <Tag color="default">{t('accounts.disabled')}</Tag> : <Tag color="green">{t('accounts.active')}</Tag>}
          {a.lockedUntil && new Date(a.lockedUntil) > new Date() && (
            <Tag color="red" icon={<LockOutlined />}>
              {t('accounts.lockedUntil', { time: formatDateTime(a.lockedUntil) })}
            </Tag>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Card
      size="small"
      title={t('accounts.title')}
      extra={
        can('accounts:write') && (
          <Button size="small" type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-account-button">
            {t('accounts.new')}
          </Button>
        )
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onSearch={(v) => setFilters((f) => ({ ...f, q: v.trim(), page: 1 }))}
          placeholder={t('accounts.searchPlaceholder')}
          style={{ width: 240 }}
          data-testid="accounts-search"
        />
        <Select
          allowClear
          placeholder={t('accounts.anyRole')}
          style={{ width: 180 }}
          value={filters.role ?? undefined}
          onChange={(v?: string) => setFilters((f) => ({ ...f, role: v ?? null, page: 1 }))}
          options={ROLES.map((r) => ({ value: r, label: tk('role', r) }))}
        />
      </Space>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <div data-testid="accounts-table">
        <Table<AccountRow>
          size="small"
          rowKey="id"
          loading={loading}
          dataSource={data?.items ?? []}
          columns={columns}
          scroll={{ x: 900 }}
          onChange={(p) => setFilters((f) => ({ ...f, page: p.current ?? 1, pageSize: p.pageSize ?? f.pageSize }))}
          pagination={{
            current: filters.page,
            pageSize: filters.pageSize,
            total: data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { total }),
          }}
        />
      </div>
      <CreateAccountModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={() => {
          setCreating(false);
          setTick((n) => n + 1);
        }}
      />
    </Card>
  );
}
