import { BellOutlined, HistoryOutlined, HomeOutlined, IdcardOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Collapse, Divider, Empty, Skeleton, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api/client';
import type { Appeal, CitizenCode, JurisdictionRef, Person } from '../../api/types';
import { ColourHistory } from '../../common/ColourHistory';
import { useBilingual } from '../../common/colour';
import { formatDateTime } from '../../common/format';
import { GroupTags } from '../../common/GroupTags';
import { useApiError } from '../../common/useApiError';
import { useI18n } from '../../i18n';
import { SignOutButton } from '../../layout/SignOutButton';
import { useSession } from '../../session/SessionContext';
import { AntigenSelfTest } from './AntigenSelfTest';
import { CitizenAppeal } from './CitizenAppeal';
import { CitizenShell } from './CitizenShell';
import { HealthCodeCard } from './HealthCodeCard';
import { VenueScan } from './VenueScan';

/** /api/citizen/me returns Person; ancestors or community, when the server adds them, name the community. */
type CitizenPerson = Person & { ancestors?: JurisdictionRef[]; community?: JurisdictionRef | null };

function communityOf(p: CitizenPerson): string {
  if (p.community) return p.community.name;
  const c = p.ancestors?.find((a) => a.level === 'community');
  if (c) return c.name;
  return p.jurisdiction.name;
}

interface Data {
  people: CitizenPerson[];
  codes: Map<string, CitizenCode>;
  appeals: Appeal[];
}

export default function CitizenHomePage() {
  const { t } = useI18n();
  const { state } = useSession();
  const { describe } = useApiError();
  const [data, setData] = useState<Data | null>(null);
  const [error, setError] = useState<string | null>(null);
  const phoneMasked = state.status === 'signedIn' && state.session.kind === 'citizen' ? state.session.phoneMasked : '';

  const load = useCallback(() => {
    setError(null);
    setData(null);
    Promise.all([
      api.get<{ people: CitizenPerson[] }>('/api/citizen/me'),
      api.get<{ items: CitizenCode[] }>('/api/citizen/codes'),
      api.get<{ items: Appeal[] }>('/api/citizen/appeals'),
    ])
      .then(([me, codes, appeals]) =>
        setData({ people: me.people, codes: new Map(codes.items.map((c) => [c.person.id, c])), appeals: appeals.items }),
      )
      .catch((e) => setError(describe(e)));
  }, [describe]);

  /** After an appeal or an antigen self-test: the code, its notices and history, and the appeals. */
  const reloadQuietly = useCallback(() => {
    Promise.all([api.get<{ items: CitizenCode[] }>('/api/citizen/codes'), api.get<{ items: Appeal[] }>('/api/citizen/appeals')])
      .then(([codes, appeals]) =>
        setData((d) => (d ? { ...d, codes: new Map(codes.items.map((c) => [c.person.id, c])), appeals: appeals.items } : d)),
      )
      .catch((e) => setError(describe(e)));
  }, [describe]);

  useEffect(load, [load]);

  return (
    <CitizenShell>
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Card size="small">
          <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8 }}>
            <Typography.Text data-testid="citizen-phone-masked">{t('citizen.signedInAs', { phone: phoneMasked })}</Typography.Text>
            <SignOutButton style={{ height: 44 }} to="/citizen/login" data-testid="citizen-sign-out" />
          </div>
        </Card>

        {error && (
          <Alert
            type="error"
            showIcon
            title={error}
            action={
              <Button icon={<ReloadOutlined />} onClick={load}>
                {t('common.retry')}
              </Button>
            }
          />
        )}
        {!data && !error && <Skeleton active />}
        {data && data.people.length === 0 && <Empty description={t('citizen.noRecords')} />}
        {data?.people.map((p) => (
          <CitizenPersonSection
            key={p.id}
            person={p}
            code={data.codes.get(p.id)}
            appeals={data.appeals.filter((a) => a.personId === p.id)}
            onChanged={reloadQuietly}
          />
        ))}
      </Space>
    </CitizenShell>
  );
}

function CitizenPersonSection({
  person: p,
  code,
  appeals,
  onChanged,
}: {
  person: CitizenPerson;
  code: CitizenCode | undefined;
  appeals: Appeal[];
  onChanged: () => void;
}) {
  const { t, tk } = useI18n();
  const text = useBilingual();
  const notices = code ? [...code.notices].reverse() : [];
  // An antigen self-test may change the colour: the QR token is renewed with it.
  const [codeVersion, setCodeVersion] = useState(0);
  const onAntigen = () => {
    setCodeVersion((v) => v + 1);
    onChanged();
  };

  return (
    <section data-testid="citizen-person" data-person-id={p.id} style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
      <Card data-testid="citizen-record" styles={{ body: { padding: 16 } }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline', gap: 8, flexWrap: 'wrap', marginBottom: 12 }}>
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="citizen-record-name">
            {p.name}
          </Typography.Title>
          <Typography.Text code style={{ fontSize: 15 }} data-testid="citizen-record-id">
            {p.idNumberMasked}
          </Typography.Text>
        </div>

        <HealthCodeCard personId={p.id} code={code?.code} version={codeVersion} />

        <Divider style={{ margin: '16px 0 8px' }} />
        <div style={{ fontSize: 15, lineHeight: '30px' }}>
          <div>
            <IdcardOutlined /> <Typography.Text type="secondary">{tk('doc', p.documentType)}</Typography.Text>
          </div>
          <div>
            <HomeOutlined /> <Typography.Text type="secondary">{t('citizen.community')}{t('common.colon')}</Typography.Text>
            <span data-testid="citizen-record-community">{communityOf(p)}</span>
          </div>
          {p.address && <div style={{ color: '#595959' }}>{p.address}</div>}
          {(p.groups.length > 0 || p.residency === 'floating') && (
            <div style={{ marginTop: 8 }}>
              {p.residency === 'floating' && <Tag color="orange">{tk('residency', p.residency)}</Tag>}
              <GroupTags groups={p.groups} />
            </div>
          )}
        </div>
      </Card>

      <VenueScan personId={p.id} />

      <AntigenSelfTest personId={p.id} onRecorded={onAntigen} />

      {notices.length > 0 && (
        <Card size="small" title={<span><BellOutlined /> {t('code.notices')}</span>} data-testid="code-notices">
          <Space orientation="vertical" style={{ width: '100%' }}>
            {notices.map((n, i) => (
              <Alert
                key={`${n.at}:${i}`}
                type="info"
                title={text(n.message)}
                description={formatDateTime(n.at)}
                data-testid="code-notice"
              />
            ))}
          </Space>
        </Card>
      )}

      <CitizenAppeal personId={p.id} colour={code?.code.colour} appeals={appeals} onFiled={onChanged} />

      <Collapse
        data-testid="code-history-panel"
        items={[
          {
            key: 'history',
            label: (
              <span style={{ fontSize: 16 }}>
                <HistoryOutlined /> {t('code.history')}
              </span>
            ),
            children: <ColourHistory items={code?.history ?? []} testId="code-history" />,
          },
        ]}
        style={{ background: '#fff' }}
      />
    </section>
  );
}
