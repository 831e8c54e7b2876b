import { CheckOutlined, CloseOutlined, LinkOutlined, SearchOutlined, UserAddOutlined } from '@ant-design/icons';
import { Alert, App, Button, InputNumber, Popconfirm, Segmented, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import { formatDateTime } from '../../common/format';
import { ReasonModal } from '../../common/ReasonModal';
import { useApiGet } from '../../common/useApiGet';
import { useI18n } from '../../i18n';
import { useCan } from '../../session/SessionContext';
import { ContactStatusTag, MeasureTag } from './caseTags';
import { ContactEvidence } from './ContactEvidence';
import { ManualContactModal } from './ManualContactModal';
import { DEGREES, type CaseDetail, type ContactView } from './types';
import { useAction } from './useAction';

interface ContactPage {
  items: ContactView[];
  total: number;
  counts: CaseDetail['contacts'];
}
interface Decided {
  done: number;
  skipped: Array<{ contactId: string; reason: string }>;
}

const STATUS_FILTERS = ['all', 'candidate', 'confirmed', 'dismissed'] as const;

/** Contact review (密接研判): find candidates, read their evidence, confirm or dismiss them in bulk. */
export function ContactsTab({ kase, onChanged }: { kase: CaseDetail; onChanged: () => void }) {
  const { t, tk } = useI18n();
  const { message } = App.useApp();
  const can = useCan();
  const write = can('cases:write');
  const [status, setStatus] = useState<(typeof STATUS_FILTERS)[number]>('all');
  const [degree, setDegree] = useState<string | undefined>(undefined);
  const [windowMinutes, setWindowMinutes] = useState(30);
  const [version, setVersion] = useState(0);
  const [selected, setSelected] = useState<string[]>([]);
  const [dismissing, setDismissing] = useState(false);
  const [adding, setAdding] = useState(false);
  const base = `/api/cases/${encodeURIComponent(kase.id)}/contacts`;
  const { data, loading, error } = useApiGet<ContactPage>(base, { status: status === 'all' ? undefined : status, degree, pageSize: 500 }, version);
  const { busy, run } = useAction();

  const changed = () => {
    setSelected([]);
    setVersion((v) => v + 1);
    onChanged();
  };
  const decided = (r: Decided, doneKey: 'contacts.confirmedN' | 'contacts.dismissedN') => {
    if (r.skipped.length) {
      const names = new Map((data?.items ?? []).map((c) => [c.id, c.name]));
      void message.warning(t('contacts.skipped', { list: r.skipped.map((s) => `${names.get(s.contactId) ?? s.contactId}: ${s.reason}`).join('; ') }));
    }
    return t(doneKey, { n: r.done });
  };

  const find = (secondary: boolean) =>
    run(secondary ? 'find-secondary' : 'find', () => api.post<{ found: number; added: number; updated: number }>(`${base}/${secondary ? 'find-secondary' : 'find'}`, { windowMinutes }), {
      success: (r) => t('contacts.found', { found: r.found, added: r.added, updated: r.updated }),
      onDone: changed,
    });
  const confirm = () => run('confirm', () => api.post<Decided>(`${base}/confirm`, { contactIds: selected }), { success: (r) => decided(r, 'contacts.confirmedN'), onDone: changed });
  const match = (c: ContactView) =>
    run(`match:${c.id}`, () => api.post<{ matched: boolean }>(`${base}/${encodeURIComponent(c.id)}/match`), {
      success: (r) => (r.matched ? t('contacts.matched') : t('contacts.notMatched')),
      onDone: changed,
    });

  const columns: TableProps<ContactView>['columns'] = [
    {
      title: t('contacts.person'),
      dataIndex: 'name',
      width: 190,
      render: (n: string, c) => (
        <div data-testid="contact-name">
          {c.personId && can('people:read') ? <Link to={`/people/${c.personId}`}>{n}</Link> : n}
          {c.isCase && (
            <Tag color="red" style={{ marginInlineStart: 4 }}>
              {t('contacts.isCase')}
            </Tag>
          )}
          {!c.matched && (
            <Tag color="warning" style={{ marginInlineStart: 4 }}>
              {t('contacts.unmatched')}
            </Tag>
          )}
          <div style={{ fontSize: 12, color: '#595959' }}>{[c.idNumberMasked, c.phoneMasked, c.community].filter(Boolean).join(' · ')}</div>
        </div>
      ),
    },
    { title: t('contacts.degree'), dataIndex: 'degree', width: 100, render: (d: string) => <Tag color={d === 'close' ? 'volcano' : 'gold'}>{tk('degree', d)}</Tag> },
    { title: t('contacts.evidence'), key: 'evidence', width: 280, render: (_, c) => <ContactEvidence contact={c} /> },
    { title: t('contacts.lastExposure'), dataIndex: 'lastExposureAt', width: 140, render: (v: string | null) => formatDateTime(v).slice(0, 16) },
    {
      title: t('contacts.status'),
      dataIndex: 'status',
      width: 100,
      render: (s: string, c) => (
        <span>
          <ContactStatusTag status={s} />
          {c.dismissReason && (
            <Tooltip title={c.dismissReason}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('contacts.reason')}
              </Typography.Text>
            </Tooltip>
          )}
        </span>
      ),
    },
    {
      title: t('contacts.measure'),
      key: 'measure',
      width: 170,
      render: (_, c) =>
        c.controlMeasure ? (
          <span>
            <MeasureTag measure={c.controlMeasure} />
            <div style={{ fontSize: 12, color: '#595959' }} data-testid="contact-measure-until">
              {t('contacts.until', { at: formatDateTime(c.measureUntil).slice(0, 16) })}
            </div>
          </span>
        ) : (
          t('common.none')
        ),
    },
    ...(write
      ? [
          {
            title: '',
            key: 'actions',
            width: 90,
            render: (_: unknown, c: ContactView) =>
              !c.matched && (
                <Button size="small" icon={<LinkOutlined />} loading={busy === `match:${c.id}`} onClick={() => match(c)} data-testid="contact-match">
                  {t('contacts.match')}
                </Button>
              ),
          },
        ]
      : []),
  ];

  const counts = data?.counts ?? kase.contacts;
  const selectedRows = (data?.items ?? []).filter((c) => selected.includes(c.id));
  const confirmable = selectedRows.filter((c) => c.status === 'candidate').length;

  return (
    <div data-testid="contacts-tab">
      {write && (
        <Space wrap style={{ marginBottom: 12 }}>
          <span>{t('contacts.window')}</span>
          <InputNumber min={1} max={240} value={windowMinutes} onChange={(v) => setWindowMinutes(v ?? 30)} suffix={t('contacts.minutes')} style={{ width: 120 }} data-testid="contacts-window" />
          <Button type="primary" icon={<SearchOutlined />} loading={busy === 'find'} onClick={() => find(false)} data-testid="contacts-find">
            {t('contacts.findClose')}
          </Button>
          <Tooltip title={t('contacts.findSecondaryHelp')}>
            <Button icon={<SearchOutlined />} loading={busy === 'find-secondary'} onClick={() => find(true)} data-testid="contacts-find-secondary">
              {t('contacts.findSecondary')}
            </Button>
          </Tooltip>
          <Button icon={<UserAddOutlined />} onClick={() => setAdding(true)} data-testid="contacts-add">
            {t('contacts.add')}
          </Button>
        </Space>
      )}
      <Space wrap style={{ marginBottom: 12, width: '100%', justifyContent: 'space-between' }}>
        <Space wrap>
          <Segmented
            value={status}
            onChange={(v) => {
              setStatus(v as typeof status);
              setSelected([]);
            }}
            options={STATUS_FILTERS.map((s) => ({ value: s, label: <span data-testid={`contacts-filter-${s}`}>{s === 'all' ? t('contacts.all') : tk('contactStatus', s)}</span> }))}
          />
          <Select allowClear placeholder={t('contacts.anyDegree')} style={{ width: 140 }} value={degree} onChange={(v?: string) => setDegree(v)} options={DEGREES.map((d) => ({ value: d, label: tk('degree', d) }))} data-testid="contacts-degree" />
        </Space>
        <Typography.Text type="secondary" data-testid="contacts-counts">
          {t('contacts.counts', { candidates: counts.candidates, confirmed: counts.confirmed, dismissed: counts.dismissed, secondary: counts.secondary, controlled: counts.controlled })}
        </Typography.Text>
      </Space>
      {write && (
        <Space style={{ marginBottom: 8 }}>
          <Typography.Text>{t('contacts.selected', { n: selected.length })}</Typography.Text>
          <Popconfirm title={t('contacts.confirmTitle', { n: confirmable })} description={t('contacts.confirmText')} onConfirm={confirm} okButtonProps={{ 'data-testid': 'contacts-confirm-ok' }} disabled={confirmable === 0}>
            <Button type="primary" icon={<CheckOutlined />} disabled={confirmable === 0} loading={busy === 'confirm'} data-testid="contacts-confirm">
              {t('contacts.confirm')}
            </Button>
          </Popconfirm>
          <Button danger icon={<CloseOutlined />} disabled={selectedRows.length === 0} onClick={() => setDismissing(true)} data-testid="contacts-dismiss">
            {t('contacts.dismiss')}
          </Button>
        </Space>
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Table<ContactView>
        size="small"
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        columns={columns}
        scroll={{ x: 1150 }}
        pagination={{ pageSize: 100, hideOnSinglePage: true, showTotal: (total) => t('common.total', { total }) }}
        locale={{ emptyText: t('contacts.none') }}
        rowSelection={
          write
            ? {
                selectedRowKeys: selected,
                onChange: (keys) => setSelected(keys.map(String)),
                getCheckboxProps: (c) => ({ disabled: c.status === 'dismissed', 'data-testid': 'contact-select' }) as object,
              }
            : undefined
        }
        onRow={(c) => ({ 'data-testid': 'contact-row', 'data-status': c.status, 'data-degree': c.degree }) as HTMLAttributes<HTMLElement>}
      />
      <ReasonModal
        open={dismissing}
        title={t('contacts.dismissTitle', { n: selectedRows.length })}
        label={t('contacts.dismissReason')}
        min={2}
        okText={t('contacts.dismiss')}
        okTestId="contacts-dismiss-ok"
        inputTestId="contacts-dismiss-reason"
        notice={selectedRows.some((c) => c.status === 'confirmed') && <Alert type="warning" showIcon title={t('contacts.withdrawNotice')} style={{ marginBottom: 12 }} />}
        send={(reason) => api.post<Decided>(`${base}/dismiss`, { contactIds: selected, reason })}
        onDone={(r) => {
          void message.success(decided(r, 'contacts.dismissedN'));
          setDismissing(false);
          changed();
        }}
        onCancel={() => setDismissing(false)}
      />
      <ManualContactModal
        caseId={kase.id}
        open={adding}
        onClose={() => setAdding(false)}
        onAdded={() => {
          setAdding(false);
          changed();
        }}
      />
    </div>
  );
}
