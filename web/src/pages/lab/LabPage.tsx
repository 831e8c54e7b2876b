import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Progress, Row, Segmented, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useMemo, useState, type HTMLAttributes } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../../api/client';
import { formatDateTime } from '../../common/format';
import { ReasonModal } from '../../common/ReasonModal';
import { useApiGet } from '../../common/useApiGet';
import { useI18n } from '../../i18n';
import { useStaff } from '../../session/SessionContext';
import { CsvUpload } from '../imports/CsvUpload';
import type { ConflictsPage, RecallsPage, ResultConflict, TurnaroundReport } from '../../../../src/modules/testing/results/results.schemas.ts';

type LabTurnaround = TurnaroundReport['labs'][number];
type LateTube = TurnaroundReport['lateTubes'][number];
type Recall = RecallsPage['items'][number];

const TABS = ['upload', 'conflicts', 'turnaround', 'recalls'] as const;
type TabKey = (typeof TABS)[number];
const RANGES = [24, 72, 168] as const;

function windowEndingNow(hours: number) {
  const to = new Date();
  return { from: new Date(to.getTime() - hours * 3_600_000).toISOString(), to: to.toISOString() };
}

/** Hours, with the 8-hour target shown: over it in red. */
function Hours({ hours, target }: { hours: number; target: number }) {
  return <Typography.Text type={hours > target ? 'danger' : undefined} strong={hours > target}>{hours.toFixed(1)} h</Typography.Text>;
}

function UploadTab({ onDone }: { onDone: () => void }) {
  const { t } = useI18n();
  return (
    <Row gutter={16}>
      <Col xs={24} xl={14}>
        <CsvUpload path="/api/lab/results/import" onDone={onDone} />
      </Col>
      <Col xs={24} xl={10}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
          {t('lab.format')}
        </Typography.Paragraph>
        <Typography.Paragraph>
          <Typography.Text code data-testid="lab-format">barcode,result,tested_at[,ct_orf1ab,ct_n,lab]</Typography.Text>
        </Typography.Paragraph>
        <Typography.Paragraph type="secondary">{t('lab.formatHelp')}</Typography.Paragraph>
      </Col>
    </Row>
  );
}

function ConflictsTab({ canWrite, version, onChanged }: { canWrite: boolean; version: number; onChanged: () => void }) {
  const { t, tk } = useI18n();
  const [page, setPage] = useState(1);
  const { data, loading, error } = useApiGet<ConflictsPage>('/api/lab/conflicts', { page, pageSize: 20 }, version);
  const [resolving, setResolving] = useState<ResultConflict | null>(null);
  const columns: TableProps<ResultConflict>['columns'] = [
    { title: t('lab.reportedAt'), dataIndex: 'reportedAt', width: 160, render: formatDateTime },
    { title: t('lab.barcode'), dataIndex: 'barcode', width: 150, render: (b: string) => <Typography.Text code>{b}</Typography.Text> },
    { title: t('lab.conflictKind'), dataIndex: 'kind', width: 150, render: (k: string) => <Tag color={k === 'unknown_tube' ? 'orange' : 'red'}>{tk('lab.kind', k)}</Tag> },
    { title: t('lab.reported'), dataIndex: 'result', width: 110, render: (r: string) => tk('lab.result', r) },
    { title: t('lab.stored'), dataIndex: 'storedResult', width: 110, render: (r: string | null) => (r ? tk('lab.result', r) : t('common.none')) },
    {
      title: t('lab.ct'),
      key: 'ct',
      width: 120,
      render: (_, c) => (c.ctOrf1ab === null && c.ctN === null ? t('common.none') : `${c.ctOrf1ab ?? '—'} / ${c.ctN ?? '—'}`),
    },
    { title: t('lab.testedAt'), dataIndex: 'testedAt', width: 160, render: formatDateTime },
    { title: t('lab.lab'), dataIndex: 'lab', width: 120, render: (l: string | null) => l ?? t('common.none') },
    {
      title: '',
      key: 'actions',
      width: 100,
      render: (_, c) =>
        canWrite ? (
          <Button size="small" onClick={() => setResolving(c)} data-testid="conflict-resolve">
            {t('lab.resolve')}
          </Button>
        ) : null,
    },
  ];
  return (
    <>
      <Alert type="info" showIcon title={t('lab.conflictsNotice')} style={{ marginBottom: 12 }} />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Table<ResultConflict>
        size="small"
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        columns={columns}
        scroll={{ x: 1200 }}
        pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage, hideOnSinglePage: true, showTotal: (total) => t('common.total', { total }) }}
        onRow={(c) => ({ 'data-testid': 'conflict-row', 'data-kind': c.kind }) as HTMLAttributes<HTMLElement>}
      />
      <ReasonModal
        open={!!resolving}
        title={resolving ? t('lab.resolveTitle', { barcode: resolving.barcode }) : ''}
        label={t('lab.resolution')}
        placeholder={t('lab.resolutionPlaceholder')}
        min={2}
        okText={t('lab.resolve')}
        okTestId="conflict-resolve-submit"
        inputTestId="conflict-resolution"
        notice={<Alert type="warning" showIcon title={t('lab.resolveNotice')} style={{ marginBottom: 12 }} />}
        success={t('lab.resolved')}
        send={(resolution) => api.post<ResultConflict>(`/api/lab/conflicts/${encodeURIComponent(resolving!.id)}/resolve`, { resolution })}
        onDone={() => {
          setResolving(null);
          onChanged();
        }}
        onCancel={() => setResolving(null)}
      />
    </>
  );
}

function TurnaroundTab({ version }: { version: number }) {
  const { t } = useI18n();
  const [hours, setHours] = useState<number>(24);
  // The window ends now: recomputed when the range changes or new results were uploaded.
  const [tick, setTick] = useState(0);
  const query = useMemo(() => windowEndingNow(hours), [hours, version, tick]);
  const { data, loading, error } = useApiGet<TurnaroundReport>('/api/lab/turnaround', query);
  const target = data?.targetHours ?? 8;
  const columns: TableProps<LabTurnaround>['columns'] = [
    { title: t('lab.lab'), dataIndex: 'lab', width: 160 },
    { title: t('lab.tubes'), dataIndex: 'tubes', width: 90, align: 'right' },
    { title: t('lab.median'), dataIndex: 'medianHours', width: 110, align: 'right', render: (h: number) => <Hours hours={h} target={target} /> },
    { title: t('lab.p90'), dataIndex: 'p90Hours', width: 110, align: 'right', render: (h: number) => <Hours hours={h} target={target} /> },
    {
      title: t('lab.withinTarget', { hours: target }),
      dataIndex: 'withinTargetShare',
      width: 200,
      render: (s: number) => <Progress percent={Math.round(s * 1000) / 10} size="small" status={s < 1 ? 'exception' : 'success'} data-testid="lab-within-target" />,
    },
    { title: t('lab.late'), dataIndex: 'late', width: 90, align: 'right', render: (n: number) => (n ? <Typography.Text type="danger">{n}</Typography.Text> : n) },
  ];
  const lateColumns: TableProps<LateTube>['columns'] = [
    { title: t('lab.barcode'), dataIndex: 'barcode', width: 150, render: (b: string) => <Typography.Text code>{b}</Typography.Text> },
    { title: t('lab.lab'), dataIndex: 'lab', width: 140 },
    { title: t('lab.sampledAt'), dataIndex: 'sampledAt', width: 160, render: formatDateTime },
    { title: t('lab.resultedAt'), dataIndex: 'resultedAt', width: 160, render: formatDateTime },
    { title: t('lab.hours'), dataIndex: 'hours', width: 100, align: 'right', render: (h: number) => <Hours hours={h} target={target} /> },
  ];
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <Segmented<number>
          value={hours}
          onChange={setHours}
          options={RANGES.map((h) => ({ value: h, label: t('lab.lastHours', { hours: h }) }))}
          data-testid="lab-range"
        />
        <Button icon={<ReloadOutlined />} onClick={() => setTick((n) => n + 1)} aria-label="reload" data-testid="lab-reload" />
        <Tag color="blue" data-testid="lab-target">
          {t('lab.target', { hours: target })}
        </Tag>
      </Space>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <div data-testid="lab-turnaround">
        <Table<LabTurnaround> size="small" rowKey="lab" loading={loading} dataSource={data?.labs ?? []} columns={columns} pagination={false} scroll={{ x: 760 }} />
      </div>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('lab.lateTubes', { hours: target })}
      </Typography.Title>
      {data?.lateTubesTruncated && <Alert type="warning" showIcon title={t('lab.lateTruncated')} style={{ marginBottom: 12 }} />}
      <Table<LateTube>
        size="small"
        rowKey="barcode"
        loading={loading}
        dataSource={data?.lateTubes ?? []}
        columns={lateColumns}
        scroll={{ x: 710 }}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (total) => t('common.total', { total }) }}
      />
    </>
  );
}

function RecallsTab({ version }: { version: number }) {
  const { t } = useI18n();
  const staff = useStaff();
  const [page, setPage] = useState(1);
  const { data, loading, error } = useApiGet<RecallsPage>('/api/lab/recalls', { page, pageSize: 20 }, version);
  const canSeePeople = staff.account.permissions.includes('people:read');
  const columns: TableProps<Recall>['columns'] = [
    {
      title: t('lab.person'),
      dataIndex: 'nameMasked',
      width: 120,
      render: (n: string, r) => (canSeePeople ? <Link to={`/people/${r.personId}`}>{n}</Link> : n),
    },
    { title: t('lab.idNumber'), dataIndex: 'idNumberMasked', width: 190 },
    { title: t('lab.barcode'), dataIndex: 'barcode', width: 150, render: (b: string) => <Typography.Text code>{b}</Typography.Text> },
    { title: t('lab.sampledAt'), dataIndex: 'sampledAt', width: 160, render: formatDateTime },
    { title: t('lab.reportedAt'), dataIndex: 'reportedAt', width: 160, render: formatDateTime },
  ];
  return (
    <>
      <Alert type="info" showIcon title={t('lab.recallsNotice')} style={{ marginBottom: 12 }} />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Table<Recall>
        size="small"
        rowKey={(r) => `${r.personId}:${r.barcode}`}
        loading={loading}
        dataSource={data?.items ?? []}
        columns={columns}
        scroll={{ x: 780 }}
        pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage, hideOnSinglePage: true, showTotal: (total) => t('common.total', { total }) }}
        onRow={() => ({ 'data-testid': 'recall-row' }) as HTMLAttributes<HTMLElement>}
      />
    </>
  );
}

/** The lab's desk: upload results, resolve conflicts, watch turnaround against 8 hours, see recalls. */
export default function LabPage() {
  const { t } = useI18n();
  const staff = useStaff();
  const canWrite = staff.account.permissions.includes('results:write');
  const [params, setParams] = useSearchParams();
  const tabs = TABS.filter((k) => k !== 'upload' || canWrite);
  const requested = params.get('tab') as TabKey | null;
  const tab: TabKey = requested && tabs.includes(requested) ? requested : tabs[0];
  const [version, setVersion] = useState(0);
  const changed = () => setVersion((v) => v + 1);
  return (
    <Card size="small" title={t('lab.title')}>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === tabs[0] ? {} : { tab: k })}
        items={tabs.map((k) => ({
          key: k,
          label: <span data-testid={`lab-tab-${k}`}>{t(`lab.tab.${k}`)}</span>,
          children:
            k === 'upload' ? (
              <UploadTab onDone={changed} />
            ) : k === 'conflicts' ? (
              <ConflictsTab canWrite={canWrite} version={version} onChanged={changed} />
            ) : k === 'turnaround' ? (
              <TurnaroundTab version={version} />
            ) : (
              <RecallsTab version={version} />
            ),
        }))}
      />
    </Card>
  );
}
