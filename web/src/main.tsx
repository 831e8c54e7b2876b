import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { StrictMode, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { App } from './App';
import { I18nProvider, useI18n } from './i18n';
import { SessionProvider } from './session/SessionContext';

function Themed() {
  const { lang, t } = useI18n();
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = lang === 'zh-CN' ? '一盘棋 · 疫情防控' : `Yipan · ${t('app.subtitle')}`;
  }, [lang, t]);
  return (
    <ConfigProvider locale={lang === 'zh-CN' ? zhCN : enUS} theme={{ token: { borderRadius: 4 } }}>
      <AntApp>
        <SessionProvider>
          <BrowserRouter>
            <App />
          </BrowserRouter>
        </SessionProvider>
      </AntApp>
    </ConfigProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <Themed />
    </I18nProvider>
  </StrictMode>,
);
