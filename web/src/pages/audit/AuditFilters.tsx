import { SearchOutlined } from '@ant-design/icons';
import { Button, DatePicker, Form, Input } from 'antd';
import { useEffect } from 'react';
import { useI18n } from '../../i18n';

export const AUDIT_FILTER_KEYS = ['actor', 'action', 'entityType', 'entityId', 'from', 'to'] as const;

/** What the range picker hands back: date objects that can render themselves as ISO strings. */
type Instant = { toISOString(): string } | null;

interface Values {
  actor?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  period?: [Instant, Instant] | null;
}

export function AuditFilters({
  params,
  onApply,
}: {
  params: URLSearchParams;
  onApply: (changes: Record<string, string | number | null>) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const key = params.toString();

  useEffect(() => {
    form.setFieldsValue({
      actor: params.get('actor') ?? undefined,
      action: params.get('action') ?? undefined,
      entityType: params.get('entityType') ?? undefined,
      entityId: params.get('entityId') ?? undefined,
    });
  }, [key, form]);

  const apply = (v: Values) => {
    onApply({
      actor: v.actor?.trim() || null,
      action: v.action?.trim() || null,
      entityType: v.entityType?.trim() || null,
      entityId: v.entityId?.trim() || null,
      from: v.period?.[0]?.toISOString() ?? null,
      to: v.period?.[1]?.toISOString() ?? null,
      page: 1,
    });
  };

  return (
    <Form<Values> form={form} layout="inline" onFinish={apply} style={{ marginBottom: 12, rowGap: 8 }}>
      <Form.Item name="actor">
        <Input placeholder={t('audit.actor')} allowClear style={{ width: 130 }} data-testid="audit-actor" />
      </Form.Item>
      <Form.Item name="action">
        <Input placeholder={t('audit.action')} allowClear style={{ width: 160 }} data-testid="audit-action" />
      </Form.Item>
      <Form.Item name="entityType">
        <Input placeholder={t('audit.entityType')} allowClear style={{ width: 120 }} />
      </Form.Item>
      <Form.Item name="entityId">
        <Input placeholder={t('audit.entityId')} allowClear style={{ width: 200 }} data-testid="audit-entity-id" />
      </Form.Item>
      <Form.Item name="period">
        <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" allowEmpty={[true, true]} />
      </Form.Item>
      <Form.Item>
        <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="audit-search">
          {t('common.search')}
        </Button>
      </Form.Item>
      <Form.Item>
        <Button
          onClick={() => {
            form.resetFields();
            onApply(Object.fromEntries([...AUDIT_FILTER_KEYS.map((k) => [k, null]), ['page', 1]]));
          }}
        >
          {t('common.reset')}
        </Button>
      </Form.Item>
    </Form>
  );
}
