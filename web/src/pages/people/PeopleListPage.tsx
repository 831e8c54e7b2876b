import { CloudUploadOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Space, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useMemo, type HTMLAttributes } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import type { Person } from '../../api/types';
import { formatDate, formatDateTime } from '../../common/format';
import { GroupTags } from '../../common/GroupTags';
import { LevelAndName } from '../../common/JurisdictionTag';
import { PagedTable } from '../../common/PagedTable';
import { useCreateModal } from '../../common/useCreateModal';
import { usePagedList } from '../../common/usePagedList';
import { useI18n } from '../../i18n';
import { useCan } from '../../session/SessionContext';
import { NewPersonModal } from './NewPersonModal';
import { PeopleFilters, FILTER_KEYS } from './PeopleFilters';

const SORTABLE = ['name', 'createdAt'] as const;

export default function PeopleListPage() {
  const { t, tk } = useI18n();
  const can = useCan();
  const navigate = useNavigate();
  const list = usePagedList<Person>('/api/people', useSearchParams(), {
    filterKeys: FILTER_KEYS,
    defaultPageSize: 20,
    sortable: SORTABLE,
    pageSizeOptions: [20, 50, 100, 200],
  });
  const creating = useCreateModal(list.reload);
  const { sort, sortOrderOf } = list;

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
        render: (gs: string[]) => <GroupTags groups={gs} />,
      },
      { title: t('people.jurisdiction'), key: 'jurisdiction', render: (_, p) => <LevelAndName j={p.jurisdiction} /> },
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
              onClick={creating.show}
              data-testid="new-person-button"
            >
              {t('people.new')}
            </Button>
          )}
        </Space>
      }
    >
      <PeopleFilters params={list.params} onApply={list.update} />
      <PagedTable<Person>
        testId="people-table"
        list={list}
        columns={columns}
        scroll={{ x: 1100 }}
        onRow={(p) =>
          ({
            onClick: () => navigate(`/people/${p.id}`),
            style: { cursor: 'pointer' },
            'data-testid': 'people-row',
          }) as HTMLAttributes<HTMLElement>
        }
      />
      <NewPersonModal {...creating.props} />
    </Card>
  );
}
