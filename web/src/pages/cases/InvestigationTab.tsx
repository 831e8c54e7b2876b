import { PlayCircleOutlined, SwapOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Form, Input, Radio, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { formatDateTime } from '../../common/format';
import { useApiGet } from '../../common/useApiGet';
import { useFormSubmit } from '../../common/useFormSubmit';
import { useI18n } from '../../i18n';
import { useCan } from '../../session/SessionContext';
import { AssignModal } from './AssignModal';
import { HoursText, InvestigationStatusTag } from './caseTags';
import { PublicNoticeCard } from './PublicNoticeCard';
import { ReportSection } from './ReportSection';
import type { CaseDetail, InvestigationDetail, Team } from './types';
import { useAction } from './useAction';

type WorkLogEntry = InvestigationDetail['workLog'][number];
const CHANNELS = ['phone', 'field', 'note'] as const;

function WorkLog({ investigation, onChanged }: { investigation: InvestigationDetail; onChanged: (d: InvestigationDetail) => void }) {
  const { t, tk } = useI18n();
  const can = useCan();
  const [form] = Form.useForm<{ channel: string; note: string }>();
  const submission = useFormSubmit({
    form,
    fields: ['channel', 'note'],
    reset: true,
    success: t('workLog.added'),
    send: (v: { channel: string; note: string }) => api.post<InvestigationDetail>(`/api/investigations/${encodeURIComponent(investigation.id)}/log`, { channel: v.channel, note: v.note.trim() }),
    onDone: onChanged,
  });
  const writable = can('cases:write') && investigation.status !== 'closed';
  return (
    <Card size="small" title={t('workLog.title')} data-testid="work-log">
      <Table<WorkLogEntry>
        size="small"
        rowKey={(r) => `${r.at}:${r.by}`}
        dataSource={[...investigation.workLog].reverse()}
        pagination={false}
        locale={{ emptyText: t('workLog.none') }}
        columns={[
          { title: t('workLog.at'), dataIndex: 'at', width: 150, render: formatDateTime },
          { title: t('workLog.channel'), dataIndex: 'channel', width: 90, render: (c: string) => <Tag>{tk('workChannel', c)}</Tag> },
          { title: t('workLog.note'), dataIndex: 'note', render: (n: string) => <span style={{ whiteSpace: 'pre-wrap' }}>{n}</span> },
          { title: t('workLog.by'), dataIndex: 'by', width: 100 },
        ]}
      />
      {writable && (
        <Form form={form} layout="vertical" onFinish={submission.submit} initialValues={{ channel: 'phone' }} style={{ marginTop: 12 }}>
          <Form.Item name="channel" style={{ marginBottom: 8 }}>
            <Radio.Group options={CHANNELS.map((c) => ({ value: c, label: tk('workChannel', c) }))} />
          </Form.Item>
          <Form.Item name="note" rules={[{ required: true, whitespace: true, message: t('common.required') }]} help={submission.error ?? undefined} validateStatus={submission.error ? 'error' : undefined}>
            <Input.TextArea rows={2} maxLength={2000} placeholder={t('workLog.placeholder')} data-testid="work-log-note" />
          </Form.Item>
          <Button htmlType="submit" loading={submission.busy} data-testid="work-log-add">
            {t('workLog.add')}
          </Button>
        </Form>
      )}
    </Card>
  );
}

/** The case's investigation: who holds it, its clocks, the work log, the report and the public notice. */
export function InvestigationTab({ kase, investigation, onChanged }: { kase: CaseDetail; investigation: InvestigationDetail | null; onChanged: () => void }) {
  const { t } = useI18n();
  const can = useCan();
  const [assigning, setAssigning] = useState(false);
  const teams = useApiGet<Team[]>(can('investigations:manage') ? '/api/investigation-teams' : null);
  const { busy, run } = useAction();
  if (!investigation) return kase.investigation ? <Card size="small" loading /> : <Alert type="info" showIcon title={t('investigations.noInvestigation')} />;
  const inv = investigation;
  const take = () => run('take', () => api.post<InvestigationDetail>(`/api/investigations/${encodeURIComponent(inv.id)}/start`), { success: t('investigations.taken', { number: kase.caseNumber }), onDone: onChanged });

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="investigation-tab">
      <Card
        size="small"
        title={
          <Space>
            {t('investigations.investigation')}
            <InvestigationStatusTag status={inv.status} />
          </Space>
        }
        extra={
          <Space>
            {can('cases:write') && (inv.status === 'open' || inv.status === 'assigned') && (
              <Button size="small" type="primary" icon={<PlayCircleOutlined />} loading={busy === 'take'} onClick={take} data-testid="case-take-order">
                {t('investigations.take')}
              </Button>
            )}
            {can('investigations:manage') && inv.status !== 'closed' && (
              <Button size="small" icon={<SwapOutlined />} onClick={() => setAssigning(true)} data-testid="case-assign">
                {t('investigations.assign')}
              </Button>
            )}
          </Space>
        }
      >
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2, xl: 3 }}
          items={[
            { key: 'team', label: t('investigations.team'), children: inv.teamName ?? t('investigations.noTeam') },
            { key: 'assignee', label: t('investigations.assignee'), children: <span data-testid="investigation-assignee">{inv.assigneeName ?? t('common.none')}</span> },
            { key: 'opened', label: t('investigations.openedAt'), children: formatDateTime(inv.openedAt) },
            { key: 'started', label: t('timeline.started'), children: formatDateTime(inv.startedAt) },
            { key: 'identified', label: t('timeline.contactsIdentified'), children: formatDateTime(inv.contactsIdentifiedAt) },
            { key: 'controlled', label: t('timeline.contactsControlled'), children: formatDateTime(inv.contactsControlledAt) },
            { key: 'c1', label: t('indicators.toInvestigation'), children: <HoursText hours={kase.clocks.toInvestigation} /> },
            { key: 'c2', label: t('indicators.toContactsIdentified'), children: <HoursText hours={kase.clocks.toContactsIdentified} /> },
            { key: 'c3', label: t('indicators.toContactsControlled'), children: <HoursText hours={kase.clocks.toContactsControlled} /> },
          ]}
        />
      </Card>
      <WorkLog investigation={inv} onChanged={onChanged} />
      <ReportSection investigation={inv} onChanged={onChanged} />
      <PublicNoticeCard caseId={kase.id} />
      <AssignModal
        target={assigning ? { id: inv.id, caseNumber: kase.caseNumber, teamId: inv.teamId } : null}
        teams={teams.data ?? []}
        onClose={() => setAssigning(false)}
        onDone={() => {
          setAssigning(false);
          onChanged();
        }}
      />
    </Space>
  );
}
