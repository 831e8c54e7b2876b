import { Alert, Card, Col, Form, Input, Row, Space, Switch, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { formatDateTime } from '../../common/format';
import { useApiGet } from '../../common/useApiGet';
import { useI18n } from '../../i18n';
import { ChainGraphView, ChainLegend } from './ChainGraphView';
import { localDate } from './datetime';
import type { ChainGraph } from './types';

type Cluster = ChainGraph['clusters'][number];

/** Transmission chains (传播链): the cases of a period as a graph, with their clusters beside it. */
export default function ChainsPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const since = params.get('since') ?? localDate(-13);
  const until = params.get('until') ?? localDate();
  const includeContacts = params.get('contacts') === 'true';
  const [highlight, setHighlight] = useState<string | null>(null);
  const { data, loading, error } = useApiGet<ChainGraph>('/api/chains', { since, until, includeContacts: includeContacts || undefined });

  const set = (k: string, v: string | null) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
    setHighlight(null);
  };

  const cases = data?.nodes.filter((n) => n.kind === 'case').length ?? 0;
  const contacts = (data?.nodes.length ?? 0) - cases;
  const columns: TableProps<Cluster>['columns'] = [
    { title: t('chains.cluster'), dataIndex: 'id', width: 90, render: (id: string) => <span style={{ whiteSpace: 'nowrap' }}>{id}</span> },
    { title: t('chains.size'), dataIndex: 'size', width: 56, align: 'right' },
    { title: t('chains.firstReported'), dataIndex: 'firstReportedAt', width: 100, render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(v).slice(5, 16)}</span> },
    {
      title: t('chains.cases'),
      dataIndex: 'cases',
      render: (cs: string[]) => (
        <Typography.Text ellipsis={{ tooltip: cs.join(', ') }} style={{ maxWidth: 160 }}>
          {cs.join(', ')}
        </Typography.Text>
      ),
    },
  ];

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={17}>
        <Card
          size="small"
          title={t('chains.title')}
          loading={loading && !data}
          extra={
            <Form layout="inline">
              <Form.Item label={t('chains.since')} style={{ marginInlineEnd: 8 }}>
                <Input type="date" size="small" value={since} max={until} onChange={(e) => set('since', e.target.value || null)} style={{ width: 140 }} data-testid="chains-since" />
              </Form.Item>
              <Form.Item label={t('chains.until')} style={{ marginInlineEnd: 8 }}>
                <Input type="date" size="small" value={until} min={since} onChange={(e) => set('until', e.target.value || null)} style={{ width: 140 }} data-testid="chains-until" />
              </Form.Item>
              <Form.Item label={t('chains.includeContacts')} style={{ marginInlineEnd: 0 }}>
                <Switch size="small" checked={includeContacts} onChange={(v) => set('contacts', v ? 'true' : null)} data-testid="chains-contacts" />
              </Form.Item>
            </Form>
          }
        >
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
          {data?.truncated && <Alert type="warning" showIcon title={t('chains.truncated')} style={{ marginBottom: 12 }} />}
          {data && (
            <>
              <Typography.Text type="secondary" data-testid="chains-summary">
                {t('chains.summary', { cases, contacts, links: data.edges.filter((e) => e.kind === 'transmission').length, clusters: data.clusters.length })}
              </Typography.Text>
              {data.nodes.length === 0 ? (
                <Alert type="info" showIcon title={t('chains.empty')} style={{ marginTop: 12 }} />
              ) : (
                <ChainGraphView graph={data} highlight={highlight} onOpenCase={(id) => navigate(`/cases/${id}`)} />
              )}
              <ChainLegend />
            </>
          )}
        </Card>
      </Col>
      <Col xs={24} xl={7}>
        <Card size="small" title={t('chains.clusters')} extra={highlight && <Typography.Link onClick={() => setHighlight(null)}>{t('chains.showAll')}</Typography.Link>}>
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Typography.Text type="secondary">{t('chains.clustersHelp')}</Typography.Text>
            <Table<Cluster>
              size="small"
              rowKey="id"
              dataSource={[...(data?.clusters ?? [])].sort((a, b) => b.size - a.size || a.firstReportedAt.localeCompare(b.firstReportedAt))}
              columns={columns}
              pagination={{ pageSize: 20, hideOnSinglePage: true, size: 'small' }}
              onRow={(c) =>
                ({
                  onClick: () => setHighlight((h) => (h === c.id ? null : c.id)),
                  style: { cursor: 'pointer', background: highlight === c.id ? '#e6f4ff' : undefined },
                  'data-testid': 'chain-cluster',
                }) as HTMLAttributes<HTMLElement>
              }
            />
          </Space>
        </Card>
      </Col>
    </Row>
  );
}
