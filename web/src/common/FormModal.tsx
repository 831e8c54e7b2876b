import { Alert, Form, Modal } from 'antd';
import type { FormInstance, FormProps } from 'antd';
import type { ReactNode } from 'react';

/** What useFormSubmit hands back, as far as the modal needs it. */
interface Submission<V> {
  busy: boolean;
  error: string | null;
  submit: (values: V) => void;
}

/**
 * A modal holding a vertical form: OK submits it through `submission` (useFormSubmit),
 * whose error (if any) shows above the form.
 */
export function FormModal<V>({
  form,
  submission: { busy, error, submit },
  open,
  title,
  okText,
  onCancel,
  okTestId,
  errorTestId,
  notice,
  formProps,
  children,
}: {
  form: FormInstance<V>;
  submission: Submission<V>;
  open: boolean;
  title: ReactNode;
  okText: ReactNode;
  onCancel: () => void;
  okTestId?: string;
  errorTestId?: string;
  /** Shown above the error. */
  notice?: ReactNode;
  /** More props of the form (initial values, test id…). */
  formProps?: Omit<FormProps<V>, 'form' | 'onFinish' | 'children'> & { 'data-testid'?: string };
  children: ReactNode;
}) {
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onCancel}
      onOk={() => form.submit()}
      okText={okText}
      confirmLoading={busy}
      forceRender
      okButtonProps={okTestId ? { 'data-testid': okTestId } : undefined}
    >
      {notice}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid={errorTestId} />}
      <Form<V> form={form} layout="vertical" onFinish={submit} {...formProps}>
        {children}
      </Form>
    </Modal>
  );
}
