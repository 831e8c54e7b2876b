import { Type, type Static } from 'typebox';
import { PERSON_GROUPS } from '../../people/phone.ts';
import { JurisdictionRef } from '../../jurisdictions/jurisdictions.schemas.ts';

export const SCHEDULE_KINDS = ['nat', 'antigen'] as const;
export const SCHEDULE_INTERVALS = [24, 48, 72] as const;

export const TestSchedule = Type.Object({
  id: Type.String(),
  group: Type.String(),
  kind: Type.Enum(SCHEDULE_KINDS),
  everyHours: Type.Integer(),
  jurisdiction: JurisdictionRef,
  active: Type.Boolean(),
  /** People currently yellow for having missed this schedule's test (as of the last hourly check). */
  missing: Type.Integer(),
  createdAt: Type.String(),
});
export type TestSchedule = Static<typeof TestSchedule>;

export const TestSchedulesQuery = Type.Object({
  active: Type.Optional(Type.Boolean({ description: 'only active (true) or inactive (false) schedules' })),
});
export type TestSchedulesQuery = Static<typeof TestSchedulesQuery>;

export const TestSchedulesList = Type.Object({ items: Type.Array(TestSchedule) });
export type TestSchedulesList = Static<typeof TestSchedulesList>;

export const NewTestSchedule = Type.Object(
  {
    group: Type.Enum(PERSON_GROUPS, { description: 'a person group (people.groups), e.g. key_industry' }),
    kind: Type.Enum(SCHEDULE_KINDS),
    everyHours: Type.Union(SCHEDULE_INTERVALS.map((n) => Type.Literal(n)), { description: '24, 48 or 72' }),
    jurisdictionCode: Type.Optional(Type.String({ pattern: '^\\d{6,23}$', description: 'the area it applies to; default: your own node' })),
  },
  { additionalProperties: false },
);
export type NewTestSchedule = Static<typeof NewTestSchedule>;
