import { FileTextOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Progress, Space, Typography } from 'antd';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { ImportSummary } from '../../api/types';
import { useApiError } from '../../common/useApiError';
import { useI18n } from '../../i18n';
import { ImportResult } from './ImportResult';
import { uploadCsv, type UploadHandle } from './upload';

type Phase =
  | { kind: 'idle' }
  | { kind: 'uploading'; file: File; sent: number; total: number }
  | { kind: 'processing'; file: File }
  | { kind: 'done'; file: File; summary: ImportSummary }
  | { kind: 'failed'; file: File; error: string };

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * Choose a CSV file and stream it to an import endpoint (POST `path`): upload progress, then the
 * summary with the rejected rows. `after` is shown under a finished import; `onDone` is told of it.
 */
export function CsvUpload({ path, after, onDone }: { path: string; after?: ReactNode; onDone?: (s: ImportSummary) => void }) {
  const { t } = useI18n();
  const { describe } = useApiError();
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const inputRef = useRef<HTMLInputElement>(null);
  const handleRef = useRef<UploadHandle | null>(null);
  const doneRef = useRef(onDone);
  useEffect(() => {
    doneRef.current = onDone;
  });

  // Leaving the page cancels an upload still in flight.
  useEffect(() => () => handleRef.current?.abort(), []);

  const start = (file: File) => {
    setPhase({ kind: 'uploading', file, sent: 0, total: file.size });
    const handle = uploadCsv(
      path,
      file,
      (sent, total) => setPhase((p) => (p.kind === 'uploading' ? { ...p, sent, total } : p)),
      () => setPhase((p) => (p.kind === 'uploading' ? { kind: 'processing', file } : p)),
    );
    handleRef.current = handle;
    handle.promise
      .then((summary) => {
        setPhase({ kind: 'done', file, summary });
        doneRef.current?.(summary);
      })
      .catch((e) => {
        if (e instanceof DOMException && e.name === 'AbortError') return;
        setPhase({ kind: 'failed', file, error: describe(e) });
      })
      .finally(() => {
        if (handleRef.current === handle) handleRef.current = null;
        if (inputRef.current) inputRef.current.value = '';
      });
  };

  const busy = phase.kind === 'uploading' || phase.kind === 'processing';
  const percent =
    phase.kind === 'uploading'
      ? Math.min(99, Math.floor((phase.sent / Math.max(1, phase.total)) * 100))
      : phase.kind === 'idle'
        ? 0
        : phase.kind === 'processing'
          ? 99
          : 100;
  const status = phase.kind === 'failed' ? 'exception' : phase.kind === 'done' ? 'success' : busy ? 'active' : 'normal';

  return (
    <>
      <input
        ref={inputRef}
        type="file"
        accept=".csv,text/csv"
        style={{ display: 'none' }}
        data-testid="import-file-input"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) start(file);
        }}
      />
      <Space wrap>
        <Button type="primary" icon={<UploadOutlined />} loading={busy} onClick={() => inputRef.current?.click()} data-testid="import-choose">
          {phase.kind === 'done' || phase.kind === 'failed' ? t('import.another') : t('import.choose')}
        </Button>
        {phase.kind !== 'idle' && (
          <Typography.Text data-testid="import-file-name">
            <FileTextOutlined /> {phase.file.name} ({formatBytes(phase.file.size)})
          </Typography.Text>
        )}
      </Space>

      {phase.kind !== 'idle' && (
        <div style={{ marginTop: 16 }} data-testid="import-progress" data-phase={phase.kind}>
          <Progress percent={percent} status={status} />
          <Typography.Text type="secondary">
            {phase.kind === 'uploading' &&
              `${t('import.uploading', { name: phase.file.name })} ${formatBytes(phase.sent)} / ${formatBytes(phase.total)}`}
            {phase.kind === 'processing' && t('import.processing')}
            {phase.kind === 'done' && t('import.done')}
          </Typography.Text>
        </div>
      )}

      {phase.kind === 'failed' && (
        <Alert type="error" showIcon style={{ marginTop: 16 }} title={t('import.failed')} description={phase.error} data-testid="import-error" />
      )}

      {phase.kind === 'done' && (
        <div style={{ marginTop: 16 }}>
          <ImportResult summary={phase.summary} />
          {after && <div style={{ marginTop: 12 }}>{after}</div>}
        </div>
      )}
    </>
  );
}
