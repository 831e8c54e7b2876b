import { DatePicker, Form } from 'antd';
import { FilterForm, TextFilter } from '../../common/FilterForm';
import { clearedFilters, trimmedOrNull, useFormFollowsParams } from '../../common/urlFilters';
import type { ParamChanges } from '../../common/usePagedList';
import { useI18n } from '../../i18n';

export const AUDIT_FILTER_KEYS = ['actor', 'action', 'entityType', 'entityId', 'from', 'to'] as const;

/** What the range picker hands back: date objects that can render themselves as ISO strings. */
type Instant = { toISOString(): string } | null;

const TEXT_FIELDS = ['actor', 'action', 'entityType', 'entityId'] as const;

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
  onApply: (changes: ParamChanges) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  useFormFollowsParams(form, params, TEXT_FIELDS);

  const apply = (v: Values) => {
    onApply({
      actor: trimmedOrNull(v.actor),
      action: trimmedOrNull(v.action),
      entityType: trimmedOrNull(v.entityType),
      entityId: trimmedOrNull(v.entityId),
      from: v.period?.[0]?.toISOString() ?? null,
      to: v.period?.[1]?.toISOString() ?? null,
      page: 1,
    });
  };

  return (
    <FilterForm<Values>
      form={form}
      onFinish={apply}
      searchTestId="audit-search"
      onReset={() => {
        form.resetFields();
        onApply(clearedFilters(AUDIT_FILTER_KEYS));
      }}
    >
      <TextFilter name="actor" placeholder={t('audit.actor')} width={130} testId="audit-actor" />
      <TextFilter name="action" placeholder={t('audit.action')} width={160} testId="audit-action" />
      <TextFilter name="entityType" placeholder={t('audit.entityType')} width={120} />
      <TextFilter name="entityId" placeholder={t('audit.entityId')} width={200} testId="audit-entity-id" />
      <Form.Item name="period">
        <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" allowEmpty={[true, true]} />
      </Form.Item>
    </FilterForm>
  );
}
