import { Type, type Static } from 'typebox';
import { CLASSIFICATIONS } from './case-rules.ts';
import { DEGREES } from './contact-rules.ts';
import { LINK_STATUSES } from './chain-graph.ts';

const Uuid = Type.String({ format: 'uuid' });
const Timestamp = Type.String({ format: 'date-time' });
const DateOnly = Type.String({ format: 'date' });

export const ChainsQuery = Type.Object({
  jurisdictionId: Type.Optional(Uuid),
  since: Type.Optional(Type.String({ format: 'date', description: 'first city day (UTC+8) of the cases’ reports; default 13 days before until' })),
  until: Type.Optional(Type.String({ format: 'date', description: 'last city day (UTC+8), inclusive; default today' })),
  includeContacts: Type.Optional(Type.Boolean({ default: false, description: 'add the cases’ confirmed contacts as leaf nodes' })),
});
export type ChainsQuery = Static<typeof ChainsQuery>;

export const ChainNode = Type.Object({
  id: Type.String({ description: 'the case id, or for a contact its person id (the contacts row id when not in the registry)' }),
  kind: Type.Enum(['case', 'contact'] as const),
  caseNumber: Type.Optional(Type.String()),
  label: Type.String({ description: 'the case number, or the contact’s masked name' }),
  classification: Type.Optional(Type.Enum(CLASSIFICATIONS)),
  reportedAt: Type.Optional(Timestamp),
  clusterId: Type.String({ description: 'for a contact of several cases, the cluster of the earliest of them' }),
  degree: Type.Optional(Type.Enum(DEGREES)),
});
export type ChainNode = Static<typeof ChainNode>;

export const ChainEdge = Type.Object({
  id: Type.String({ description: 'the link id, or the contacts row id' }),
  from: Type.String({ description: 'infector, or the contact' }),
  to: Type.String({ description: 'infectee, or the case the contact belongs to' }),
  kind: Type.Enum(['transmission', 'contact'] as const),
  status: Type.String({ description: 'a link’s suggested | confirmed | rejected; confirmed for a contact' }),
  evidence: Type.String(),
});

export const ChainCluster = Type.Object({
  id: Type.String({ description: 'the earliest case number of the cluster' }),
  size: Type.Integer(),
  cases: Type.Array(Type.String(), { description: 'case numbers, earliest first' }),
  firstReportedAt: Timestamp,
});

export const ChainGraph = Type.Object({
  since: DateOnly,
  until: DateOnly,
  nodes: Type.Array(ChainNode),
  edges: Type.Array(ChainEdge),
  clusters: Type.Array(ChainCluster),
  truncated: Type.Boolean({ description: 'true when the contacts were cut at the cap (the cases and links never are)' }),
});
export type ChainGraph = Static<typeof ChainGraph>;

export const LinkParams = Type.Object({ linkId: Uuid });

export const NewLink = Type.Object({
  infectorCaseId: Uuid,
  evidence: Type.String({ minLength: 1, maxLength: 1000, description: 'why this case infected the other (shared household, venue and time, sequencing…)' }),
});
export type NewLink = Static<typeof NewLink>;

export const LinkChange = Type.Object({
  status: Type.Enum(['confirmed', 'rejected'] as const),
  note: Type.Optional(Type.String({ maxLength: 500, description: 'kept as the audit row’s reason' })),
});
export type LinkChange = Static<typeof LinkChange>;

export const LinkView = Type.Object({
  id: Type.String(),
  infectorCaseId: Type.String(),
  infectorCaseNumber: Type.String(),
  infecteeCaseId: Type.String(),
  infecteeCaseNumber: Type.String(),
  status: Type.Enum(LINK_STATUSES),
  evidence: Type.String(),
  createdAt: Timestamp,
});
export type LinkView = Static<typeof LinkView>;
