import { Alert, Card, Segmented, Typography } from 'antd';
import { useState } from 'react';
import { useApiGet } from '../../common/useApiGet';
import { useI18n } from '../../i18n';
import type { PublicNotice } from './types';

/** The anonymised notice of the case's movements (活动轨迹公告), ready to copy, in either language. */
export function PublicNoticeCard({ caseId }: { caseId: string }) {
  const { t, lang } = useI18n();
  const [which, setWhich] = useState<'zh' | 'en'>(lang === 'zh-CN' ? 'zh' : 'en');
  const [open, setOpen] = useState(false);
  const { data, error, loading } = useApiGet<PublicNotice>(open ? `/api/cases/${encodeURIComponent(caseId)}/public-notice` : null);
  return (
    <Card
      size="small"
      title={t('notice.title')}
      data-testid="public-notice"
      extra={
        open ? (
          <Segmented
            size="small"
            value={which}
            onChange={(v) => setWhich(v as 'zh' | 'en')}
            options={[
              { value: 'zh', label: '中文' },
              { value: 'en', label: 'English' },
            ]}
          />
        ) : (
          <Typography.Link onClick={() => setOpen(true)} data-testid="public-notice-show">
            {t('notice.preview')}
          </Typography.Link>
        )
      }
      loading={loading}
    >
      {!open && <Typography.Text type="secondary">{t('notice.help')}</Typography.Text>}
      {error && <Alert type="warning" showIcon title={error} />}
      {data && (
        <Typography.Paragraph copyable={{ text: data.text[which] }} style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }} data-testid="public-notice-text">
          {data.text[which]}
        </Typography.Paragraph>
      )}
    </Card>
  );
}
