import { Modal } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../i18n';
import { CsvFormat } from '../imports/CsvFormat';
import { CsvUpload } from '../imports/CsvUpload';

const COLUMNS = [
  { name: 'code', required: true },
  { name: 'name', required: true },
  { name: 'type', required: true },
  { name: 'address', required: false },
  { name: 'jurisdiction_code', required: false },
];

const EXAMPLE = `code,name,type,address,jurisdiction_code
V4101020001,金水路小区东门,compound_gate,金水路1号,410102001001001
V4101020002,丹尼斯百货,mall,"人民路2号, 1层",410102001`;

/** POST /api/venues/import: the people import's upload, in a modal, with the venue file's format. */
export function ImportVenuesModal({ open, onClose, onImported }: { open: boolean; onClose: () => void; onImported: () => void }) {
  const { t } = useI18n();
  // A new upload area each time the modal opens.
  const [round, setRound] = useState(0);
  return (
    <Modal
      open={open}
      title={t('venues.importTitle')}
      width={760}
      footer={null}
      onCancel={() => {
        onClose();
        setRound((r) => r + 1);
      }}
      destroyOnHidden
    >
      <CsvUpload key={round} path="/api/venues/import" onDone={onImported} />
      <div style={{ marginTop: 16 }}>
        <CsvFormat columns={COLUMNS} example={EXAMPLE} intro="venues.importIntro" prefix="venues.col" />
      </div>
    </Modal>
  );
}
