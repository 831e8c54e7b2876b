import { Type, type Static } from 'typebox';

const Uuid = Type.String({ format: 'uuid' });
const DateOnly = Type.String({ format: 'date' });
const Hours = Type.Union([Type.Number(), Type.Null()]);

export const AGE_BUCKETS = ['<2h', '2-6h', '6-12h', '12-24h', '>24h'] as const;
export type AgeBucket = (typeof AGE_BUCKETS)[number];

export const IndicatorsQuery = Type.Object({
  day: Type.Optional(Type.String({ format: 'date', description: 'a city day (UTC+8); default today' })),
  jurisdictionId: Type.Optional(Uuid),
});

export const IndicatorsCsvQuery = Type.Object({
  from: Type.Optional(Type.String({ format: 'date', description: 'first city day; default 6 days before to' })),
  to: Type.Optional(Type.String({ format: 'date', description: 'last city day, inclusive; default today' })),
  jurisdictionId: Type.Optional(Uuid),
});

export const Clearance = Type.Object({
  reported: Type.Integer({ description: 'cases reported that day' }),
  investigated: Type.Integer({ description: 'of those, investigation started by the end of the day' }),
  contactsIdentified: Type.Integer({ description: 'of those, a first contact confirmed by the end of the day' }),
  contactsControlled: Type.Integer({ description: 'of those, every confirmed contact controlled by the end of the day' }),
  cleared: Type.Boolean({ description: 'every case of the day had its contacts controlled (日清零); true on a day without cases' }),
});
export type Clearance = Static<typeof Clearance>;

export const ClockStats = Type.Object({ n: Type.Integer({ description: 'cases that reached this step' }), median: Hours, p90: Hours });
export type ClockStats = Static<typeof ClockStats>;

export const Clocks = Type.Object(
  { toInvestigation: ClockStats, toContactsIdentified: ClockStats, toContactsControlled: ClockStats },
  { description: 'hours from the report, over the cases reported that day' },
);

export const ContactCounts = Type.Object({
  identifiedToday: Type.Integer({ description: 'contacts (candidates included) found that day' }),
  confirmedToday: Type.Integer({ description: 'contacts confirmed that day (still confirmed)' }),
  controlledToday: Type.Integer({ description: 'contacts put under a control measure that day' }),
  pendingHandover: Type.Integer({ description: 'control hand-overs created by the end of the day and still pending now' }),
});

export const Indicators = Type.Object({
  day: DateOnly,
  asOf: Type.String({ format: 'date-time', description: 'the instant `open` is counted at: the end of the day, or now for today' }),
  clearance: Clearance,
  clocks: Clocks,
  open: Type.Object({
    total: Type.Integer({ description: 'investigations opened and not closed at asOf' }),
    byAge: Type.Array(Type.Object({ bucket: Type.Enum(AGE_BUCKETS), count: Type.Integer() })),
  }),
  contacts: ContactCounts,
  days: Type.Array(Type.Object({ day: DateOnly, ...Clearance.properties }), { description: 'the 7 days ending with day, oldest first' }),
});
export type Indicators = Static<typeof Indicators>;
