import { Card, Col, Row } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n } from '../../i18n';
import { CsvFormat } from './CsvFormat';
import { CsvUpload } from './CsvUpload';

export default function ImportPeoplePage() {
  const { t } = useI18n();
  return (
    <Row gutter={16}>
      <Col xs={24} xl={14}>
        <Card size="small" title={t('import.title')} style={{ marginBottom: 16 }}>
          <CsvUpload
            path="/api/people/import"
            after={
              <Link to="/people" data-testid="import-view-people">
                {t('nav.people')} →
              </Link>
            }
          />
        </Card>
      </Col>
      <Col xs={24} xl={10}>
        <Card size="small" title={t('import.format')}>
          <CsvFormat />
        </Card>
      </Col>
    </Row>
  );
}
