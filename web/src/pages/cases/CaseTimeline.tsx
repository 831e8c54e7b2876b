import { Card, Tag, Timeline, Typography } from 'antd';
import type { ReactNode } from 'react';
import { formatDateTime } from '../../common/format';
import { useI18n, type MessageKey } from '../../i18n';
import { formatSpan } from './datetime';
import type { CaseDetail, InvestigationDetail, TrajectoryEntry } from './types';

interface Item {
  at: string;
  color: string;
  title: ReactNode;
  detail?: ReactNode;
  kind: string;
}

const CLOCKS: Array<[keyof InvestigationDetail, MessageKey]> = [
  ['assignedAt', 'timeline.assigned'],
  ['startedAt', 'timeline.started'],
  ['contactsIdentifiedAt', 'timeline.contactsIdentified'],
  ['contactsControlledAt', 'timeline.contactsControlled'],
  ['submittedAt', 'timeline.submitted'],
  ['reviewedAt', 'timeline.reviewed'],
  ['closedAt', 'timeline.closed'],
];

/** The case's history in one line of time: its events, the positive sample, the investigation's clocks and the trajectory. */
export function CaseTimeline({ kase, investigation, entries }: { kase: CaseDetail; investigation: InvestigationDetail | null; entries: TrajectoryEntry[] }) {
  const { t, tk } = useI18n();
  const value = (kind: string, v: string | null) => {
    if (v === null) return t('common.none');
    const prefix: Record<string, string> = { opened: 'classification', classification: 'classification', severity: 'severity', outcome: 'outcome', origin: 'origin' };
    return prefix[kind] ? tk(prefix[kind], v) : kind === 'isolated' ? formatDateTime(v) : v;
  };
  const items: Item[] = [];
  if (kase.sampledAt) items.push({ at: kase.sampledAt, color: 'red', kind: 'sampled', title: t('timeline.sampled'), detail: kase.positiveRef });
  for (const e of kase.events) {
    const change = e.fromValue !== null ? `${value(e.kind, e.fromValue)} → ${value(e.kind, e.toValue)}` : value(e.kind, e.toValue);
    items.push({
      at: e.at,
      color: e.kind === 'positive' || e.kind === 'opened' ? 'red' : 'blue',
      kind: `event:${e.kind}`,
      title: (
        <span>
          {tk('caseEvent', e.kind)} <Typography.Text type="secondary">{change}</Typography.Text>
        </span>
      ),
      detail: [e.note, e.actorName].filter(Boolean).join(' · ') || undefined,
    });
  }
  items.push({ at: kase.exposureWindow.from, color: 'orange', kind: 'window', title: t('timeline.windowFrom', { anchor: tk('exposureAnchor', kase.exposureWindow.anchor) }) });
  if (investigation) {
    for (const [key, label] of CLOCKS) {
      const at = investigation[key] as string | null;
      if (at) items.push({ at, color: 'green', kind: `clock:${key}`, title: t(label), detail: key === 'startedAt' ? investigation.assigneeName : key === 'assignedAt' ? investigation.teamName : undefined });
    }
  }
  for (const e of entries) {
    if (e.removedAt) continue;
    items.push({
      at: e.startsAt,
      color: e.inWindow ? 'orange' : 'gray',
      kind: 'trajectory',
      title: (
        <span>
          <Tag>{tk('trajectoryKind', e.kind)}</Tag>
          {e.venueName ?? e.place ?? e.detail ?? ''}
        </span>
      ),
      detail: formatSpan(e.startsAt, e.endsAt),
    });
  }
  items.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return (
    <Card size="small" title={t('timeline.title')} data-testid="case-timeline">
      <Timeline
        items={items.map((i, n) => ({
          key: `${i.kind}:${n}`,
          color: i.color,
          content: (
            <div data-testid="timeline-item" data-kind={i.kind}>
              <div style={{ fontSize: 12, color: '#8c8c8c' }}>{formatDateTime(i.at)}</div>
              <div>{i.title}</div>
              {i.detail && <div style={{ fontSize: 12, color: '#595959' }}>{i.detail}</div>}
            </div>
          ),
        }))}
      />
    </Card>
  );
}
