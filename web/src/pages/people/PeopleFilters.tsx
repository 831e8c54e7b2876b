import { Form, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import type { JurisdictionDetail } from '../../api/types';
import { FilterForm, SelectFilter, TextFilter } from '../../common/FilterForm';
import { clearedFilters, trimmedOrNull, useFormFollowsParams } from '../../common/urlFilters';
import type { ParamChanges } from '../../common/usePagedList';
import { useI18n } from '../../i18n';
import { usePersonOptions } from './personOptions';

/** URL parameters that filter the people list (all passed through to GET /api/people). */
export const FILTER_KEYS = ['q', 'idNumber', 'phone', 'group', 'residency', 'jurisdictionId'] as const;

/** The ones the form edits (jurisdictionId comes from links and is cleared by its tag). */
const FORM_FIELDS = ['q', 'idNumber', 'phone', 'group', 'residency'] as const;

interface Values {
  q?: string;
  idNumber?: string;
  phone?: string;
  group?: string;
  residency?: string;
}

export function PeopleFilters({
  params,
  onApply,
}: {
  params: URLSearchParams;
  onApply: (changes: ParamChanges) => void;
}) {
  const { t, tk } = useI18n();
  const options = usePersonOptions();
  const [form] = Form.useForm<Values>();
  const jurisdictionId = params.get('jurisdictionId');
  const [jurisdiction, setJurisdiction] = useState<JurisdictionDetail | null>(null);
  useFormFollowsParams(form, params, FORM_FIELDS);

  useEffect(() => {
    if (!jurisdictionId) {
      setJurisdiction(null);
      return;
    }
    const ac = new AbortController();
    api
      .get<JurisdictionDetail>(`/api/jurisdictions/${encodeURIComponent(jurisdictionId)}`, undefined, ac.signal)
      .then(setJurisdiction)
      .catch(() => setJurisdiction(null));
    return () => ac.abort();
  }, [jurisdictionId]);

  const apply = (v: Values) => {
    onApply({
      q: trimmedOrNull(v.q),
      idNumber: trimmedOrNull(v.idNumber),
      phone: trimmedOrNull(v.phone),
      group: v.group || null,
      residency: v.residency || null,
      page: 1,
    });
  };

  const reset = () => {
    form.resetFields();
    onApply(clearedFilters(FILTER_KEYS));
  };

  return (
    <FilterForm<Values>
      form={form}
      onFinish={apply}
      onReset={reset}
      searchTestId="search-submit"
      resetTestId="search-reset"
      data-testid="people-filters"
    >
      {jurisdictionId && (
        <Form.Item label={t('people.filteredBy')}>
          <Tag
            closable
            color="blue"
            data-testid="filter-jurisdiction"
            onClose={(e) => {
              e.preventDefault();
              onApply({ jurisdictionId: null, page: 1 });
            }}
          >
            {jurisdiction ? `${tk('level', jurisdiction.level)} · ${jurisdiction.name}` : jurisdictionId}
          </Tag>
        </Form.Item>
      )}
      <TextFilter name="q" placeholder={t('people.searchName')} width={150} testId="search-name" />
      <TextFilter
        name="idNumber"
        placeholder={t('people.searchIdNumber')}
        width={200}
        testId="search-id-number"
        autoComplete="off"
      />
      <TextFilter name="phone" placeholder={t('people.searchPhone')} width={140} testId="search-phone" />
      <SelectFilter
        name="group"
        placeholder={t('people.anyGroup')}
        width={150}
        testId="search-group"
        options={options.groups}
      />
      <SelectFilter
        name="residency"
        placeholder={t('people.anyResidency')}
        width={120}
        testId="search-residency"
        options={options.residency}
      />
    </FilterForm>
  );
}
