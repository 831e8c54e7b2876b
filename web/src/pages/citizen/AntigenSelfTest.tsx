import { ExperimentOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Input, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { formatDateTime } from '../../common/format';
import { useApiError } from '../../common/useApiError';
import { useI18n } from '../../i18n';
import { touch } from './CitizenShell';

type AntigenResult = 'negative' | 'positive';

/** POST /api/citizen/antigen answers this (see follow-up.schemas.ts AntigenRecorded). */
interface AntigenRecorded {
  id: string;
  personId: string;
  result: string;
  testedAt: string;
  followUpId: string | null;
}

const WEEK_MS = 7 * 86_400_000;
/** The server accepts a test time up to 5 minutes ahead of its clock. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

/** A local date-time as a `datetime-local` input holds it: 2022-05-01T08:30. */
function localInputValue(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

/**
 * The citizen's antigen self-test report for one person: the result (negative or positive, two
 * big buttons), when it was tested (now by default; the phone's own date-time picker), and the
 * answer. A positive one explains that a NAT re-test follows and the code is yellow until then;
 * `onRecorded` lets the page reload the code.
 */
export function AntigenSelfTest({ personId, onRecorded }: { personId: string; onRecorded: () => void }) {
  const { t } = useI18n();
  const { describe } = useApiError();
  const [result, setResult] = useState<AntigenResult | null>(null);
  const [testedAt, setTestedAt] = useState(() => localInputValue(new Date()));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [answer, setAnswer] = useState<AntigenRecorded | null>(null);

  const check = (): { at: Date } | { error: string } => {
    if (!result) return { error: t('antigen.resultRequired') };
    const at = new Date(testedAt);
    if (!testedAt || Number.isNaN(at.getTime())) return { error: t('antigen.testedAtRequired') };
    const now = Date.now();
    if (at.getTime() > now + FUTURE_TOLERANCE_MS) return { error: t('antigen.testedAtFuture') };
    if (at.getTime() < now - WEEK_MS) return { error: t('antigen.testedAtTooOld') };
    return { at };
  };

  const submit = async () => {
    const checked = check();
    if ('error' in checked) return setError(checked.error);
    setBusy(true);
    setError(null);
    try {
      // A time later than the phone's clock (a minute typed ahead) is sent as now.
      const at = new Date(Math.min(checked.at.getTime(), Date.now()));
      setAnswer(await api.post<AntigenRecorded>('/api/citizen/antigen', { personId, result, testedAt: at.toISOString() }));
      onRecorded();
    } catch (e) {
      setError(describe(e));
    } finally {
      setBusy(false);
    }
  };

  const reset = () => {
    setAnswer(null);
    setResult(null);
    setError(null);
    setTestedAt(localInputValue(new Date()));
  };

  const choice = (value: AntigenResult) => {
    const selected = result === value;
    return (
      <Button
        block
        size="large"
        type={selected ? 'primary' : 'default'}
        danger={value === 'positive'}
        aria-pressed={selected}
        style={{ height: 64, fontSize: 18, display: 'flex', flexDirection: 'column', alignItems: 'center', justifyContent: 'center', lineHeight: 1.2 }}
        onClick={() => {
          setResult(value);
          setError(null);
        }}
        data-testid={`antigen-result-${value}`}
        data-selected={selected}
      >
        <span>{t(`antigen.${value}`)}</span>
        <span style={{ fontSize: 13, opacity: 0.8 }}>{t(`antigen.${value}Hint`)}</span>
      </Button>
    );
  };

  return (
    <Card size="small" title={<span><ExperimentOutlined /> {t('antigen.title')}</span>} data-testid="antigen">
      {answer ? (
        <>
          <Alert
            type={answer.result === 'positive' ? 'warning' : 'success'}
            showIcon
            data-testid="antigen-answer"
            data-result={answer.result}
            title={t(answer.result === 'positive' ? 'antigen.recordedPositive' : 'antigen.recordedNegative', { at: formatDateTime(answer.testedAt) })}
            description={answer.result === 'positive' ? t('antigen.positiveNext') : undefined}
          />
          <Button block style={{ ...touch, marginTop: 12 }} onClick={reset} data-testid="antigen-another">
            {t('antigen.another')}
          </Button>
        </>
      ) : (
        <>
          <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
            {t('antigen.intro')}
          </Typography.Paragraph>
          <div role="group" aria-label={t('antigen.result')} style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 8 }}>
            {choice('negative')}
            {choice('positive')}
          </div>
          {result === 'positive' && <Alert type="warning" showIcon title={t('antigen.positiveNotice')} style={{ marginTop: 12 }} data-testid="antigen-positive-notice" />}
          <label style={{ display: 'block', marginTop: 12 }}>
            <Typography.Text type="secondary">{t('antigen.testedAt')}</Typography.Text>
            <Input
              type="datetime-local"
              value={testedAt}
              max={localInputValue(new Date())}
              onChange={(e) => setTestedAt(e.target.value)}
              style={{ ...touch, marginTop: 4 }}
              data-testid="antigen-tested-at"
            />
          </label>
          {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} data-testid="antigen-error" />}
          <Button type="primary" block loading={busy} style={{ ...touch, marginTop: 12 }} onClick={() => void submit()} data-testid="antigen-submit">
            {t('antigen.submit')}
          </Button>
        </>
      )}
    </Card>
  );
}
