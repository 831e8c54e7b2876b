import { CloudUploadOutlined, EditOutlined, FilePdfOutlined, FileImageOutlined, PlusOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { Button, Card, Form, Space, Tag, Tooltip, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { useSearchParams } from 'react-router-dom';
import { VENUE_TYPES, type Venue } from '../../api/types';
import { FilterForm, SelectFilter, TextFilter } from '../../common/FilterForm';
import { formatDateTime } from '../../common/format';
import { LevelAndName } from '../../common/JurisdictionTag';
import { PagedTable } from '../../common/PagedTable';
import { clearedFilters, trimmedOrNull, useFormFollowsParams } from '../../common/urlFilters';
import { usePagedList } from '../../common/usePagedList';
import { useI18n } from '../../i18n';
import { useCan } from '../../session/SessionContext';
import { ImportVenuesModal } from './ImportVenuesModal';
import { VenueModal } from './VenueModal';
import { VenueScansDrawer } from './VenueScansDrawer';

const FILTER_KEYS = ['q', 'type'] as const;

interface Filters {
  q?: string;
  type?: string;
}

export default function VenuesPage() {
  const { t, tk } = useI18n();
  const can = useCan();
  const list = usePagedList<Venue>('/api/venues', useSearchParams(), { filterKeys: FILTER_KEYS, defaultPageSize: 20, pageSizeOptions: [20, 50, 100, 200] });
  const [form] = Form.useForm<Filters>();
  useFormFollowsParams(form, list.params, FILTER_KEYS);
  const [editing, setEditing] = useState<Venue | 'new' | null>(null);
  const [importing, setImporting] = useState(false);
  const [scansOf, setScansOf] = useState<Venue | null>(null);

  const poster = (v: Venue, ext: 'png' | 'pdf') => `/api/venues/${encodeURIComponent(v.id)}/poster.${ext}`;

  const columns: TableProps<Venue>['columns'] = [
    { title: t('venues.code'), dataIndex: 'code', width: 140, render: (c: string) => <Typography.Text code copyable>{c}</Typography.Text> },
    { title: t('venues.name'), dataIndex: 'name', width: 180, render: (n: string) => <span data-testid="venue-name">{n}</span> },
    { title: t('venues.type'), dataIndex: 'type', width: 110, render: (v: string) => <Tag>{tk('venueType', v)}</Tag> },
    { title: t('venues.address'), dataIndex: 'address', render: (a: string | null) => a ?? t('common.none') },
    { title: t('venues.jurisdiction'), key: 'jurisdiction', width: 180, render: (_, v) => <LevelAndName j={v.jurisdiction} /> },
    { title: t('venues.createdAt'), dataIndex: 'createdAt', width: 160, render: formatDateTime },
    {
      title: '',
      key: 'actions',
      width: 300,
      fixed: 'end',
      render: (_, v) => (
        <Space size={4}>
          <Tooltip title={t('venues.posterPng')}>
            <a href={poster(v, 'png')} target="_blank" rel="noreferrer" data-testid="venue-poster-png">
              <Button size="small" icon={<FileImageOutlined />}>PNG</Button>
            </a>
          </Tooltip>
          <Tooltip title={t('venues.posterPdf')}>
            <a href={poster(v, 'pdf')} target="_blank" rel="noreferrer" data-testid="venue-poster-pdf">
              <Button size="small" icon={<FilePdfOutlined />}>PDF</Button>
            </a>
          </Tooltip>
          <Button size="small" icon={<UnorderedListOutlined />} onClick={() => setScansOf(v)} data-testid="venue-scans">
            {t('venues.scans')}
          </Button>
          {can('venues:write') && (
            <Tooltip title={t('common.edit')}>
              <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(v)} data-testid="venue-edit" aria-label={t('common.edit')} />
            </Tooltip>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Card
      size="small"
      title={t('venues.title')}
      extra={
        can('venues:write') && (
          <Space>
            <Button size="small" icon={<CloudUploadOutlined />} onClick={() => setImporting(true)} data-testid="venues-import">
              {t('people.importLink')}
            </Button>
            <Button size="small" type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="venue-new">
              {t('venues.new')}
            </Button>
          </Space>
        )
      }
    >
      <FilterForm<Filters>
        form={form}
        onFinish={(v) => list.update({ q: trimmedOrNull(v.q), type: v.type || null, page: 1 })}
        onReset={() => {
          form.resetFields();
          list.update(clearedFilters(FILTER_KEYS));
        }}
        searchTestId="venues-search"
      >
        <TextFilter name="q" placeholder={t('venues.searchPlaceholder')} width={200} testId="venues-q" />
        <SelectFilter
          name="type"
          placeholder={t('venues.anyType')}
          width={150}
          testId="venues-type"
          options={VENUE_TYPES.map((v) => ({ value: v, label: tk('venueType', v) }))}
        />
      </FilterForm>
      <PagedTable<Venue>
        testId="venues-table"
        list={list}
        columns={columns}
        scroll={{ x: 1300 }}
        onRow={(v) => ({ 'data-testid': 'venue-row', 'data-code': v.code }) as HTMLAttributes<HTMLElement>}
      />
      <VenueModal
        venue={editing === 'new' ? null : editing}
        open={editing !== null}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          list.reload();
        }}
      />
      <ImportVenuesModal open={importing} onClose={() => setImporting(false)} onImported={list.reload} />
      <VenueScansDrawer venue={scansOf} onClose={() => setScansOf(null)} />
    </Card>
  );
}
