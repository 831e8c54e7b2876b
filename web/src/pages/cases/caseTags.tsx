import { Tag, Typography } from 'antd';
import { useI18n } from '../../i18n';

/** Classification colours, shared by the tags and the chain graph's case nodes. */
export const CLASSIFICATION_COLOUR: Record<string, string> = { confirmed: '#cf1322', asymptomatic: '#d46b08', suspected: '#722ed1' };

const INVESTIGATION: Record<string, string> = { open: 'default', assigned: 'blue', in_progress: 'processing', submitted: 'purple', closed: 'success' };
const REPORT: Record<string, string> = { draft: 'default', submitted: 'processing', approved: 'success', returned: 'warning' };
const CONTACT: Record<string, string> = { candidate: 'blue', confirmed: 'red', dismissed: 'default' };
const MEASURE: Record<string, string> = { centralized_quarantine: 'red', home_quarantine: 'orange', home_health_monitoring: 'gold' };
const OUTCOME: Record<string, string> = { under_treatment: 'processing', recovered: 'success', died: 'default', excluded: 'default' };
const SEVERITY: Record<string, string> = { mild: 'green', moderate: 'gold', severe: 'orange', critical: 'red' };

export function ClassificationTag({ value }: { value: string }) {
  const { tk } = useI18n();
  const c = CLASSIFICATION_COLOUR[value];
  return (
    <Tag style={c ? { color: '#fff', background: c, borderColor: c } : undefined} data-testid="case-classification" data-value={value}>
      {tk('classification', value)}
    </Tag>
  );
}

export function SeverityTag({ value }: { value: string | null }) {
  const { t, tk } = useI18n();
  if (!value) return <Typography.Text type="secondary">{t('cases.noSeverity')}</Typography.Text>;
  return (
    <Tag color={SEVERITY[value]} data-testid="case-severity">
      {tk('severity', value)}
    </Tag>
  );
}

export function OutcomeTag({ value }: { value: string }) {
  const { tk } = useI18n();
  return (
    <Tag color={OUTCOME[value]} data-testid="case-outcome">
      {tk('outcome', value)}
    </Tag>
  );
}

export function InvestigationStatusTag({ status }: { status: string }) {
  const { tk } = useI18n();
  return (
    <Tag color={INVESTIGATION[status]} data-testid="investigation-status" data-status={status}>
      {tk('invStatus', status)}
    </Tag>
  );
}

export function ReportStatusTag({ status }: { status: string }) {
  const { tk } = useI18n();
  return (
    <Tag color={REPORT[status]} data-testid="report-status" data-status={status}>
      {tk('reportStatus', status)}
    </Tag>
  );
}

export function ContactStatusTag({ status }: { status: string }) {
  const { tk } = useI18n();
  return (
    <Tag color={CONTACT[status]} data-testid="contact-status" data-status={status}>
      {tk('contactStatus', status)}
    </Tag>
  );
}

export function MeasureTag({ measure }: { measure: string }) {
  const { tk } = useI18n();
  return (
    <Tag color={MEASURE[measure]} data-testid="contact-measure" data-measure={measure}>
      {tk('measure', measure)}
    </Tag>
  );
}

/** How late an investigation is: over 12 hours red, over 6 orange. */
export function ageColour(hours: number): string | undefined {
  return hours > 12 ? '#cf1322' : hours > 6 ? '#d46b08' : undefined;
}

export function AgeText({ hours }: { hours: number }) {
  const { t } = useI18n();
  const colour = ageColour(hours);
  return (
    <span style={{ color: colour, fontWeight: colour ? 600 : undefined }} data-testid="investigation-age">
      {t('followUps.hours', { n: hours.toFixed(1) })}
    </span>
  );
}

/** A clock in hours, or "not yet". */
export function HoursText({ hours }: { hours: number | null | undefined }) {
  const { t } = useI18n();
  return <span>{hours === null || hours === undefined ? t('cases.notYet') : t('followUps.hours', { n: hours.toFixed(1) })}</span>;
}
