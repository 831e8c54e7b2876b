import { formatLocal, newPdf, pdfBuffer } from '../health-codes/qr.ts';
import type { InvestigationReport } from './reports.schemas.ts';

/**
 * The investigation report as an A4 PDF in Chinese, for the office's file: the case, its
 * trajectory, its confirmed contacts (masked IDs only), the hypothesis and summary, and who
 * submitted and approved it. Rendering only: the report is assembled and access-checked before.
 */

const LABELS: Record<string, Record<string, string>> = {
  classification: { confirmed: '确诊病例', asymptomatic: '无症状感染者', suspected: '疑似病例' },
  severity: { mild: '轻型', moderate: '普通型', severe: '重型', critical: '危重型' },
  origin: { local: '本土', imported: '境外输入', unknown: '不明' },
  outcome: { under_treatment: '治疗中', recovered: '治愈', died: '死亡', excluded: '已排除' },
  kind: { venue: '场所', place: '地点', transport: '交通', workplace: '工作场所', home: '居所' },
  degree: { close: '密接', secondary: '次密接' },
  source: { household: '同住', co_location: '时空伴随', manual: '流调排查' },
  measure: { centralized_quarantine: '集中隔离', home_quarantine: '居家隔离', home_health_monitoring: '居家健康监测' },
  reportStatus: { draft: '草稿（未提交）', submitted: '已提交，待审核', approved: '已审核', returned: '已退回修改' },
  status: { open: '待分派', assigned: '已分派', in_progress: '调查中', submitted: '已提交', closed: '已结案' },
  anchor: { onset: '发病日期', sampling: '采样日期', report: '报告日期' },
};
const label = (group: string, value: string | null | undefined) => (value ? (LABELS[group][value] ?? value) : '—');
const when = (t: string | null | undefined) => (t ? formatLocal(new Date(t)) : '—');
/** A time range on one line: the end shows its date only when it falls on another day. */
function span(from: string, until: string | null): string {
  const a = formatLocal(new Date(from));
  if (!until) return a;
  const b = formatLocal(new Date(until));
  return `${a}–${b.slice(0, 10) === a.slice(0, 10) ? b.slice(11) : b}`;
}

const MARGIN = 50;
const INK = '#111111';
const MUTED = '#555555';
const RULE = '#9a9a9a';
const HEAD_BG = '#e6efe9';
const BRAND = '#0b6e4f';

type Doc = PDFKit.PDFDocument;

/** Starts a new page when `height` does not fit in what is left of this one. */
function ensure(doc: Doc, height: number): void {
  if (doc.y + height > doc.page.maxY()) doc.addPage();
}

/** A section heading, kept on one page with the first `keep` points of what follows it. */
function heading(doc: Doc, text: string, keep = 40): void {
  ensure(doc, 24 + keep);
  doc.y += 10;
  doc.font('cjk-bold').fontSize(13).fillColor(BRAND).text(text, MARGIN, doc.y);
  doc.y += 4;
}

function paragraph(doc: Doc, text: string | null, width: number): void {
  ensure(doc, 20);
  doc
    .font('cjk')
    .fontSize(10.5)
    .fillColor(text?.trim() ? INK : MUTED)
    .text(text?.trim() || '（未填写）', MARGIN, doc.y, { width, lineGap: 3 });
}

/** Label–value pairs, two to a row; a pair marked wide takes the whole row. */
function fields(doc: Doc, pairs: Array<[string, string, 'wide'?]>, width: number): void {
  const labelW = 64;
  const rows: Array<{ wide: boolean; cells: Array<[string, string]> }> = [];
  for (const [k, v, wide] of pairs) {
    const last = rows.at(-1);
    if (!wide && last && !last.wide && last.cells.length === 1) last.cells.push([k, v]);
    else rows.push({ wide: wide === 'wide', cells: [[k, v]] });
  }
  doc.fontSize(10);
  for (const { wide, cells } of rows) {
    const colW = wide ? width : width / 2;
    doc.font('cjk');
    const h = Math.max(...cells.map(([, v]) => doc.heightOfString(v, { width: colW - labelW - 8 }))) + 6;
    ensure(doc, h);
    const y = doc.y;
    cells.forEach(([k, v], i) => {
      const x = MARGIN + i * (width / 2);
      doc.font('cjk').fillColor(MUTED).text(k, x, y, { width: labelW });
      doc.fillColor(INK).text(v, x + labelW, y, { width: colW - labelW - 8 });
    });
    doc.x = MARGIN;
    doc.y = y + h;
  }
}

/** A ruled table; rows that do not fit start a new page, which repeats the header. */
function table(doc: Doc, columns: Array<{ header: string; share: number }>, rows: string[][], width: number): void {
  const total = columns.reduce((n, c) => n + c.share, 0);
  const widths = columns.map((c) => (c.share / total) * width);
  const pad = 4;
  // A row taller than a page is cut (with an ellipsis) rather than split across pages.
  const maxRow = doc.page.maxY() - doc.page.margins.top - 60;
  const measure = (cells: string[]) => Math.min(maxRow, Math.max(...cells.map((t, i) => doc.heightOfString(t || ' ', { width: widths[i] - 2 * pad }))) + 2 * pad);
  const draw = (cells: string[], header: boolean) => {
    doc.font(header ? 'cjk-bold' : 'cjk').fontSize(9);
    const h = measure(cells);
    const y = doc.y;
    let x = MARGIN;
    cells.forEach((t, i) => {
      if (header) doc.rect(x, y, widths[i], h).fill(HEAD_BG);
      doc.lineWidth(0.5).strokeColor(RULE).rect(x, y, widths[i], h).stroke();
      doc.fillColor(INK).text(t, x + pad, y + pad, { width: widths[i] - 2 * pad, height: h - 2 * pad, ellipsis: true });
      x += widths[i];
    });
    doc.x = MARGIN;
    doc.y = y + h;
  };
  const headers = columns.map((c) => c.header);
  doc.font('cjk').fontSize(9);
  ensure(doc, measure(headers) + (rows[0] ? measure(rows[0]) : 20));
  draw(headers, true);
  if (rows.length === 0) {
    doc.font('cjk').fontSize(9).fillColor(MUTED).text('无', MARGIN + pad, doc.y + pad, { width: width - 2 * pad });
    doc.y += 4;
    return;
  }
  for (const row of rows) {
    doc.font('cjk').fontSize(9);
    if (doc.y + measure(row) > doc.page.maxY()) {
      doc.addPage();
      draw(headers, true);
    }
    draw(row, false);
  }
}

export async function renderReportPdf(r: InvestigationReport, now: Date): Promise<Buffer> {
  const doc = newPdf({ size: 'A4', title: `流行病学调查报告 ${r.case.caseNumber}`, subject: 'Epidemiological investigation report', now, margin: MARGIN, bufferPages: true });
  const width = doc.page.width - 2 * MARGIN;
  const inv = r.investigation;
  const c = r.case;

  doc.font('cjk-bold').fontSize(20).fillColor(INK).text('流行病学调查报告', MARGIN, MARGIN, { width, align: 'center' });
  doc.y += 4;
  doc
    .font('cjk')
    .fontSize(10)
    .fillColor(MUTED)
    .text(`病例编号 ${c.caseNumber}\u3000·\u3000报告状态：${label('reportStatus', inv.reportStatus)}\u3000·\u3000生成时间 ${formatLocal(now)}`, { width, align: 'center' });
  doc.y += 6;
  doc.moveTo(MARGIN, doc.y).lineTo(MARGIN + width, doc.y).lineWidth(1).strokeColor(BRAND).stroke();

  heading(doc, '一、病例基本情况');
  const w = r.exposureWindow;
  fields(
    doc,
    [
      ['病例编号', c.caseNumber],
      ['姓名', c.name],
      ['身份证号', c.idNumberMasked],
      ['所属社区', c.community ?? '—'],
      ['病例分类', label('classification', c.classification)],
      ['临床分型', label('severity', c.severity)],
      ['感染来源', label('origin', c.origin)],
      ['转归', label('outcome', c.outcome)],
      ['发病日期', c.onsetDate ?? '—'],
      ['采样时间', when(c.sampledAt)],
      ['报告时间', when(c.reportedAt)],
      ['隔离时间', when(c.isolatedAt)],
      ['暴露期', `${formatLocal(new Date(w.from))} 至 ${formatLocal(new Date(w.until))}（自${label('anchor', w.anchor)}前 2 天起算）`, 'wide'],
    ],
    width,
  );

  heading(doc, `二、活动轨迹（${r.trajectory.length} 条）`, 60);
  table(
    doc,
    [
      { header: '序号', share: 6 },
      { header: '时间', share: 22 },
      { header: '类型', share: 10 },
      { header: '地点', share: 26 },
      { header: '说明', share: 26 },
      { header: '暴露期内', share: 10 },
    ],
    r.trajectory.map((e, i) => [String(i + 1), span(e.startsAt, e.endsAt), label('kind', e.kind), [e.venueName ?? e.place ?? '', e.venueCode ? `（${e.venueCode}）` : ''].join(''), e.detail ?? '', e.inWindow ? '是' : '否']),
    width,
  );

  const close = r.contacts.filter((k) => k.degree === 'close').length;
  const controlled = r.contacts.filter((k) => k.controlledAt).length;
  heading(doc, `三、密切接触者（确认 ${r.contacts.length} 人）`, 80);
  doc
    .font('cjk')
    .fontSize(10)
    .fillColor(INK)
    .text(`确认密接 ${close} 人、次密接 ${r.contacts.length - close} 人，已落实管控 ${controlled} 人；待研判 ${r.contactCounts.candidates} 人，已排除 ${r.contactCounts.dismissed} 人。`, MARGIN, doc.y, { width });
  doc.y += 4;
  table(
    doc,
    [
      { header: '序号', share: 6 },
      { header: '姓名', share: 11 },
      { header: '身份证号', share: 19 },
      { header: '类别', share: 8 },
      { header: '发现途径', share: 12 },
      { header: '管控措施', share: 13 },
      { header: '管控至', share: 12 },
      { header: '末次接触', share: 19 },
    ],
    r.contacts.map((k, i) => [String(i + 1), k.name, k.idNumberMasked ?? '—', label('degree', k.degree), k.sources.map((s) => label('source', s)).join('、'), label('measure', k.controlMeasure), k.measureUntil ? formatLocal(new Date(k.measureUntil), false) : '—', when(k.lastExposureAt)]),
    width,
  );

  heading(doc, '四、感染来源推断');
  paragraph(doc, inv.sourceHypothesis, width);
  heading(doc, '五、调查小结');
  paragraph(doc, inv.summary, width);

  heading(doc, '六、调查与审核');
  fields(
    doc,
    [
      ['调查组', inv.teamName ?? '—'],
      ['调查员', inv.assigneeName ?? '—'],
      ['调查状态', label('status', inv.status)],
      ['报告状态', label('reportStatus', inv.reportStatus)],
      ['提交人', inv.submittedBy ?? '—'],
      ['提交时间', when(inv.submittedAt)],
      ['审核人', inv.reviewedBy ?? '—'],
      ['审核时间', when(inv.reviewedAt)],
      ['审核意见', inv.reviewNote ?? '—', 'wide'],
    ],
    width,
  );

  // Page numbers, once the page count is known. Writing in the bottom margin must not start a page.
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    doc.page.margins.bottom = 0;
    const y = doc.page.height - 32;
    doc.font('cjk').fontSize(8).fillColor(MUTED);
    doc.text(`${c.caseNumber} 流行病学调查报告 · 含个人信息，注意保密`, MARGIN, y, { width, align: 'left' });
    doc.text(`第 ${i - start + 1} 页 / 共 ${count} 页`, MARGIN, y, { width, align: 'right' });
  }
  return pdfBuffer(doc);
}
