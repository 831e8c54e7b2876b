import { resolve } from 'node:path';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  secretKey?: string;
  adminPassword?: string;
  logLevel: string;
  /** Secure cookies need HTTPS; on by default in production. */
  secureCookies: boolean;
  /** Generate the demo city when the database is empty. */
  demo: boolean;
  demoPopulation: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  const demoPopulation = Number(env.YIPAN_DEMO_POPULATION ?? 50_000);
  if (!Number.isInteger(demoPopulation) || demoPopulation < 100 || demoPopulation > 20_000_000) {
    throw new Error(`YIPAN_DEMO_POPULATION must be a whole number from 100 to 20000000, got "${env.YIPAN_DEMO_POPULATION}"`);
  }
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    dataDir: resolve(env.YIPAN_DATA_DIR ?? './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    secretKey: env.YIPAN_SECRET_KEY || undefined,
    adminPassword: env.YIPAN_ADMIN_PASSWORD || undefined,
    logLevel: env.LOG_LEVEL ?? 'info',
    secureCookies: env.YIPAN_SECURE_COOKIES ? env.YIPAN_SECURE_COOKIES === '1' : env.NODE_ENV === 'production',
    demo: env.YIPAN_DEMO !== '0',
    demoPopulation,
  };
}
