import { eq } from 'drizzle-orm';
import { canReach, requirePermission, type Actor } from '../../platform/access.ts';
import type { AppContext } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { drawQr, formatLocal, newPdf, pdfBuffer, qrPng } from '../health-codes/qr.ts';
import { jurisdictions } from '../jurisdictions/jurisdictions.table.ts';
import { venues } from './venues.table.ts';
import { venueQr } from './venues.repository.ts';

/** What a venue's QR code says: a citizen page that reads it posts a scan of this venue. */

const TYPE_LABELS: Record<string, { zh: string; en: string }> = {
  compound_gate: { zh: '小区出入口', en: 'Compound gate' },
  mall: { zh: '商场', en: 'Shopping mall' },
  supermarket: { zh: '超市', en: 'Supermarket' },
  hospital: { zh: '医院', en: 'Hospital' },
  school: { zh: '学校', en: 'School' },
  station: { zh: '车站', en: 'Station' },
  airport: { zh: '机场', en: 'Airport' },
  restaurant: { zh: '餐饮', en: 'Restaurant' },
  office: { zh: '办公场所', en: 'Office' },
  checkpoint: { zh: '卡口', en: 'Checkpoint' },
  other: { zh: '其他', en: 'Other' },
};

export function venueTypeLabel(type: string): string {
  const label = TYPE_LABELS[type];
  return label ? `${label.zh} ${label.en}` : type;
}

export interface PosterVenue {
  id: string;
  code: string;
  name: string;
  type: string;
  address: string | null;
  jurisdictionName: string;
}

/** The venue, if the actor may read venues and it lies in their jurisdiction; else 404. */
async function posterVenue(ctx: AppContext, actor: Actor, venueId: string): Promise<PosterVenue> {
  const staff = requirePermission(actor, 'venues:read');
  const [row] = await ctx.db
    .select({ id: venues.id, code: venues.code, name: venues.name, type: venues.type, address: venues.address, path: venues.jurisdictionPath, jurisdictionName: jurisdictions.name })
    .from(venues)
    .innerJoin(jurisdictions, eq(jurisdictions.id, venues.jurisdictionId))
    .where(eq(venues.id, venueId));
  if (!row || !canReach(staff, row.path)) throw notFound('Venue');
  return { id: row.id, code: row.code, name: row.name, type: row.type, address: row.address, jurisdictionName: row.jurisdictionName };
}

export async function venuePosterPdf(ctx: AppContext, opts: { actor: Actor; venueId: string }): Promise<Buffer> {
  return renderVenuePoster(await posterVenue(ctx, opts.actor, opts.venueId), ctx.clock.now());
}

/**
 * The poster as a PNG: the QR code alone, large, with a 4-module quiet zone (text is on the PDF;
 * drawing CJK text into a PNG would need a native canvas).
 */
export async function venuePosterPng(ctx: AppContext, opts: { actor: Actor; venueId: string }): Promise<Buffer> {
  const venue = await posterVenue(ctx, opts.actor, opts.venueId);
  return qrPng(venueQr(venue.code), { scale: 16, margin: 4 });
}

const BRAND = '#0b6e4f';

/** An A4 poster: title, the venue's name, type and address, a big QR code and what to do. */
export async function renderVenuePoster(venue: PosterVenue, now: Date): Promise<Buffer> {
  const doc = newPdf({ size: 'A4', title: `场所码 Venue code ${venue.name}`, subject: venueQr(venue.code), now });
  const W = doc.page.width;
  const H = doc.page.height;
  const pad = 40;
  const inner = W - 2 * pad;

  doc.rect(0, 0, W, 150).fill(BRAND);
  doc.fillColor('#ffffff').font('cjk-bold').fontSize(56).text('场所码', pad, 18, { width: inner, align: 'center' });
  doc.font('cjk').fontSize(22).text('Venue code', pad, 102, { width: inner, align: 'center' });

  doc.fillColor('#111111').font('cjk-bold').fontSize(28).text(venue.name, pad, 172, { width: inner, align: 'center' });
  doc.moveDown(0.3);
  doc.font('cjk').fontSize(13).fillColor('#333333').text(`类型 Type：${venueTypeLabel(venue.type)}`, { width: inner, align: 'center' });
  if (venue.address) doc.text(`地址 Address：${venue.address}`, { width: inner, align: 'center' });

  // The QR takes what is left between the text above and the instructions below.
  const top = doc.y + 16;
  const bottomReserve = 170;
  const qr = Math.max(220, Math.min(380, H - bottomReserve - top));
  const qx = (W - qr) / 2;
  doc.rect(qx - 6, top - 6, qr + 12, qr + 12).fill(BRAND);
  drawQr(doc, venueQr(venue.code), qx, top, qr, 4);

  doc.font('cjk-bold').fontSize(15).fillColor('#111111').text(venue.code, pad, top + qr + 14, { width: inner, align: 'center', characterSpacing: 2 });
  doc.moveDown(0.6);
  doc.font('cjk-bold').fontSize(20).fillColor(BRAND).text('进入请扫码登记 · 配合测温 · 佩戴口罩', { width: inner, align: 'center' });
  doc.font('cjk').fontSize(12).fillColor('#333333').text('Scan with Yipan to register your visit · temperature check · wear a mask', { width: inner, align: 'center' });

  doc.font('cjk').fontSize(9).fillColor('#777777').text(`${venue.jurisdictionName} · 一盘棋 Yipan · 打印日期 Printed ${formatLocal(now, false)}`, pad, H - 32, { width: inner, align: 'center' });
  return pdfBuffer(doc);
}
