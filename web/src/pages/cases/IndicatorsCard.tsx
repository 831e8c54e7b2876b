import { Alert, Card, Col, Input, Row, Statistic, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useApiGet } from '../../common/useApiGet';
import { useI18n } from '../../i18n';
import type { ClockStats, Indicators } from './types';

const hours = (h: number | null) => (h === null ? '—' : h.toFixed(1));

function Clock({ label, stats }: { label: string; stats: ClockStats }) {
  const { t } = useI18n();
  return (
    <div data-testid="indicator-clock">
      <Typography.Text type="secondary">{label}</Typography.Text>
      <div style={{ fontSize: 16 }}>
        {t('indicators.medianP90', { median: hours(stats.median), p90: hours(stats.p90) })}
        <Typography.Text type="secondary" style={{ marginInlineStart: 6, fontSize: 12 }}>
          {t('indicators.n', { n: stats.n })}
        </Typography.Text>
      </div>
    </div>
  );
}

/** Today's tracing indicators (流调指标): the clearance of the cases reported that day and their clocks. */
export function IndicatorsCard() {
  const { t } = useI18n();
  const [day, setDay] = useState<string | undefined>(undefined);
  const { data, error } = useApiGet<Indicators>('/api/tracing/indicators', { day });
  const c = data?.clearance;
  return (
    <Card
      size="small"
      title={t('indicators.title')}
      data-testid="tracing-indicators"
      extra={<Input type="date" size="small" aria-label={t('indicators.day')} value={day ?? ''} onChange={(e) => setDay(e.target.value || undefined)} style={{ width: 150 }} data-testid="indicators-day" />}
    >
      {error && <Alert type="error" showIcon title={error} />}
      {data && c && (
        <>
          <Row gutter={16}>
            <Col span={4}>
              <Statistic title={t('indicators.reported')} value={c.reported} />
            </Col>
            <Col span={5}>
              <Statistic title={t('indicators.investigated')} value={c.investigated} suffix={`/ ${c.reported}`} />
            </Col>
            <Col span={5}>
              <Statistic title={t('indicators.contactsIdentified')} value={c.contactsIdentified} suffix={`/ ${c.reported}`} />
            </Col>
            <Col span={5}>
              <Statistic title={t('indicators.contactsControlled')} value={c.contactsControlled} suffix={`/ ${c.reported}`} />
            </Col>
            <Col span={5}>
              <Typography.Text type="secondary">{t('indicators.clearance', { day: data.day })}</Typography.Text>
              <div style={{ marginTop: 4 }}>
                <Tag color={c.cleared ? 'success' : 'warning'} data-testid="indicators-cleared" data-cleared={String(c.cleared)}>
                  {c.cleared ? t('indicators.cleared') : t('indicators.notCleared')}
                </Tag>
              </div>
            </Col>
          </Row>
          <Row gutter={16} style={{ marginTop: 12 }}>
            <Col span={8}>
              <Clock label={t('indicators.toInvestigation')} stats={data.clocks.toInvestigation} />
            </Col>
            <Col span={8}>
              <Clock label={t('indicators.toContactsIdentified')} stats={data.clocks.toContactsIdentified} />
            </Col>
            <Col span={8}>
              <Clock label={t('indicators.toContactsControlled')} stats={data.clocks.toContactsControlled} />
            </Col>
          </Row>
          <div style={{ marginTop: 12 }}>
            <Typography.Text type="secondary">{t('indicators.openByAge', { n: data.open.total })}</Typography.Text>{' '}
            {data.open.byAge.map((b) => (
              <Tooltip key={b.bucket} title={t('indicators.openByAge', { n: b.count })}>
                <Tag color={b.count > 0 && (b.bucket === '12-24h' || b.bucket === '>24h') ? 'red' : undefined}>
                  {b.bucket}: {b.count}
                </Tag>
              </Tooltip>
            ))}
          </div>
        </>
      )}
    </Card>
  );
}
