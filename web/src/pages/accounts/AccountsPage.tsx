import { LockOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Input, Select, Space, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useState } from 'react';
import { ROLES, type AccountRow } from '../../api/types';
import { formatDateTime } from '../../common/format';
import { LevelAndName } from '../../common/JurisdictionTag';
import { PagedTable } from '../../common/PagedTable';
import { useCreateModal } from '../../common/useCreateModal';
import { usePagedList } from '../../common/usePagedList';
import { useI18n } from '../../i18n';
import { useCan } from '../../session/SessionContext';
import { CreateAccountModal } from './CreateAccountModal';

const FILTER_KEYS = ['q', 'role'] as const;

export default function AccountsPage() {
  const { t, tk } = useI18n();
  const can = useCan();
  const [q, setQ] = useState('');
  // Filters and paging live in this page's state (not the URL).
  const list = usePagedList<AccountRow>('/api/accounts', useState(() => new URLSearchParams()), {
    filterKeys: FILTER_KEYS,
    defaultPageSize: 20,
  });
  const creating = useCreateModal(list.reload);

  const columns: TableProps<AccountRow>['columns'] = [
    { title: t('accounts.username'), dataIndex: 'username', width: 150, render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
    { title: t('accounts.displayName'), dataIndex: 'displayName', width: 150 },
    { title: t('accounts.role'), dataIndex: 'role', width: 150, render: (r: string) => <Tag color="blue">{tk('role', r)}</Tag> },
    { title: t('accounts.jurisdiction'), key: 'jurisdiction', render: (_, a) => <LevelAndName j={a.jurisdiction} /> },
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
          <Button size="small" type="primary" icon={<PlusOutlined />} onClick={creating.show} data-testid="new-account-button">
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
          onSearch={(v) => list.update({ q: v.trim(), page: 1 })}
          placeholder={t('accounts.searchPlaceholder')}
          style={{ width: 240 }}
          data-testid="accounts-search"
        />
        <Select
          allowClear
          placeholder={t('accounts.anyRole')}
          style={{ width: 180 }}
          value={list.params.get('role') ?? undefined}
          onChange={(v?: string) => list.update({ role: v ?? null, page: 1 })}
          options={ROLES.map((r) => ({ value: r, label: tk('role', r) }))}
        />
      </Space>
      <PagedTable<AccountRow> testId="accounts-table" list={list} columns={columns} scroll={{ x: 900 }} />
      <CreateAccountModal {...creating.props} />
    </Card>
  );
}
