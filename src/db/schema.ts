// Every module's tables, in one place for drizzle-kit and the typed query layer.
export * from '../modules/jurisdictions/jurisdictions.table.ts';
export * from '../modules/people/people.table.ts';
export * from '../modules/accounts/accounts.table.ts';
export * from '../modules/audit/audit.table.ts';
export * from '../modules/health-codes/health-codes.table.ts';
export * from '../modules/testing/testing.table.ts';
export * from '../modules/venues/venues.table.ts';
export * from '../modules/testing/sampling.table.ts';
export * from '../modules/testing/schedules/schedules.table.ts';
export * from '../modules/cases/cases.table.ts';
