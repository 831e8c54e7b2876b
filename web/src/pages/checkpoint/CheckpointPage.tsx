import { ClearOutlined, SafetyCertificateOutlined, WarningFilled } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Input, Row, Space, Typography } from 'antd';
import type { InputRef } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { ApiError, api } from '../../api/client';
import type { PassCheck } from '../../api/types';
import { ColourTag, useBilingual } from '../../common/colour';
import { formatDateTime } from '../../common/format';
import { QrScanButton } from '../../common/QrScanButton';
import { useApiError } from '../../common/useApiError';
import { Verdict } from '../../common/Verdict';
import { useI18n } from '../../i18n';
import { VenueSelect, type VenueOption } from '../venues/VenueSelect';

const JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const VENUE_QR = /^yipan:venue:/i;
const VENUE_KEY = 'yipan.checkpoint.venue';

/** What the big input holds: a scanned code (a signed token), a person id, or an ID document number. */
export function subjectOf(text: string): { token: string } | { personId: string } | { idNumber: string } {
  const s = text.trim();
  if (JWS.test(s)) return { token: s };
  if (UUID.test(s)) return { personId: s };
  return { idNumber: s.replace(/\s+/g, '').toUpperCase() };
}

/** The venue chosen at this gate, kept in the browser: a gate stays at one place all day. */
function useStoredVenue(): [VenueOption | null, (v: VenueOption | null) => void] {
  const [venue, setVenue] = useState<VenueOption | null>(() => {
    try {
      const saved = localStorage.getItem(VENUE_KEY);
      return saved ? (JSON.parse(saved) as VenueOption) : null;
    } catch {
      return null;
    }
  });
  const set = (v: VenueOption | null) => {
    setVenue(v);
    try {
      if (v) localStorage.setItem(VENUE_KEY, JSON.stringify(v));
      else localStorage.removeItem(VENUE_KEY);
    } catch {
      // storage unavailable: the choice lasts for this page only
    }
  };
  return [venue, set];
}

type Outcome = { kind: 'result'; check: PassCheck } | { kind: 'error'; message: string };

const big = { height: 56, fontSize: 22 } as const;

/**
 * The pass check (两码一证) at a gate: scan or paste the person's code, or type their ID number;
 * the temperature; Enter. The answer fills the screen — PASS in green or DENY in red with every
 * reason — and the cursor is back in the input for the next person.
 */
export default function CheckpointPage() {
  const { t, tk } = useI18n();
  const text = useBilingual();
  const { describe } = useApiError();
  const [subject, setSubject] = useState('');
  const [temperature, setTemperature] = useState('');
  const [venue, setVenue] = useStoredVenue();
  const [busy, setBusy] = useState(false);
  const [hint, setHint] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const subjectRef = useRef<InputRef>(null);
  const temperatureRef = useRef<InputRef>(null);

  useEffect(() => subjectRef.current?.focus(), []);

  const check = async (value = subject) => {
    const s = value.trim();
    if (!s) {
      setHint(t('checkpoint.subjectRequired'));
      subjectRef.current?.focus();
      return;
    }
    if (VENUE_QR.test(s)) {
      // A venue poster scanned by mistake (or on purpose, to set the gate's venue).
      const code = s.replace(VENUE_QR, '');
      setSubject('');
      try {
        const r = await api.get<{ items: VenueOption[] }>('/api/venues', { q: code, pageSize: 5 });
        const v = r.items.find((i) => i.code.toUpperCase() === code.toUpperCase());
        if (v) {
          setVenue({ id: v.id, code: v.code, name: v.name, type: v.type });
          setHint(t('checkpoint.venueSet', { name: v.name }));
        } else setHint(t('checkpoint.venueUnknown', { code }));
      } catch (e) {
        setHint(describe(e));
      }
      subjectRef.current?.focus();
      return;
    }
    const temp = Number(temperature.trim().replace(',', '.'));
    if (!temperature.trim() || !Number.isFinite(temp) || temp < 34 || temp > 43) {
      setHint(temperature.trim() ? t('checkpoint.temperatureRange') : t('checkpoint.temperatureRequired'));
      temperatureRef.current?.focus({ cursor: 'all' });
      return;
    }
    setHint(null);
    setBusy(true);
    try {
      const answer = await api.post<PassCheck>('/api/pass-checks', { ...subjectOf(s), temperature: temp, ...(venue && { venueId: venue.id }) });
      setOutcome({ kind: 'result', check: answer });
      setSubject('');
      setTemperature('');
    } catch (e) {
      // The two answers a gate meets every day, in the staff's language; anything else as the server said it.
      const message =
        e instanceof ApiError && e.status === 404 && !venue
          ? t('checkpoint.personNotFound')
          : e instanceof ApiError && e.field === 'token'
            ? t('checkpoint.tokenInvalid')
            : describe(e);
      setOutcome({ kind: 'error', message });
    } finally {
      setBusy(false);
      // Next person: back to the input (selected, so a new scan replaces a failed one).
      setTimeout(() => subjectRef.current?.focus({ cursor: 'all' }), 0);
    }
  };

  /** Enter in the code field: on to the temperature if it is still empty, else check. */
  const onSubjectEnter = () => {
    if (!temperature.trim() && subject.trim() && !VENUE_QR.test(subject.trim())) {
      setHint(null);
      temperatureRef.current?.focus();
      return;
    }
    void check();
  };

  const result = outcome?.kind === 'result' ? outcome.check : null;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        size="small"
        title={
          <span>
            <SafetyCertificateOutlined /> {t('checkpoint.title')}
          </span>
        }
        extra={
          outcome && (
            <Button
              size="small"
              icon={<ClearOutlined />}
              onClick={() => {
                setOutcome(null);
                subjectRef.current?.focus();
              }}
              data-testid="checkpoint-clear"
            >
              {t('checkpoint.clear')}
            </Button>
          )
        }
      >
        <Row gutter={[12, 12]} align="bottom">
          <Col xs={24} lg={12}>
            <Typography.Text type="secondary">{t('checkpoint.subjectLabel')}</Typography.Text>
            <Space.Compact style={{ width: '100%' }}>
              <Input
                ref={subjectRef}
                value={subject}
                onChange={(e) => setSubject(e.target.value)}
                onPressEnter={onSubjectEnter}
                placeholder={t('checkpoint.subjectPlaceholder')}
                autoComplete="off"
                spellCheck={false}
                style={big}
                data-testid="checkpoint-input"
              />
              <QrScanButton
                style={big}
                testId="checkpoint-camera"
                onResult={(scanned) => {
                  setSubject(scanned);
                  if (temperature.trim() || VENUE_QR.test(scanned)) void check(scanned);
                  else temperatureRef.current?.focus();
                }}
              />
            </Space.Compact>
          </Col>
          <Col xs={12} lg={4}>
            <Typography.Text type="secondary">{t('checkpoint.temperature')}</Typography.Text>
            <Input
              ref={temperatureRef}
              value={temperature}
              onChange={(e) => setTemperature(e.target.value.replace(/[^\d.,]/g, ''))}
              onPressEnter={() => void check()}
              inputMode="decimal"
              placeholder="36.5"
              suffix="°C"
              autoComplete="off"
              style={big}
              data-testid="checkpoint-temperature"
            />
          </Col>
          <Col xs={12} lg={3}>
            <Button type="primary" block loading={busy} onClick={() => void check()} style={big} data-testid="checkpoint-submit">
              {t('checkpoint.submit')}
            </Button>
          </Col>
          <Col xs={24} lg={5}>
            <Typography.Text type="secondary">{t('checkpoint.venue')}</Typography.Text>
            <VenueSelect
              value={venue}
              onChange={setVenue}
              placeholder={t('checkpoint.noVenue')}
              size="large"
              style={{ width: '100%', height: 56 }}
              testId="checkpoint-venue"
            />
          </Col>
        </Row>
        <div style={{ minHeight: 22, marginTop: 8 }} data-testid="checkpoint-hint">
          {hint && <Typography.Text type="warning">{hint}</Typography.Text>}
        </div>
      </Card>

      <div style={{ minHeight: '55vh' }} data-testid="pass-outcome">
        {!outcome && (
          <div
            style={{
              minHeight: '55vh',
              border: '2px dashed #d9d9d9',
              borderRadius: 12,
              display: 'flex',
              alignItems: 'center',
              justifyContent: 'center',
              color: '#8c8c8c',
              fontSize: 22,
              textAlign: 'center',
              padding: 24,
            }}
          >
            {t('checkpoint.waiting')}
          </div>
        )}
        {outcome?.kind === 'error' && (
          <div
            role="alert"
            data-testid="pass-error"
            style={{ minHeight: '55vh', background: '#595959', color: '#fff', borderRadius: 12, padding: 32, textAlign: 'center', display: 'flex', flexDirection: 'column', justifyContent: 'center' }}
          >
            <div style={{ fontSize: 56, fontWeight: 800 }}>
              <WarningFilled /> {t('checkpoint.cannotCheck')}
            </div>
            <div style={{ fontSize: 24, marginTop: 16 }}>{outcome.message}</div>
            <div style={{ fontSize: 18, marginTop: 16, opacity: 0.85 }}>{t('checkpoint.cannotCheckHint')}</div>
          </div>
        )}
        {result && (
          <div style={{ minHeight: '55vh', display: 'flex', flexDirection: 'column', gap: 12 }}>
            <Verdict result={result.result} reasons={result.reasons.map((r) => text(r))} size="huge" testId="pass-result">
              <span data-testid="pass-person">
                {result.person.nameMasked} · {result.person.idNumberMasked}
              </span>
            </Verdict>
            <Descriptions
              size="small"
              bordered
              column={{ xs: 1, sm: 2, lg: 4 }}
              style={{ background: '#fff' }}
              data-testid="pass-details"
              items={[
                { key: 'colour', label: t('checkpoint.colour'), children: <ColourTag colour={result.colour} testId="pass-colour" /> },
                {
                  key: 'temperature',
                  label: t('checkpoint.temperature'),
                  children: (
                    <span data-testid="pass-temperature" style={{ fontWeight: 600, color: result.reasons.some((r) => r.check === 'temperature') ? '#cf1322' : undefined }}>
                      {result.temperature.toFixed(1)} °C
                    </span>
                  ),
                },
                {
                  key: 'test',
                  label: t('checkpoint.latestTest', { h: result.testWindowHours }),
                  children: result.latestNegativeTest
                    ? `${tk('testKind', result.latestNegativeTest.kind)} · ${formatDateTime(result.latestNegativeTest.sampledAt)}`
                    : t('checkpoint.noNegativeTest'),
                },
                { key: 'venue', label: t('checkpoint.venue'), children: result.venue ? result.venue.name : t('checkpoint.noVenue') },
                { key: 'at', label: t('checkpoint.checkedAt'), children: formatDateTime(result.checkedAt) },
              ]}
            />
          </div>
        )}
      </div>
    </Space>
  );
}
