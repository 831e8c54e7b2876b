import { SearchOutlined } from '@ant-design/icons';
import { Button, Form, Input, Select, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { GROUPS, type JurisdictionDetail } from '../../api/types';
import { useI18n } from '../../i18n';

/** URL parameters that filter the people list (all passed through to GET /api/people). */
export const FILTER_KEYS = ['q', 'idNumber', 'phone', 'group', 'residency', 'jurisdictionId'] as const;

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
  onApply: (changes: Record<string, string | null | number>) => void;
}) {
  const { t, tk } = useI18n();
  const [form] = Form.useForm<Values>();
  const jurisdictionId = params.get('jurisdictionId');
  const [jurisdiction, setJurisdiction] = useState<JurisdictionDetail | null>(null);
  const key = params.toString();

  // Keep the form in step with the URL (back/forward, links from other pages).
  useEffect(() => {
    form.setFieldsValue({
      q: params.get('q') ?? undefined,
      idNumber: params.get('idNumber') ?? undefined,
      phone: params.get('phone') ?? undefined,
      group: params.get('group') ?? undefined,
      residency: params.get('residency') ?? undefined,
    });
  }, [key, form]);

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
      q: v.q?.trim() || null,
      idNumber: v.idNumber?.trim() || null,
      phone: v.phone?.trim() || null,
      group: v.group || null,
      residency: v.residency || null,
      page: 1,
    });
  };

  const reset = () => {
    form.resetFields();
    onApply({ q: null, idNumber: null, phone: null, group: null, residency: null, jurisdictionId: null, page: 1 });
  };

  return (
    <Form<Values>
      form={form}
      layout="inline"
      onFinish={apply}
      style={{ marginBottom: 12, rowGap: 8 }}
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
      <Form.Item name="q">
        <Input placeholder={t('people.searchName')} allowClear style={{ width: 150 }} data-testid="search-name" />
      </Form.Item>
      <Form.Item name="idNumber">
        <Input
          placeholder={t('people.searchIdNumber')}
          allowClear
          style={{ width: 200 }}
          data-testid="search-id-number"
          autoComplete="off"
        />
      </Form.Item>
      <Form.Item name="phone">
        <Input placeholder={t('people.searchPhone')} allowClear style={{ width: 140 }} data-testid="search-phone" />
      </Form.Item>
      <Form.Item name="group">
        <Select
          allowClear
          placeholder={t('people.anyGroup')}
          style={{ width: 150 }}
          data-testid="search-group"
          options={GROUPS.map((g) => ({ value: g, label: tk('group', g) }))}
        />
      </Form.Item>
      <Form.Item name="residency">
        <Select
          allowClear
          placeholder={t('people.anyResidency')}
          style={{ width: 120 }}
          data-testid="search-residency"
          options={[
            { value: 'resident', label: t('residency.resident') },
            { value: 'floating', label: t('residency.floating') },
          ]}
        />
      </Form.Item>
      <Form.Item>
        <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="search-submit">
          {t('common.search')}
        </Button>
      </Form.Item>
      <Form.Item>
        <Button onClick={reset} data-testid="search-reset">
          {t('common.reset')}
        </Button>
      </Form.Item>
    </Form>
  );
}
