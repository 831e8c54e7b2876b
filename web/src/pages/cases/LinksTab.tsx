import { CheckOutlined, CloseOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Form, Input, Row, Select, Space, Table, Tag } from 'antd';
import type { TableProps } from 'antd';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import { useFormSubmit } from '../../common/useFormSubmit';
import { useRemoteOptions } from '../../common/useRemoteOptions';
import { useI18n } from '../../i18n';
import { useCan } from '../../session/SessionContext';
import type { CaseDetail, CaseSummary, LinkView } from './types';
import { useAction } from './useAction';

type CaseLink = CaseDetail['infectors'][number];
const LINK_COLOUR: Record<string, string> = { suggested: 'gold', confirmed: 'green', rejected: 'default' };

/** A case picker over GET /api/cases (case number, or the start of the name). */
function CaseSelect({ value, onChange, exclude }: { value?: string; onChange?: (v?: string) => void; exclude: string }) {
  const { options, search } = useRemoteOptions(
    async (q, signal) => {
      const r = await api.get<{ items: CaseSummary[] }>('/api/cases', { q: q || undefined, pageSize: 20 }, signal);
      return r.items.filter((c) => c.id !== exclude).map((c) => ({ value: c.id, label: `${c.caseNumber} · ${c.name} · ${c.community ?? ''}` }));
    },
    { allowEmpty: true },
  );
  return <Select<string> allowClear showSearch={{ filterOption: false, onSearch: search }} onFocus={() => options.length || search('')} value={value} onChange={(v) => onChange?.(v)} options={options} data-testid="link-infector" />;
}

/** Who infected this case, and whom it infected: suggested links to confirm or reject, and new ones with their evidence. */
export function LinksTab({ kase, onChanged }: { kase: CaseDetail; onChanged: () => void }) {
  const { t, tk } = useI18n();
  const can = useCan();
  const write = can('cases:write');
  const { busy, run } = useAction();
  const [form] = Form.useForm<{ infectorCaseId: string; evidence: string }>();
  const submission = useFormSubmit({
    form,
    fields: ['infectorCaseId', 'evidence'],
    reset: true,
    success: t('links.added'),
    send: (v: { infectorCaseId: string; evidence: string }) => api.post<LinkView>(`/api/cases/${encodeURIComponent(kase.id)}/links`, { infectorCaseId: v.infectorCaseId, evidence: v.evidence.trim() }),
    onDone: onChanged,
  });
  const decide = (l: CaseLink, status: 'confirmed' | 'rejected') =>
    run(`${status}:${l.linkId}`, () => api.patch<LinkView>(`/api/links/${encodeURIComponent(l.linkId)}`, { status }), { success: t(status === 'confirmed' ? 'links.confirmed' : 'links.rejected'), onDone: onChanged });

  const columns: TableProps<CaseLink>['columns'] = [
    { title: t('cases.number'), dataIndex: 'caseNumber', width: 110, render: (n: string, l) => <Link to={`/cases/${l.caseId}`}>{n}</Link> },
    { title: t('links.status'), dataIndex: 'status', width: 90, render: (s: string) => <Tag color={LINK_COLOUR[s]} data-testid="link-status">{tk('linkStatus', s)}</Tag> },
    { title: t('links.evidence'), dataIndex: 'evidence' },
    ...(write
      ? [
          {
            title: '',
            key: 'actions',
            width: 170,
            render: (_: unknown, l: CaseLink) => (
              <Space size={4}>
                {l.status !== 'confirmed' && (
                  <Button size="small" icon={<CheckOutlined />} loading={busy === `confirmed:${l.linkId}`} onClick={() => decide(l, 'confirmed')} data-testid="link-confirm">
                    {t('links.confirm')}
                  </Button>
                )}
                {l.status !== 'rejected' && (
                  <Button size="small" danger icon={<CloseOutlined />} loading={busy === `rejected:${l.linkId}`} onClick={() => decide(l, 'rejected')} data-testid="link-reject">
                    {t('links.reject')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <Row gutter={[12, 12]} data-testid="links-tab">
      <Col xs={24} xl={12}>
        <Card size="small" title={t('links.infectors')}>
          <Table<CaseLink> size="small" rowKey="linkId" dataSource={kase.infectors} columns={columns} pagination={false} locale={{ emptyText: t('links.noInfectors') }} />
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card size="small" title={t('links.infectees')}>
          <Table<CaseLink> size="small" rowKey="linkId" dataSource={kase.infectees} columns={columns} pagination={false} locale={{ emptyText: t('links.noInfectees') }} />
        </Card>
      </Col>
      {write && (
        <Col span={24}>
          <Card size="small" title={t('links.add')}>
            <Form form={form} layout="vertical" onFinish={submission.submit}>
              <Row gutter={12}>
                <Col xs={24} md={8}>
                  <Form.Item name="infectorCaseId" label={t('links.infector')} rules={[{ required: true, message: t('common.required') }]}>
                    <CaseSelect exclude={kase.id} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={16}>
                  <Form.Item
                    name="evidence"
                    label={t('links.evidence')}
                    rules={[{ required: true, whitespace: true, message: t('common.required') }]}
                    help={submission.error ?? undefined}
                    validateStatus={submission.error ? 'error' : undefined}
                  >
                    <Input maxLength={1000} placeholder={t('links.evidencePlaceholder')} data-testid="link-evidence" />
                  </Form.Item>
                </Col>
              </Row>
              <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={submission.busy} data-testid="link-add">
                {t('links.addButton')}
              </Button>
            </Form>
          </Card>
        </Col>
      )}
    </Row>
  );
}
