import { App } from 'antd';
import type { FormInstance } from 'antd';
import { useState } from 'react';
import { ApiError } from '../api/client';
import { useApiError } from './useApiError';

type FieldName<V> = Parameters<FormInstance<V>['setFields']>[0][number]['name'];

interface Options<V, R> {
  /** Sends the form's values to the API. */
  send: (values: V) => Promise<R>;
  /** Called with the answer, after the success toast and the reset (a throw here shows as an error too). */
  onDone: (result: R) => void;
  /** An API error `{ error: { field, message } }` naming one of `fields` is shown on that field of `form`. */
  form?: FormInstance<V>;
  fields?: readonly string[];
  /** Toasted on success. */
  success?: string;
  /** Empty `form` on success. */
  reset?: boolean;
}

/** A form's submit handler: busy while the request runs, its failure on a field or as `error`. */
export function useFormSubmit<V, R>({ send, onDone, form, fields = [], success, reset = false }: Options<V, R>) {
  const { message } = App.useApp();
  const { describe } = useApiError();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (values: V) => {
    setBusy(true);
    setError(null);
    try {
      const result = await send(values);
      if (success) void message.success(success);
      if (reset) form?.resetFields();
      onDone(result);
    } catch (e) {
      if (form && e instanceof ApiError && e.field && fields.includes(e.field)) {
        form.setFields([{ name: e.field as FieldName<V>, errors: [e.message] }]);
      } else {
        setError(describe(e));
      }
    } finally {
      setBusy(false);
    }
  };

  return { busy, error, setError, submit };
}
