import { ArrowLeftOutlined, AuditOutlined, EditOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Dropdown, Result, Row, Space, Tabs, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { ApiError, api } from '../../api/client';
import { formatDate, formatDateTime } from '../../common/format';
import { useApiError } from '../../common/useApiError';
import { useApiGet } from '../../common/useApiGet';
import { useI18n } from '../../i18n';
import { useCan } from '../../session/SessionContext';
import { CASE_FIELD_TITLE, CaseEditModal, type CaseField } from './CaseEditModal';
import { CaseTimeline } from './CaseTimeline';
import { ClassificationTag, InvestigationStatusTag, OutcomeTag, SeverityTag } from './caseTags';
import { ContactsTab } from './ContactsTab';
import { InvestigationTab } from './InvestigationTab';
import { LinksTab } from './LinksTab';
import { TrajectoryTab } from './TrajectoryTab';
import type { CaseDetail, InvestigationDetail, Trajectory } from './types';

const TABS = ['trajectory', 'contacts', 'investigation', 'links'] as const;

export default function CasePage() {
  const { id = '' } = useParams();
  return <CaseView key={id} id={id} />;
}

function CaseView({ id }: { id: string }) {
  const { t, tk } = useI18n();
  const can = useCan();
  const navigate = useNavigate();
  const { describe } = useApiError();
  const [params, setParams] = useSearchParams();
  const tab = TABS.find((k) => k === params.get('tab')) ?? 'trajectory';
  const [kase, setKase] = useState<CaseDetail | null>(null);
  const [error, setError] = useState<{ status: number; text: string } | null>(null);
  const [version, setVersion] = useState(0);
  const [editing, setEditing] = useState<CaseField | null>(null);
  const path = `/api/cases/${encodeURIComponent(id)}`;
  const trajectory = useApiGet<Trajectory>(`${path}/trajectory`, undefined, version);
  const invId = kase?.investigation?.id;
  const investigation = useApiGet<InvestigationDetail>(invId ? `/api/investigations/${encodeURIComponent(invId)}` : null, undefined, version);
  const reload = () => setVersion((v) => v + 1);

  useEffect(() => {
    const ac = new AbortController();
    api
      .get<CaseDetail>(path, undefined, ac.signal)
      .then(setKase)
      .catch((e) => {
        if (!ac.signal.aborted) setError({ status: e instanceof ApiError ? e.status : 0, text: describe(e) });
      });
    return () => ac.abort();
  }, [path, version, describe]);

  if (error) {
    if (error.status === 404 || error.status === 403)
      return <Result status={error.status === 404 ? '404' : '403'} title={error.status} subTitle={error.text} extra={<Button onClick={() => navigate('/cases')}>{t('common.back')}</Button>} />;
    return <Alert type="error" showIcon title={error.text} />;
  }
  if (!kase) return <Card size="small" loading />;

  const w = kase.exposureWindow;
  const editable: CaseField[] = kase.classification === 'confirmed' ? ['classification', 'severity', 'outcome', 'origin', 'onsetDate', 'isolatedAt'] : ['classification', 'outcome', 'origin', 'onsetDate', 'isolatedAt'];

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Card
        size="small"
        title={
          <Space>
            <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)}>
              {t('common.back')}
            </Button>
            <span data-testid="case-number">{kase.caseNumber}</span>
            <span data-testid="case-name">{kase.name}</span>
            <ClassificationTag value={kase.classification} />
            <OutcomeTag value={kase.outcome} />
          </Space>
        }
        extra={
          <Space>
            {can('audit:read') && (
              <Link to={`/audit?entityType=case&entityId=${encodeURIComponent(kase.id)}`}>
                <Button size="small" icon={<AuditOutlined />}>
                  {t('nav.audit')}
                </Button>
              </Link>
            )}
            {can('cases:write') && (
              <Dropdown
                trigger={['click']}
                menu={{
                  items: editable.map((f) => ({ key: f, label: <span data-testid={`case-edit-${f}`}>{t(CASE_FIELD_TITLE[f])}</span> })),
                  onClick: ({ key }) => setEditing(key as CaseField),
                }}
              >
                <Button size="small" type="primary" icon={<EditOutlined />} data-testid="case-edit">
                  {t('cases.change')}
                </Button>
              </Dropdown>
            )}
          </Space>
        }
      >
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, md: 2, xl: 4 }}
          data-testid="case-details"
          items={[
            { key: 'name', label: t('cases.name'), children: can('people:read') ? <Link to={`/people/${kase.personId}`}>{kase.name}</Link> : kase.name },
            { key: 'id', label: t('cases.idNumber'), children: <Typography.Text code>{kase.idNumberMasked}</Typography.Text> },
            { key: 'community', label: t('cases.community'), children: kase.community ?? t('common.none') },
            { key: 'origin', label: t('cases.origin'), children: tk('origin', kase.origin) },
            { key: 'severity', label: t('cases.severity'), children: <SeverityTag value={kase.severity} /> },
            { key: 'onset', label: t('cases.onsetDate'), children: formatDate(kase.onsetDate) },
            { key: 'sampled', label: t('cases.sampledAt'), children: formatDateTime(kase.sampledAt) },
            { key: 'reported', label: t('cases.reportedAt'), children: formatDateTime(kase.reportedAt) },
            { key: 'isolated', label: t('cases.isolatedAt'), children: kase.isolatedAt ? formatDateTime(kase.isolatedAt) : <Typography.Text type="warning">{t('cases.notIsolated')}</Typography.Text> },
            {
              key: 'window',
              label: t('cases.exposureWindow'),
              span: 2,
              children: (
                <span data-testid="case-exposure-window">
                  {formatDateTime(w.from)} – {kase.isolatedAt ? formatDateTime(w.until) : t('cases.now')}{' '}
                  <Typography.Text type="secondary">({t('cases.anchoredOn', { anchor: tk('exposureAnchor', w.anchor) })})</Typography.Text>
                </span>
              ),
            },
            {
              key: 'investigation',
              label: t('cases.investigation'),
              children: kase.investigation ? (
                <span>
                  <InvestigationStatusTag status={kase.investigation.status} />
                  {kase.investigation.teamName ?? ''}
                </span>
              ) : (
                t('common.none')
              ),
            },
            {
              key: 'contacts',
              label: t('investigations.contacts'),
              span: 'filled',
              children: t('contacts.counts', { ...kase.contacts }),
            },
          ]}
        />
      </Card>
      <Row gutter={[12, 12]}>
        <Col xs={24} xxl={17}>
          <Card size="small">
            <Tabs
              activeKey={tab}
              onChange={(k) => setParams(k === 'trajectory' ? {} : { tab: k }, { replace: true })}
              items={[
                { key: 'trajectory', label: <span data-testid="case-tab-trajectory">{t('cases.tab.trajectory')}</span>, children: <TrajectoryTab caseId={kase.id} trajectory={trajectory.data} onChanged={reload} /> },
                { key: 'contacts', label: <span data-testid="case-tab-contacts">{t('cases.tab.contacts', { n: kase.contacts.candidates + kase.contacts.confirmed })}</span>, children: <ContactsTab kase={kase} onChanged={reload} /> },
                { key: 'investigation', label: <span data-testid="case-tab-investigation">{t('cases.tab.investigation')}</span>, children: <InvestigationTab kase={kase} investigation={investigation.data} onChanged={reload} /> },
                { key: 'links', label: <span data-testid="case-tab-links">{t('cases.tab.links', { n: kase.infectors.length + kase.infectees.length })}</span>, children: <LinksTab kase={kase} onChanged={reload} /> },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xxl={7}>
          <CaseTimeline kase={kase} investigation={investigation.data} entries={trajectory.data?.entries ?? []} />
        </Col>
      </Row>
      <CaseEditModal
        kase={kase}
        field={editing}
        onClose={() => setEditing(null)}
        onSaved={(c) => {
          setEditing(null);
          setKase(c);
          reload();
        }}
      />
    </Space>
  );
}
