import type { Executor } from '../../db/client.ts';
import type { AppContext } from '../../platform/context.ts';
import { citizenNotices } from './health-codes.table.ts';

/** Tells the citizen how their appeal ended: a notice on their page and a message to their phone. */
export async function noticeAppealResolved(
  ctx: AppContext,
  tx: Executor,
  opts: { personId: string; phone: string; corrected: boolean; note: string; now: Date },
): Promise<void> {
  const message = opts.corrected
    ? { zh: `您的健康码申诉已处理:已更正。${opts.note}`, en: `Your health-code appeal was resolved: the colour was corrected. ${opts.note}` }
    : { zh: `您的健康码申诉已处理:维持原颜色。${opts.note}`, en: `Your health-code appeal was resolved: the colour stands. ${opts.note}` };
  await tx.insert(citizenNotices).values({ personId: opts.personId, kind: 'appeal_resolved', message, createdAt: opts.now });
  // Sent after the row is written; a failed SMS leaves the notice on the page.
  await ctx.notifier.notify(opts.phone, message.zh).catch((err) => ctx.log.warn({ err }, 'notice not sent'));
}
