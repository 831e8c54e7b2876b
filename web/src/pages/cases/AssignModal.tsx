import { Form, Select } from 'antd';
import { api } from '../../api/client';
import { FormModal } from '../../common/FormModal';
import { useFormSubmit } from '../../common/useFormSubmit';
import { useI18n } from '../../i18n';
import type { InvestigationDetail, Team } from './types';

/** Hands an investigation to another team (investigations:manage). */
export function AssignModal({
  target,
  teams,
  onClose,
  onDone,
}: {
  target: { id: string; caseNumber: string; teamId: string | null } | null;
  teams: Team[];
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ teamId: string }>();
  const submission = useFormSubmit({
    form,
    fields: ['teamId'],
    reset: true,
    success: t('investigations.assigned'),
    send: (v: { teamId: string }) => api.post<InvestigationDetail>(`/api/investigations/${encodeURIComponent(target!.id)}/assign`, { teamId: v.teamId }),
    onDone,
  });
  return (
    <FormModal
      form={form}
      submission={submission}
      open={!!target}
      title={target ? t('investigations.assignTitle', { number: target.caseNumber }) : ''}
      okText={t('investigations.assign')}
      okTestId="assign-submit"
      onCancel={onClose}
    >
      <Form.Item name="teamId" label={t('investigations.team')} rules={[{ required: true, message: t('common.required') }]}>
        <Select
          data-testid="assign-team"
          options={teams
            .filter((tm) => tm.active && tm.id !== target?.teamId)
            .map((tm) => ({ value: tm.id, label: `${tm.name} · ${tm.jurisdictionName} · ${tm.load} / ${tm.capacity}` }))}
        />
      </Form.Item>
    </FormModal>
  );
}
