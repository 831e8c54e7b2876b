import { type Command, openContext, out, parseCommandArgs, SERVER_HELP, SERVER_OPTIONS, serverLogin, UsageError } from './common.ts';
import { ApiClient } from './http-client.ts';

const usage = `Usage: yipan audit verify [options]

Checks the hash chain of the whole audit trail: every row must point at the hash of the one
before it and match its own hash.

Without --server it opens the configured database directly (YIPAN_DATA_DIR or DATABASE_URL,
as the server does). With the embedded database, stop the server first or use --server.
With --server it asks a running server (GET /api/audit/verify; needs audit:read).

${SERVER_HELP}

Prints "audit trail intact: N rows checked" (exit 0) or
"audit trail BROKEN at row ID: reason" (exit 1).`;

type Check = { ok: boolean; checked: number; brokenAtId?: number; reason?: string };

async function verifyDirect(): Promise<Check> {
  const [{ loadConfig }, { verifyAuditTrail }] = await Promise.all([import('../platform/config.ts'), import('../modules/audit/verify-audit.ts')]);
  const ctx = await openContext(loadConfig());
  try {
    return await verifyAuditTrail(ctx.db);
  } finally {
    await ctx.database.close();
  }
}

async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs('audit', args, SERVER_OPTIONS);
  if (values.help) {
    out(usage);
    return 0;
  }
  const [sub, ...extra] = positionals;
  if (sub !== 'verify') throw new UsageError(sub ? `unknown audit command "${sub}"; expected verify` : 'say what to do: yipan audit verify', 'audit');
  if (extra.length) throw new UsageError(`unexpected argument "${extra[0]}"`, 'audit');

  let check: Check;
  if (values.server || values.username) {
    const login = await serverLogin('audit', values);
    const client = await ApiClient.signIn(login.server, login.username, login.password);
    check = await client.getJson<Check>('/api/audit/verify', 'audit verification failed');
  } else {
    check = await verifyDirect();
  }
  if (check.ok) {
    out(`audit trail intact: ${check.checked} rows checked`);
    return 0;
  }
  out(`audit trail BROKEN at row ${check.brokenAtId}: ${check.reason}`);
  return 1;
}

export const auditCommand: Command = { name: 'audit', summary: 'verify the hash chain of the audit trail', usage, run };
