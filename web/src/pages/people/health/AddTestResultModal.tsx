import { Alert, DatePicker, Form, Radio } from 'antd';
import { api } from '../../../api/client';
import type { TestResult } from '../../../api/types';
import { FormModal } from '../../../common/FormModal';
import { useFormSubmit } from '../../../common/useFormSubmit';
import { useI18n } from '../../../i18n';

export const TEST_KINDS = ['nat', 'antigen'] as const;
export const TEST_OUTCOMES = ['negative', 'positive', 'invalid'] as const;

interface Values {
  kind: string;
  result: string;
  sampledAt?: { toISOString(): string } | null;
}

/** POST /api/people/:id/test-results: a result entered by hand (a positive one turns the code red). */
export function AddTestResultModal({
  personId,
  open,
  onClose,
  onAdded,
}: {
  personId: string;
  open: boolean;
  onClose: () => void;
  onAdded: (r: TestResult) => void;
}) {
  const { t, tk } = useI18n();
  const [form] = Form.useForm<Values>();
  const result = Form.useWatch('result', form);
  const submission = useFormSubmit({
    form,
    fields: ['kind', 'result', 'sampledAt'],
    reset: true,
    success: t('tests.added'),
    send: (v: Values) =>
      api.post<TestResult>(`/api/people/${encodeURIComponent(personId)}/test-results`, {
        kind: v.kind,
        result: v.result,
        // Empty: sampled now.
        sampledAt: (v.sampledAt ?? new Date()).toISOString(),
      }),
    onDone: onAdded,
  });
  const required = [{ required: true, message: t('common.required') }];

  return (
    <FormModal
      form={form}
      submission={submission}
      open={open}
      title={t('tests.addTitle')}
      okText={t('tests.add')}
      okTestId="test-submit"
      errorTestId="test-error"
      onCancel={() => {
        submission.setError(null);
        onClose();
      }}
      notice={
        result === 'positive' ? (
          <Alert type="error" showIcon title={t('tests.positiveWarning')} style={{ marginBottom: 12 }} />
        ) : undefined
      }
      formProps={{ initialValues: { kind: 'nat', result: 'negative' } }}
    >
      <Form.Item name="kind" label={t('tests.kind')} rules={required}>
        <Radio.Group optionType="button" buttonStyle="solid">
          {TEST_KINDS.map((k) => (
            <Radio.Button key={k} value={k}>
              <span data-testid={`test-kind-${k}`}>{tk('testKind', k)}</span>
            </Radio.Button>
          ))}
        </Radio.Group>
      </Form.Item>
      <Form.Item name="result" label={t('tests.result')} rules={required}>
        <Radio.Group optionType="button" buttonStyle="solid">
          {TEST_OUTCOMES.map((k) => (
            <Radio.Button key={k} value={k}>
              <span data-testid={`test-result-${k}`}>{tk('testResult', k)}</span>
            </Radio.Button>
          ))}
        </Radio.Group>
      </Form.Item>
      <Form.Item name="sampledAt" label={t('tests.sampledAt')} extra={t('tests.sampledAtHelp')}>
        <DatePicker
          showTime
          style={{ width: '100%' }}
          placeholder={t('facts.now')}
          disabledDate={(d) => d.valueOf() > Date.now()}
          data-testid="test-sampled-at"
        />
      </Form.Item>
    </FormModal>
  );
}
