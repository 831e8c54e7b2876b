import { ArrowLeftOutlined, AuditOutlined, EditOutlined, EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Result, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError, api } from '../../api/client';
import type { PersonDetail, RevealResult } from '../../api/types';
import { formatDate, formatDateTime } from '../../common/format';
import { GroupTags } from '../../common/GroupTags';
import { AncestorPath, LevelTag } from '../../common/JurisdictionTag';
import { useApiError } from '../../common/useApiError';
import { useI18n } from '../../i18n';
import { useCan } from '../../session/SessionContext';
import { EditPersonModal } from './EditPersonModal';
import { HealthCodePanel } from './health/HealthCodePanel';
import { RevealModal } from './RevealModal';

export default function PersonDetailPage() {
  const { id = '' } = useParams();
  // Keyed by id: moving to another person discards anything revealed for the previous one.
  return <PersonDetailView key={id} id={id} />;
}

function PersonDetailView({ id }: { id: string }) {
  const { t, tk } = useI18n();
  const can = useCan();
  const navigate = useNavigate();
  const { describe } = useApiError();
  const [person, setPerson] = useState<PersonDetail | null>(null);
  const [error, setError] = useState<{ status: number; text: string } | null>(null);
  const [revealing, setRevealing] = useState(false);
  const [editing, setEditing] = useState(false);
  // Full values live only in this component's state: leaving the page unmounts it and drops them.
  const [revealed, setRevealed] = useState<RevealResult | null>(null);

  useEffect(() => {
    const ac = new AbortController();
    api
      .get<PersonDetail>(`/api/people/${encodeURIComponent(id)}`, undefined, ac.signal)
      .then(setPerson)
      .catch((e) => {
        if (!ac.signal.aborted) setError({ status: e instanceof ApiError ? e.status : 0, text: describe(e) });
      });
    return () => ac.abort();
  }, [id, describe]);

  if (error) {
    if (error.status === 404 || error.status === 403) {
      return (
        <Result
          status={error.status === 404 ? '404' : '403'}
          title={error.status}
          subTitle={error.text}
          extra={<Button onClick={() => navigate('/people')}>{t('common.back')}</Button>}
        />
      );
    }
    return <Alert type="error" showIcon title={error.text} />;
  }

  const back = (
    <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} data-testid="person-back">
      {t('common.back')}
    </Button>
  );

  return (
    <>
    <Card
      size="small"
      loading={!person}
      title={
        <Space>
          {back}
          <span data-testid="person-name">{person?.name ?? t('people.detailTitle')}</span>
        </Space>
      }
      extra={
        person && (
          <Space>
            {can('audit:read') && (
              <Link to={`/audit?entityType=person&entityId=${encodeURIComponent(person.id)}`} data-testid="person-audit-link">
                <Button size="small" icon={<AuditOutlined />}>
                  {t('nav.audit')}
                </Button>
              </Link>
            )}
            {can('people:write') && (
              <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="edit-button">
                {t('common.edit')}
              </Button>
            )}
            {can('people:reveal') &&
              (revealed ? (
                <Button size="small" icon={<EyeInvisibleOutlined />} onClick={() => setRevealed(null)} data-testid="hide-button">
                  {t('people.hide')}
                </Button>
              ) : (
                <Button
                  size="small"
                  type="primary"
                  danger
                  icon={<EyeOutlined />}
                  onClick={() => setRevealing(true)}
                  data-testid="reveal-button"
                >
                  {t('people.reveal')}
                </Button>
              ))}
          </Space>
        )
      }
    >
      {person && (
        <>
          {revealed && (
            <Alert type="info" showIcon title={t('people.revealed')} style={{ marginBottom: 12 }} />
          )}
          <Descriptions
            size="small"
            bordered
            column={{ xs: 1, sm: 1, md: 2, xl: 3 }}
            data-testid="person-details"
            items={[
              { key: 'name', label: t('people.name'), children: person.name },
              { key: 'doc', label: t('people.documentType'), children: tk('doc', person.documentType) },
              {
                key: 'id',
                label: t('people.idNumber'),
                children: revealed ? (
                  <Typography.Text strong copyable data-testid="revealed-id-number">
                    {revealed.idNumber}
                  </Typography.Text>
                ) : (
                  <Typography.Text code data-testid="masked-id-number">
                    {person.idNumberMasked}
                  </Typography.Text>
                ),
              },
              {
                key: 'phone',
                label: t('people.phone'),
                children: revealed ? (
                  <Typography.Text strong copyable data-testid="revealed-phone">
                    {revealed.phone}
                  </Typography.Text>
                ) : (
                  <span data-testid="masked-phone">{person.phoneMasked}</span>
                ),
              },
              { key: 'sex', label: t('people.sex'), children: person.sex ? tk('sex', person.sex) : t('common.none') },
              { key: 'birth', label: t('people.birthDate'), children: formatDate(person.birthDate) },
              { key: 'residency', label: t('people.residency'), children: tk('residency', person.residency) },
              {
                key: 'groups',
                label: t('people.groups'),
                children: person.groups.length ? <GroupTags groups={person.groups} /> : t('common.none'),
              },
              { key: 'address', label: t('people.address'), children: person.address ?? t('common.none') },
              {
                key: 'jurisdiction',
                label: t('people.jurisdiction'),
                span: 'filled',
                children: (
                  <span>
                    <LevelTag level={person.jurisdiction.level} />
                    <AncestorPath ancestors={person.ancestors} self={person.jurisdiction} />
                    <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                      {person.jurisdiction.code}
                    </Typography.Text>
                  </span>
                ),
              },
              { key: 'created', label: t('people.createdAt'), children: formatDateTime(person.createdAt) },
              { key: 'updated', label: t('people.updatedAt'), children: formatDateTime(person.updatedAt) },
            ]}
          />
          <RevealModal
            personId={person.id}
            open={revealing}
            onClose={() => setRevealing(false)}
            onRevealed={(r) => {
              setRevealed(r);
              setRevealing(false);
            }}
          />
          <EditPersonModal
            person={person}
            open={editing}
            onClose={() => setEditing(false)}
            onSaved={(p) => {
              setPerson((prev) => (prev ? { ...prev, ...p } : prev));
              setEditing(false);
              setRevealed(null);
            }}
          />
        </>
      )}
    </Card>
    {person && <HealthCodePanel personId={person.id} />}
    </>
  );
}
