import { FilePdfOutlined, PlusOutlined, QrcodeOutlined, SwapOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Empty, Row, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../../api/client';
import type { CodeView, ColourChange, Fact, Override, Page, TestResult } from '../../../api/types';
import { ColourHistory } from '../../../common/ColourHistory';
import { ColourBand, ColourTag, GreenAt, ReasonList } from '../../../common/colour';
import { formatDateTime } from '../../../common/format';
import { ReasonModal } from '../../../common/ReasonModal';
import { useApiGet } from '../../../common/useApiGet';
import { useI18n } from '../../../i18n';
import { useCan } from '../../../session/SessionContext';
import { OverrideStatusTag } from '../../health-codes/statusTags';
import { AddTestResultModal } from './AddTestResultModal';
import { ProposeOverrideModal } from './ProposeOverrideModal';
import { RecordFactModal } from './RecordFactModal';

type FactState = 'active' | 'ended' | 'lapsed' | 'future';

function factState(f: Fact, now = Date.now()): FactState {
  if (f.endedAt) return 'ended';
  if (f.validUntil && Date.parse(f.validUntil) <= now) return 'lapsed';
  if (Date.parse(f.validFrom) > now) return 'future';
  return 'active';
}

const FACT_STATE_COLOUR: Record<FactState, string> = { active: 'red', future: 'orange', ended: 'default', lapsed: 'default' };

/**
 * The health-code section of a person's page: the colour with its reasons and green date, the
 * facts behind it (record / end), the colour history, overrides (propose), hand-entered test
 * results (add), and the QR and printable card.
 */
export function HealthCodePanel({ personId }: { personId: string }) {
  const { t, tk } = useI18n();
  const can = useCan();
  const base = `/api/people/${encodeURIComponent(personId)}`;
  // Anything recorded here may change the colour: every part reloads together.
  const [version, setVersion] = useState(0);
  const changed = () => setVersion((v) => v + 1);
  const code = useApiGet<CodeView>(`${base}/code`, undefined, version);
  const facts = useApiGet<{ items: Fact[] }>(`${base}/health-facts`, undefined, version);
  const history = useApiGet<{ items: ColourChange[] }>(`${base}/colour-history`, undefined, version);
  const overrides = useApiGet<{ items: Override[] }>(can('overrides:propose') ? '/api/overrides' : null, { personId }, version);
  const tests = useApiGet<Page<TestResult>>(`${base}/test-results`, { pageSize: 50 }, version);

  const [modal, setModal] = useState<'fact' | 'override' | 'test' | null>(null);
  const [ending, setEnding] = useState<Fact | null>(null);
  const close = () => setModal(null);
  const done = () => {
    setModal(null);
    changed();
  };

  const factColumns: TableProps<Fact>['columns'] = [
    {
      title: t('facts.kind'),
      dataIndex: 'kind',
      width: 200,
      render: (k: string) => <span data-testid="fact-kind-label">{tk('factKind', k)}</span>,
    },
    {
      title: t('facts.state'),
      key: 'state',
      width: 90,
      render: (_, f) => {
        const s = factState(f);
        return <Tag color={FACT_STATE_COLOUR[s]}>{tk('factState', s)}</Tag>;
      },
    },
    { title: t('facts.validFrom'), dataIndex: 'validFrom', width: 160, render: formatDateTime },
    {
      title: t('facts.validUntil'),
      key: 'until',
      width: 160,
      render: (_, f) => (f.endedAt ? formatDateTime(f.endedAt) : f.validUntil ? formatDateTime(f.validUntil) : t('facts.byPolicy')),
    },
    { title: t('facts.source'), dataIndex: 'source', width: 110, render: (s: string) => tk('factSource', s) },
    { title: t('facts.note'), dataIndex: 'note', width: 240, render: (n: string | null) => n ?? t('common.none') },
    { title: t('facts.recordedAt'), dataIndex: 'recordedAt', width: 160, render: formatDateTime },
    ...(can('health_facts:write')
      ? [
          {
            title: '',
            key: 'actions',
            width: 80,
            render: (_: unknown, f: Fact) =>
              !f.endedAt && factState(f) !== 'lapsed' ? (
                <Button size="small" danger onClick={() => setEnding(f)} data-testid="fact-end">
                  {t('facts.end')}
                </Button>
              ) : null,
          },
        ]
      : []),
  ];

  const testColumns: TableProps<TestResult>['columns'] = [
    { title: t('tests.sampledAt'), dataIndex: 'sampledAt', width: 160, render: formatDateTime },
    { title: t('tests.kind'), dataIndex: 'kind', width: 120, render: (k: string) => tk('testKind', k) },
    {
      title: t('tests.result'),
      dataIndex: 'result',
      width: 100,
      render: (r: string) => <Tag color={r === 'negative' ? 'green' : r === 'positive' ? 'red' : 'default'}>{tk('testResult', r)}</Tag>,
    },
    { title: t('tests.source'), dataIndex: 'source', width: 110, render: (s: string) => tk('factSource', s) },
    { title: t('tests.reportedAt'), dataIndex: 'reportedAt', render: formatDateTime },
  ];

  const overrideColumns: TableProps<Override>['columns'] = [
    { title: t('overrides.colour'), dataIndex: 'colour', width: 90, render: (c: string) => <ColourTag colour={c} /> },
    { title: t('overrides.status'), dataIndex: 'status', width: 100, render: (s: string) => <OverrideStatusTag status={s} /> },
    { title: t('overrides.reason'), dataIndex: 'reason', width: 240 },
    { title: t('overrides.proposedBy'), key: 'by', width: 180, render: (_, o) => `${o.proposedBy} · ${formatDateTime(o.proposedAt)}` },
    { title: t('overrides.decidedBy'), key: 'decided', width: 180, render: (_, o) => (o.decidedBy ? `${o.decidedBy} · ${formatDateTime(o.decidedAt)}` : t('common.none')) },
  ];

  const c = code.data;
  const error = code.error ?? facts.error ?? history.error;

  return (
    <Card
      size="small"
      style={{ marginTop: 16 }}
      title={t('code.panelTitle')}
      data-testid="health-code-panel"
      loading={!c && !code.error}
      extra={
        <Space wrap>
          {can('health_codes:read') && (
            <>
              <a href={`${base}/health-code.png`} target="_blank" rel="noreferrer" data-testid="code-png-link">
                <Button size="small" icon={<QrcodeOutlined />}>
                  {t('code.qrPng')}
                </Button>
              </a>
              <a href={`${base}/health-code-card.pdf`} target="_blank" rel="noreferrer" data-testid="code-card-link">
                <Button size="small" icon={<FilePdfOutlined />}>
                  {t('code.cardPdf')}
                </Button>
              </a>
            </>
          )}
          {can('overrides:propose') && (
            <Button size="small" icon={<SwapOutlined />} onClick={() => setModal('override')} data-testid="override-propose">
              {t('overrides.propose')}
            </Button>
          )}
        </Space>
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {c && (
        <Row gutter={[16, 12]} style={{ marginBottom: 8 }}>
          <Col xs={24} md={8}>
            <ColourBand colour={c.colour} size="middle" testId="code-colour" />
            <div style={{ marginTop: 8 }}>
              <Typography.Text strong>
                <GreenAt colour={c.colour} greenAt={c.greenAt} testId="code-green-at" />
              </Typography.Text>
            </div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('code.policyVersion', { v: c.policyVersion })} · {t('code.updatedAt', { time: formatDateTime(c.updatedAt) })}
            </Typography.Text>
          </Col>
          <Col xs={24} md={16}>
            <Typography.Text type="secondary">{t('code.reasons')}</Typography.Text>
            <ReasonList reasons={c.reasons} testId="code-reasons" />
          </Col>
        </Row>
      )}
      <Tabs
        size="small"
        items={[
          {
            key: 'facts',
            label: <span data-testid="tab-facts">{t('facts.title')}</span>,
            children: (
              <>
                {can('health_facts:write') && (
                  <Button type="primary" size="small" icon={<PlusOutlined />} onClick={() => setModal('fact')} style={{ marginBottom: 8 }} data-testid="fact-record">
                    {t('facts.record')}
                  </Button>
                )}
                <div data-testid="facts-table">
                  <Table<Fact>
                    size="small"
                    rowKey="id"
                    loading={facts.loading}
                    dataSource={facts.data?.items ?? []}
                    columns={factColumns}
                    pagination={{ pageSize: 10, hideOnSinglePage: true }}
                    scroll={{ x: 1200 }}
                    locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('facts.none')} /> }}
                    onRow={(f) => ({ 'data-testid': 'fact-row', 'data-kind': f.kind }) as HTMLAttributes<HTMLElement>}
                  />
                </div>
              </>
            ),
          },
          {
            key: 'history',
            label: <span data-testid="tab-history">{t('code.history')}</span>,
            children: <ColourHistory items={history.data?.items ?? []} testId="code-history" />,
          },
          ...(can('overrides:propose')
            ? [
                {
                  key: 'overrides',
                  label: <span data-testid="tab-overrides">{t('overrides.title')}</span>,
                  children: (
                    <>
                      {overrides.error && <Alert type="error" showIcon title={overrides.error} style={{ marginBottom: 8 }} />}
                      <div data-testid="person-overrides-table">
                        <Table<Override>
                          size="small"
                          rowKey="id"
                          loading={overrides.loading}
                          dataSource={overrides.data?.items ?? []}
                          columns={overrideColumns}
                          pagination={{ pageSize: 10, hideOnSinglePage: true }}
                          scroll={{ x: 800 }}
                        />
                      </div>
                      <Link to="/overrides">{t('overrides.queueLink')} →</Link>
                    </>
                  ),
                },
              ]
            : []),
          {
            key: 'tests',
            label: <span data-testid="tab-tests">{t('tests.title')}</span>,
            children: (
              <>
                {can('test_results:write') && (
                  <Button type="primary" size="small" icon={<PlusOutlined />} onClick={() => setModal('test')} style={{ marginBottom: 8 }} data-testid="test-add">
                    {t('tests.add')}
                  </Button>
                )}
                {tests.error && <Alert type="error" showIcon title={tests.error} style={{ marginBottom: 8 }} />}
                <div data-testid="tests-table">
                  <Table<TestResult>
                    size="small"
                    rowKey="id"
                    loading={tests.loading}
                    dataSource={tests.data?.items ?? []}
                    columns={testColumns}
                    pagination={{ pageSize: 10, hideOnSinglePage: true }}
                    scroll={{ x: 650 }}
                    onRow={(r) => ({ 'data-testid': 'test-row', 'data-result': r.result }) as HTMLAttributes<HTMLElement>}
                  />
                </div>
              </>
            ),
          },
        ]}
      />

      <RecordFactModal personId={personId} open={modal === 'fact'} onClose={close} onRecorded={done} />
      <ProposeOverrideModal personId={personId} open={modal === 'override'} onClose={close} onProposed={done} />
      <AddTestResultModal personId={personId} open={modal === 'test'} onClose={close} onAdded={done} />
      <ReasonModal
        open={!!ending}
        title={ending ? t('facts.endTitle', { kind: tk('factKind', ending.kind) }) : ''}
        label={t('facts.endReason')}
        min={4}
        okText={t('facts.end')}
        okTestId="fact-end-submit"
        inputTestId="fact-end-reason"
        success={t('facts.ended')}
        send={(reason) => api.post<Fact>(`/api/health-facts/${encodeURIComponent(ending!.id)}/end`, { reason })}
        onDone={() => {
          setEnding(null);
          changed();
        }}
        onCancel={() => setEnding(null)}
      />
    </Card>
  );
}
