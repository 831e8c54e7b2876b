import type { FormInstance } from 'antd';
import { useEffect } from 'react';
import type { ParamChanges } from './usePagedList';

/** Keeps a filter form in step with the URL parameters `names` (back/forward, links from other pages). */
export function useFormFollowsParams<V>(form: FormInstance<V>, params: URLSearchParams, names: readonly (keyof V & string)[]) {
  const key = params.toString();
  useEffect(() => {
    const values = Object.fromEntries(names.map((n) => [n, params.get(n) ?? undefined]));
    form.setFieldsValue(values as Parameters<FormInstance<V>['setFieldsValue']>[0]);
    // `key` stands for every parameter
  }, [key, form]);
}

/** Typed text, trimmed, or null (which removes the parameter). */
export function trimmedOrNull(v: string | undefined): string | null {
  return v?.trim() || null;
}

/** The changes that clear every filter in `keys` and go back to the first page. */
export function clearedFilters(keys: readonly string[]): ParamChanges {
  return Object.fromEntries([...keys.map((k) => [k, null]), ['page', 1]]);
}
