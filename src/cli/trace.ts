import { type Command, err, out, parseCommandArgs, positiveInteger, SERVER_HELP, SERVER_OPTIONS, serverLogin, UsageError } from './common.ts';
import { ApiClient } from './http-client.ts';

const usage = `Usage: yipan trace --id-number ID --since TIME --until TIME [options]

Co-location search (时空伴随) on a server: everyone scanned at the same venue within ± the window
of one of the person's own venue scans between --since and --until (needs cases:write). Prints
CSV to stdout, one line per pair of scans, along the person's visits:

  id_number,venue_code,case_scan_at,contact_scan_at      (times in UTC, ISO 8601)

ID numbers are masked unless --reveal is given.

  --id-number ID         the person's document number (sent in the request body, not the URL)
  --since TIME           start, ISO 8601 with an offset or Z: 2026-11-20T00:00:00+08:00
  --until TIME           end: after --since, at most 30 days later
  --window-minutes N     ± minutes around each of the person's scans, 1 to 240 (default 30)
  --reveal               full ID numbers of the contacts within your jurisdiction (needs
                         people:reveal); written to the audit trail with the reason
  --reason TEXT          why the numbers are revealed (required with --reveal)

${SERVER_HELP}

The number of co-locations goes to stderr. Exit status: 0 with the CSV (only the header when
nobody was there), 1 when the server refused (unknown person or outside your jurisdiction: 404;
no permission: 403), 2 on a usage error.

Example:
  YIPAN_PASSWORD=... yipan trace --id-number "$ID" \\
    --since 2026-11-18T00:00:00+08:00 --until 2026-11-24T00:00:00+08:00 \\
    --server https://yipan.example --username investigator01 > contacts.csv`;

/** An instant with its offset stated: a bare local time would be read in this machine's zone. */
function instant(name: string, raw: string | undefined): string {
  if (raw === undefined) throw new UsageError(`--${name} is required`, 'trace');
  const t = Date.parse(raw);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(raw.trim()) || Number.isNaN(t)) {
    throw new UsageError(`--${name} must be an ISO 8601 time with an offset, such as 2026-11-20T08:00:00+08:00, got "${raw}"`, 'trace');
  }
  return new Date(t).toISOString();
}

async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs('trace', args, {
    ...SERVER_OPTIONS,
    'id-number': { type: 'string' },
    since: { type: 'string' },
    until: { type: 'string' },
    'window-minutes': { type: 'string' },
    reveal: { type: 'boolean' },
    reason: { type: 'string' },
  });
  if (values.help) {
    out(usage);
    return 0;
  }
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`, 'trace');
  const idNumber = values['id-number']?.trim();
  if (!idNumber) throw new UsageError('--id-number is required', 'trace');
  const since = instant('since', values.since);
  const until = instant('until', values.until);
  const windowMinutes = positiveInteger('trace', 'window-minutes', values['window-minutes'], 30);
  if (windowMinutes > 240) throw new UsageError(`--window-minutes must be at most 240, got ${windowMinutes}`, 'trace');
  if (values.reason !== undefined && !values.reveal) throw new UsageError('--reason goes with --reveal', 'trace');
  if (values.reveal && !values.reason?.trim()) throw new UsageError('--reveal needs --reason TEXT (it is written to the audit trail)', 'trace');

  const login = await serverLogin('trace', values);
  const client = await ApiClient.signIn(login.server, login.username, login.password);
  const body = { idNumber, since, until, windowMinutes, ...(values.reveal ? { reveal: true, reason: values.reason } : {}) };
  const res = await client.postJson('/api/tracing/co-locations', body, { what: 'trace failed', accept: 'text/csv' });
  const csv = await res.text();
  process.stdout.write(csv);
  const rows = Math.max(0, csv.split('\n').filter((l) => l).length - 1);
  err(`${rows} co-location${rows === 1 ? '' : 's'}`);
  return 0;
}

/** `yipan trace`: listed in src/cli/main.ts's COMMANDS. */
export const traceCommand: Command = { name: 'trace', summary: 'co-location search for one person: CSV of who was at the same venues (server)', usage, run };
