import type { TableProps } from 'antd';
import type { Page } from '../api/types';
import { useI18n } from '../i18n';
import { useApiGet } from './useApiGet';

/** Where a list keeps its page, page size, sort and filters: the URL (useSearchParams) or local state. */
export type ListParams = readonly [URLSearchParams, (next: URLSearchParams) => void];

export type ParamChanges = Record<string, string | number | null>;

export interface PagedListOptions {
  /** Parameters passed through to the API as filters. */
  filterKeys: readonly string[];
  defaultPageSize: number;
  /** Column keys the server sorts by (`sort=field` or `sort=-field`); leave out for an unsorted list. */
  sortable?: readonly string[];
  pageSizeOptions?: number[];
}

/** A server-paginated list: GET `path` with page/pageSize/sort/filters taken from `params`, and the Table's props. */
export function usePagedList<T>(path: string, [params, setParams]: ListParams, options: PagedListOptions) {
  const { t } = useI18n();
  const { filterKeys, defaultPageSize, sortable, pageSizeOptions } = options;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSize = Math.min(200, Math.max(1, Number(params.get('pageSize')) || defaultPageSize));
  const sort = sortable ? (params.get('sort') ?? '') : '';

  const query: Record<string, string | number> = { page, pageSize };
  for (const k of filterKeys) {
    const v = params.get(k);
    if (v) query[k] = v;
  }
  if (sort) query.sort = sort;
  // `params` as the trigger: setting them again (a repeated search) reloads, as a new object.
  const { data, loading, error, reload } = useApiGet<Page<T>>(path, query, params);

  /** Sets (or, with null or '', removes) parameters. */
  const update = (changes: ParamChanges) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    setParams(next);
  };

  const sortOrderOf = (field: string) =>
    sort === field ? ('ascend' as const) : sort === `-${field}` ? ('descend' as const) : null;

  const onChange: TableProps<T>['onChange'] = (pagination, _filters, sorter) => {
    const paging = { page: pagination.current ?? 1, pageSize: pagination.pageSize ?? pageSize };
    if (!sortable) return update(paging);
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const field = s?.columnKey ? String(s.columnKey) : '';
    const nextSort = s?.order && sortable.includes(field) ? (s.order === 'descend' ? `-${field}` : field) : null;
    // A new order starts again from the first page.
    update({ sort: nextSort, ...paging, page: (nextSort ?? '') !== sort ? 1 : paging.page });
  };

  const table = {
    loading,
    dataSource: data?.items ?? [],
    onChange,
    pagination: {
      current: page,
      pageSize,
      total: data?.total ?? 0,
      showSizeChanger: true,
      ...(pageSizeOptions && { pageSizeOptions }),
      showTotal: (total: number) => t('common.total', { total }),
    },
  } satisfies TableProps<T>;

  return { params, update, sort, sortOrderOf, error, reload, table };
}
