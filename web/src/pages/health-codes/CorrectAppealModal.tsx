import { Alert, DatePicker, Form, Input } from 'antd';
import { useEffect } from 'react';
import { api } from '../../api/client';
import type { Appeal } from '../../api/types';
import { ColourRadio } from '../../common/ColourRadio';
import { FormModal } from '../../common/FormModal';
import { useFormSubmit } from '../../common/useFormSubmit';
import { useI18n } from '../../i18n';

interface Values {
  colour: string;
  resolution: string;
  validUntil?: { toISOString(): string } | null;
}

/** POST /api/appeals/:id/correct: proposes the corrected colour as a two-person override. */
export function CorrectAppealModal({ appeal, onClose, onDone }: { appeal: Appeal | null; onClose: () => void; onDone: (a: Appeal) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const submission = useFormSubmit({
    form,
    fields: ['colour', 'resolution', 'validUntil'],
    reset: true,
    success: t('appeals.correctionProposed'),
    send: (v: Values) =>
      api.post<Appeal>(`/api/appeals/${encodeURIComponent(appeal!.id)}/correct`, {
        colour: v.colour,
        resolution: v.resolution.trim(),
        ...(v.validUntil && { validUntil: v.validUntil.toISOString() }),
      }),
    onDone,
  });
  const { setError } = submission;
  useEffect(() => {
    if (appeal) {
      setError(null);
      form.setFieldsValue({ colour: 'green' });
    }
  }, [appeal, form, setError]);
  const tooShort = t('common.minChars', { n: 10 });

  return (
    <FormModal
      form={form}
      submission={submission}
      open={!!appeal}
      title={appeal ? t('appeals.correctTitle', { name: appeal.personName }) : ''}
      okText={t('appeals.proposeCorrection')}
      okTestId="correct-submit"
      errorTestId="correct-error"
      onCancel={onClose}
      notice={
        <Alert type="warning" showIcon title={t('appeals.secondPersonTitle')} description={t('appeals.secondPersonText')} style={{ marginBottom: 12 }} data-testid="correct-notice" />
      }
    >
      <Form.Item name="colour" label={t('appeals.correctColour')} rules={[{ required: true, message: t('common.required') }]}>
        <ColourRadio testIdPrefix="correct-colour" />
      </Form.Item>
      <Form.Item
        name="resolution"
        label={t('appeals.resolution')}
        extra={t('appeals.resolutionHelp')}
        rules={[
          { required: true, whitespace: true, message: tooShort },
          { validator: (_, v?: string) => ((v ?? '').trim().length >= 10 ? Promise.resolve() : Promise.reject(new Error(tooShort))) },
        ]}
      >
        <Input.TextArea rows={3} maxLength={500} showCount data-testid="correct-resolution" />
      </Form.Item>
      <Form.Item name="validUntil" label={t('overrides.validUntil')} extra={t('overrides.validUntilHelp')}>
        <DatePicker showTime style={{ width: '100%' }} disabledDate={(d) => d.valueOf() < Date.now() - 86_400_000} placeholder={t('overrides.noEnd')} />
      </Form.Item>
    </FormModal>
  );
}
