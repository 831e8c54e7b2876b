import { Table, Tag, Typography } from 'antd';
import { useI18n, type MessageKey } from '../../i18n';

export interface CsvColumn {
  name: string;
  required: boolean;
}

const PEOPLE_COLUMNS: CsvColumn[] = [
  { name: 'id_number', required: true },
  { name: 'name', required: true },
  { name: 'phone', required: true },
  { name: 'document_type', required: false },
  { name: 'unit_code', required: false },
  { name: 'address', required: false },
  { name: 'residency', required: false },
  { name: 'groups', required: false },
];

const PEOPLE_EXAMPLE = `id_number,name,phone,document_type,unit_code,address,residency,groups
410102198001010018,张三,13800000001,resident_id,,金水区某小区1号楼1单元101,resident,elderly_alone;chronic_illness`;

/**
 * An import file's columns, documented on the page itself. Each column's meaning is the message
 * `<prefix>.<column>`.
 */
export function CsvFormat({
  columns = PEOPLE_COLUMNS,
  example = PEOPLE_EXAMPLE,
  intro = 'import.formatIntro',
  prefix = 'import.col',
}: {
  columns?: CsvColumn[];
  example?: string;
  intro?: MessageKey;
  prefix?: string;
}) {
  const { t } = useI18n();
  return (
    <div data-testid="import-format">
      <Typography.Paragraph type="secondary">{t(intro)}</Typography.Paragraph>
      <Table
        size="small"
        rowKey="name"
        pagination={false}
        dataSource={columns}
        columns={[
          {
            title: t('import.column'),
            dataIndex: 'name',
            width: 140,
            render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
          },
          {
            title: t('import.requiredCol'),
            dataIndex: 'required',
            width: 80,
            render: (r: boolean) => (r ? <Tag color="red">{t('common.yes')}</Tag> : <Tag>{t('common.no')}</Tag>),
          },
          {
            title: t('import.meaning'),
            dataIndex: 'name',
            key: 'meaning',
            render: (v: string) => t(`${prefix}.${v}` as MessageKey),
          },
        ]}
      />
      <pre
        style={{ background: '#fafafa', border: '1px solid #f0f0f0', padding: 8, marginTop: 12, fontSize: 12, overflow: 'auto' }}
      >
        {example}
      </pre>
    </div>
  );
}
