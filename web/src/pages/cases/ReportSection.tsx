import { CheckOutlined, FilePdfOutlined, RollbackOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Form, Input, Popconfirm, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { formatDateTime } from '../../common/format';
import { ReasonModal } from '../../common/ReasonModal';
import { useApiGet } from '../../common/useApiGet';
import { useI18n } from '../../i18n';
import { useCan } from '../../session/SessionContext';
import { ReportStatusTag } from './caseTags';
import type { InvestigationDetail, InvestigationReport } from './types';
import { useAction } from './useAction';

interface Values {
  summary?: string;
  sourceHypothesis?: string;
}

/** The investigation report: draft (summary, source hypothesis) → submitted → approved, or returned with a note. */
export function ReportSection({ investigation: inv, onChanged }: { investigation: InvestigationDetail; onChanged: () => void }) {
  const { t, tk } = useI18n();
  const can = useCan();
  const [form] = Form.useForm<Values>();
  const [returning, setReturning] = useState(false);
  const { busy, run } = useAction();
  const base = `/api/investigations/${encodeURIComponent(inv.id)}/report`;
  // The assembled report, for its counts (re-read whenever the investigation changes).
  const report = useApiGet<InvestigationReport>(base, undefined, inv);
  const editable = can('cases:write') && (inv.reportStatus === 'draft' || inv.reportStatus === 'returned') && inv.status !== 'closed';
  const reviewable = can('investigations:manage') && inv.reportStatus === 'submitted';

  useEffect(() => {
    form.setFieldsValue({ summary: inv.summary ?? '', sourceHypothesis: inv.sourceHypothesis ?? '' });
  }, [inv.summary, inv.sourceHypothesis, form]);

  const values = () => {
    const v = form.getFieldsValue();
    return { summary: v.summary?.trim() ?? '', sourceHypothesis: v.sourceHypothesis?.trim() ?? '' };
  };
  const save = () => run('save', () => api.put<InvestigationDetail>(base, values()), { success: t('report.saved'), onDone: onChanged });
  const submit = () =>
    run(
      'submit',
      async () => {
        // What is on screen is what gets submitted.
        await api.put<InvestigationDetail>(base, values());
        return api.post<InvestigationDetail>(`${base}/submit`);
      },
      { success: t('report.submitted'), onDone: onChanged },
    );
  const approve = () => run('approve', () => api.post<InvestigationDetail>(`${base}/approve`, {}), { success: t('report.approved'), onDone: onChanged });

  const r = report.data;
  const confirmed = r?.contacts ?? [];
  return (
    <Card
      size="small"
      data-testid="report-section"
      title={
        <Space>
          {t('report.title')}
          <ReportStatusTag status={inv.reportStatus} />
        </Space>
      }
      extra={
        <a href={`${base}.pdf`} target="_blank" rel="noreferrer" data-testid="report-pdf">
          <FilePdfOutlined /> {t('report.pdf')}
        </a>
      }
    >
      {inv.reportStatus === 'returned' && inv.reviewNote && <Alert type="warning" showIcon title={t('report.returnedNote', { note: inv.reviewNote })} style={{ marginBottom: 12 }} data-testid="report-return-note" />}
      {report.error && <Alert type="warning" showIcon title={report.error} style={{ marginBottom: 12 }} />}
      {r && (
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2, xl: 4 }}
          style={{ marginBottom: 12 }}
          data-testid="report-counts"
          items={[
            { key: 'trajectory', label: t('report.trajectoryEntries'), children: t('report.inWindowOf', { n: r.trajectory.filter((e) => e.inWindow).length, total: r.trajectory.length }) },
            { key: 'close', label: tk('degree', 'close'), children: confirmed.filter((c) => c.degree === 'close').length },
            { key: 'secondary', label: tk('degree', 'secondary'), children: confirmed.filter((c) => c.degree === 'secondary').length },
            { key: 'controlled', label: t('report.controlled'), children: `${r.contactCounts.controlled} / ${r.contactCounts.confirmed}` },
          ]}
        />
      )}
      <Form form={form} layout="vertical" disabled={!editable}>
        <Form.Item name="sourceHypothesis" label={t('report.sourceHypothesis')} extra={editable ? t('report.sourceHypothesisHelp') : undefined}>
          <Input.TextArea rows={2} maxLength={5000} data-testid="report-hypothesis" />
        </Form.Item>
        <Form.Item name="summary" label={t('report.summary')}>
          <Input.TextArea rows={5} maxLength={20000} data-testid="report-summary" />
        </Form.Item>
      </Form>
      <Space wrap>
        {editable && (
          <>
            <Button icon={<SaveOutlined />} loading={busy === 'save'} onClick={save} data-testid="report-save">
              {t('report.save')}
            </Button>
            <Popconfirm title={t('report.confirmSubmit')} onConfirm={submit}>
              <Button type="primary" icon={<SendOutlined />} loading={busy === 'submit'} data-testid="report-submit">
                {t('report.submit')}
              </Button>
            </Popconfirm>
          </>
        )}
        {reviewable && (
          <>
            <Popconfirm title={t('report.confirmApprove')} onConfirm={approve}>
              <Button type="primary" icon={<CheckOutlined />} loading={busy === 'approve'} data-testid="report-approve">
                {t('report.approve')}
              </Button>
            </Popconfirm>
            <Button danger icon={<RollbackOutlined />} onClick={() => setReturning(true)} data-testid="report-return">
              {t('report.return')}
            </Button>
          </>
        )}
        {inv.submittedAt && (
          <Typography.Text type="secondary">
            {t('report.submittedBy', { by: inv.submittedBy ?? '—', at: formatDateTime(inv.submittedAt) })}
          </Typography.Text>
        )}
        {inv.reviewedAt && (
          <Typography.Text type="secondary">
            {t('report.reviewedBy', { by: inv.reviewedBy ?? '—', at: formatDateTime(inv.reviewedAt) })}
          </Typography.Text>
        )}
      </Space>
      <ReasonModal
        open={returning}
        title={t('report.returnTitle')}
        label={t('report.returnNote')}
        min={2}
        max={1000}
        okText={t('report.return')}
        okTestId="report-return-ok"
        success={t('report.returned')}
        send={(note) => api.post<InvestigationDetail>(`${base}/return`, { note })}
        onDone={() => {
          setReturning(false);
          onChanged();
        }}
        onCancel={() => setReturning(false)}
      />
    </Card>
  );
}
