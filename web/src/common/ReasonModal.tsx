import { Form, Input } from 'antd';
import type { ReactNode } from 'react';
import { FormModal } from './FormModal';
import { useFormSubmit } from './useFormSubmit';
import { useI18n } from '../i18n';

/**
 * A modal asking for one written reason (ending a fact, deciding an override, upholding an
 * appeal, activating a policy…), then sending it. The text is trimmed; `min` is checked here too.
 */
export function ReasonModal<R>({
  open,
  title,
  label,
  min,
  max = 500,
  placeholder,
  okText,
  okTestId,
  inputTestId,
  notice,
  success,
  send,
  onDone,
  onCancel,
}: {
  open: boolean;
  title: ReactNode;
  label: ReactNode;
  min: number;
  max?: number;
  placeholder?: string;
  okText: ReactNode;
  okTestId?: string;
  inputTestId?: string;
  notice?: ReactNode;
  success?: string;
  send: (text: string) => Promise<R>;
  onDone: (result: R) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ text: string }>();
  const submission = useFormSubmit({
    form,
    reset: true,
    success,
    send: ({ text }: { text: string }) => send(text.trim()),
    onDone,
  });
  const tooShort = t('common.minChars', { n: min });
  return (
    <FormModal
      form={form}
      submission={submission}
      open={open}
      title={title}
      okText={okText}
      okTestId={okTestId}
      notice={notice}
      onCancel={() => {
        submission.setError(null);
        form.resetFields();
        onCancel();
      }}
    >
      <Form.Item
        name="text"
        label={label}
        rules={[
          { required: true, whitespace: true, message: tooShort },
          { validator: (_, v?: string) => ((v ?? '').trim().length >= min ? Promise.resolve() : Promise.reject(new Error(tooShort))) },
        ]}
      >
        <Input.TextArea rows={3} maxLength={max} showCount placeholder={placeholder} data-testid={inputTestId} />
      </Form.Item>
    </FormModal>
  );
}
