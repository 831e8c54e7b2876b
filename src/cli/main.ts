import { readFileSync } from 'node:fs';
import { adviseCommand } from './advise.ts';
import { auditCommand } from './audit.ts';
import { type Command, CliError, describeError, err, out, UsageError } from './common.ts';
import { demoCommand } from './demo.ts';
import { importCommand } from './import.ts';
import { migrateCommand } from './migrate.ts';
import { purgeCommand } from './purge.ts';
import { traceCommand } from './trace.ts';

const COMMANDS: Command[] = [importCommand, traceCommand, auditCommand, demoCommand, migrateCommand, purgeCommand, adviseCommand];

function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length), 4) + 2;
  return `Usage: yipan <command> [options]

Yipan (一盘棋) epidemic prevention-and-control platform: command line.

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}${c.summary}`).join('\n')}
  ${'help'.padEnd(width)}this overview, or a command's help: yipan help import

Every command takes --help. Commands that open the database use the same settings as the
server: YIPAN_DATA_DIR (embedded database, default ./data) or DATABASE_URL, YIPAN_SECRET_KEY.
Set YIPAN_DEBUG=1 to see stack traces.`;
}

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

function find(name: string): Command | undefined {
  return COMMANDS.find((c) => c.name === name);
}

/** Runs one command line; returns the exit code. Errors are reported here in one line. */
export async function main(argv: string[]): Promise<number> {
  const debug = process.env.YIPAN_DEBUG === '1';
  const [name, ...rest] = argv;
  try {
    if (!name) {
      err(overview());
      return 2;
    }
    if (name === 'help' || name === '--help' || name === '-h') {
      const topic = rest[0];
      if (!topic) {
        out(overview());
        return 0;
      }
      const command = find(topic);
      if (!command) throw new UsageError(`unknown command "${topic}"`);
      out(command.usage);
      return 0;
    }
    if (name === '--version' || name === '-v' || name === 'version') {
      out(version());
      return 0;
    }
    const command = find(name);
    if (!command) throw new UsageError(`unknown command "${name}"`);
    return await command.run(rest);
  } catch (e) {
    if (e instanceof UsageError) {
      err(`yipan: ${e.message} (see "yipan ${e.command ? `${e.command} --help` : 'help'}")`);
      if (debug) err(e.stack ?? '');
      return e.exitCode;
    }
    if (e instanceof CliError) {
      err(`yipan: ${e.message}`);
      if (debug) err(e.stack ?? '');
      return e.exitCode;
    }
    err(`yipan: ${describeError(e)}`);
    if (debug) err((e as Error)?.stack ?? String(e));
    return 1;
  }
}
