import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { parse } from 'csv-parse';
import type { ImportSummary } from '../platform/csv-import.ts';
import { type Command, CliError, err, formatCount, out, parseCommandArgs, SERVER_HELP, SERVER_OPTIONS, serverLogin, UsageError } from './common.ts';
import { ApiClient } from './http-client.ts';
import { formatBytes, Progress } from './progress.ts';

const KINDS = {
  people: { path: '/api/people/import', columns: 'id_number,name,phone[,document_type,unit_code,address,residency,groups]' },
  jurisdictions: { path: '/api/jurisdictions/import', columns: 'code,name,level[,parent_code]' },
  venues: { path: '/api/venues/import', columns: 'code,name,type[,address,jurisdiction_code]' },
  scans: { path: '/api/venues/scans/import', columns: 'id_number,venue_code,scanned_at,event_id[,colour_shown]' },
  results: { path: '/api/lab/results/import', columns: 'barcode,result,tested_at[,ct_orf1ab,ct_n,lab]' },
} as const;
type Kind = keyof typeof KINDS;

const usage = `Usage: yipan import people|jurisdictions|venues|scans|results FILE.csv [options]

Streams a CSV file to the server's import and reports every rejected row.

  people         ${KINDS.people.columns}  (needs people:import)
  jurisdictions  ${KINDS.jurisdictions.columns}  (needs jurisdictions:write)
  venues         ${KINDS.venues.columns}  (needs venues:write)
  scans          ${KINDS.scans.columns}  (needs scans:write)
  results        ${KINDS.results.columns}  (needs results:write)

Rejected rows go to stderr as "line N, column C: reason"; the last line on stdout is
"imported N, updated U, rejected R". Importing the same file again updates, never duplicates
(for scans, "updated" counts events already recorded; they are left as they were; for lab
results, "updated" counts the same result sent again, and a conflict is a rejected row).

${SERVER_HELP}
  -q, --quiet            no progress bar

Exit status: 0 when the file was processed (even with rejected rows), 1 when the server
refused it (bad header, wrong password, no permission), 2 on a usage error.

Example:
  YIPAN_PASSWORD=... yipan import people residents.csv --server https://yipan.example --username grid01`;

function rejectionLine(r: { line: number | string; column: string | null; reason: string }): string {
  return r.column ? `line ${r.line}, column ${r.column}: ${r.reason}` : `line ${r.line}: ${r.reason}`;
}

async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs('import', args, { ...SERVER_OPTIONS, quiet: { type: 'boolean', short: 'q' } });
  if (values.help) {
    out(usage);
    return 0;
  }
  const [kind, file, ...extra] = positionals;
  if (!kind) throw new UsageError('say what to import: yipan import people|jurisdictions|venues|scans|results FILE.csv', 'import');
  if (!Object.hasOwn(KINDS, kind)) throw new UsageError(`unknown import "${kind}"; expected people, jurisdictions, venues or scans — or results for lab results`, 'import');
  if (!file) throw new UsageError(`missing the CSV file: yipan import ${kind} FILE.csv`, 'import');
  if (extra.length) throw new UsageError(`unexpected argument "${extra[0]}"`, 'import');
  const spec = KINDS[kind as Kind];

  const info = await stat(file).catch((e: NodeJS.ErrnoException) => {
    throw new CliError(`cannot read ${file}: ${e.code === 'ENOENT' ? 'no such file' : (e.code ?? e.message)}`);
  });
  if (!info.isFile()) throw new CliError(`cannot read ${file}: not a file`);

  const login = await serverLogin('import', values);
  const client = await ApiClient.signIn(login.server, login.username, login.password);

  const name = basename(file);
  const progress = new Progress({ label: `uploading ${name}`, total: info.size, unit: 'bytes', enabled: !values.quiet });
  const query = new URLSearchParams({ fileName: name.slice(0, 200) });
  let summary: ImportSummary;
  try {
    summary = await client.upload<ImportSummary>(`${spec.path}?${query}`, file, {
      contentType: 'text/csv',
      what: `import of ${name} failed`,
      onSent: (bytes, lines) => progress.update(bytes, Math.max(0, lines - 1)),
      onUploaded: () => progress.status(`${formatBytes(info.size)} sent; waiting for the server to finish…`),
    });
  } finally {
    progress.finish();
  }

  if (summary.rejectionsTruncated) {
    // The answer lists the first 1000; the server keeps them all.
    const rows = (await client.getStream(`/api/imports/${summary.id}/rejections.csv`, 'fetching the rejected rows failed')).pipe(parse({ bom: true, columns: true, skip_empty_lines: true }));
    for await (const r of rows as AsyncIterable<{ line: string; column: string; reason: string }>) {
      err(rejectionLine({ line: r.line, column: r.column || null, reason: r.reason }));
    }
  } else {
    // In line order, as the full list is: a row refused while writing is reported after later rows refused while reading.
    for (const r of [...summary.rejections].sort((a, b) => a.line - b.line)) err(rejectionLine(r));
  }
  if (!values.quiet) err(`${name}: ${formatCount(summary.processed)} rows processed in ${progress.elapsedSeconds().toFixed(1)} s (import ${summary.id})`);
  out(`imported ${summary.imported}, updated ${summary.updated}, rejected ${summary.rejected}`);
  return 0;
}

export const importCommand: Command = { name: 'import', summary: 'stream a people, jurisdictions, venues, scans or lab results CSV to a server', usage, run };
