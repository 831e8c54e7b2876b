import { HomeOutlined, ShopOutlined, UserAddOutlined } from '@ant-design/icons';
import { Typography } from 'antd';
import { formatDateTime } from '../../common/format';
import { useI18n } from '../../i18n';
import type { ContactView } from './types';

type Evidence = ContactView['evidence'][number];

/** A scan time to the minute. */
function time(iso: string | undefined) {
  return iso ? formatDateTime(iso).slice(0, 16) : '—';
}

/** Why someone is a contact: the household, the venue with the case's and the contact's scan times, or the investigator's note. */
export function ContactEvidence({ contact }: { contact: ContactView }) {
  const { t } = useI18n();
  const line = (e: Evidence, i: number) => {
    if (e.source === 'household')
      return (
        <div key={i} data-testid="evidence-household">
          <HomeOutlined /> {t('contacts.evidenceHousehold')}
        </div>
      );
    if (e.source === 'co_location')
      return (
        <div key={i} data-testid="evidence-venue">
          <ShopOutlined /> <Typography.Text strong>{e.venueName ?? e.venueCode}</Typography.Text>
          {e.venueName && e.venueCode && <Typography.Text type="secondary"> {e.venueCode}</Typography.Text>}
          <div style={{ fontSize: 12, color: '#595959' }}>
            {t('contacts.evidenceScans', { caseAt: time(e.caseScanAt), contactAt: time(e.contactScanAt) })}
          </div>
        </div>
      );
    return (
      <div key={i} data-testid="evidence-manual">
        <UserAddOutlined /> {e.note ?? t('contacts.evidenceManual')}
      </div>
    );
  };
  // Many co-locations: the first three, and how many more.
  const shown = contact.evidence.slice(0, 3);
  return (
    <div data-testid="contact-evidence">
      {shown.map(line)}
      {contact.evidence.length > shown.length && <Typography.Text type="secondary">{t('contacts.moreEvidence', { n: contact.evidence.length - shown.length })}</Typography.Text>}
      {contact.viaName && (
        <div style={{ fontSize: 12, color: '#595959' }} data-testid="evidence-via">
          {t('contacts.via', { name: contact.viaName })}
        </div>
      )}
    </div>
  );
}
