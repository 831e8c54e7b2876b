import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import QRCode, { type QRCodeToBufferOptions } from 'qrcode';

/**
 * QR codes for health-code tokens and venue codes, and what printing them needs: a CJK font and
 * a QR drawn as vector squares in a PDF (sharp at any printer resolution).
 *
 * Error correction M (15 %) keeps a ~270-character token at version 12 (65 modules), which a
 * phone camera reads from a screen or a worn card; the quiet zone is 2 modules.
 */
const QR_OPTIONS = { errorCorrectionLevel: 'M', margin: 2, scale: 6 } as const;

export async function qrPng(text: string, opts: { scale?: number; margin?: number } = {}): Promise<Buffer> {
  const options: QRCodeToBufferOptions = { ...QR_OPTIONS, ...opts, type: 'png' };
  return QRCode.toBuffer(text, options);
}

export async function qrDataUrl(text: string): Promise<string> {
  return QRCode.toDataURL(text, { ...QR_OPTIONS, type: 'image/png' });
}

/** The module matrix (true = dark), without quiet zone. */
export function qrModules(text: string): boolean[][] {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: QR_OPTIONS.errorCorrectionLevel });
  return Array.from({ length: modules.size }, (_, row) => Array.from({ length: modules.size }, (_, col) => modules.get(row, col) === 1));
}

/**
 * Draws a QR code into a PDF as a square of `size` points at (x, y), quiet zone included
 * (`margin` modules, white). Dark runs of a row are drawn as one rectangle each.
 */
export function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number, margin = 2): void {
  const m = qrModules(text);
  const cell = size / (m.length + 2 * margin);
  doc.save();
  doc.rect(x, y, size, size).fill('#ffffff');
  for (let row = 0; row < m.length; row++) {
    let col = 0;
    while (col < m.length) {
      if (!m[row][col]) {
        col++;
        continue;
      }
      const start = col;
      while (col < m.length && m[row][col]) col++;
      // A hair of overlap hides the seams some viewers draw between adjacent rectangles.
      doc.rect(x + (margin + start) * cell, y + (margin + row) * cell, (col - start) * cell + 0.05, cell + 0.05);
    }
  }
  doc.fill('#000000');
  doc.restore();
}

// Noto Sans SC (SIL OFL 1.1) from npm, as TrueType: pdfkit embeds only the glyphs used.
const require = createRequire(import.meta.url);
const FONT_FILES = {
  regular: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
} as const;
const fontCache = new Map<keyof typeof FONT_FILES, Buffer>();

function fontData(weight: keyof typeof FONT_FILES): Buffer {
  let data = fontCache.get(weight);
  if (!data) {
    data = readFileSync(require.resolve(FONT_FILES[weight]));
    fontCache.set(weight, data);
  }
  return data;
}

/**
 * A PDF document with the CJK fonts registered as 'cjk' and 'cjk-bold'. A flowing document (a
 * report) wants margins, so text that runs over continues on a new page inside them, and
 * `bufferPages` to number its pages once it knows how many there are.
 */
export function newPdf(opts: { size: 'A4' | 'A6'; title: string; subject?: string; now: Date; margin?: number; bufferPages?: boolean }): PDFKit.PDFDocument {
  const doc = new PDFDocument({
    size: opts.size,
    margin: opts.margin ?? 0,
    bufferPages: opts.bufferPages ?? false,
    info: { Title: opts.title, Subject: opts.subject, Creator: 'Yipan', Producer: 'Yipan', CreationDate: opts.now },
  });
  doc.registerFont('cjk', fontData('regular'));
  doc.registerFont('cjk-bold', fontData('bold'));
  doc.font('cjk');
  return doc;
}

/** Ends the document and collects it. */
export function pdfBuffer(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

/** The city's local time on printed matter (the platform serves cities in China). */
export const PRINT_TIME_ZONE = 'Asia/Shanghai';

export function formatLocal(date: Date, withTime = true): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: PRINT_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  const day = `${parts.year}-${parts.month}-${parts.day}`;
  return withTime ? `${day} ${parts.hour}:${parts.minute}` : day;
}
