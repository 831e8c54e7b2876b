import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Card, Col, Row, Statistic, Table, Tag, Typography } from 'antd';
import type { ImportRejection, ImportSummary } from '../../api/types';
import { useI18n } from '../../i18n';

/** Counts of an import and the rows it rejected (line numbers count the header as line 1). */
export function ImportResult({ summary }: { summary: ImportSummary }) {
  const { t } = useI18n();
  const stats: { key: string; label: string; value: number; color?: string }[] = [
    { key: 'processed', label: t('import.processed'), value: summary.processed },
    { key: 'imported', label: t('import.imported'), value: summary.imported, color: '#389e0d' },
    { key: 'updated', label: t('import.updated'), value: summary.updated, color: '#1677ff' },
    { key: 'rejected', label: t('import.rejected'), value: summary.rejected, color: summary.rejected ? '#cf1322' : undefined },
  ];
  const rejectionsUrl = `/api/imports/${encodeURIComponent(summary.id)}/rejections.csv`;

  return (
    <div data-testid="import-summary" data-status={summary.status}>
      <Row gutter={12}>
        {stats.map((s) => (
          <Col span={6} key={s.key}>
            <Card size="small">
              <Statistic
                title={s.label}
                value={s.value}
                styles={{ content: s.color ? { color: s.color } : undefined }}
              />
              <span data-testid={`import-${s.key}`} style={{ display: 'none' }}>
                {s.value}
              </span>
            </Card>
          </Col>
        ))}
      </Row>
      <div style={{ marginTop: 8 }}>
        <Typography.Text type="secondary">{t('import.status')}: </Typography.Text>
        <Tag>{summary.status}</Tag>
      </div>
      {summary.rejected > 0 && (
        <Card
          size="small"
          style={{ marginTop: 12 }}
          title={t('import.rejections')}
          extra={
            <a href={rejectionsUrl} download data-testid="import-rejections-download">
              <DownloadOutlined /> {t('import.downloadRejections')}
            </a>
          }
        >
          {summary.rejectionsTruncated && (
            <Alert type="info" showIcon style={{ marginBottom: 8 }} title={t('import.truncated')} />
          )}
          <div data-testid="import-rejections-table">
            <Table<ImportRejection>
              size="small"
              rowKey={(r) => `${r.line}:${r.column ?? ''}:${r.reason}`}
              dataSource={summary.rejections}
              pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
              columns={[
                { title: t('import.line'), dataIndex: 'line', width: 80 },
                {
                  title: t('import.column'),
                  dataIndex: 'column',
                  width: 140,
                  render: (c: string | null) => (c ? <Typography.Text code>{c}</Typography.Text> : t('common.none')),
                },
                { title: t('import.reason'), dataIndex: 'reason' },
              ]}
            />
          </div>
        </Card>
      )}
    </div>
  );
}
