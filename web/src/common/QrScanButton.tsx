import { CameraOutlined } from '@ant-design/icons';
import { Alert, Button, Modal } from 'antd';
import type { ButtonProps } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n';

/** The part of the Barcode Detection API used here (not in TypeScript's DOM library yet). */
interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorLike {
  detect(source: HTMLVideoElement): Promise<DetectedBarcode[]>;
}
type BarcodeDetectorClass = new (options?: { formats?: string[] }) => BarcodeDetectorLike;

function detectorClass(): BarcodeDetectorClass | undefined {
  if (typeof window === 'undefined') return undefined;
  return (window as unknown as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
}

/** Whether this browser can read QR codes from the camera (BarcodeDetector and a camera API). */
export const canScanQr = (): boolean => !!detectorClass() && !!navigator.mediaDevices?.getUserMedia;

/**
 * A button that opens the (rear) camera and hands back the text of the first QR code it sees.
 * Renders nothing where the browser has no BarcodeDetector: typing or pasting still works there.
 */
const QR_ONLY = ['qr_code'] as const;
/** What tube labels carry: 1D barcodes (Code 128 mostly), sometimes a QR. */
export const TUBE_FORMATS = ['code_128', 'code_39', 'ean_13', 'itf', 'qr_code'] as const;

export function QrScanButton({
  onResult,
  label,
  testId,
  formats = QR_ONLY,
  ...button
}: Omit<ButtonProps, 'onClick'> & { onResult: (text: string) => void; label?: string; testId?: string; formats?: readonly string[] }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  if (!canScanQr()) return null;
  return (
    <>
      <Button icon={<CameraOutlined />} onClick={() => setOpen(true)} data-testid={testId} {...button}>
        {label ?? t('scan.camera')}
      </Button>
      {open && (
        <CameraModal
          formats={formats}
          onClose={() => setOpen(false)}
          onResult={(text) => {
            setOpen(false);
            onResult(text);
          }}
        />
      )}
    </>
  );
}

function CameraModal({ formats, onClose, onResult }: { formats: readonly string[]; onClose: () => void; onResult: (text: string) => void }) {
  const { t } = useI18n();
  const video = useRef<HTMLVideoElement>(null);
  const [error, setError] = useState<string | null>(null);
  const done = useRef(onResult);
  useEffect(() => {
    done.current = onResult;
  });

  useEffect(() => {
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const Detector = detectorClass();
    if (!Detector) return;
    const detector = new Detector({ formats: [...formats] });

    const look = async () => {
      if (stopped || !video.current) return;
      try {
        if (video.current.readyState >= 2) {
          const found = await detector.detect(video.current);
          const text = found.find((b) => b.rawValue)?.rawValue;
          if (text && !stopped) {
            done.current(text);
            return;
          }
        }
      } catch {
        // a frame that cannot be read: try the next one
      }
      timer = setTimeout(look, 200);
    };

    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' }, audio: false })
      .then(async (s) => {
        if (stopped) {
          s.getTracks().forEach((tr) => tr.stop());
          return;
        }
        stream = s;
        if (video.current) {
          video.current.srcObject = s;
          await video.current.play().catch(() => undefined);
        }
        void look();
      })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));

    return () => {
      stopped = true;
      clearTimeout(timer);
      stream?.getTracks().forEach((tr) => tr.stop());
    };
  }, []);

  return (
    <Modal open title={t('scan.cameraTitle')} onCancel={onClose} footer={null} destroyOnHidden>
      {error ? (
        <Alert type="error" showIcon title={t('scan.cameraFailed')} description={error} />
      ) : (
        <>
          <video
            ref={video}
            muted
            playsInline
            style={{ width: '100%', borderRadius: 8, background: '#000', aspectRatio: '1 / 1', objectFit: 'cover' }}
          />
          <div style={{ marginTop: 8, color: '#595959' }}>{t('scan.cameraHint')}</div>
        </>
      )}
    </Modal>
  );
}
