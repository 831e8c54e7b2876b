import { Alert, Button, Card, Col, Descriptions, Form, InputNumber, Row, Select, Space, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api } from '../../api/client';
import { useApiError } from '../../common/useApiError';
import { useApiGet } from '../../common/useApiGet';
import { useI18n } from '../../i18n';
import type { CommunityCoverage, Coverage, PoolingAdviceSchema, RoundRef } from '../../../../src/modules/testing/coverage/coverage.schemas.ts';

const percent = (r: number) => `${(r * 100).toFixed(1)}%`;

/** Dorfman's pooling advisor: the ratio with the fewest expected tests per person. */
function AdvisorBox() {
  const { t } = useI18n();
  const { show } = useApiError();
  const [rate, setRate] = useState<number | null>(0.1);
  const [population, setPopulation] = useState<number | null>(null);
  const [advice, setAdvice] = useState<PoolingAdviceSchema | null>(null);
  const ask = () => {
    if (rate === null) return;
    api
      .get<PoolingAdviceSchema>('/api/testing/pooling-advice', { positiveRate: rate / 100, population: population ?? undefined })
      .then(setAdvice)
      .catch(show);
  };
  return (
    <Card size="small" title={t('advisor.title')} data-testid="advisor">
      <Typography.Paragraph type="secondary">{t('advisor.intro')}</Typography.Paragraph>
      <Form layout="inline" onFinish={ask}>
        <Form.Item label={t('advisor.positiveRate')}>
          <InputNumber min={0} max={100} step={0.01} value={rate} onChange={setRate} suffix="%" data-testid="advisor-rate" />
        </Form.Item>
        <Form.Item label={t('advisor.population')}>
          <InputNumber min={1} step={1000} value={population} onChange={setPopulation} style={{ width: 140 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" data-testid="advisor-submit">
          {t('advisor.ask')}
        </Button>
      </Form>
      {advice && (
        <div style={{ marginTop: 12 }} data-testid="advisor-result">
          <Alert type="success" showIcon title={t('advisor.answer', { ratio: advice.ratio, e: advice.testsPerPerson.toFixed(4) })} style={{ marginBottom: 8 }} />
          <Table
            size="small"
            rowKey="ratio"
            pagination={false}
            dataSource={advice.table}
            columns={[
              { title: t('advisor.ratio'), dataIndex: 'ratio', render: (k: number) => (k === 1 ? t('advisor.single') : `${k} ${t('advisor.inOne')}`) },
              { title: t('advisor.testsPerPerson'), dataIndex: 'testsPerPerson', render: (e: number, r) => (r.ratio === advice.ratio ? <strong>{e.toFixed(4)}</strong> : e.toFixed(4)) },
            ]}
          />
          {advice.round && (
            <Descriptions size="small" column={3} style={{ marginTop: 8 }}>
              <Descriptions.Item label={t('advisor.poolTubes')}>{advice.round.poolTubes}</Descriptions.Item>
              <Descriptions.Item label={t('advisor.expectedRetests')}>{advice.round.expectedRetests}</Descriptions.Item>
              <Descriptions.Item label={t('advisor.expectedTests')}>{advice.round.expectedTests}</Descriptions.Item>
            </Descriptions>
          )}
        </div>
      )}
    </Card>
  );
}

/** Coverage of a mass-testing round per community, the untested list for the door-to-door sweep, and the advisor. */
export default function CoveragePage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const rounds = useApiGet<{ items: RoundRef[] }>('/api/coverage/rounds');
  const roundId = params.get('round') ?? rounds.data?.items[0]?.id ?? null;
  const coverage = useApiGet<Coverage>(roundId ? `/api/testing-rounds/${encodeURIComponent(roundId)}/coverage` : null);
  const csv = (communityId?: string) => `/api/testing-rounds/${encodeURIComponent(roundId ?? '')}/untested.csv${communityId ? `?communityId=${encodeURIComponent(communityId)}` : ''}`;

  const columns: TableProps<CommunityCoverage>['columns'] = [
    { title: t('coverage.community'), dataIndex: 'name', width: 160 },
    { title: t('coverage.residents'), dataIndex: 'residents', width: 100, align: 'right' },
    { title: t('coverage.tested'), dataIndex: 'tested', width: 100, align: 'right' },
    { title: t('coverage.exempt'), dataIndex: 'exempt', width: 100, align: 'right' },
    { title: t('coverage.untested'), dataIndex: 'untested', width: 100, align: 'right', render: (n: number) => (n > 0 ? <Typography.Text type="danger">{n}</Typography.Text> : n) },
    { title: t('coverage.rate'), dataIndex: 'rate', width: 100, align: 'right', render: percent },
    {
      title: '',
      key: 'csv',
      width: 140,
      render: (_, c) =>
        c.untested > 0 && c.communityId ? (
          <a href={csv(c.communityId)} download data-testid="coverage-csv">
            {t('coverage.untestedCsv')}
          </a>
        ) : null,
    },
  ];

  return (
    <Row gutter={[16, 16]}>
      <Col span={24}>
        <Card
          size="small"
          title={t('coverage.title')}
          extra={
            <Space>
              <Select
                style={{ width: 280 }}
                placeholder={t('coverage.selectRound')}
                loading={rounds.loading}
                value={roundId ?? undefined}
                onChange={(id: string) => setParams({ round: id })}
                options={(rounds.data?.items ?? []).map((r) => ({ value: r.id, label: `${r.day} · ${r.name}` }))}
                data-testid="coverage-round"
              />
              {roundId && (
                <a href={csv()} download>
                  <Button>{t('coverage.allUntestedCsv')}</Button>
                </a>
              )}
            </Space>
          }
        >
          {(rounds.error || coverage.error) && <Alert type="error" showIcon title={rounds.error ?? coverage.error} style={{ marginBottom: 12 }} />}
          {rounds.data && rounds.data.items.length === 0 && <Alert type="info" showIcon title={t('coverage.noRounds')} />}
          {coverage.data && (
            <>
              <Descriptions size="small" column={5} style={{ marginBottom: 12 }} data-testid="coverage-totals">
                <Descriptions.Item label={t('coverage.residents')}>{coverage.data.totals.residents}</Descriptions.Item>
                <Descriptions.Item label={t('coverage.tested')}>{coverage.data.totals.tested}</Descriptions.Item>
                <Descriptions.Item label={t('coverage.exempt')}>{coverage.data.totals.exempt}</Descriptions.Item>
                <Descriptions.Item label={t('coverage.untested')}>{coverage.data.totals.untested}</Descriptions.Item>
                <Descriptions.Item label={t('coverage.rate')}>{percent(coverage.data.totals.rate)}</Descriptions.Item>
              </Descriptions>
              <Table<CommunityCoverage>
                size="small"
                rowKey="code"
                loading={coverage.loading}
                dataSource={coverage.data.items}
                columns={columns}
                pagination={{ pageSize: 50, hideOnSinglePage: true }}
                scroll={{ x: 900 }}
              />
              <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
                {t('coverage.exemptRule')}
              </Typography.Paragraph>
            </>
          )}
        </Card>
      </Col>
      <Col span={24}>
        <AdvisorBox />
      </Col>
    </Row>
  );
}
