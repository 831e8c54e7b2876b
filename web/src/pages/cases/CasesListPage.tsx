import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useMemo, type HTMLAttributes } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { FilterForm, SelectFilter, TextFilter } from '../../common/FilterForm';
import { formatDate, formatDateTime } from '../../common/format';
import { PagedTable } from '../../common/PagedTable';
import { clearedFilters, trimmedOrNull, useFormFollowsParams } from '../../common/urlFilters';
import { useCreateModal } from '../../common/useCreateModal';
import { usePagedList } from '../../common/usePagedList';
import { useI18n } from '../../i18n';
import { useCan } from '../../session/SessionContext';
import { ClassificationTag, InvestigationStatusTag, OutcomeTag, SeverityTag } from './caseTags';
import { NewCaseModal } from './NewCaseModal';
import { CLASSIFICATIONS, OUTCOMES, type CaseSummary } from './types';

const FILTER_KEYS = ['q', 'classification', 'outcome', 'reportedFrom', 'reportedTo'] as const;

interface Values {
  q?: string;
  classification?: string;
  outcome?: string;
  reportedFrom?: string;
  reportedTo?: string;
}

/** Cases (病例) in the caller's subtree, newest first, filtered and paged on the server. */
export default function CasesListPage() {
  const { t, tk } = useI18n();
  const can = useCan();
  const navigate = useNavigate();
  const list = usePagedList<CaseSummary>('/api/cases', useSearchParams(), { filterKeys: FILTER_KEYS, defaultPageSize: 50, pageSizeOptions: [20, 50, 100, 200] });
  const creating = useCreateModal(list.reload);
  const [form] = Form.useForm<Values>();
  useFormFollowsParams(form, list.params, FILTER_KEYS);

  const columns = useMemo<TableProps<CaseSummary>['columns']>(
    () => [
      {
        title: t('cases.number'),
        dataIndex: 'caseNumber',
        width: 110,
        render: (n: string, c) => (
          <Link to={`/cases/${c.id}`} data-testid="case-link" onClick={(e) => e.stopPropagation()}>
            {n}
          </Link>
        ),
      },
      { title: t('cases.name'), dataIndex: 'name', width: 90 },
      { title: t('cases.idNumber'), dataIndex: 'idNumberMasked', width: 180, render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
      { title: t('cases.community'), dataIndex: 'community', width: 110, render: (c: string | null) => c ?? t('common.none') },
      { title: t('cases.classification'), dataIndex: 'classification', width: 100, render: (c: string) => <ClassificationTag value={c} /> },
      { title: t('cases.severity'), dataIndex: 'severity', width: 80, render: (s: string | null) => <SeverityTag value={s} /> },
      { title: t('cases.outcome'), dataIndex: 'outcome', width: 100, render: (o: string) => <OutcomeTag value={o} /> },
      { title: t('cases.origin'), dataIndex: 'origin', width: 70, render: (o: string) => tk('origin', o) },
      { title: t('cases.onsetDate'), dataIndex: 'onsetDate', width: 100, render: formatDate },
      { title: t('cases.reportedAt'), dataIndex: 'reportedAt', width: 150, render: formatDateTime },
      {
        title: t('cases.investigation'),
        key: 'investigation',
        width: 180,
        render: (_, c) =>
          c.investigation ? (
            <span>
              <InvestigationStatusTag status={c.investigation.status} />
              {c.investigation.teamName ?? ''}
            </span>
          ) : (
            t('common.none')
          ),
      },
    ],
    [t, tk],
  );

  const apply = (v: Values) =>
    list.update({
      q: trimmedOrNull(v.q),
      classification: v.classification || null,
      outcome: v.outcome || null,
      reportedFrom: v.reportedFrom || null,
      reportedTo: v.reportedTo || null,
      page: 1,
    });

  return (
    <Card
      size="small"
      title={t('cases.title')}
      extra={
        can('cases:write') && (
          <Button size="small" type="primary" icon={<PlusOutlined />} onClick={creating.show} data-testid="new-case-button">
            {t('cases.new')}
          </Button>
        )
      }
    >
      <FilterForm<Values>
        form={form}
        onFinish={apply}
        onReset={() => {
          form.resetFields();
          list.update(clearedFilters(FILTER_KEYS));
        }}
        searchTestId="cases-search"
        resetTestId="cases-reset"
      >
        <TextFilter name="q" placeholder={t('cases.searchQ')} width={180} testId="cases-q" />
        <SelectFilter name="classification" placeholder={t('cases.anyClassification')} width={140} options={CLASSIFICATIONS.map((c) => ({ value: c, label: tk('classification', c) }))} />
        <SelectFilter name="outcome" placeholder={t('cases.anyOutcome')} width={140} options={OUTCOMES.map((o) => ({ value: o, label: tk('outcome', o) }))} />
        <Form.Item name="reportedFrom" label={t('cases.reportedFrom')}>
          <Input type="date" style={{ width: 150 }} />
        </Form.Item>
        <Form.Item name="reportedTo" label={t('cases.reportedTo')}>
          <Input type="date" style={{ width: 150 }} />
        </Form.Item>
      </FilterForm>
      <PagedTable<CaseSummary>
        testId="cases-table"
        list={list}
        columns={columns}
        scroll={{ x: 1300 }}
        onRow={(c) => ({ onClick: () => navigate(`/cases/${c.id}`), style: { cursor: 'pointer' }, 'data-testid': 'case-row' }) as HTMLAttributes<HTMLElement>}
      />
      <NewCaseModal {...creating.props} />
    </Card>
  );
}
