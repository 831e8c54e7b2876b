import { Form, Input, Select } from 'antd';
import { useEffect } from 'react';
import { api } from '../../api/client';
import { FormModal } from '../../common/FormModal';
import { useFormSubmit } from '../../common/useFormSubmit';
import { useI18n } from '../../i18n';
import { fromLocalInput, toLocalInput } from './datetime';
import { TRAJECTORY_KINDS, type Trajectory, type TrajectoryEntry, type TrajectoryInput, type TrajectoryKind } from './types';

interface Values {
  kind: TrajectoryKind;
  startsAt: string;
  endsAt?: string;
  venueCode?: string;
  place?: string;
  detail?: string;
}

const FIELDS = ['kind', 'startsAt', 'endsAt', 'venueCode', 'place', 'detail'];

/** Adds a trajectory entry (POST) or corrects one (PATCH): a venue by its code, a place without one, transport, a workplace, home. */
export function TrajectoryEntryModal({
  caseId,
  target,
  onClose,
  onSaved,
}: {
  caseId: string;
  /** `{ entry: null }` adds, `{ entry }` edits, null is closed. */
  target: { entry: TrajectoryEntry | null } | null;
  onClose: () => void;
  onSaved: (t: Trajectory) => void;
}) {
  const { t, tk } = useI18n();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);
  const entry = target?.entry ?? null;
  const base = `/api/cases/${encodeURIComponent(caseId)}/trajectory`;
  const submission = useFormSubmit({
    form,
    fields: FIELDS,
    reset: true,
    success: entry ? t('trajectory.updated') : t('trajectory.added'),
    send: (v: Values) => {
      const text = (s?: string) => s?.trim() || undefined;
      const body: TrajectoryInput = {
        kind: v.kind,
        startsAt: fromLocalInput(v.startsAt)!,
        endsAt: fromLocalInput(v.endsAt),
        ...(v.kind === 'venue' && text(v.venueCode) && { venueCode: text(v.venueCode)!.toUpperCase() }),
        ...(text(v.place) && { place: text(v.place) }),
        ...(text(v.detail) && { detail: text(v.detail) }),
      };
      return entry ? api.patch<Trajectory>(`${base}/${encodeURIComponent(entry.id)}`, body) : api.post<Trajectory>(base, body);
    },
    onDone: onSaved,
  });

  const { setError } = submission;
  useEffect(() => {
    if (!target) return;
    setError(null);
    if (entry) {
      form.setFieldsValue({
        kind: entry.kind,
        startsAt: toLocalInput(entry.startsAt),
        endsAt: toLocalInput(entry.endsAt),
        venueCode: entry.venueCode ?? '',
        place: entry.place ?? '',
        detail: entry.detail ?? '',
      });
    } else form.resetFields();
  }, [target, entry, form, setError]);

  const endAfterStart = ({ getFieldValue }: { getFieldValue: (n: string) => unknown }) => ({
    validator: (_: unknown, v?: string) => {
      const start = fromLocalInput(getFieldValue('startsAt') as string);
      const end = fromLocalInput(v);
      return !end || !start || end >= start ? Promise.resolve() : Promise.reject(new Error(t('trajectory.endBeforeStart')));
    },
  });

  return (
    <FormModal
      form={form}
      submission={submission}
      open={!!target}
      title={entry ? t('trajectory.editTitle') : t('trajectory.addTitle')}
      okText={entry ? t('common.save') : t('trajectory.add')}
      okTestId="trajectory-save"
      errorTestId="trajectory-error"
      onCancel={onClose}
      formProps={{ initialValues: { kind: 'venue' } }}
    >
      <Form.Item name="kind" label={t('trajectory.kind')} rules={[{ required: true, message: t('common.required') }]}>
        <Select options={TRAJECTORY_KINDS.map((k) => ({ value: k, label: tk('trajectoryKind', k) }))} data-testid="trajectory-kind" />
      </Form.Item>
      <Form.Item name="startsAt" label={t('trajectory.startsAt')} rules={[{ required: true, message: t('common.required') }]}>
        <Input type="datetime-local" style={{ width: 240 }} data-testid="trajectory-starts" />
      </Form.Item>
      <Form.Item name="endsAt" label={t('trajectory.endsAt')} dependencies={['startsAt']} rules={[endAfterStart]}>
        <Input type="datetime-local" style={{ width: 240 }} data-testid="trajectory-ends" />
      </Form.Item>
      {kind === 'venue' && (
        <Form.Item name="venueCode" label={t('trajectory.venueCode')} extra={t('trajectory.venueCodeHelp')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input maxLength={64} data-testid="trajectory-venue" />
        </Form.Item>
      )}
      <Form.Item name="place" label={t('trajectory.place')} extra={t('trajectory.placeHelp')}>
        <Input maxLength={200} data-testid="trajectory-place" />
      </Form.Item>
      <Form.Item name="detail" label={t('trajectory.detail')} extra={t('trajectory.detailHelp')}>
        <Input.TextArea rows={2} maxLength={500} showCount data-testid="trajectory-detail" />
      </Form.Item>
    </FormModal>
  );
}
