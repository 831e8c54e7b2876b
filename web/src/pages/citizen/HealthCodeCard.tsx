import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Spin, Typography } from 'antd';
import type { CodeView } from '../../api/types';
import { COLOUR_STYLE, ColourBand, GreenAt, ReasonList } from '../../common/colour';
import { useI18n } from '../../i18n';
import { useCitizenToken, useNow } from './useCitizenToken';

const QR_SIZE = 248;

function clock(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/**
 * A person's health code on the phone: the colour as a band that names it, the QR of a token
 * renewed every minute (with its countdown), why the code has its colour and when it turns green.
 * A new `version` renews it at once.
 */
export function HealthCodeCard({ personId, code, version }: { personId: string; code: CodeView | undefined; version?: number }) {
  const { t } = useI18n();
  const { token, error, loading, refreshAt, expiresAt, refresh } = useCitizenToken(personId, version);
  const now = useNow();

  // The token's answer is the freshest; the list's code stands in until it arrives.
  const colour = token?.colour ?? code?.colour;
  const reasons = token?.reasons ?? code?.reasons ?? [];
  const greenAt = token ? token.greenAt : (code?.greenAt ?? null);
  const expired = !!token && now >= expiresAt;
  const refreshIn = Math.min(token?.refreshInSeconds ?? Infinity, Math.max(0, Math.ceil((refreshAt - now) / 1000)));
  
  return (
    <div data-testid="health-code" data-person-id={personId}>
      {colour ? (
        <ColourBand colour={colour} testId="code-colour" />
      ) : (
        <div style={{ height: 72, display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
          <Spin />
        </div>
      )}

      <div style={{ display: 'flex', flexDirection: 'column', alignItems: 'center', marginTop: 16 }}>
        <div
          style={{
            position: 'relative',
            width: QR_SIZE + 16,
            height: QR_SIZE + 16,
            padding: 8,
            borderRadius: 8,
            background: colour ? COLOUR_STYLE[colour].bg : '#d9d9d9',
          }}
        >
          {token ? (
            <img
              src={token.qrPngDataUrl}
              alt={t('code.qrAlt')}
              width={QR_SIZE}
              height={QR_SIZE}
              data-testid="code-qr"
              data-expires-at={token.expiresAt}
              style={{ display: 'block', background: '#fff', borderRadius: 4, opacity: expired ? 0.15 : 1, imageRendering: 'pixelated' }}
            />
          ) : (
            <div style={{ width: QR_SIZE, height: QR_SIZE, background: '#fff', borderRadius: 4, display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
              {loading ? <Spin /> : null}
            </div>
          )}
          {expired && (
            <Button
              type="primary"
              size="large"
              icon={<ReloadOutlined />}
              onClick={refresh}
              style={{ position: 'absolute', top: '50%', left: '50%', transform: 'translate(-50%, -50%)', height: 48 }}
              data-testid="code-expired-refresh"
            >
              {t('code.expiredTapToRefresh')}
            </Button>
          )}
        </div>
        <div style={{ marginTop: 8, fontSize: 15, color: '#595959', textAlign: 'center' }} data-testid="code-countdown" aria-live="off">
          {token && !expired && (
            <>
              {loading ? t('code.refreshing') : t('code.refreshIn', { s: refreshIn })}
              {' · '}
              {t('code.validUntil', { time: clock(expiresAt) })}
            </>
          )}
          {expired && t('code.expired')}
        </div>
        {!expired && token && (
          <Button type="link" icon={<ReloadOutlined />} onClick={refresh} loading={loading} data-testid="code-refresh" style={{ height: 44 }}>
            {t('code.refreshNow')}
          </Button>
        )}
      </div>

      {error && (
        <Alert type="warning" showIcon title={t('code.refreshFailed')} description={error} style={{ marginTop: 12 }} data-testid="code-error" />
      )}

      <div style={{ marginTop: 16, fontSize: 16 }}>
        <Typography.Text strong style={{ fontSize: 17 }}>
          {colour && <GreenAt colour={colour} greenAt={greenAt} testId="code-green-at" />}
        </Typography.Text>
        <div style={{ marginTop: 8 }}>
          <Typography.Text type="secondary">{t('code.reasons')}</Typography.Text>
          <ReasonList reasons={reasons} testId="code-reasons" />
        </div>
      </div>
    </div>
  );
}
