import { App } from 'antd';
import { useCallback } from 'react';
import { errorMessage } from '../api/client';
import { useI18n } from '../i18n';

/** Returns a function that turns any thrown value into a readable message (and optionally toasts it). */
export function useApiError() {
  const { message } = App.useApp();
  const { t } = useI18n();
  const describe = useCallback((e: unknown) => errorMessage(e, t('common.networkError')), [t]);
  const show = useCallback(
    (e: unknown) => {
      if (e instanceof DOMException && e.name === 'AbortError') return;
      void message.error(describe(e));
    },
    [message, describe],
  );
  return { show, describe };
}
