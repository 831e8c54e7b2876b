import { CloudSyncOutlined, DisconnectOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Empty, Input, List, Segmented, Select, Space, Tag, Typography } from 'antd';
import type { InputRef } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ApiError, api } from '../../api/client';
import { QrScanButton, TUBE_FORMATS } from '../../common/QrScanButton';
import { useApiError } from '../../common/useApiError';
import { useI18n, type MessageKey } from '../../i18n';
import { REJECT_CODES } from '../../../../src/modules/testing/sampling/reject-codes.ts';
import {
  enqueue,
  loadLocal,
  loadQueue,
  randomId,
  saveLocal,
  settle,
  subjectKey,
  subjectOf,
  type LocalState,
  type Outcome,
  type QueueState,
  type SamplingEvent,
} from './queue';

interface RoundOption {
  id: string;
  name: string;
  day: string;
  status: string;
  areas: Array<{ jurisdiction: { code: string; name: string }; poolSize: number }>;
}
interface PointOption {
  id: string;
  code: string;
  name: string;
  jurisdiction: { code: string; name: string };
}
interface Batch {
  transferCode: string;
  lab: string;
  tubes: Array<{ barcode: string; status: string; members: number }>;
}

const POOL_SIZES = [1, 5, 10, 20] as const;
const RETRY_MS = 4000;
const CHUNK = 200;
const CACHE = { rounds: 'yipan.sampling.rounds', points: 'yipan.sampling.points', lab: 'yipan.sampling.lab' };
const big = { height: 52, fontSize: 20 } as const;

function cached<T>(key: string): T[] {
  try {
    return JSON.parse(localStorage.getItem(key) ?? '[]') as T[];
  } catch {
    return [];
  }
}


/** Whether the browser thinks it is online (and a flag to re-render when that changes). */
function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  }, []);
  return online;
}

/**
 * The sampler's phone page (采样): choose the round and the sampling point, open a tube by its
 * barcode with its pool size, scan each person's code (or type the ID number) into it, close it;
 * then hand closed tubes over to the lab's courier under a transfer code. Works offline: every
 * action is queued on the phone and sent in order when the network is back.
 */
export default function SamplingPage() {
  const { t } = useI18n();
  const { describe } = useApiError();
  const online = useOnline();
  const [tab, setTab] = useState<'sample' | 'handover'>('sample');
  const [queue, setQueue] = useState<QueueState>(loadQueue);
  const [local, setLocal] = useState<LocalState>(loadLocal);
  const [rounds, setRounds] = useState<RoundOption[]>(() => cached<RoundOption>(CACHE.rounds));
  const [points, setPoints] = useState<PointOption[]>(() => cached<PointOption>(CACHE.points));
  const [barcode, setBarcode] = useState('');
  const [memberText, setMemberText] = useState('');
  const [notice, setNotice] = useState<{ type: 'error' | 'success' | 'warning'; text: string } | null>(null);
  const [syncError, setSyncError] = useState<string | null>(null);
  const memberRef = useRef<InputRef>(null);
  const barcodeRef = useRef<InputRef>(null);
  const flushing = useRef(false);

  useEffect(() => saveLocal(local), [local]);

  const refusalText = useCallback(
    (code: string, reason?: string) => ((REJECT_CODES as readonly string[]).includes(code) ? t(`sampling.refused.${code}` as MessageKey) : reason || code),
    [t],
  );

  // Rounds and points: fetched when online, cached for the offline day.
  useEffect(() => {
    if (!online) return;
    const ctrl = new AbortController();
    void (async () => {
      try {
        const [r, p] = await Promise.all([
          api.get<{ items: RoundOption[] }>('/api/testing-rounds', { status: 'open', pageSize: 200 }, ctrl.signal),
          api.get<{ items: PointOption[] }>('/api/sampling-points', { pageSize: 200 }, ctrl.signal),
        ]);
        setRounds(r.items);
        setPoints(p.items);
        localStorage.setItem(CACHE.rounds, JSON.stringify(r.items));
        localStorage.setItem(CACHE.points, JSON.stringify(p.items));
      } catch {
        // offline or refused: the cached lists stay
      }
    })();
    return () => ctrl.abort();
  }, [online]);

  /** What the server refused changes the phone's picture: a refused member leaves the tube, a refused opening clears it. */
  const applyOutcomes = useCallback(
    (events: SamplingEvent[], outcomes: Outcome[]) => {
      const refused = outcomes.filter((o) => o.status === 'rejected');
      if (refused.length === 0) return;
      const ids = new Set(refused.map((o) => o.eventId));
      setLocal((s) => {
        let tube = s.tube;
        const sampled = { ...s.sampled };
        for (const e of events) {
          if (!ids.has(e.eventId)) continue;
          if (e.type === 'open_tube' && tube?.barcode === e.barcode) tube = null;
          if (e.type === 'add_member' && tube?.barcode === e.barcode) {
            const gone = tube.members.find((m) => m.eventId === e.eventId);
            tube = { ...tube, members: tube.members.filter((m) => m.eventId !== e.eventId) };
            if (gone && tube.roundId) sampled[tube.roundId] = (sampled[tube.roundId] ?? []).filter((k) => k !== gone.key);
          }
        }
        return { ...s, tube, sampled };
      });
      const first = refused[0];
      setNotice({ type: 'error', text: `${t('sampling.serverRefused')}: ${refusalText(first.code ?? 'invalid', first.reason)}` });
    },
    [refusalText, t],
  );

  /** Sends the queue in order, a chunk at a time; stops at the first network failure and retries later. */
  const flush = useCallback(async () => {
    if (flushing.current || !navigator.onLine) return;
    flushing.current = true;
    try {
      for (;;) {
        const chunk = loadQueue().pending.slice(0, CHUNK);
        if (chunk.length === 0) break;
        let outcomes: Outcome[];
        try {
          outcomes = (await api.post<{ results: Outcome[] }>('/api/sampling/events', { events: chunk })).results;
          setSyncError(null);
        } catch (e) {
          if (e instanceof ApiError && (e.status === 400 || e.status === 403)) {
            // The whole request is refused (never the case for a well-formed queue): keep nothing that can never go.
            outcomes = chunk.map((ev) => ({ eventId: ev.eventId, status: 'rejected' as const, code: 'invalid', reason: e.message }));
          } else {
            setSyncError(describe(e));
            break;
          }
        }
        setQueue(settle(chunk, outcomes));
        applyOutcomes(chunk, outcomes);
      }
    } finally {
      flushing.current = false;
      setQueue(loadQueue());
    }
  }, [applyOutcomes, describe]);

  useEffect(() => {
    void flush();
    const timer = window.setInterval(() => void flush(), RETRY_MS);
    const on = () => void flush();
    window.addEventListener('online', on);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('online', on);
    };
  }, [flush]);

  const push = (event: SamplingEvent) => {
    setQueue(enqueue(event));
    void flush();
  };

  const round = rounds.find((r) => r.id === local.roundId) ?? null;
  const point = points.find((p) => p.id === local.pointId) ?? null;
  /** The largest pool the round allows where this point is (division codes nest by prefix); 20 when unknown. */
  const maxPool = useMemo(() => {
    if (!round || !point) return 20;
    const area = round.areas.filter((a) => point.jurisdiction.code.startsWith(a.jurisdiction.code)).sort((a, b) => b.jurisdiction.code.length - a.jurisdiction.code.length)[0];
    return area?.poolSize ?? 20;
  }, [round, point]);
  const poolSize = local.poolSize === 1 || local.poolSize <= maxPool ? local.poolSize : maxPool;

  const openTube = () => {
    const code = barcode.trim();
    if (!code) {
      setNotice({ type: 'warning', text: t('sampling.barcodeRequired') });
      barcodeRef.current?.focus();
      return;
    }
    if (local.closed.some((c) => c.barcode === code) || local.handedOver.includes(code)) {
      setNotice({ type: 'error', text: t('sampling.refused.barcode_in_use') });
      return;
    }
    push({ eventId: randomId(), type: 'open_tube', barcode: code, poolSize, ...(local.roundId ? { roundId: local.roundId } : {}), ...(local.pointId ? { samplingPointId: local.pointId } : {}) });
    setLocal((s) => ({ ...s, poolSize, tube: { barcode: code, poolSize, roundId: s.roundId, members: [] } }));
    setBarcode('');
    setNotice(null);
    setTimeout(() => memberRef.current?.focus(), 0);
  };

  const addMember = (value = memberText) => {
    const tube = local.tube;
    const text = value.trim();
    if (!tube) return;
    if (!text) {
      setNotice({ type: 'warning', text: t('sampling.memberRequired') });
      return;
    }
    const key = subjectKey(text);
    const refuse = (code: string) => {
      setNotice({ type: 'error', text: refusalText(code) });
      setMemberText('');
      memberRef.current?.focus();
    };
    if (tube.members.length >= tube.poolSize) return refuse('tube_full');
    if (tube.members.some((m) => m.key === key)) return refuse('already_in_tube');
    if (tube.roundId && (local.sampled[tube.roundId] ?? []).includes(key)) return refuse('already_in_round');
    const eventId = randomId();
    push({ eventId, type: 'add_member', barcode: tube.barcode, sampledAt: new Date().toISOString(), ...subjectOf(text) });
    setLocal((s) => {
      if (!s.tube) return s;
      const sampled = s.tube.roundId ? { ...s.sampled, [s.tube.roundId]: [...(s.sampled[s.tube.roundId] ?? []), key] } : s.sampled;
      return { ...s, sampled, tube: { ...s.tube, members: [...s.tube.members, { key, eventId }] } };
    });
    setMemberText('');
    const n = tube.members.length + 1;
    setNotice(n >= tube.poolSize ? { type: 'warning', text: t('sampling.tubeFull', { n, size: tube.poolSize }) } : { type: 'success', text: t('sampling.added', { n, size: tube.poolSize }) });
    memberRef.current?.focus();
  };

  const closeTube = () => {
    const tube = local.tube;
    if (!tube) return;
    push({ eventId: randomId(), type: 'close_tube', barcode: tube.barcode });
    setLocal((s) => ({ ...s, tube: null, closed: [{ barcode: tube.barcode, members: tube.members.length, poolSize: tube.poolSize, closedAt: new Date().toISOString() }, ...s.closed] }));
    setNotice({ type: 'success', text: t('sampling.closed', { barcode: tube.barcode, n: tube.members.length }) });
    setTimeout(() => barcodeRef.current?.focus(), 0);
  };

  const mask = (key: string) => {
    const v = key.slice(2);
    return key.startsWith('t:') ? t('sampling.memberCode') : `${v.slice(0, 3)}…${v.slice(-4)}`;
  };

  const header = (
    <Card size="small">
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        {online ? (
          <Tag color="green" icon={<CloudSyncOutlined />}>
            {t('sampling.online')}
          </Tag>
        ) : (
          <Tag color="red" icon={<DisconnectOutlined />}>
            {t('sampling.offline')}
          </Tag>
        )}
        <span>
          {t('sampling.queued')}: <b data-testid="queue-pending">{queue.pending.length}</b>
        </span>
        <span>
          {t('sampling.sent')}: <b data-testid="queue-sent">{queue.sent}</b>
        </span>
        <Button size="small" icon={<SendOutlined />} onClick={() => void flush()} disabled={!online || queue.pending.length === 0}>
          {t('sampling.syncNow')}
        </Button>
      </Space>
      {syncError && queue.pending.length > 0 && <Typography.Text type="secondary">{t('sampling.willRetry')}</Typography.Text>}
    </Card>
  );

  return (
    <div style={{ maxWidth: 480, margin: '0 auto' }}>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('sampling.title')}
        </Typography.Title>
        {header}
        <Segmented
          block
          value={tab}
          onChange={(v) => {
            setTab(v as 'sample' | 'handover');
            setNotice(null);
          }}
          options={[
            { value: 'sample', label: t('sampling.tabSample') },
            { value: 'handover', label: `${t('sampling.tabHandover')} (${local.closed.filter((c) => !local.handedOver.includes(c.barcode)).length})` },
          ]}
          data-testid="sampling-tabs"
        />
        {notice && <Alert type={notice.type} message={notice.text} showIcon closable onClose={() => setNotice(null)} data-testid="sampling-notice" />}
        {tab === 'sample' ? (
          <>
            <Card size="small">
              <Space direction="vertical" style={{ width: '100%' }}>
                <Select
                  data-testid="sampling-round"
                  style={{ width: '100%' }}
                  placeholder={t('sampling.round')}
                  value={local.roundId ?? undefined}
                  disabled={!!local.tube}
                  allowClear
                  onChange={(v?: string) => setLocal((s) => ({ ...s, roundId: v ?? null }))}
                  options={rounds.map((r) => ({ value: r.id, label: `${r.name} · ${r.day}` }))}
                  notFoundContent={t('sampling.noRounds')}
                />
                <Select
                  data-testid="sampling-point"
                  style={{ width: '100%' }}
                  placeholder={t('sampling.point')}
                  value={local.pointId ?? undefined}
                  disabled={!!local.tube}
                  allowClear
                  onChange={(v?: string) => setLocal((s) => ({ ...s, pointId: v ?? null }))}
                  options={points.map((p) => ({ value: p.id, label: `${p.code} ${p.name}` }))}
                />
              </Space>
            </Card>
            {!local.tube ? (
              <Card size="small" title={t('sampling.openTube')}>
                <Space direction="vertical" style={{ width: '100%' }}>
                  <Space.Compact style={{ width: '100%' }}>
                    <Input
                      ref={barcodeRef}
                      data-testid="tube-barcode"
                      style={big}
                      placeholder={t('sampling.barcodePlaceholder')}
                      value={barcode}
                      onChange={(e) => setBarcode(e.target.value)}
                      onPressEnter={openTube}
                      autoComplete="off"
                    />
                  </Space.Compact>
                  <QrScanButton block formats={TUBE_FORMATS} label={t('sampling.scanTube')} onResult={(text) => setBarcode(text.trim())} />
                  <div>
                    <Typography.Text type="secondary">{t('sampling.poolSize')}</Typography.Text>
                    <Segmented
                      block
                      data-testid="pool-size"
                      value={poolSize}
                      onChange={(v) => setLocal((s) => ({ ...s, poolSize: Number(v) }))}
                      options={POOL_SIZES.map((n) => ({ value: n, label: n === 1 ? t('sampling.single') : t('sampling.pooled', { n }), disabled: n !== 1 && n > maxPool }))}
                    />
                  </div>
                  <Button type="primary" block size="large" data-testid="tube-open" onClick={openTube}>
                    {t('sampling.openTube')}
                  </Button>
                </Space>
              </Card>
            ) : (
              <Card
                size="small"
                title={
                  <span>
                    {t('sampling.tube')} <Typography.Text code>{local.tube.barcode}</Typography.Text>
                  </span>
                }
                extra={
                  <Typography.Text strong style={{ fontSize: 22 }} type={local.tube.members.length >= local.tube.poolSize ? 'danger' : undefined} data-testid="tube-count">
                    {local.tube.members.length} / {local.tube.poolSize}
                  </Typography.Text>
                }
              >
                <Space direction="vertical" style={{ width: '100%' }}>
                  <Input
                    ref={memberRef}
                    data-testid="member-input"
                    style={big}
                    placeholder={t('sampling.memberPlaceholder')}
                    value={memberText}
                    onChange={(e) => setMemberText(e.target.value)}
                    onPressEnter={() => addMember()}
                    autoComplete="off"
                    autoFocus
                  />
                  <Space style={{ width: '100%' }} direction="vertical">
                    <QrScanButton block label={t('sampling.scanPerson')} onResult={(text) => addMember(text)} />
                    <Button type="primary" block size="large" data-testid="member-add" onClick={() => addMember()} disabled={local.tube.members.length >= local.tube.poolSize}>
                      {t('sampling.addMember')}
                    </Button>
                  </Space>
                  <List
                    size="small"
                    dataSource={[...local.tube.members].reverse()}
                    locale={{ emptyText: t('sampling.noMembers') }}
                    renderItem={(m) => <List.Item>{mask(m.key)}</List.Item>}
                  />
                  <Button danger block size="large" data-testid="tube-close" onClick={closeTube} disabled={local.tube.members.length === 0}>
                    {t('sampling.closeTube')}
                  </Button>
                </Space>
              </Card>
            )}
            {queue.refused.length > 0 && (
              <Card size="small" title={t('sampling.refusedTitle')} data-testid="queue-refused">
                <List
                  size="small"
                  dataSource={queue.refused.slice(0, 10)}
                  renderItem={(r) => (
                    <List.Item>
                      <Typography.Text code>{r.barcode}</Typography.Text> {refusalText(r.code, r.reason)}
                    </List.Item>
                  )}
                />
              </Card>
            )}
          </>
        ) : (
          <HandOver local={local} setLocal={setLocal} pending={queue.pending.length} online={online} flush={flush} />
        )}
      </Space>
    </div>
  );
}

/** Builds a batch of this phone's closed tubes for the lab and shows its transfer code. */
function HandOver({
  local,
  setLocal,
  pending,
  online,
  flush,
}: {
  local: LocalState;
  setLocal: (f: (s: LocalState) => LocalState) => void;
  pending: number;
  online: boolean;
  flush: () => Promise<void>;
}) {
  const { t } = useI18n();
  const { describe } = useApiError();
  const ready = local.closed.filter((c) => !local.handedOver.includes(c.barcode));
  const [picked, setPicked] = useState<string[]>(() => ready.map((c) => c.barcode));
  const [lab, setLab] = useState(() => localStorage.getItem(CACHE.lab) ?? '');
  const [busy, setBusy] = useState(false);
  const [batch, setBatch] = useState<Batch | null>(null);
  const [error, setError] = useState<string | null>(null);

  const create = async () => {
    setError(null);
    if (!lab.trim()) return setError(t('sampling.labRequired'));
    const barcodes = picked.filter((b) => ready.some((c) => c.barcode === b));
    if (barcodes.length === 0) return setError(t('sampling.pickTubes'));
    if (!online) return setError(t('sampling.handoverOffline'));
    setBusy(true);
    try {
      await flush();
      if (loadQueue().pending.length > 0) return setError(t('sampling.syncFirst'));
      const b = await api.post<Batch>('/api/tube-batches', { lab: lab.trim(), barcodes });
      localStorage.setItem(CACHE.lab, lab.trim());
      setBatch(b);
      setLocal((s) => ({ ...s, handedOver: [...s.handedOver, ...b.tubes.map((x) => x.barcode)].slice(-2000) }));
    } catch (e) {
      setError(describe(e));
    } finally {
      setBusy(false);
    }
  };

  if (batch) {
    return (
      <Card size="small" title={t('sampling.batchCreated')}>
        <Space direction="vertical" style={{ width: '100%', textAlign: 'center' }}>
          <Typography.Text type="secondary">{t('sampling.transferCode')}</Typography.Text>
          <Typography.Title level={1} copyable style={{ margin: 0, letterSpacing: 4 }} data-testid="batch-code">
            {batch.transferCode}
          </Typography.Title>
          <Typography.Text>{t('sampling.batchSummary', { n: batch.tubes.length, lab: batch.lab })}</Typography.Text>
          <Button block onClick={() => setBatch(null)}>
            {t('sampling.newBatch')}
          </Button>
        </Space>
      </Card>
    );
  }
  return (
    <Card size="small" title={t('sampling.tabHandover')}>
      <Space direction="vertical" style={{ width: '100%' }}>
        {ready.length === 0 ? (
          <Empty description={t('sampling.noClosedTubes')} />
        ) : (
          <Checkbox.Group style={{ width: '100%' }} value={picked} onChange={(v) => setPicked(v as string[])}>
            <Space direction="vertical">
              {ready.map((c) => (
                <Checkbox key={c.barcode} value={c.barcode}>
                  <Typography.Text code>{c.barcode}</Typography.Text> {c.members} / {c.poolSize}
                </Checkbox>
              ))}
            </Space>
          </Checkbox.Group>
        )}
        <Input data-testid="batch-lab" placeholder={t('sampling.lab')} value={lab} onChange={(e) => setLab(e.target.value)} style={big} />
        {pending > 0 && <Alert type="warning" showIcon message={t('sampling.pendingBeforeHandover', { n: pending })} />}
        {error && <Alert type="error" showIcon message={error} />}
        <Button type="primary" block size="large" data-testid="batch-create" loading={busy} onClick={() => void create()} disabled={ready.length === 0}>
          {t('sampling.createBatch')}
        </Button>
      </Space>
    </Card>
  );
}
