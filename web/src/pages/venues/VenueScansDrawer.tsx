import { Drawer, Segmented, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import type { Venue, VenueScan } from '../../api/types';
import { ColourTag, useBilingual } from '../../common/colour';
import { formatDateTime } from '../../common/format';
import { PagedTable } from '../../common/PagedTable';
import { usePagedList } from '../../common/usePagedList';
import { useI18n } from '../../i18n';

/** GET /api/venues/:id/scans: who scanned in at a venue, newest first, with the answer each got. */
export function VenueScansDrawer({ venue, onClose }: { venue: Venue | null; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Drawer
      open={!!venue}
      onClose={onClose}
      size="large"
      title={venue ? t('venues.scansTitle', { name: venue.name }) : ''}
      destroyOnHidden
    >
      {venue && <ScansList venue={venue} />}
    </Drawer>
  );
}

function ScansList({ venue }: { venue: Venue }) {
  const { t, tk } = useI18n();
  const text = useBilingual();
  const list = usePagedList<VenueScan>(`/api/venues/${encodeURIComponent(venue.id)}/scans`, useState(() => new URLSearchParams()), {
    filterKeys: ['result'],
    defaultPageSize: 50,
  });
  const result = list.params.get('result') ?? '';

  const columns: TableProps<VenueScan>['columns'] = [
    { title: t('venues.scannedAt'), dataIndex: 'scannedAt', width: 160, render: formatDateTime },
    {
      title: t('venues.person'),
      key: 'person',
      width: 200,
      render: (_, s) => (
        <span>
          {s.person.nameMasked} <Typography.Text code>{s.person.idNumberMasked}</Typography.Text>
        </span>
      ),
    },
    { title: t('venues.colourShown'), dataIndex: 'colourShown', width: 90, render: (c: string) => <ColourTag colour={c} /> },
    {
      title: t('venues.result'),
      dataIndex: 'result',
      width: 80,
      render: (r: string) => <Tag color={r === 'pass' ? 'success' : 'error'}>{r === 'pass' ? t('verdict.pass') : t('verdict.deny')}</Tag>,
    },
    { title: t('venues.reason'), key: 'reason', render: (_, s) => text(s.reason) || t('common.none') },
    { title: t('venues.source'), dataIndex: 'source', width: 100, render: (s: string) => tk('scanSource', s) },
  ];

  return (
    <>
      <Segmented
        style={{ marginBottom: 12 }}
        value={result}
        onChange={(v) => list.update({ result: v || null, page: 1 })}
        options={[
          { value: '', label: t('venues.allResults') },
          { value: 'pass', label: t('verdict.pass') },
          { value: 'deny', label: t('verdict.deny') },
        ]}
        data-testid="venue-scans-filter"
      />
      <PagedTable<VenueScan>
        testId="venue-scans-table"
        list={list}
        columns={columns}
        scroll={{ x: 800 }}
        onRow={(s) => ({ 'data-testid': 'venue-scan-row', 'data-result': s.result }) as HTMLAttributes<HTMLElement>}
      />
    </>
  );
}
