import { Alert, Table, Tabs } from 'antd';
import type { TableProps } from 'antd';
import { useState, type HTMLAttributes, type ReactNode } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useI18n } from '../i18n';
import { useApiGet } from './useApiGet';

/**
 * A work queue by status: the status lives in the URL (`?status=`, the first status by default),
 * one tab per status plus "all", and the filtered list from `url`. `reload()` refetches after an
 * action. The appeals and overrides pages are two of these.
 */
export function useStatusQueue<T>(url: string, statuses: readonly string[]) {
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? statuses[0];
  const [version, setVersion] = useState(0);
  const { data, loading, error } = useApiGet<{ items: T[] }>(url, { status: status === 'all' ? undefined : status }, version);
  return {
    status,
    setStatus: (k: string) => setParams(k === statuses[0] ? {} : { status: k }),
    items: data?.items ?? [],
    loading,
    error,
    reload: () => setVersion((v) => v + 1),
  };
}

export function StatusQueueTable<T extends { id: string; status: string }>(props: {
  queue: ReturnType<typeof useStatusQueue<T>>;
  statuses: readonly string[];
  statusLabel: (s: string) => ReactNode;
  /** data-testid stem: `<stem>s-tab-<status>`, `<stem>s-table`, `<stem>-row`. */
  testId: string;
  columns: TableProps<T>['columns'];
  scrollX: number;
}) {
  const { t } = useI18n();
  const { queue, testId } = props;
  return (
    <>
      <Tabs
        activeKey={queue.status}
        onChange={queue.setStatus}
        items={[...props.statuses, 'all'].map((s) => ({
          key: s,
          label: <span data-testid={`${testId}s-tab-${s}`}>{s === 'all' ? t('appeals.all') : props.statusLabel(s)}</span>,
        }))}
      />
      {queue.error && <Alert type="error" showIcon title={queue.error} style={{ marginBottom: 12 }} />}
      <div data-testid={`${testId}s-table`}>
        <Table<T>
          size="small"
          rowKey="id"
          loading={queue.loading}
          dataSource={queue.items}
          columns={props.columns}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (total) => t('common.total', { total }) }}
          scroll={{ x: props.scrollX }}
          onRow={(r) => ({ 'data-testid': `${testId}-row`, 'data-status': r.status }) as HTMLAttributes<HTMLElement>}
        />
      </div>
    </>
  );
}
