import { Alert, Table } from 'antd';
import type { TableProps } from 'antd';

/** A usePagedList list: its load error (if any) above a small table wrapped in `data-testid={testId}`. */
export function PagedTable<T extends object>({
  testId,
  list: { error, table },
  ...rest
}: { testId: string; list: { error: string | null; table: TableProps<T> } } & TableProps<T>) {
  return (
    <>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <div data-testid={testId}>
        <Table<T> size="small" rowKey="id" {...table} {...rest} />
      </div>
    </>
  );
}
