import { Tag } from 'antd';
import { useI18n } from '../../i18n';

const OVERRIDE: Record<string, string> = { pending: 'processing', approved: 'success', rejected: 'error', superseded: 'default' };
const APPEAL: Record<string, string> = { open: 'processing', correction_proposed: 'warning', upheld: 'default', corrected: 'success' };

export function OverrideStatusTag({ status }: { status: string }) {
  const { tk } = useI18n();
  return (
    <Tag color={OVERRIDE[status]} data-testid="override-status" data-status={status}>
      {tk('overrideStatus', status)}
    </Tag>
  );
}

export function AppealStatusTag({ status, testId, large }: { status: string; testId?: string; large?: boolean }) {
  const { tk } = useI18n();
  return (
    <Tag color={APPEAL[status]} data-testid={testId} data-status={status} style={large ? { fontSize: 15, padding: '4px 8px' } : undefined}>
      {tk('appealStatus', status)}
    </Tag>
  );
}
