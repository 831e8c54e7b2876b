import { Typography } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n';
import { LanguageSwitch } from '../../layout/LanguageSwitch';

/** Phone-first frame of the citizen pages: one column, at most 480px wide, no side menu. */
export function CitizenShell({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  return (
    <div style={{ minHeight: '100vh', background: '#f0f5ff' }}>
      <header
        style={{
          position: 'sticky',
          top: 0,
          zIndex: 10,
          background: '#1677ff',
          color: '#fff',
          padding: '12px 16px',
          paddingTop: 'max(12px, env(safe-area-inset-top))',
        }}
      >
        <div style={{ maxWidth: 480, margin: '0 auto', display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
          <Typography.Title level={4} style={{ color: '#fff', margin: 0 }}>
            {t('app.name')} · {t('citizen.title')}
          </Typography.Title>
          <LanguageSwitch size="middle" />
        </div>
      </header>
      <main style={{ maxWidth: 480, margin: '0 auto', padding: 16, paddingBottom: 'max(16px, env(safe-area-inset-bottom))' }}>
        {children}
      </main>
    </div>
  );
}

/** Big touch targets: 48px controls, 16px text (also stops iOS zooming into inputs). */
export const touch = { height: 48, fontSize: 16 } as const;
