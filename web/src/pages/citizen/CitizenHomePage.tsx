import { HomeOutlined, IdcardOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Skeleton, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api/client';
import type { JurisdictionRef, Person } from '../../api/types';
import { GroupTags } from '../../common/GroupTags';
import { useApiError } from '../../common/useApiError';
import { useI18n } from '../../i18n';
import { SignOutButton } from '../../layout/SignOutButton';
import { useSession } from '../../session/SessionContext';
import { CitizenShell } from './CitizenShell';

/** /api/citizen/me returns Person; ancestors or community, when the server adds them, name the community. */
type CitizenPerson = Person & { ancestors?: JurisdictionRef[]; community?: JurisdictionRef | null };

function communityOf(p: CitizenPerson): string {
  if (p.community) return p.community.name;
  const c = p.ancestors?.find((a) => a.level === 'community');
  if (c) return c.name;
  return p.jurisdiction.name;
}

export default function CitizenHomePage() {
  const { t, tk } = useI18n();
  const { state } = useSession();
  const { describe } = useApiError();
  const [people, setPeople] = useState<CitizenPerson[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const phoneMasked = state.status === 'signedIn' && state.session.kind === 'citizen' ? state.session.phoneMasked : '';

  const load = useCallback(() => {
    setError(null);
    setPeople(null);
    api
      .get<{ people: CitizenPerson[] }>('/api/citizen/me')
      .then((r) => setPeople(r.people))
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

        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('citizen.records')}
        </Typography.Title>

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
        {!people && !error && <Skeleton active />}
        {people && people.length === 0 && <Empty description={t('citizen.noRecords')} />}
        {people?.map((p) => (
          <Card key={p.id} data-testid="citizen-record" styles={{ body: { padding: 16 } }}>
            <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 12 }} data-testid="citizen-record-name">
              {p.name}
            </Typography.Title>
            <div style={{ fontSize: 16, lineHeight: '32px' }}>
              <div>
                <IdcardOutlined /> <Typography.Text type="secondary">{tk('doc', p.documentType)}：</Typography.Text>
                <Typography.Text code style={{ fontSize: 16 }} data-testid="citizen-record-id">
                  {p.idNumberMasked}
                </Typography.Text>
              </div>
              <div>
                <HomeOutlined /> <Typography.Text type="secondary">{t('citizen.community')}：</Typography.Text>
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
        ))}
      </Space>
    </CitizenShell>
  );
}
