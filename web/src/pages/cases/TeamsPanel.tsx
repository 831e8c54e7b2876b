import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Progress, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../i18n';
import { useCan } from '../../session/SessionContext';
import { TeamModal } from './TeamModal';
import type { Team } from './types';

/** The teams that take investigations in rotation, with their load against their capacity. */
export function TeamsPanel({ teams, onChanged }: { teams: Team[]; onChanged: () => void }) {
  const { t } = useI18n();
  const can = useCan();
  const manage = can('investigations:manage');
  const [editing, setEditing] = useState<{ team: Team | null } | null>(null);

  return (
    <Card
      size="small"
      title={t('teams.title')}
      data-testid="teams-panel"
      extra={
        manage && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setEditing({ team: null })} data-testid="team-new">
            {t('teams.new')}
          </Button>
        )
      }
    >
      {teams.length === 0 && <Typography.Text type="secondary">{t('teams.none')}</Typography.Text>}
      {teams.map((team) => {
        const full = team.load >= team.capacity;
        return (
          <div key={team.id} data-testid="team-row" style={{ padding: '6px 0', borderBottom: '1px solid #f0f0f0' }}>
            <Space size={4} wrap style={{ width: '100%', justifyContent: 'space-between' }}>
              <Space size={4} wrap>
                <Typography.Text strong>{team.name}</Typography.Text>
                <Typography.Text type="secondary">{team.jurisdictionName}</Typography.Text>
                {!team.active && <Tag>{t('teams.inactive')}</Tag>}
              </Space>
              {manage && <Button size="small" type="link" icon={<EditOutlined />} onClick={() => setEditing({ team })} aria-label={t('common.edit')} data-testid="team-edit" />}
            </Space>
            <Progress
              percent={Math.min(100, Math.round((team.load / Math.max(1, team.capacity)) * 100))}
              size="small"
              status={full ? 'exception' : 'normal'}
              format={() => <span data-testid="team-load">{`${team.load} / ${team.capacity}`}</span>}
            />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {team.memberNames.length ? team.memberNames.join('、') : t('teams.noMembers')}
            </Typography.Text>
          </div>
        );
      })}
      <TeamModal
        team={editing?.team ?? null}
        open={!!editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          onChanged();
        }}
      />
    </Card>
  );
}
