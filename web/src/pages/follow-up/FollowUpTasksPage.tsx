import { Alert, Button, Card, DatePicker, Form, Input, Radio, Space, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { api } from '../../api/client';
import { FormModal } from '../../common/FormModal';
import { formatDateTime } from '../../common/format';
import { useApiGet } from '../../common/useApiGet';
import { useFormSubmit } from '../../common/useFormSubmit';
import { useI18n } from '../../i18n';
import { useStaff } from '../../session/SessionContext';
import { FollowUpStateTag } from './FollowUpBoardPage';
import type { FollowUpTask, MemberOutcome } from './types';

const path = (t: FollowUpTask, what: 'retest' | 'result') => `/api/follow-ups/${encodeURIComponent(t.followUpId)}/members/${encodeURIComponent(t.personId)}/${what}`;

function RetestModal({ task, onClose, onDone }: { task: FollowUpTask | null; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ barcode: string; sampledAt?: { toISOString(): string } | null }>();
  const submission = useFormSubmit({
    form,
    fields: ['barcode', 'sampledAt'],
    reset: true,
    success: t('followUps.retestRecorded'),
    send: (v) => api.post<MemberOutcome>(path(task!, 'retest'), { barcode: v.barcode.trim(), sampledAt: (v.sampledAt ?? new Date()).toISOString() }),
    onDone,
  });
  return (
    <FormModal
      form={form}
      submission={submission}
      open={!!task}
      title={task ? t('followUps.retestTitle', { name: task.name }) : ''}
      okText={t('followUps.recordRetest')}
      okTestId="retest-submit"
      onCancel={onClose}
    >
      <Form.Item name="barcode" label={t('followUps.barcode')} rules={[{ required: true, message: t('common.required') }, { pattern: /^[A-Za-z0-9-]{4,40}$/, message: t('followUps.barcodeHint') }]}>
        <Input autoFocus data-testid="retest-barcode" />
      </Form.Item>
      <Form.Item name="sampledAt" label={t('followUps.sampledAt')} extra={t('followUps.sampledAtHelp')}>
        <DatePicker showTime style={{ width: '100%' }} />
      </Form.Item>
    </FormModal>
  );
}

function ResultModal({ task, onClose, onDone }: { task: FollowUpTask | null; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ result: 'negative' | 'positive' }>();
  const submission = useFormSubmit({
    form,
    reset: true,
    success: t('followUps.resultRecorded'),
    send: (v) => api.post<MemberOutcome>(path(task!, 'result'), { result: v.result }),
    onDone,
  });
  return (
    <FormModal
      form={form}
      submission={submission}
      open={!!task}
      title={task ? t('followUps.resultTitle', { name: task.name }) : ''}
      okText={t('common.save')}
      okTestId="result-submit"
      onCancel={onClose}
      notice={<Alert type="info" showIcon title={t('followUps.resultNotice')} style={{ marginBottom: 12 }} />}
    >
      <Form.Item name="result" label={t('followUps.result')} rules={[{ required: true, message: t('common.required') }]}>
        <Radio.Group>
          <Radio value="negative">{t('testResult.negative')}</Radio>
          <Radio value="positive">{t('testResult.positive')}</Radio>
        </Radio.Group>
      </Form.Item>
    </FormModal>
  );
}

/** The grid worker's door-to-door list: people to re-test, oldest follow-up first. */
export default function FollowUpTasksPage() {
  const { t, tk } = useI18n();
  const staff = useStaff();
  const canWrite = staff.account.permissions.includes('follow_ups:write');
  const [version, setVersion] = useState(0);
  const { data, loading, error } = useApiGet<{ items: FollowUpTask[] }>('/api/follow-ups/tasks', undefined, version);
  const [retesting, setRetesting] = useState<FollowUpTask | null>(null);
  const [resulting, setResulting] = useState<FollowUpTask | null>(null);
  const done = () => {
    setRetesting(null);
    setResulting(null);
    setVersion((v) => v + 1);
  };

  const columns: TableProps<FollowUpTask>['columns'] = [
    { title: t('followUps.person'), dataIndex: 'name', width: 100, render: (n: string, r) => (r.purpose === 'antigen_followup' ? <span>{n} <Tag>{t('followUps.antigen')}</Tag></span> : n) },
    { title: t('followUps.idNumber'), dataIndex: 'idNumberMasked', width: 180 },
    { title: t('followUps.phone'), dataIndex: 'phoneMasked', width: 120 },
    { title: t('followUps.address'), dataIndex: 'address', width: 200, render: (a: string | null, r) => [r.community, a].filter(Boolean).join(' · ') || t('common.none') },
    { title: t('followUps.age'), dataIndex: 'ageHours', width: 90, render: (h: number) => t('followUps.hours', { n: h.toFixed(1) }) },
    { title: t('followUps.retestDueAt'), dataIndex: 'retestDueAt', width: 160, render: formatDateTime },
    { title: t('followUps.state'), dataIndex: 'state', width: 120, render: (s: string) => <FollowUpStateTag state={s} /> },
    {
      title: t('followUps.memberStatus'),
      dataIndex: 'status',
      width: 150,
      render: (s: string, r) => (
        <span data-testid="task-status">
          {tk('followUpMember', s)}
          {r.retestBarcode && <Typography.Text type="secondary"> · {r.retestBarcode}</Typography.Text>}
        </span>
      ),
    },
    {
      title: '',
      key: 'actions',
      width: 220,
      render: (_, r) =>
        canWrite && (
          <Space size={4}>
            {r.status === 'pending' && (
              <Button size="small" type="primary" onClick={() => setRetesting(r)} data-testid="record-retest">
                {t('followUps.recordRetest')}
              </Button>
            )}
            <Button size="small" onClick={() => setResulting(r)} data-testid="record-result">
              {t('followUps.resultElsewhere')}
            </Button>
          </Space>
        ),
    },
  ];

  return (
    <Card size="small" title={t('followUps.tasksTitle')}>
      <Typography.Paragraph type="secondary">{t('followUps.tasksIntro')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Table<FollowUpTask>
        size="small"
        rowKey={(r) => `${r.followUpId}:${r.personId}`}
        loading={loading}
        dataSource={data?.items ?? []}
        columns={columns}
        locale={{ emptyText: t('followUps.noTasks') }}
        onRow={(r) => ({ 'data-testid': 'task-row', 'data-status': r.status }) as HTMLAttributes<HTMLElement>}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showTotal: (total) => t('common.total', { total }) }}
        scroll={{ x: 1350 }}
      />
      <RetestModal task={retesting} onClose={() => setRetesting(null)} onDone={done} />
      <ResultModal task={resulting} onClose={() => setResulting(null)} onDone={done} />
    </Card>
  );
}
