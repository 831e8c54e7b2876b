import { TeamOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import type { Grid, JurisdictionDetail } from '../../api/types';
import { AncestorPath, LevelTag } from '../../common/JurisdictionTag';
import { useApiError } from '../../common/useApiError';
import { useI18n } from '../../i18n';
import { useCan } from '../../session/SessionContext';

/** Details of one jurisdiction node, its grids when it is a community, and a link to its people. */
export function JurisdictionPanel({ id }: { id: string }) {
  const { t } = useI18n();
  const can = useCan();
  const { describe } = useApiError();
  const [detail, setDetail] = useState<JurisdictionDetail | null>(null);
  const [grids, setGrids] = useState<Grid[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);

  useEffect(() => {
    const ac = new AbortController();
    setLoading(true);
    setError(null);
    setGrids(null);
    api
      .get<JurisdictionDetail>(`/api/jurisdictions/${encodeURIComponent(id)}`, undefined, ac.signal)
      .then(async (d) => {
        setDetail(d);
        if (d.level === 'community') {
          const g = await api.get<{ items: Grid[] }>('/api/grids', { communityId: d.id }, ac.signal);
          setGrids(g.items);
        }
      })
      .catch((e) => {
        if (!ac.signal.aborted) setError(describe(e));
      })
      .finally(() => {
        if (!ac.signal.aborted) setLoading(false);
      });
    return () => ac.abort();
  }, [id, describe]);

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={16}>
      <Card
        size="small"
        title={t('jur.details')}
        loading={loading && !detail}
        data-testid="jur-details"
        extra={
          detail &&
          can('people:read') && (
            <Link to={`/people?jurisdictionId=${encodeURIComponent(detail.id)}`} data-testid="jur-people-here">
              <Button size="small" type="primary" icon={<TeamOutlined />}>
                {t('jur.peopleHere')}
              </Button>
            </Link>
          )
        }
      >
        {error && <Alert type="error" showIcon title={error} />}
        {detail && (
          <Descriptions
            size="small"
            column={1}
            bordered
            items={[
              { key: 'name', label: t('jur.name'), children: <Typography.Text strong>{detail.name}</Typography.Text> },
              { key: 'code', label: t('jur.code'), children: <Typography.Text copyable>{detail.code}</Typography.Text> },
              { key: 'level', label: t('jur.level'), children: <LevelTag level={detail.level} /> },
              {
                key: 'path',
                label: t('jur.path'),
                children: detail.ancestors.length ? <AncestorPath ancestors={detail.ancestors} /> : t('common.none'),
              },
            ]}
          />
        )}
      </Card>
      {grids && (
        <Card size="small" title={t('jur.grids')} data-testid="jur-grids">
          <Table<Grid>
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={grids}
            columns={[
              { title: t('jur.gridCode'), dataIndex: 'code', width: 160 },
              { title: t('jur.gridName'), dataIndex: 'name' },
              {
                title: t('jur.gridWorker'),
                key: 'worker',
                render: (_, g) =>
                  g.worker ? (
                    <span>
                      {g.worker.displayName} <Typography.Text type="secondary">({g.worker.username})</Typography.Text>
                    </span>
                  ) : (
                    <Tag>{t('jur.noWorker')}</Tag>
                  ),
              },
            ]}
          />
        </Card>
      )}
    </Space>
  );
}
