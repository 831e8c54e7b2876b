import { Alert, App, Button, Card, Col, DatePicker, Form, Input, InputNumber, Popconfirm, Row, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { JurisdictionCodeInput } from '../../common/JurisdictionCodeInput';
import { useApiError } from '../../common/useApiError';
import { useApiGet } from '../../common/useApiGet';
import { useFormSubmit } from '../../common/useFormSubmit';
import { useI18n } from '../../i18n';
import type { PoolingAdviceSchema } from '../../../../src/modules/testing/coverage/coverage.schemas.ts';
import type { Round, RoundsPage as RoundsList } from '../../../../src/modules/testing/sampling/sampling.schemas.ts';
import type { TestSchedule, TestSchedulesList } from '../../../../src/modules/testing/schedules/schedules.schemas.ts';

const POOL_SIZES = [1, 5, 10, 20] as const;
const GROUPS = ['key_industry', 'elderly_alone', 'disabled', 'pregnant', 'dialysis', 'chemotherapy', 'infant', 'chronic_illness'] as const;
const STATUS_COLOUR: Record<Round['status'], string> = { planned: 'blue', open: 'green', closed: 'default' };

interface AreaValue {
  jurisdictionCode?: string;
  poolSize?: number;
}
interface RoundForm {
  name: string;
  /** The DatePicker's value (a dayjs object). */
  day: { format(template: string): string };
  areas: AreaValue[];
}

/** The advisor's ratio for the round's expected positive rate (and people), shown beside each pool-size choice. */
function useAdvice(ratePercent: number | null, population: number | null) {
  const { describe } = useApiError();
  const [advice, setAdvice] = useState<PoolingAdviceSchema | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (ratePercent === null) {
      setAdvice(null);
      return;
    }
    const ac = new AbortController();
    const timer = setTimeout(() => {
      api
        .get<PoolingAdviceSchema>('/api/testing/pooling-advice', { positiveRate: ratePercent / 100, population: population ?? undefined }, ac.signal)
        .then((a) => {
          setAdvice(a);
          setError(null);
        })
        .catch((e) => {
          if (!ac.signal.aborted) setError(describe(e));
        });
    }, 250);
    return () => {
      clearTimeout(timer);
      ac.abort();
    };
  }, [ratePercent, population, describe]);
  return { advice, error };
}

function NewRoundCard({ onCreated }: { onCreated: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<RoundForm>();
  const [rate, setRate] = useState<number | null>(0.1);
  const [population, setPopulation] = useState<number | null>(null);
  const { advice, error } = useAdvice(rate, population);
  const { submit, busy } = useFormSubmit<RoundForm, Round>({
    form,
    fields: ['name', 'day'],
    reset: true,
    success: t('rounds.created'),
    send: (v) =>
      api.post<Round>('/api/testing-rounds', {
        name: v.name.trim(),
        day: v.day.format('YYYY-MM-DD'),
        areas: v.areas.map((a) => ({ jurisdictionCode: (a.jurisdictionCode ?? '').trim(), poolSize: a.poolSize })),
      }),
    onDone: onCreated,
  });

  return (
    <Card size="small" title={t('rounds.new')} data-testid="round-new">
      <Form<RoundForm> form={form} layout="vertical" onFinish={submit} initialValues={{ areas: [{ poolSize: 10 }] }}>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="name" label={t('rounds.name')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
              <Input maxLength={100} data-testid="round-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="day" label={t('rounds.day')} rules={[{ required: true, message: t('common.required') }]}>
              <DatePicker style={{ width: '100%' }} data-testid="round-day" />
            </Form.Item>
          </Col>
        </Row>
        <Space wrap style={{ marginBottom: 8 }}>
          <span>{t('advisor.positiveRate')}</span>
          <InputNumber min={0} max={100} step={0.01} value={rate} onChange={setRate} suffix="%" data-testid="round-rate" />
          <span>{t('advisor.population')}</span>
          <InputNumber min={1} step={1000} value={population} onChange={setPopulation} style={{ width: 140 }} />
        </Space>
        {error && <Alert type="warning" showIcon title={error} style={{ marginBottom: 8 }} />}
        <Form.List name="areas">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Space key={field.key} align="baseline" wrap>
                  <Form.Item name={[field.name, 'jurisdictionCode']} label={t('rounds.area')} rules={[{ required: true, message: t('common.required') }]}>
                    <JurisdictionCodeInput placeholder={t('rounds.areaPlaceholder')} data-testid="round-area" />
                  </Form.Item>
                  <Form.Item name={[field.name, 'poolSize']} label={t('rounds.poolSize')} rules={[{ required: true, message: t('common.required') }]}>
                    <Select
                      style={{ width: 150 }}
                      data-testid="round-pool"
                      options={POOL_SIZES.map((k) => ({ value: k, label: k === 1 ? t('advisor.single') : `${k} ${t('advisor.inOne')}` }))}
                    />
                  </Form.Item>
                  {advice && (
                    <Typography.Text type="secondary" data-testid="round-advice">
                      {t('rounds.advised', { ratio: advice.ratio, e: advice.testsPerPerson.toFixed(4) })}{' '}
                      <Button size="small" type="link" onClick={() => form.setFieldValue(['areas', field.name, 'poolSize'], advice.ratio)}>
                        {t('rounds.useAdvice')}
                      </Button>
                    </Typography.Text>
                  )}
                  {fields.length > 1 && (
                    <Button size="small" onClick={() => remove(field.name)}>
                      {t('rounds.removeArea')}
                    </Button>
                  )}
                </Space>
              ))}
              <div>
                <Button onClick={() => add({ poolSize: advice?.ratio ?? 10 })} style={{ marginBottom: 12 }}>
                  {t('rounds.addArea')}
                </Button>
              </div>
            </>
          )}
        </Form.List>
        <Typography.Paragraph type="secondary">{t('rounds.poolHint')}</Typography.Paragraph>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="round-submit">
          {t('common.create')}
        </Button>
      </Form>
    </Card>
  );
}

function RoundsTable({ trigger }: { trigger: number }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { show } = useApiError();
  const [page, setPage] = useState(1);
  const rounds = useApiGet<RoundsList>('/api/testing-rounds', { page, pageSize: 20 }, trigger);
  const move = (r: Round, to: 'open' | 'close') =>
    api
      .post<Round>(`/api/testing-rounds/${encodeURIComponent(r.id)}/${to}`)
      .then(() => {
        void message.success(t(to === 'open' ? 'rounds.opened' : 'rounds.closed'));
        rounds.reload();
      })
      .catch(show);

  const columns: TableProps<Round>['columns'] = [
    { title: t('rounds.day'), dataIndex: 'day', width: 110 },
    { title: t('rounds.name'), dataIndex: 'name' },
    { title: t('rounds.status'), dataIndex: 'status', width: 100, render: (s: Round['status']) => <Tag color={STATUS_COLOUR[s]}>{t(`rounds.status.${s}`)}</Tag> },
    {
      title: t('rounds.areas'),
      key: 'areas',
      render: (_, r) => r.areas.map((a) => <Tag key={a.jurisdiction.id}>{`${a.jurisdiction.name} · ${a.poolSize === 1 ? t('advisor.single') : `${a.poolSize} ${t('advisor.inOne')}`}`}</Tag>),
    },
    { title: t('rounds.tubes'), dataIndex: 'tubes', width: 80, align: 'right' },
    { title: t('rounds.sampled'), dataIndex: 'sampled', width: 90, align: 'right' },
    {
      title: '',
      key: 'actions',
      width: 110,
      render: (_, r) =>
        r.status === 'planned' ? (
          <Popconfirm title={t('rounds.confirmOpen')} onConfirm={() => move(r, 'open')}>
            <Button size="small" type="primary" data-testid="round-open">
              {t('rounds.open')}
            </Button>
          </Popconfirm>
        ) : r.status === 'open' ? (
          <Popconfirm title={t('rounds.confirmClose')} onConfirm={() => move(r, 'close')}>
            <Button size="small" danger data-testid="round-close">
              {t('rounds.close')}
            </Button>
          </Popconfirm>
        ) : null,
    },
  ];

  return (
    <Card size="small" title={t('rounds.title')}>
      {rounds.error && <Alert type="error" showIcon title={rounds.error} style={{ marginBottom: 12 }} />}
      <Table<Round>
        size="small"
        rowKey="id"
        loading={rounds.loading}
        dataSource={rounds.data?.items ?? []}
        columns={columns}
        locale={{ emptyText: t('rounds.none') }}
        pagination={{ current: page, pageSize: 20, total: rounds.data?.total ?? 0, onChange: setPage, hideOnSinglePage: true }}
        scroll={{ x: 900 }}
        data-testid="rounds-table"
      />
    </Card>
  );
}

interface ScheduleForm {
  group: string;
  kind: 'nat' | 'antigen';
  everyHours: 24 | 48 | 72;
  jurisdictionCode?: string;
}

function SchedulesCard() {
  const { t, tk } = useI18n();
  const { message } = App.useApp();
  const { show } = useApiError();
  const [form] = Form.useForm<ScheduleForm>();
  const schedules = useApiGet<TestSchedulesList>('/api/test-schedules');
  const { submit, busy } = useFormSubmit<ScheduleForm, TestSchedule>({
    form,
    fields: ['group', 'kind', 'everyHours', 'jurisdictionCode'],
    success: t('schedules.created'),
    send: (v) => api.post<TestSchedule>('/api/test-schedules', { ...v, jurisdictionCode: v.jurisdictionCode?.trim() || undefined }),
    onDone: () => schedules.reload(),
  });
  const deactivate = (s: TestSchedule) =>
    api
      .post<TestSchedule>(`/api/test-schedules/${encodeURIComponent(s.id)}/deactivate`)
      .then(() => {
        void message.success(t('schedules.deactivated'));
        schedules.reload();
      })
      .catch(show);

  const columns: TableProps<TestSchedule>['columns'] = [
    { title: t('schedules.group'), dataIndex: 'group', render: (g: string) => tk('group', g) },
    { title: t('schedules.kind'), dataIndex: 'kind', width: 150, render: (k: string) => tk('testKind', k) },
    { title: t('schedules.every'), dataIndex: 'everyHours', width: 110, render: (h: number) => t('schedules.everyHours', { h }) },
    { title: t('rounds.area'), key: 'area', render: (_, s) => `${s.jurisdiction.name} · ${s.jurisdiction.code}` },
    { title: t('schedules.missing'), dataIndex: 'missing', width: 100, align: 'right', render: (n: number) => (n > 0 ? <Typography.Text type="warning">{n}</Typography.Text> : n) },
    { title: t('rounds.status'), dataIndex: 'active', width: 100, render: (a: boolean) => (a ? <Tag color="green">{t('schedules.active')}</Tag> : <Tag>{t('schedules.inactive')}</Tag>) },
    {
      title: '',
      key: 'actions',
      width: 110,
      render: (_, s) =>
        s.active ? (
          <Popconfirm title={t('schedules.confirmDeactivate')} onConfirm={() => deactivate(s)}>
            <Button size="small" danger data-testid="schedule-deactivate">
              {t('schedules.deactivate')}
            </Button>
          </Popconfirm>
        ) : null,
    },
  ];

  return (
    <Card size="small" title={t('schedules.title')} data-testid="schedules">
      <Typography.Paragraph type="secondary">{t('schedules.intro')}</Typography.Paragraph>
      <Form<ScheduleForm> form={form} layout="inline" onFinish={submit} initialValues={{ group: 'key_industry', kind: 'nat', everyHours: 24 }} style={{ marginBottom: 12, rowGap: 8 }}>
        <Form.Item name="group" label={t('schedules.group')} rules={[{ required: true, message: t('common.required') }]}>
          <Select style={{ width: 180 }} options={GROUPS.map((g) => ({ value: g, label: tk('group', g) }))} data-testid="schedule-group" />
        </Form.Item>
        <Form.Item name="kind" label={t('schedules.kind')} rules={[{ required: true, message: t('common.required') }]}>
          <Select style={{ width: 170 }} options={(['nat', 'antigen'] as const).map((k) => ({ value: k, label: tk('testKind', k) }))} data-testid="schedule-kind" />
        </Form.Item>
        <Form.Item name="everyHours" label={t('schedules.every')} rules={[{ required: true, message: t('common.required') }]}>
          <Select style={{ width: 120 }} options={[24, 48, 72].map((h) => ({ value: h, label: t('schedules.everyHours', { h }) }))} data-testid="schedule-every" />
        </Form.Item>
        <Form.Item name="jurisdictionCode" label={t('rounds.area')}>
          <JurisdictionCodeInput placeholder={t('schedules.areaPlaceholder')} data-testid="schedule-area" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="schedule-submit">
          {t('common.create')}
        </Button>
      </Form>
      {schedules.error && <Alert type="error" showIcon title={schedules.error} style={{ marginBottom: 12 }} />}
      <Table<TestSchedule>
        size="small"
        rowKey="id"
        loading={schedules.loading}
        dataSource={schedules.data?.items ?? []}
        columns={columns}
        locale={{ emptyText: t('schedules.none') }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 900 }}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {t('schedules.rule')}
      </Typography.Paragraph>
    </Card>
  );
}

/** Round planning: the rounds with their status, a new round with the advisor beside each area's pool size, open/close; and the group test schedules. */
export default function RoundsPage() {
  const [created, setCreated] = useState(0);
  return (
    <Row gutter={[16, 16]}>
      <Col span={24}>
        <RoundsTable trigger={created} />
      </Col>
      <Col span={24}>
        <NewRoundCard onCreated={() => setCreated((n) => n + 1)} />
      </Col>
      <Col span={24}>
        <SchedulesCard />
      </Col>
    </Row>
  );
}
