import { Form, Input, Select } from 'antd';
import { useEffect } from 'react';
import { api } from '../../api/client';
import { VENUE_TYPES, type Venue } from '../../api/types';
import { FormModal } from '../../common/FormModal';
import { JurisdictionCodeInput } from '../../common/JurisdictionCodeInput';
import { useFormSubmit } from '../../common/useFormSubmit';
import { useI18n } from '../../i18n';

interface Values {
  code?: string;
  name: string;
  type: string;
  address?: string;
  jurisdictionCode?: string;
}

const FIELDS = ['code', 'name', 'type', 'address', 'jurisdictionCode'];

/** New venue (POST /api/venues) or, given `venue`, its changes (PATCH /api/venues/:id; the code never changes). */
export function VenueModal({
  venue,
  open,
  onClose,
  onSaved,
}: {
  venue: Venue | null;
  open: boolean;
  onClose: () => void;
  onSaved: (v: Venue) => void;
}) {
  const { t, tk } = useI18n();
  const [form] = Form.useForm<Values>();
  const editing = !!venue;
  const submission = useFormSubmit({
    form,
    fields: FIELDS,
    reset: true,
    success: editing ? t('venues.updated') : t('venues.created'),
    send: (v: Values) => {
      const address = v.address?.trim() ?? '';
      const jurisdictionCode = v.jurisdictionCode?.trim() || undefined;
      if (venue) {
        return api.patch<Venue>(`/api/venues/${encodeURIComponent(venue.id)}`, {
          name: v.name.trim(),
          type: v.type,
          address: address || null,
          ...(jurisdictionCode && jurisdictionCode !== venue.jurisdiction.code && { jurisdictionCode }),
        });
      }
      return api.post<Venue>('/api/venues', {
        code: v.code!.trim().toUpperCase(),
        name: v.name.trim(),
        type: v.type,
        ...(address && { address }),
        ...(jurisdictionCode && { jurisdictionCode }),
      });
    },
    onDone: onSaved,
  });

  const { setError } = submission;
  useEffect(() => {
    if (!open) return;
    setError(null);
    if (venue) {
      form.setFieldsValue({ name: venue.name, type: venue.type, address: venue.address ?? '', jurisdictionCode: venue.jurisdiction.code });
    } else form.resetFields();
  }, [open, venue, form, setError]);

  const required = [{ required: true, whitespace: true, message: t('common.required') }];
  return (
    <FormModal
      form={form}
      submission={submission}
      open={open}
      title={editing ? t('venues.editTitle', { code: venue.code }) : t('venues.new')}
      okText={editing ? t('common.save') : t('common.create')}
      okTestId="venue-save"
      errorTestId="venue-error"
      onCancel={onClose}
      formProps={{ autoComplete: 'off' }}
    >
      {!editing && (
        <Form.Item
          name="code"
          label={t('venues.code')}
          extra={t('venues.codeHelp')}
          rules={[...required, { pattern: /^[A-Za-z0-9][A-Za-z0-9-]{3,31}$/, message: t('venues.codeHelp') }]}
        >
          <Input maxLength={32} style={{ textTransform: 'uppercase' }} data-testid="venue-code-input" />
        </Form.Item>
      )}
      <Form.Item name="name" label={t('venues.name')} rules={required}>
        <Input maxLength={100} data-testid="venue-name-input" />
      </Form.Item>
      <Form.Item name="type" label={t('venues.type')} rules={required}>
        <Select data-testid="venue-type-input" options={VENUE_TYPES.map((v) => ({ value: v, label: tk('venueType', v) }))} />
      </Form.Item>
      <Form.Item name="address" label={t('venues.address')}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="jurisdictionCode" label={t('venues.jurisdictionCode')} extra={t('venues.jurisdictionHelp')}>
        <JurisdictionCodeInput />
      </Form.Item>
    </FormModal>
  );
}
