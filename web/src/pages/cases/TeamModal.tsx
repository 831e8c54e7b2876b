import { Alert, Form, Input, InputNumber, Select, Switch } from 'antd';
import { useEffect } from 'react';
import { api } from '../../api/client';
import type { AccountRow, Jurisdiction } from '../../api/types';
import { FormModal } from '../../common/FormModal';
import { JurisdictionCodeInput } from '../../common/JurisdictionCodeInput';
import { useApiGet } from '../../common/useApiGet';
import { useFormSubmit } from '../../common/useFormSubmit';
import { useI18n } from '../../i18n';
import { useCan, useStaff } from '../../session/SessionContext';
import type { Team } from './types';

interface Values {
  name: string;
  jurisdictionCode?: string;
  capacity: number;
  memberIds: string[];
  active?: boolean;
}

const FIELDS = ['name', 'capacity', 'memberIds', 'jurisdictionId'];

/** The id of the node with exactly this code, found by GET /api/jurisdictions?q=. */
async function jurisdictionIdOf(code: string): Promise<string> {
  const { items } = await api.get<{ items: Jurisdiction[] }>('/api/jurisdictions', { q: code, limit: 20 });
  const node = items.find((j) => j.code === code);
  if (!node) throw new Error(code);
  return node.id;
}

/** A new investigation team (POST /api/investigation-teams) or, given `team`, its changes (PATCH). Members are investigator accounts. */
export function TeamModal({ team, open, onClose, onSaved }: { team: Team | null; open: boolean; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const { account } = useStaff();
  const can = useCan();
  const [form] = Form.useForm<Values>();
  const editing = !!team;
  // Listing accounts needs accounts:read (every commander holds it).
  const investigators = useApiGet<{ items: AccountRow[] }>(open && can('accounts:read') ? '/api/accounts' : null, { role: 'investigator', pageSize: 200 });
  const submission = useFormSubmit({
    form,
    fields: FIELDS,
    reset: true,
    success: editing ? t('teams.updated') : t('teams.created'),
    send: async (v: Values) => {
      const body = { name: v.name.trim(), capacity: v.capacity, memberIds: v.memberIds ?? [] };
      if (team) return api.patch<Team>(`/api/investigation-teams/${encodeURIComponent(team.id)}`, { ...body, active: v.active ?? team.active });
      const code = (v.jurisdictionCode ?? '').trim() || account.jurisdiction.code;
      let jurisdictionId: string;
      try {
        jurisdictionId = await jurisdictionIdOf(code);
      } catch {
        form.setFields([{ name: 'jurisdictionCode', errors: [t('teams.unknownJurisdiction')] }]);
        throw new Error(t('teams.unknownJurisdiction'));
      }
      return api.post<Team>('/api/investigation-teams', { ...body, jurisdictionId });
    },
    onDone: onSaved,
  });

  const { setError } = submission;
  useEffect(() => {
    if (!open) return;
    setError(null);
    if (team) form.setFieldsValue({ name: team.name, capacity: team.capacity, memberIds: team.memberIds, active: team.active });
    else form.resetFields();
  }, [open, team, form, setError]);

  // Members already on the team stay selectable by name even when the account list is not readable.
  const known = new Map((investigators.data?.items ?? []).map((a) => [a.id, `${a.displayName} (${a.username}) · ${a.jurisdiction.name}`]));
  team?.memberIds.forEach((id, i) => known.has(id) || known.set(id, team.memberNames[i] ?? id));

  return (
    <FormModal
      form={form}
      submission={submission}
      open={open}
      title={editing ? t('teams.editTitle', { name: team.name }) : t('teams.new')}
      okText={editing ? t('common.save') : t('common.create')}
      okTestId="team-save"
      onCancel={onClose}
      formProps={{ initialValues: { capacity: 5, memberIds: [], jurisdictionCode: account.jurisdiction.code } }}
      notice={investigators.error && <Alert type="warning" showIcon title={investigators.error} style={{ marginBottom: 12 }} />}
    >
      <Form.Item name="name" label={t('teams.name')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
        <Input maxLength={60} data-testid="team-name" />
      </Form.Item>
      {!editing && (
        <Form.Item name="jurisdictionCode" label={t('teams.jurisdiction')} extra={t('teams.jurisdictionHelp')}>
          <JurisdictionCodeInput data-testid="team-jurisdiction" />
        </Form.Item>
      )}
      <Form.Item name="capacity" label={t('teams.capacity')} extra={t('teams.capacityHelp')} rules={[{ required: true, message: t('common.required') }]}>
        <InputNumber min={1} max={100} style={{ width: 120 }} data-testid="team-capacity" />
      </Form.Item>
      <Form.Item name="memberIds" label={t('teams.members')} extra={t('teams.membersHelp')}>
        <Select
          mode="multiple"
          allowClear
          loading={investigators.loading}
          showSearch={{ optionFilterProp: 'label' }}
          data-testid="team-members"
          options={[...known].map(([value, label]) => ({ value, label }))}
        />
      </Form.Item>
      {editing && (
        <Form.Item name="active" label={t('teams.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      )}
    </FormModal>
  );
}
