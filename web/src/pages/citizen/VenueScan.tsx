import { ScanOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, api } from '../../api/client';
import type { CitizenScanResult } from '../../api/types';
import { useBilingual } from '../../common/colour';
import { formatDateTime } from '../../common/format';
import { QrScanButton } from '../../common/QrScanButton';
import { randomId } from '../../common/randomId';
import { useApiError } from '../../common/useApiError';
import { Verdict } from '../../common/Verdict';
import { useI18n } from '../../i18n';
import { touch } from './CitizenShell';

/**
 * "Scan a venue": the venue code typed from the poster (or the poster's whole QR text
 * `yipan:venue:<code>`), or read by the camera; the answer is PASS or DENY with the reason.
 */
export function VenueScan({ personId }: { personId: string }) {
  const { t } = useI18n();
  const text = useBilingual();
  const { describe } = useApiError();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<CitizenScanResult | null>(null);

  const send = async (value: string) => {
    const venueCode = value.trim();
    if (!venueCode) {
      setError(t('scan.codeRequired'));
      return;
    }
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      // One id per attempt: a retried request is not recorded twice.
      setResult(await api.post<CitizenScanResult>('/api/citizen/scans', { venueCode, personId, eventId: randomId() }));
    } catch (e) {
      setError(e instanceof ApiError && e.status === 404 ? t('scan.venueNotFound') : describe(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small" title={<span><ScanOutlined /> {t('scan.title')}</span>} data-testid="venue-scan">
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t('scan.hint')}
      </Typography.Paragraph>
      <Space.Compact style={{ width: '100%' }}>
        <Input
          value={code}
          onChange={(e) => setCode(e.target.value)}
          onPressEnter={() => void send(code)}
          placeholder={t('scan.placeholder')}
          autoCapitalize="characters"
          autoComplete="off"
          style={touch}
          data-testid="venue-code"
        />
        <Button type="primary" style={touch} loading={busy} onClick={() => void send(code)} data-testid="venue-submit">
          {t('scan.submit')}
        </Button>
      </Space.Compact>
      <QrScanButton
        block
        size="large"
        style={{ ...touch, marginTop: 8 }}
        label={t('scan.cameraVenue')}
        testId="venue-camera"
        onResult={(scanned) => {
          setCode(scanned);
          void send(scanned);
        }}
      />
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} data-testid="venue-scan-error" />}
      {result && (
        <div style={{ marginTop: 12 }}>
          <Verdict
            result={result.result}
            reasons={result.reason ? [text(result.reason)] : []}
            testId="scan-result"
          >
            <div data-testid="scan-venue">{result.venue.name}</div>
            <div style={{ opacity: 0.9 }}>{formatDateTime(result.scannedAt)}</div>
          </Verdict>
        </div>
      )}
    </Card>
  );
}
