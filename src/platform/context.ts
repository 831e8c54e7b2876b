import type { Logger } from 'pino';
import type { Database, Db } from '../db/client.ts';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { PersonalDataKeys } from './crypto.ts';
import type { Notifier } from './notifier.ts';

/** What every use case may depend on; built once at start, replaced piecemeal in tests. */
export interface AppContext {
  config: Config;
  database: Database;
  db: Db;
  keys: PersonalDataKeys;
  clock: Clock;
  notifier: Notifier;
  log: Logger;
}
