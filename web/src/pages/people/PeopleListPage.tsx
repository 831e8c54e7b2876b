import { CloudUploadOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Space, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useEffect, useMemo, useState, type HTMLAttributes } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { api } from '../../api/client';
import type { Page, Person } from '../../api/types';
import { formatDate, formatDateTime } from '../../common/format';
import { JurisdictionName, LevelTag } from '../../common/JurisdictionTag';
import { useApiError } from '../../common/useApiError';
import { useI18n } from '../../i18n';
import { useCan } from '../../session/SessionContext';
import { NewPersonModal } from './NewPersonModal';
import { PeopleFilters, FILTER_KEYS } from './PeopleFilters';

const SORTABLE = ['name', 'createdAt'] as const;

export default function PeopleListPage() {
  const { t, tk } = useI18n();
  const can = useCan();
  const navigate = useNavigate();
  const { describe } = useApiError();
  const [params, setParams] = useSearchParams();
  const [data, setData] = useState<Page<Person> | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [reloadTick, setReloadTick] = useState(0);

  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSize = Math.min(200, Math.max(1, Number(params.get('pageSize')) || 20));
  const sort = params.get('sort') ?? '';
  const queryString = params.toString();

  useEffect(() => {
    const ac = new AbortController();
    const query: Record<string, string | number> = { page, pageSize };
    for (const k of FILTER_KEYS) {
      const v = params.get(k);
      if (v) query[k] = v;
    }
    if (sort) query.sort = sort;
    setLoading(true);
    setError(null);
    api
      .get<Page<Person>>('/api/people', query, ac.signal)
      .then(setData)
      .catch((e) => {
        if (!ac.signal.aborted) setError(describe(e));
      })
      .finally(() => {
        if (!ac.signal.aborted) setLoading(false);
      });
    return () => ac.abort();
    // queryString captures every param
  }, [queryString, reloadTick, describe]);

  const update = (changes: Record<string, string | number | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    setParams(next);
  };

  const sortOrderOf = (field: string) =>
    sort === field ? ('ascend' as const) : sort === `-${field}` ? ('descend' as const) : null;

  const columns = useMemo<TableProps<Person>['columns']>(
    () => [
      {
        title: t('people.name'),
        dataIndex: 'name',
        key: 'name',
        sorter: true,
        sortOrder: sortOrderOf('name'),
        width: 120,
        render: (name: string, p) => (
          <Link to={`/people/${p.id}`} data-testid="person-link" onClick={(e) => e.stopPropagation()}>
            {name}
          </Link>
        ),
      },
      {
        title: t('people.idNumber'),
        dataIndex: 'idNumberMasked',
        width: 190,
        render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
      },
      { title: t('people.phone'), dataIndex: 'phoneMasked', width: 130 },
      {
        title: t('people.sex'),
        dataIndex: 'sex',
        width: 60,
        render: (v: string | null) => (v ? tk('sex', v) : t('common.none')),
      },
      { title: t('people.birthDate'), dataIndex: 'birthDate', width: 110, render: (v: string | null) => formatDate(v) },
      {
        title: t('people.residency'),
        dataIndex: 'residency',
        width: 80,
        render: (v: string) => <Tag color={v === 'floating' ? 'orange' : 'default'}>{tk('residency', v)}</Tag>,
      },
      {
        title: t('people.groups'),
        dataIndex: 'groups',
        render: (gs: string[]) =>
          gs.map((g) => (
            <Tag key={g} color="purple">
              {tk('group', g)}
            </Tag>
          )),
      },
      {
        title: t('people.jurisdiction'),
        key: 'jurisdiction',
        render: (_, p) => (
          <span>
            <LevelTag level={p.jurisdiction.level} />
            <JurisdictionName j={p.jurisdiction} />
          </span>
        ),
      },
      {
        title: t('people.createdAt'),
        dataIndex: 'createdAt',
        key: 'createdAt',
        sorter: true,
        sortOrder: sortOrderOf('createdAt'),
        width: 160,
        render: (v: string) => formatDateTime(v),
      },
    ],
    [t, tk, sort],
  );

  const onChange: TableProps<Person>['onChange'] = (pagination, _filters, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const field = s?.columnKey ? String(s.columnKey) : '';
    const nextSort =
      s?.order && (SORTABLE as readonly string[]).includes(field) ? (s.order === 'descend' ? `-${field}` : field) : null;
    const sortChanged = (nextSort ?? '') !== sort;
    update({
      sort: nextSort,
      page: sortChanged ? 1 : (pagination.current ?? 1),
      pageSize: pagination.pageSize ?? pageSize,
    });
  };

  return (
    <Card
      size="small"
      title={t('people.title')}
      extra={
        <Space>
          {can('people:import') && (
            <Link to="/imports/people">
              <Button size="small" icon={<CloudUploadOutlined />}>
                {t('people.importLink')}
              </Button>
            </Link>
          )}
          {can('people:write') && (
            <Button
              size="small"
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="new-person-button"
            >
              {t('people.new')}
            </Button>
          )}
        </Space>
      }
    >
      <PeopleFilters params={params} onApply={update} />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <div data-testid="people-table">
        <Table<Person>
          size="small"
          rowKey="id"
          loading={loading}
          dataSource={data?.items ?? []}
          columns={columns}
          onChange={onChange}
          scroll={{ x: 1100 }}
          onRow={(p) =>
            ({
              onClick: () => navigate(`/people/${p.id}`),
              style: { cursor: 'pointer' },
              'data-testid': 'people-row',
            }) as HTMLAttributes<HTMLElement>
          }
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
      <NewPersonModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={() => {
          setCreating(false);
          setReloadTick((n) => n + 1);
        }}
      />
    </Card>
  );
}
