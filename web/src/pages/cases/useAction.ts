import { App } from 'antd';
import { useState } from 'react';
import { useApiError } from '../../common/useApiError';

/**
 * A one-click request (take an order, find contacts, submit a report…): `busy` names the running
 * one, success is toasted, a failure shown as a toast, and `onDone` called with the answer.
 */
export function useAction() {
  const { message } = App.useApp();
  const { show } = useApiError();
  const [busy, setBusy] = useState<string | null>(null);
  const run = async <R>(key: string, send: () => Promise<R>, opts: { success?: string | ((r: R) => string); onDone?: (r: R) => void } = {}) => {
    setBusy(key);
    try {
      const r = await send();
      const text = typeof opts.success === 'function' ? opts.success(r) : opts.success;
      if (text) void message.success(text);
      opts.onDone?.(r);
    } catch (e) {
      show(e);
    } finally {
      setBusy(null);
    }
  };
  return { busy, run };
}
