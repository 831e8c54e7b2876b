/**
 * The sampler's offline queue. Every action on the phone becomes a device event with its own
 * random id, stored in localStorage before anything is sent, and sent in order whenever the
 * network is there. The server answers a replayed event 'duplicate', so resending after a cut
 * (or after a reload mid-request) never samples anyone twice.
 */
export type SamplingEvent =
  | { eventId: string; type: 'open_tube'; barcode: string; poolSize: number; roundId?: string; samplingPointId?: string }
  | { eventId: string; type: 'add_member'; barcode: string; sampledAt: string; idNumber?: string; personId?: string; token?: string }
  | { eventId: string; type: 'close_tube'; barcode: string };

export interface Outcome {
  eventId: string;
  status: 'applied' | 'duplicate' | 'rejected';
  code?: string;
  reason?: string;
  tube?: { barcode: string; status: string; poolSize: number; members: number };
}

export interface Refusal {
  eventId: string;
  type: SamplingEvent['type'];
  barcode: string;
  code: string;
  reason: string;
  at: string;
}

export interface QueueState {
  pending: SamplingEvent[];
  sent: number;
  refused: Refusal[];
}

const KEY = 'yipan.sampling.queue.v1';
const MAX_REFUSALS = 50;

export function loadQueue(): QueueState {
  try {
    const raw = localStorage.getItem(KEY);
    if (raw) {
      const q = JSON.parse(raw) as Partial<QueueState>;
      return { pending: Array.isArray(q.pending) ? q.pending : [], sent: typeof q.sent === 'number' ? q.sent : 0, refused: Array.isArray(q.refused) ? q.refused : [] };
    }
  } catch {
    // unreadable: start empty rather than lose the page
  }
  return { pending: [], sent: 0, refused: [] };
}

export function saveQueue(q: QueueState): void {
  localStorage.setItem(KEY, JSON.stringify({ ...q, refused: q.refused.slice(0, MAX_REFUSALS) }));
}

/** Appends an event to the stored queue (read-modify-write, so nothing queued meanwhile is lost). */
export function enqueue(event: SamplingEvent): QueueState {
  const q = loadQueue();
  q.pending.push(event);
  saveQueue(q);
  return q;
}

/** Removes answered events from the stored queue and records the refusals. */
export function settle(events: SamplingEvent[], outcomes: Outcome[]): QueueState {
  const q = loadQueue();
  const byId = new Map(events.map((e) => [e.eventId, e]));
  const answered = new Set(outcomes.map((o) => o.eventId));
  q.pending = q.pending.filter((e) => !answered.has(e.eventId));
  q.sent += outcomes.filter((o) => o.status !== 'rejected').length;
  const now = new Date().toISOString();
  const refused = outcomes
    .filter((o) => o.status === 'rejected')
    .map((o) => {
      const e = byId.get(o.eventId);
      return { eventId: o.eventId, type: e?.type ?? 'add_member', barcode: e?.barcode ?? '', code: o.code ?? 'invalid', reason: o.reason ?? '', at: now };
    });
  q.refused = [...refused.reverse(), ...q.refused].slice(0, MAX_REFUSALS);
  saveQueue(q);
  return q;
}

/** A random id that works outside secure contexts too (a phone on the LAN over plain http). */
export function randomId(): string {
  if (typeof crypto.randomUUID === 'function' && window.isSecureContext) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What was scanned or typed for a person: a health-code token, a person id, or a document number. */
export function subjectOf(text: string): { token: string } | { personId: string } | { idNumber: string } {
  const s = text.trim();
  if (JWS.test(s)) return { token: s };
  if (UUID.test(s)) return { personId: s };
  return { idNumber: s.replace(/\s+/g, '').toUpperCase() };
}

/** The tube being filled and the tubes closed on this phone, kept across reloads. */
export interface LocalTube {
  barcode: string;
  poolSize: number;
  roundId: string | null;
  /** Each member by what was scanned (normalised) and the event that added it. */
  members: Array<{ key: string; eventId: string }>;
}

export interface LocalState {
  roundId: string | null;
  pointId: string | null;
  poolSize: number;
  tube: LocalTube | null;
  closed: Array<{ barcode: string; members: number; poolSize: number; closedAt: string }>;
  /** People scanned into a tube of each round on this phone: refused locally before the server sees them. */
  sampled: Record<string, string[]>;
  /** Tubes already handed over from this phone. */
  handedOver: string[];
}

const LOCAL_KEY = 'yipan.sampling.state.v1';

export function loadLocal(): LocalState {
  const empty: LocalState = { roundId: null, pointId: null, poolSize: 10, tube: null, closed: [], sampled: {}, handedOver: [] };
  try {
    const raw = localStorage.getItem(LOCAL_KEY);
    return raw ? { ...empty, ...(JSON.parse(raw) as Partial<LocalState>) } : empty;
  } catch {
    return empty;
  }
}

export function saveLocal(s: LocalState): void {
  localStorage.setItem(LOCAL_KEY, JSON.stringify(s));
}

export const subjectKey = (text: string) => {
  const s = subjectOf(text);
  return 'token' in s ? `t:${s.token}` : 'personId' in s ? `p:${s.personId.toLowerCase()}` : `i:${s.idNumber}`;
};
