import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n';

export const VERDICT_STYLE = {
  pass: { bg: '#12a150', fg: '#ffffff' },
  deny: { bg: '#d9342b', fg: '#ffffff' },
} as const;

/**
 * PASS or DENY, in large type on a green or red ground, with the reasons under it: read from a
 * step away, at a gate, in the sun.
 */
export function Verdict({
  result,
  reasons,
  testId,
  size = 'large',
  children,
}: {
  result: 'pass' | 'deny';
  reasons: string[];
  testId?: string;
  size?: 'large' | 'huge';
  children?: ReactNode;
}) {
  const { t } = useI18n();
  const s = VERDICT_STYLE[result];
  const huge = size === 'huge';
  return (
    <div
      role="alert"
      data-testid={testId}
      data-result={result}
      style={{ background: s.bg, color: s.fg, borderRadius: 12, padding: huge ? '32px 24px' : '20px 16px', textAlign: 'center' }}
    >
      <div style={{ fontSize: huge ? 'clamp(44px, 11vw, 96px)' : 'clamp(36px, 11vw, 56px)', lineHeight: 1.1, fontWeight: 800, letterSpacing: 4, whiteSpace: 'nowrap' }}>
        {result === 'pass' ? <CheckCircleFilled /> : <CloseCircleFilled />}{' '}
        <span data-testid={testId ? `${testId}-word` : undefined}>{result === 'pass' ? t('verdict.pass') : t('verdict.deny')}</span>
      </div>
      {reasons.length > 0 && (
        <ul
          data-testid={testId ? `${testId}-reasons` : undefined}
          style={{ listStyle: 'none', padding: 0, margin: '16px 0 0', fontSize: huge ? 'clamp(18px, 4.5vw, 26px)' : 18, fontWeight: 600, lineHeight: 1.5 }}
        >
          {reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      )}
      {children && <div style={{ marginTop: 12, fontSize: huge ? 20 : 15 }}>{children}</div>}
    </div>
  );
}
