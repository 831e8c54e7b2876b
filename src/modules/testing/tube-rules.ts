/**
 * The life of a sample tube, and what may be put in it. Pure: the sampling and lab use cases
 * ask these rules before they write.
 */
export const TUBE_STATUSES = ['open', 'closed', 'in_transit', 'received', 'resulted'] as const;
export type TubeStatus = (typeof TUBE_STATUSES)[number];
export const POOL_SIZES = [1, 5, 10, 20] as const;
export type PoolSize = (typeof POOL_SIZES)[number];

export type TubeEvent = 'add_member' | 'close' | 'send' | 'receive' | 'result';

const NEXT: Record<TubeStatus, Partial<Record<TubeEvent, TubeStatus>>> = {
  open: { add_member: 'open', close: 'closed' },
  closed: { send: 'in_transit', result: 'resulted' },
  in_transit: { receive: 'received', result: 'resulted' },
  received: { result: 'resulted' },
  resulted: {},
};

export type Step = { ok: true; status: TubeStatus } | { ok: false; reason: string };

/** The status after an event, or why the event is refused in this status. */
export function tubeStep(status: TubeStatus, event: TubeEvent): Step {
  const next = NEXT[status][event];
  if (next) return { ok: true, status: next };
  const why: Record<TubeEvent, string> = {
    add_member: status === 'open' ? '' : 'the tube is closed',
    close: 'the tube is not open',
    send: status === 'open' ? 'close the tube before sending it' : 'the tube has already been sent',
    receive: 'the tube is not in transit',
    result: status === 'open' ? 'the tube is still open' : 'the tube already has a result',
  };
  return { ok: false, reason: why[event] };
}

/**
 * Whether one more person fits: not a closed tube, not a full one, not someone already in it,
 * and not someone already sampled in this round.
 */
export function canAddMember(tube: { status: TubeStatus; poolSize: number; members: number }, person: { inThisTube: boolean; sampledThisRound: boolean }): { ok: true } | { ok: false; reason: string } {
  const step = tubeStep(tube.status, 'add_member');
  if (!step.ok) return step;
  if (person.inThisTube) return { ok: false, reason: 'this person is already in the tube' };
  if (person.sampledThisRound) return { ok: false, reason: 'this person has already been sampled in this round' };
  if (tube.members >= tube.poolSize) return { ok: false, reason: `the tube is full (${tube.poolSize} of ${tube.poolSize})` };
  return { ok: true };
}

/** Hours from sampling to a result, and whether it met the target (8 h by default). */
export function turnaround(sampledAt: Date, resultedAt: Date, targetHours = 8): { hours: number; withinTarget: boolean } {
  const hours = (resultedAt.getTime() - sampledAt.getTime()) / 3_600_000;
  return { hours: Math.round(hours * 100) / 100, withinTarget: hours <= targetHours };
}
